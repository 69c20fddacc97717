"""Any list as .xlsx: a bold header row, real Excel dates shown dd/mm/yyyy (moments in Viet Nam
time), and a visible note when the list is cut at the row limit."""

import csv
import io
import shutil
import subprocess
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from congvu.documents.xlsx_export import Column, Sheet, workbook_bytes, xlsx_response


def read(data: bytes):
    return load_workbook(io.BytesIO(data))


def test_headers_are_bold_and_values_keep_their_types():
    rows = [(1, "Cấp phép xây dựng", date(2026, 3, 5), 2.5)]
    book = read(workbook_bytes([Sheet("Công việc", [Column("Số TT"), Column("Nội dung", 40), Column("Hạn"),
                                                   Column("Tỷ lệ")], rows)]))
    sheet = book["Công việc"]
    assert [c.value for c in sheet[1]] == ["Số TT", "Nội dung", "Hạn", "Tỷ lệ"]
    assert all(c.font.bold for c in sheet[1])
    assert [c.value for c in sheet[2]][:2] == [1, "Cấp phép xây dựng"] and sheet["D2"].value == 2.5
    assert sheet.column_dimensions["B"].width == 40
    assert sheet.freeze_panes == "A2"


def test_dates_are_real_excel_dates_shown_dd_mm_yyyy():
    sheet = read(workbook_bytes([Sheet("Hạn", [Column("Hạn")], [(date(2026, 3, 5),)])])).active
    cell = sheet["A2"]
    assert cell.is_date and cell.value == datetime(2026, 3, 5) and cell.number_format == "dd/mm/yyyy"


def test_moments_are_written_as_viet_nam_wall_time():
    moment = datetime(2026, 3, 4, 17, 30, tzinfo=UTC)  # 00:30 on 05/03 in Hà Nội
    cell = read(workbook_bytes([Sheet("Lúc", [Column("Lúc")], [(moment,)])])).active["A2"]
    assert cell.value == datetime(2026, 3, 5, 0, 30) and cell.number_format == "dd/mm/yyyy hh:mm"


def test_a_list_longer_than_the_limit_is_cut_with_a_note_saying_so():
    rows = ((n,) for n in range(10))
    sheet = read(workbook_bytes([Sheet("Dài", [Column("Số")], rows, truncated_note="Danh sách bị cắt")],
                                max_rows=3)).active
    assert [c.value for c in sheet["A"]] == ["Số", 0, 1, 2, "Danh sách bị cắt"]


def test_a_list_at_the_limit_is_not_marked_as_cut():
    sheet = read(workbook_bytes([Sheet("Đủ", [Column("Số")], [(1,), (2,)], truncated_note="cắt")],
                                max_rows=2)).active
    assert [c.value for c in sheet["A"]] == ["Số", 1, 2]


def test_several_tables_become_several_sheets_with_excel_safe_names():
    long_title = "Tổng hợp số liệu theo đơn vị của toàn tỉnh năm 2026"
    book = read(workbook_bytes([Sheet(long_title, [Column("A")], []), Sheet("Quá hạn", [Column("B")], [])]))
    assert book.sheetnames == [long_title[:31], "Quá hạn"]


def test_the_response_is_a_download_with_the_spreadsheet_type():
    response = xlsx_response("danh-sach.xlsx", [Sheet("A", [Column("A")], [])])
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="danh-sach.xlsx"'
    assert read(response.content).active["A1"].value == "A"


EVERY_KIND = (
    ("a text", "Cấp phép xây dựng & <nhà xưởng>", "s"),
    ("a formula-like text", "=1+1", "s"),
    ("a text starting with +", "+84 905 000 000", "s"),
    ("a text starting with -", "-5 ngày", "s"),
    ("a text starting with @", "@SUM(A1)", "s"),
    ("a text with control characters", "Hòa\x01 Hiệp\x1f", "s"),
    ("a text with line breaks and spaces", "  dòng 1\r\ndòng 2\t ", "s"),
    ("an Excel error code as text", "#N/A", "s"),
    ("an integer", 12345, "n"),
    ("a large integer", 2**53, "n"),
    ("a fraction", 12.5, "n"),
    ("a decimal", Decimal("33.33"), "n"),
    ("a boolean", True, "b"),
    ("a date", date(2026, 3, 5), "d"),
    ("a naive datetime", datetime(2026, 3, 5, 8, 15), "d"),
    ("an aware datetime", datetime(2026, 3, 4, 17, 30, tzinfo=UTC), "d"),
    ("nothing", None, "n"),
    ("an empty text", "", "n"),
)


def test_every_kind_of_value_reads_back_with_its_type_and_format():
    row = [value for _, value, _ in EVERY_KIND]
    sheet = read(workbook_bytes([Sheet("Giá trị", [Column(name) for name, _, _ in EVERY_KIND], [row])])).active
    cells = {name: cell for (name, _, _), cell in zip(EVERY_KIND, sheet[2], strict=False)}
    assert [c.value for c in sheet[1]] == [name for name, _, _ in EVERY_KIND]
    assert all(c.font.bold and c.alignment.wrap_text for c in sheet[1])
    assert {name: cells[name].data_type for name, _, _ in EVERY_KIND if name in cells} == {
        name: kind for name, _, kind in EVERY_KIND if name in cells}
    expected = {
        "a text": ("Cấp phép xây dựng & <nhà xưởng>", "General", False),
        "a formula-like text": ("=1+1", "General", True),
        "a text starting with +": ("+84 905 000 000", "General", True),
        "a text starting with -": ("-5 ngày", "General", True),
        "a text starting with @": ("@SUM(A1)", "General", True),
        "a text with control characters": ("Hòa Hiệp", "General", False),
        "a text with line breaks and spaces": ("  dòng 1\r\ndòng 2\t ", "General", False),
        "an Excel error code as text": ("#N/A", "General", False),
        "an integer": (12345, "General", False),
        "a large integer": (2**53, "General", False),
        "a fraction": (12.5, "General", False),
        "a decimal": (33.33, "General", False),
        "a boolean": (True, "General", False),
        "a date": (datetime(2026, 3, 5), "dd/mm/yyyy", False),
        "a naive datetime": (datetime(2026, 3, 5, 8, 15), "dd/mm/yyyy hh:mm", False),
        "an aware datetime": (datetime(2026, 3, 5, 0, 30), "dd/mm/yyyy hh:mm", False),
    }
    assert {name: (c.value, c.number_format, c.quotePrefix) for name, c in cells.items()
            if c.value is not None} == expected
    assert cells["nothing"].value is None and cells["an empty text"].value is None
    assert not any(c.font.bold for c in sheet[2])


def test_a_text_is_cut_at_excels_limit_and_the_rows_may_be_wider_than_the_header():
    sheet = read(workbook_bytes([Sheet("Dài", [Column("A")], [("x" * 40_000, 1, "=2")])])).active
    assert len(sheet["A2"].value) == 32_767
    assert sheet["B2"].value == 1 and sheet["C2"].value == "=2" and sheet["C2"].data_type == "s"


def test_a_formula_like_header_or_note_stays_bold_literal_text():
    book = read(workbook_bytes([Sheet("A", [Column("=SUM(1)")], [(1,), (2,)], truncated_note="-cắt")], max_rows=1))
    header, note = book.active["A1"], book.active["A3"]
    assert (header.value, header.data_type, header.font.bold, header.quotePrefix) == ("=SUM(1)", "s", True, True)
    assert (note.value, note.data_type, note.font.bold, note.quotePrefix) == ("-cắt", "s", True, True)


def test_repeated_sheet_titles_are_numbered_within_excels_31_characters():
    long_title = "Tổng hợp số liệu theo đơn vị của toàn tỉnh năm 2026"
    book = read(workbook_bytes([Sheet(long_title, [Column("A")], []), Sheet(long_title, [Column("A")], []),
                                Sheet("Quá hạn", [Column("A")], []), Sheet("QUÁ HẠN", [Column("A")], [])]))
    assert book.sheetnames == [long_title[:31], long_title[:30] + "1", "Quá hạn", "QUÁ HẠN1"]
    assert all(len(name) <= 31 for name in book.sheetnames)
    assert read(workbook_bytes([Sheet("", [Column("A")], []), Sheet("", [Column("A")], [])])).sheetnames == [
        "Sheet", "Sheet1"]


@pytest.mark.parametrize("title", ["Quý 1/2026", "Danh sách [cũ]", "Hỏi?", "a:b", "*", "a\\b"])
def test_a_title_excel_would_refuse_is_refused(title):
    with pytest.raises(ValueError):
        workbook_bytes([Sheet(title, [Column("A")], [])])


def test_a_value_with_no_excel_cell_is_refused():
    with pytest.raises(ValueError, match="Cannot convert"):
        workbook_bytes([Sheet("A", [Column("A")], [(object(),)])])


def test_several_sheets_keep_their_own_rows_widths_and_frozen_header():
    book = read(workbook_bytes([Sheet("Một", [Column("A", 40)], [(1,), (2,)]),
                                Sheet("Hai", [Column("B", 12), Column("C", 25)], [("x", date(2026, 1, 2))])]))
    first, second = book["Một"], book["Hai"]
    assert [c.value for c in first["A"]] == ["A", 1, 2] and first.column_dimensions["A"].width == 40
    assert [c.value for c in second[2]] == ["x", datetime(2026, 1, 2)]
    assert second.column_dimensions["B"].width == 25 and second.freeze_panes == "A2"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed here")
def test_libreoffice_opens_the_workbook_and_shows_dates_and_formula_like_text_as_written(tmp_path):
    rows = [(1, "=1+1", date(2026, 3, 5), datetime(2026, 3, 4, 17, 30, tzinfo=UTC), "+84 905", 2.5, None,
             "Hòa & <Hiệp>")]
    (tmp_path / "book.xlsx").write_bytes(workbook_bytes([Sheet("Quá hạn", [Column(h) for h in "ABCDEFGH"], rows)]))
    # Its own profile: a LibreOffice already running (another test run) would otherwise take the job.
    done = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                           "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path),
                           str(tmp_path / "book.xlsx")], capture_output=True, text=True, timeout=180)
    assert (tmp_path / "book.csv").exists(), (
        f"LibreOffice could not open the workbook (without Calc it opens no spreadsheet: apt-get install "
        f"libreoffice-calc-nogui): {done.stdout} {done.stderr}")
    lines = list(csv.reader(io.StringIO((tmp_path / "book.csv").read_text(encoding="utf-8"))))
    assert lines == [list("ABCDEFGH"), ["1", "=1+1", "05/03/2026", "05/03/2026 00:30", "+84 905", "2.5", "",
                                        "Hòa & <Hiệp>"]]
