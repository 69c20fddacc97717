"""Excel lists of assigned tasks: the template a clerk fills in, row-by-row checks that say which row,
which column and what is wrong, and registration of the whole list in one transaction or not at all."""

import io
import re
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from congvu.documents.actions import Registration, RowRefused, register_all
from congvu.documents.excel_import import (
    CODES_SHEET,
    COLUMNS,
    DATA_SHEET,
    HELP_SHEET,
    MAX_HEADER_COLUMNS,
    FileRefused,
    build_template,
    max_rows,
    read,
)
from congvu.work.models import IncomingDocument, Priority, WorkItem

TODAY = date(2026, 3, 3)
MATTERS = {"cap-phep-xay-dung": "PERMIT", "phe-duyet-quy-hoach": "PLANNING"}
DATE_HINT = "ghi theo dạng dd/mm/yyyy, là một ngày có thật (ví dụ 05/03/2026)."
GOOD_ROW = ("Báo cáo tình hình cấp phép xây dựng quý I", "Văn phòng UBND tỉnh", "125/VP-KT", "02/03/2026",
            "cap-phep-xay-dung", "16/03/2026", "Khẩn")


def template() -> bytes:
    return build_template([("cap-phep-xay-dung", "Cấp giấy phép xây dựng", "Xây dựng", 20),
                           ("phe-duyet-quy-hoach", "Phê duyệt quy hoạch chi tiết 1/500", "Xây dựng", 25)])


def filled(*rows: tuple, base: bytes | None = None) -> bytes:
    """The template (or `base`) with `rows` typed in from row 2, as a clerk would."""
    book = load_workbook(io.BytesIO(base or template()))
    sheet = book[DATA_SHEET]
    for number, values in enumerate(rows, 2):
        for column, value in enumerate(values, 1):
            sheet.cell(row=number, column=column, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def problems_of(data: bytes) -> list[tuple[int, str, str]]:
    return [(p.row, p.column, p.message_vi) for p in read(data, MATTERS, TODAY).problems]


def test_the_template_has_the_vietnamese_headings_the_codes_and_the_instructions():
    book = load_workbook(io.BytesIO(template()))
    assert book.sheetnames == [DATA_SHEET, CODES_SHEET, HELP_SHEET]
    headings = [cell.value for cell in book[DATA_SHEET][1]]
    assert headings == ["Trích yếu / nội dung", "Nơi gửi", "Số ký hiệu", "Ngày văn bản (dd/mm/yyyy)",
                        "Mã loại việc", "Hạn trả lời (dd/mm/yyyy)", "Độ khẩn"]
    assert [row[0].value for row in book[CODES_SHEET].iter_rows(min_row=2)] == [
        "cap-phep-xay-dung", "phe-duyet-quy-hoach"]
    assert "HƯỚNG DẪN" in book[HELP_SHEET]["A1"].value


def test_the_template_offers_drop_down_lists_for_matter_type_codes_and_priority():
    validations = load_workbook(io.BytesIO(template()))[DATA_SHEET].data_validations.dataValidation
    by_range = {str(v.sqref): v.formula1 for v in validations}
    assert by_range[f"E2:E{max_rows() + 1}"] == f"'{CODES_SHEET}'!$A$2:$A$3"
    assert by_range[f"G2:G{max_rows() + 1}"] == '"Thường,Khẩn,Thượng khẩn,Hỏa tốc"'


def test_a_filled_template_reads_back_row_by_row():
    second_row = ("Góp ý quy hoạch khu dân cư Hòa Vinh", "Sở Tài chính", "", "", "phe-duyet-quy-hoach", "", "")
    reading = read(filled(GOOD_ROW, second_row), MATTERS, TODAY)
    assert reading.ok
    first, second = reading.rows
    assert (first.row, first.subject, first.sender, first.notation) == (
        2, "Báo cáo tình hình cấp phép xây dựng quý I", "Văn phòng UBND tỉnh", "125/VP-KT")
    assert (first.issued_on, first.reply_due, first.matter_type, first.priority) == (
        date(2026, 3, 2), date(2026, 3, 16), "PERMIT", Priority.URGENT)
    assert (second.row, second.issued_on, second.reply_due, second.priority) == (3, None, None, Priority.NORMAL)


def test_dates_excel_turned_into_date_cells_are_accepted():
    row = list(GOOD_ROW)
    row[3], row[5] = datetime(2026, 3, 2), datetime(2026, 3, 20)
    (read_row,) = read(filled(tuple(row)), MATTERS, TODAY).rows
    assert (read_row.issued_on, read_row.reply_due) == (date(2026, 3, 2), date(2026, 3, 20))


@pytest.mark.parametrize(("written", "priority"), [
    ("Hỏa tốc", Priority.FLASH), ("hoả tốc", Priority.FLASH), ("THƯỢNG KHẨN", Priority.EXPRESS), ("", Priority.NORMAL),
])
def test_priority_is_read_however_the_clerk_typed_the_tone_marks_or_capitals(written, priority):
    (row,) = read(filled(GOOD_ROW[:6] + (written,)), MATTERS, TODAY).rows
    assert row.priority == priority


def test_every_problem_is_reported_with_its_row_and_column_and_nothing_is_kept():
    data = filled(
        GOOD_ROW,
        ("", "Sở Tài chính", "", "", "cap-phep-xay-dung", "", ""),
        ("Kiểm tra công trình", "Sở Tài chính", "", "31/02/2026", "khong-co-ma-nay", "ngày mai", "Rất gấp"),
        ("x" * 501, "Sở Tài chính", "", "", "", "", ""),
    )
    reading = read(data, MATTERS, TODAY)
    assert not reading.ok and len(reading.rows) == 1  # the good row is read but nothing will be registered
    assert problems_of(data) == [
        (3, "Trích yếu / nội dung", "Thiếu trích yếu / nội dung."),
        (4, "Ngày văn bản (dd/mm/yyyy)", f"Ngày «31/02/2026» không hợp lệ: {DATE_HINT}"),
        (4, "Hạn trả lời (dd/mm/yyyy)", f"Ngày «ngày mai» không hợp lệ: {DATE_HINT}"),
        (4, "Mã loại việc", "Mã loại việc «khong-co-ma-nay» không có trong danh mục."),
        (4, "Độ khẩn", "Độ khẩn «Rất gấp» không hợp lệ: chọn Thường, Khẩn, Thượng khẩn hoặc Hỏa tốc."),
        (5, "Trích yếu / nội dung", "Quá dài: 501 ký tự, tối đa 500."),
        (5, "Mã loại việc", "Thiếu mã loại việc."),
    ]


def test_a_reply_date_before_the_document_or_a_document_dated_after_today_is_refused():
    data = filled(GOOD_ROW[:3] + ("05/03/2026", "cap-phep-xay-dung", "04/03/2026", ""))
    assert problems_of(data) == [
        (2, "Ngày văn bản (dd/mm/yyyy)", "Ngày văn bản 05/03/2026 sau ngày hôm nay."),
        (2, "Hạn trả lời (dd/mm/yyyy)", "Hạn trả lời trước ngày văn bản."),
    ]


def test_empty_rows_between_tasks_are_skipped_and_row_numbers_stay_the_sheets():
    (row,) = read(filled((None,) * 7, (None,) * 7, GOOD_ROW), MATTERS, TODAY).rows
    assert row.row == 4


def test_a_sheet_without_data_rows_is_refused():
    assert problems_of(template()) == [(0, "", "Tệp không có dòng dữ liệu nào (từ dòng 2).")]


def test_columns_are_found_by_their_headings_even_when_reordered():
    book = Workbook()
    sheet = book.active
    order = list(reversed(COLUMNS))
    sheet.append([column.header for column in order])
    sheet.append(list(reversed(GOOD_ROW)))
    buffer = io.BytesIO()
    book.save(buffer)
    (row,) = read(buffer.getvalue(), MATTERS, TODAY).rows
    assert row.subject == GOOD_ROW[0] and row.matter_type == "PERMIT"


def test_a_sheet_not_made_from_the_template_is_refused_naming_the_missing_columns():
    book = Workbook()
    book.active.append(["Trích yếu", "Nơi gửi"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(FileRefused) as refused:
        read(buffer.getvalue(), MATTERS, TODAY)
    assert "Tệp không đúng mẫu" in refused.value.problem.message_vi
    message = refused.value.problem.message_vi
    assert "«Trích yếu / nội dung»" in message and "«Độ khẩn»" in message


@pytest.mark.parametrize("data", [b"Trich yeu;Noi gui\nabc;def\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old .xls", b""])
def test_a_file_that_is_not_xlsx_is_refused_clearly(data):
    with pytest.raises(FileRefused) as refused:
        read(data, MATTERS, TODAY)
    assert "không phải bảng tính Excel .xlsx" in refused.value.problem.message_vi


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    with pytest.raises(FileRefused, match="Không đọc được tệp Excel"):
        read(buffer.getvalue(), MATTERS, TODAY)


def test_a_workbook_that_unpacks_to_far_more_than_a_task_list_is_refused(monkeypatch):
    monkeypatch.setattr("congvu.documents.excel_import.MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(FileRefused, match="giải nén ra quá lớn"):
        read(filled(GOOD_ROW), MATTERS, TODAY)


def test_more_than_1000_rows_is_refused():
    book = Workbook(write_only=True)
    sheet = book.create_sheet(DATA_SHEET)
    sheet.append([column.header for column in COLUMNS])
    for _ in range(max_rows() + 1):
        sheet.append(GOOD_ROW)
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(FileRefused, match="hơn 1000 dòng"):
        read(buffer.getvalue(), MATTERS, TODAY)


# --- registering the whole list: one transaction -------------------------------------------------

def registrations(p, count: int) -> list[Registration]:
    return [Registration(row=n + 2, matter_type=p.building_permit, sender="Văn phòng UBND tỉnh",
                         subject=f"Nhiệm vụ số {n + 1}", notation=f"{n + 1}/VP-KT") for n in range(count)]


@pytest.mark.django_db
def test_a_valid_list_registers_every_row_with_consecutive_incoming_numbers(province, at_morning):
    items = register_all(actor=province.construction_clerk, unit=province.construction,
                         registrations=registrations(province, 3))
    assert [item.incoming.incoming_number for item in items] == [1, 2, 3]
    assert [item.title for item in items] == ["Nhiệm vụ số 1", "Nhiệm vụ số 2", "Nhiệm vụ số 3"]
    assert all(item.holder == province.construction_head for item in items)


@pytest.mark.django_db
def test_a_refusal_at_row_k_rolls_back_every_row_and_names_row_k(province, at_morning):
    rows = registrations(province, 4)
    rows[2] = Registration(row=4, matter_type=province.building_permit, sender="Văn phòng UBND tỉnh", subject="  ")
    with pytest.raises(RowRefused) as refused:
        register_all(actor=province.construction_clerk, unit=province.construction, registrations=rows)
    assert refused.value.row == 4 and refused.value.code == "INVALID-INPUT"
    assert "trích yếu" in refused.value.message_vi
    assert IncomingDocument.objects.count() == 0 and WorkItem.objects.count() == 0


@pytest.mark.django_db
def test_an_official_who_may_not_register_for_the_unit_is_refused_at_the_first_row(province, at_morning):
    with pytest.raises(RowRefused) as refused:
        register_all(actor=province.construction_officer, unit=province.construction,
                     registrations=registrations(province, 2))
    assert refused.value.row == 2 and refused.value.code == "ACCESS-DENIED"
    assert WorkItem.objects.count() == 0


@pytest.mark.django_db
def test_a_row_whose_text_holds_a_control_character_is_refused_at_its_row_naming_the_field(
        province, at_morning):
    rows = registrations(province, 3)
    rows[1] = Registration(row=3, matter_type=province.building_permit, sender="Văn phòng\x1b UBND tỉnh",
                           subject="Nhiệm vụ số 2")
    with pytest.raises(RowRefused) as refused:
        register_all(actor=province.construction_clerk, unit=province.construction, registrations=rows)
    assert refused.value.row == 3 and "“nơi gửi”" in refused.value.message_vi
    assert WorkItem.objects.count() == 0


# --- text and bounds: a sheet is literal text, and reading it is bounded whatever it claims ---------

def test_the_template_writes_registry_names_as_literal_text():
    matters = [("=cmd|' /C calc'!A0", "@SUM(1+1) Cấp phép\x01", "-Xây dựng", 20)]
    book = load_workbook(io.BytesIO(build_template(matters)))
    code, name, field, days = book[CODES_SHEET][2]
    assert [c.data_type for c in (code, name, field)] == ["s", "s", "s"]
    assert (code.value, name.value, field.value, days.value) == ("=cmd|' /C calc'!A0", "@SUM(1+1) Cấp phép",
                                                                 "-Xây dựng", 20)


def test_the_row_limit_is_a_setting_and_the_template_says_it(settings):
    settings.CONGVU_IMPORT_MAX_ROWS = 3
    with pytest.raises(FileRefused, match="hơn 3 dòng"):
        read(filled(*[GOOD_ROW] * 4), MATTERS, TODAY)
    assert read(filled(*[GOOD_ROW] * 3), MATTERS, TODAY).ok
    book = load_workbook(io.BytesIO(template()))
    assert any("Tối đa 3 dòng" in (row[0].value or "") for row in book[HELP_SHEET].iter_rows())
    assert {str(v.sqref) for v in book[DATA_SHEET].data_validations.dataValidation} == {"E2:E4", "G2:G4"}


def rewritten(data: bytes, part: str, pattern: bytes, new: bytes) -> bytes:
    """`data` with `pattern` replaced by `new` in one part of the .xlsx package, as another program might write it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry.filename)
            target.writestr(entry, re.sub(pattern, new, content) if entry.filename == part else content)
    return out.getvalue()


def test_a_sheet_whose_used_range_reaches_column_xfd_is_read_over_the_template_columns_only(monkeypatch):
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    # 2,000 rows formatted across the sheet, as a clerk's "format the whole sheet" leaves it.
    book = load_workbook(io.BytesIO(template()))
    sheet = book[DATA_SHEET]
    for column, value in enumerate(GOOD_ROW, 1):
        sheet.cell(row=2, column=column, value=value)
    for row in range(3, 2000):
        sheet.cell(row=row, column=1).number_format = "@"
    buffer = io.BytesIO()
    book.save(buffer)
    data = rewritten(buffer.getvalue(), "xl/worksheets/sheet1.xml", rb'<dimension ref="[A-Z0-9:]+"/>',
                     b'<dimension ref="A1:XFD1048576"/>')
    assert data != buffer.getvalue()
    materialised = []
    original = ReadOnlyWorksheet._get_row

    def counting(self, *args, **kwargs):
        row = original(self, *args, **kwargs)
        materialised.append(len(row))
        return row

    monkeypatch.setattr(ReadOnlyWorksheet, "_get_row", counting)
    reading = read(data, MATTERS, TODAY)
    assert reading.ok and len(reading.rows) == 1
    header, *rows = materialised  # cells per row read, not 16,384
    assert header == MAX_HEADER_COLUMNS and set(rows) == {len(COLUMNS)} and len(rows) < 2000


def test_a_cell_holding_a_control_character_refuses_the_file_saying_from_which_row(settings):
    data = filled(GOOD_ROW, GOOD_ROW, ("Trích yếu PLACEHOLDER",) + GOOD_ROW[1:])
    # XML 1.0 allows no control character, not even written as a character reference.
    data = rewritten(data, "xl/worksheets/sheet1.xml", b"PLACEHOLDER", b"&#1;")
    with pytest.raises(FileRefused) as refused:
        read(data, MATTERS, TODAY)
    assert "từ dòng 4 trở đi" in refused.value.problem.message_vi
    assert "ký tự điều khiển" in refused.value.problem.message_vi
