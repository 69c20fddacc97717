"""Letters follow Decree 30/2020/NĐ-CP Appendix I: each test reads the .docx back and checks one rule."""

import ast
import dataclasses
import io
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from .. import letters
from ..letters import Letter, date_line, number_line, render_docx

TNR = "Times New Roman"

NOTICE = Letter(
    issuing_parent="UBND tỉnh Phú Yên",
    issuing_body="Sở Xây dựng",
    number=5,
    type_abbrev="TB",
    body_abbrev="SXD",
    place="Phú Yên",
    issued_on=date(2026, 3, 5),
    doc_type_title="THÔNG BÁO",
    subject="Về việc coi như đồng ý đối với hồ sơ xin ý kiến quá hạn",
    paragraphs=(
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
        "Quá thời hạn trả lời, Sở Tài chính không có ý kiến, được coi như đồng ý với nội dung xin ý kiến.",
    ),
    recipients=("Sở Tài chính;", "UBND tỉnh (b/c);", "Lưu: VT, QLN."),
    signature_prefix="KT.",
    signature_authority="Giám đốc",
    signature_title="Phó Giám đốc",
    signer_name="Nguyễn Văn An",
)

CONG_VAN = dataclasses.replace(
    NOTICE, number=12, type_abbrev=None, doc_type_title=None, subject="góp ý dự thảo quy hoạch"
)


def _open(letter: Letter = NOTICE):
    return docx.Document(io.BytesIO(render_docx(letter)))


def _paragraph(container, text: str):
    """The one paragraph in a table cell or document whose text is exactly `text`."""
    found = [p for p in container.paragraphs if p.text == text]
    assert len(found) == 1, f"{text!r} not found once in {[p.text for p in container.paragraphs]}"
    return found[0]


def _only_run(paragraph):
    assert len(paragraph.runs) == 1
    return paragraph.runs[0]


def _header(document):
    return document.tables[0]


def _signature_table(document):
    return document.tables[-1]


# --- the page -----------------------------------------------------------------------------


def test_page_is_a4_portrait():
    section = _open().sections[0]
    assert section.page_width.mm == pytest.approx(210, abs=0.1)
    assert section.page_height.mm == pytest.approx(297, abs=0.1)


@pytest.mark.parametrize(
    ("margin", "low", "high"),
    [("top_margin", 20, 25), ("bottom_margin", 20, 25), ("left_margin", 30, 35), ("right_margin", 15, 20)],
)
def test_each_margin_lies_within_the_decree_range(margin, low, high):
    assert low <= getattr(_open().sections[0], margin).mm <= high


def test_every_run_is_times_new_roman_in_every_script_slot():
    body = _open().element.body
    runs = list(body.iter(qn("w:r")))
    assert runs
    for run in runs:
        fonts = run.find(qn("w:rPr")).find(qn("w:rFonts"))
        # eastAsia too: Word uses that slot for some Vietnamese characters.
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            assert fonts.get(qn(slot)) == TNR, (slot, "".join(run.itertext()))


def test_document_defaults_are_times_new_roman_so_later_typing_is_too():
    defaults = _open().styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == TNR
    assert fonts.get(qn("w:eastAsia")) == TNR
    assert fonts.get(qn("w:asciiTheme")) is None  # a theme font would override the name


def test_the_file_is_a_valid_zip_holding_word_document_xml():
    data = render_docx(NOTICE)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert "word/document.xml" in archive.namelist()
        assert "Số: 05/TB-SXD" in archive.read("word/document.xml").decode("utf-8")


# --- the header ---------------------------------------------------------------------------


def test_header_and_signature_tables_have_no_borders():
    for table in _open().tables:
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}


def test_issuing_parent_is_13pt_regular_capitals_and_issuing_body_13pt_bold_capitals():
    left = _header(_open()).cell(0, 0)
    parent = _only_run(_paragraph(left, "UBND TỈNH PHÚ YÊN"))
    body = _only_run(_paragraph(left, "SỞ XÂY DỰNG"))
    assert parent.font.size == Pt(13) and not parent.font.bold
    assert body.font.size == Pt(13) and body.font.bold


def rule_after(cell, text: str):
    paragraphs = cell.paragraphs
    line = next(i for i, p in enumerate(paragraphs) if p.text == text)
    return paragraphs[line], paragraphs[line + 1]


def test_issuing_body_has_a_short_rule_under_it_and_its_whole_column_to_stand_in():
    body, rule = rule_after(_header(_open()).cell(0, 0), "SỞ XÂY DỰNG")
    assert rule.text == "" and rule._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:val")) == "single"
    assert rule.paragraph_format.left_indent > Mm(10)  # short: indented from both sides
    # The name itself is not indented: it must fit on one line of its column, not a word a line.
    assert not body.paragraph_format.left_indent and not body.paragraph_format.right_indent


def test_without_a_governing_body_the_issuing_body_opens_the_header():
    document = _open(dataclasses.replace(NOTICE, issuing_parent=""))
    assert _header(document).cell(0, 0).paragraphs[0].text == "SỞ XÂY DỰNG"


def test_national_title_is_12_to_13pt_bold_capitals_on_the_right():
    right = _header(_open()).cell(0, 1)
    title = _paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    run = _only_run(title)
    assert Pt(12) <= run.font.size <= Pt(13)
    assert run.font.bold and title.text.isupper()
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_motto_is_13_to_14pt_bold_with_a_solid_rule_under_it():
    motto = _paragraph(_header(_open()).cell(0, 1), "Độc lập - Tự do - Hạnh phúc")
    run = _only_run(motto)
    assert Pt(13) <= run.font.size <= Pt(14) and run.font.bold
    _, rule = rule_after(_header(_open()).cell(0, 1), "Độc lập - Tự do - Hạnh phúc")
    assert rule._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:val")) == "single"


def test_number_under_ten_is_written_with_a_leading_zero():
    number = _paragraph(_header(_open()).cell(1, 0), "Số: 05/TB-SXD")
    assert _only_run(number).font.size == Pt(13)


def test_cong_van_number_carries_no_type_abbreviation():
    cell = _header(_open(CONG_VAN)).cell(1, 0)
    assert cell.paragraphs[0].text == "Số: 12/SXD"


def test_cong_van_subject_sits_under_the_number_as_v_v_at_12pt():
    document = _open(CONG_VAN)
    cell = _header(document).cell(1, 0)
    assert cell.paragraphs[1].text == "V/v góp ý dự thảo quy hoạch"
    assert _only_run(cell.paragraphs[1]).font.size == Pt(12)
    # …and there is no centred type title in the body.
    assert not [p for p in document.paragraphs if p.text.isupper() and p.text.strip()]


def test_number_line_pads_only_numbers_under_ten():
    assert number_line(dataclasses.replace(NOTICE, number=9)) == "Số: 09/TB-SXD"
    assert number_line(dataclasses.replace(NOTICE, number=10)) == "Số: 10/TB-SXD"
    assert number_line(dataclasses.replace(NOTICE, number=123)) == "Số: 123/TB-SXD"


@pytest.mark.parametrize(
    ("issued_on", "expected"),
    [
        (date(2026, 3, 5), "Phú Yên, ngày 05 tháng 3 năm 2026"),  # day under 10 padded
        (date(2026, 1, 10), "Phú Yên, ngày 10 tháng 01 năm 2026"),  # month 1 padded
        (date(2026, 2, 1), "Phú Yên, ngày 01 tháng 02 năm 2026"),  # both padded
        (date(2026, 9, 9), "Phú Yên, ngày 09 tháng 9 năm 2026"),  # months 3–9 are not
        (date(2026, 11, 30), "Phú Yên, ngày 30 tháng 11 năm 2026"),
        (date(2026, 12, 25), "Phú Yên, ngày 25 tháng 12 năm 2026"),
    ],
)
def test_date_pads_days_under_ten_and_months_one_and_two_and_is_italic(issued_on, expected):
    letter = dataclasses.replace(NOTICE, issued_on=issued_on)
    assert date_line(letter) == expected
    run = _only_run(_paragraph(_header(_open(letter)).cell(1, 1), expected))
    assert run.font.italic and run.font.size == Pt(14)


# --- title, subject and body ----------------------------------------------------------------


def test_type_title_and_subject_are_centred_bold_14pt():
    document = _open()
    for text in ("THÔNG BÁO", NOTICE.subject):
        paragraph = _paragraph(document, text)
        run = _only_run(paragraph)
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert run.font.bold and run.font.size == Pt(14)


def test_body_paragraphs_are_justified_14pt_indented_and_spaced():
    document = _open()
    body = [p for p in document.paragraphs if p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY]
    assert [p.text for p in body] == list(NOTICE.paragraphs)
    for paragraph in body:
        fmt = paragraph.paragraph_format
        assert _only_run(paragraph).font.size == Pt(14)
        assert Cm(1) <= fmt.first_line_indent <= Cm(1.27)
        assert 1.0 <= fmt.line_spacing <= 1.5
        assert fmt.space_before >= Pt(6)


# --- recipients and signature ---------------------------------------------------------------


def test_noi_nhan_block_comes_last_at_the_bottom_left():
    document = _open()
    blocks = [child.tag for child in document.element.body if child.tag != qn("w:sectPr")]
    assert blocks[-1] == qn("w:tbl")  # nothing follows the signature table
    left = _signature_table(document).cell(0, 0)
    heading = left.paragraphs[0]
    run = _only_run(heading)
    assert heading.text == "Nơi nhận:" and heading.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert run.font.bold and run.font.italic and run.font.size == Pt(12)


def test_each_recipient_is_a_dashed_11pt_line():
    lines = _signature_table(_open()).cell(0, 0).paragraphs[1:]
    assert [p.text for p in lines] == ["- Sở Tài chính;", "- UBND tỉnh (b/c);", "- Lưu: VT, QLN."]
    assert all(_only_run(p).font.size == Pt(11) for p in lines)


def test_signature_block_is_centred_bold_14pt_with_prefix_authority_title_and_name():
    right = _signature_table(_open()).cell(0, 1)
    assert [p.text for p in right.paragraphs] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"]
    for paragraph in right.paragraphs:
        run = _only_run(paragraph)
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert run.font.bold and run.font.size == Pt(14)
    # Room for the hand signature and the seal above the name.
    assert right.paragraphs[-1].paragraph_format.space_before >= Pt(48)


def test_acting_signer_puts_the_prefix_on_the_title_itself():
    letter = dataclasses.replace(
        NOTICE, signature_prefix="Q.", signature_authority="", signature_title="Giám đốc"
    )
    assert _signature_table(_open(letter)).cell(0, 1).paragraphs[0].text == "Q. GIÁM ĐỐC"


COMMUNE_DEPUTY = dataclasses.replace(NOTICE, signature_prefix="TM.", signature_authority="Ủy ban nhân dân",
                                     signature_for_head="KT. Chủ tịch", signature_title="Phó Chủ tịch")


def test_a_collective_bodys_deputy_signs_for_the_body_and_for_its_head():
    """Decree 30, Appendix I: "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"."""
    letter = COMMUNE_DEPUTY
    texts = [p.text for p in _signature_table(_open(letter)).cell(0, 1).paragraphs]
    assert texts == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An"]
    with pytest.raises(ValueError, match="prefix"):
        dataclasses.replace(letter, signature_for_head="T/L Chủ tịch")


def test_signer_in_own_name_has_only_the_title():
    letter = dataclasses.replace(
        NOTICE, signature_prefix=None, signature_authority="", signature_title="Giám đốc"
    )
    texts = [p.text for p in _signature_table(_open(letter)).cell(0, 1).paragraphs]
    assert texts == ["GIÁM ĐỐC", "Nguyễn Văn An"]


# --- what the Decree does not allow -----------------------------------------------------------


def test_a_signature_prefix_outside_the_decree_is_refused():
    with pytest.raises(ValueError, match="prefix"):
        dataclasses.replace(NOTICE, signature_prefix="T/L")


def test_document_numbers_start_at_one():
    with pytest.raises(ValueError, match="start at 1"):
        dataclasses.replace(NOTICE, number=0)


def test_a_type_title_without_an_abbreviation_is_refused():
    with pytest.raises(ValueError, match="công văn"):
        dataclasses.replace(NOTICE, type_abbrev=None)


def test_the_generator_does_not_import_django():
    tree = ast.parse(Path(letters.__file__).read_text(encoding="utf-8"))
    modules = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    modules += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert not [name for name in modules if name.split(".")[0] == "django"]


def test_control_characters_stored_in_any_text_are_dropped_and_the_letter_still_renders():
    # python-docx refuses them; a consultation question holding one stopped the notice sweep.
    dirty = dataclasses.replace(
        NOTICE, subject="Về việc coi như đồng ý\x01", paragraphs=("Nội dung xin ý kiến\x1b[0m: chỉ tiêu\x0b đất.",),
        recipients=("Sở Tài chính;\x08",), signer_name="Nguyễn\x00 Văn An",
    )
    document = _open(dirty)
    texts = [p.text for p in document.paragraphs] + [
        p.text for table in document.tables for cell in table._cells for p in cell.paragraphs]
    assert "Về việc coi như đồng ý" in texts and "Nội dung xin ý kiến[0m: chỉ tiêu đất." in texts
    assert "- Sở Tài chính;" in texts and "Nguyễn Văn An" in texts
