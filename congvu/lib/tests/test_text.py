"""The one definition of the control characters refused at entry and removed by the writers."""

import pytest

from congvu.lib.refusals import InvalidInput
from congvu.lib.text import check_clean, csv_cell, has_control_chars, printable


def test_tab_line_feed_and_carriage_return_are_text_every_other_c0_character_is_not():
    controls = [chr(code) for code in range(32) if chr(code) not in "\t\n\r"]
    assert all(has_control_chars(f"a{c}b") for c in controls)
    assert not has_control_chars("Trích yếu\tsố 12\r\ndòng hai \x7f")
    assert printable("".join(controls) + "Sở\tXây dựng\n") == "Sở\tXây dựng\n"


def test_check_clean_names_the_field_in_both_languages():
    assert check_clean("Sở Xây dựng", "nơi gửi", "sender") == "Sở Xây dựng"
    with pytest.raises(InvalidInput) as refused:
        check_clean("Sở\x1bXây dựng", "nơi gửi", "sender")
    assert "“nơi gửi”" in refused.value.message_vi and "“sender”" in refused.value.message_en


@pytest.mark.parametrize(("value", "written"), [
    ("=SUM(A1:A9)", "'=SUM(A1:A9)"), ("+84 912", "'+84 912"), ("-Sở Xây dựng", "'-Sở Xây dựng"),
    ("@cmd", "'@cmd"), ("\x01=1+1", "'=1+1"), ("Sở Tài chính", "Sở Tài chính"), (12, 12), (97.5, 97.5),
])
def test_a_csv_cell_never_starts_a_formula_and_numbers_stay_numbers(value, written):
    assert csv_cell(value) == written
