"""Any list as .xlsx: a bold header row, real Excel dates shown dd/mm/yyyy (moments in Viet Nam
time), and a visible note when the list is cut at the row limit."""

import io
from datetime import UTC, date, datetime

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
