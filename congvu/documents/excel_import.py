"""Lists of assigned tasks handed to the clerk as Excel sheets: the template, and reading a filled one.

Reading checks every row and collects every problem (row number, column, message in Vietnamese and
English) before anything is registered: the import is all or nothing (see
`congvu.documents.actions.register_all`). No Django models are needed here; the matter types are
passed in by code, so the checks can be tested on their own.

Reading is bounded whatever the file claims: at most `CONGVU_IMPORT_MAX_ROWS` data rows (1000
unless configured), only the template's columns, and only so many blank rows are skipped."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeVar

from django.conf import settings
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from congvu.documents.xlsx_export import as_text
from congvu.lib.workdays import parse_vn_date

M = TypeVar("M")

MAX_FILE_BYTES = 5 * 1024 * 1024
# A small .xlsx can unpack to gigabytes (a "zip bomb"); a real list of 1000 tasks unpacks to a few MB.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
# Blank rows are skipped, but only this many per data row allowed: a sheet formatted down to row
# 1,048,576 is not read to the end.
SCANNED_ROWS_PER_ROW = 20
# The headings are looked for in this many columns of row 1 (the template has 7; a clerk may add
# a few of their own). A sheet whose used range reaches column XFD is not read 16,384 cells a row.
MAX_HEADER_COLUMNS = 64
DATA_SHEET = "Danh sách công việc"
CODES_SHEET = "Danh mục loại việc"
HELP_SHEET = "Hướng dẫn"


def max_rows() -> int:
    """How many data rows one file may hold (`CONGVU_IMPORT_MAX_ROWS`)."""
    return settings.CONGVU_IMPORT_MAX_ROWS


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the Vietnamese heading written in the template and looked for on upload
    header_en: str
    width: int
    max_length: int = 0  # the register's column size (congvu.work.models.IncomingDocument)
    required: bool = False


COLUMNS = (
    Column("subject", "Trích yếu / nội dung", "Subject / content", 60, 500, required=True),
    Column("sender", "Nơi gửi", "Sender", 32, 250, required=True),
    Column("notation", "Số ký hiệu", "Number and notation", 18, 80),
    Column("issued_on", "Ngày văn bản (dd/mm/yyyy)", "Date of the document (dd/mm/yyyy)", 16),
    Column("matter_code", "Mã loại việc", "Matter type code", 26, required=True),
    Column("reply_due", "Hạn trả lời (dd/mm/yyyy)", "Reply requested by (dd/mm/yyyy)", 16),
    Column("priority", "Độ khẩn", "Priority", 14),
)
BY_KEY = {column.key: column for column in COLUMNS}

# Độ khẩn as clerks write it → congvu.work.models.Priority values (spelled out to stay model-free). These
# words are the spreadsheet's vocabulary, fixed like its columns: not Priority's labels, which the
# interface's translation may reword without making last year's files unreadable.
PRIORITY_LABELS = {"Thường": "normal", "Khẩn": "urgent", "Thượng khẩn": "express", "Hỏa tốc": "flash"}
_PRIORITY_WORDS = {
    **PRIORITY_LABELS,
    "hoả tốc": "flash",  # the older placement of the tone mark, still common in Word and Excel files
    **{value: value for value in PRIORITY_LABELS.values()},
}
_PRIORITY_BY_WORD = {unicodedata.normalize("NFC", word).casefold(): value for word, value in _PRIORITY_WORDS.items()}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file (row 0) or with one cell of a row (`column` is its heading); a
    rule refusal at registration also carries its rule code and clause."""

    row: int
    column: str
    message_vi: str
    message_en: str
    code: str = ""
    clause: str = ""

    def message(self, language: str = "vi") -> str:
        return self.message_en if language.startswith("en") else self.message_vi


@dataclass(frozen=True)
class Row(Generic[M]):
    row: int
    subject: str
    sender: str
    notation: str
    issued_on: date | None
    matter_type: M
    reply_due: date | None
    priority: str


@dataclass(frozen=True)
class Reading(Generic[M]):
    rows: tuple[Row[M], ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


class FileRefused(Exception):  # noqa: N818 - the file as a whole, not a row, is refused
    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(message_vi)
        self.problem = Problem(0, "", message_vi, message_en)


# --- the template ------------------------------------------------------------------------------

def build_template(matter_types: Iterable[tuple[str, str, str, int]]) -> bytes:
    """The .xlsx a clerk fills in: the list sheet (headings, drop-downs), the matter type codes and
    instructions. `matter_types` are (code, name, field, legal time limit in working days)."""
    book = Workbook()
    sheet = book.active
    sheet.title = DATA_SHEET
    validated_rows = max_rows() + 1  # the rows that carry the drop-down lists: every data row allowed
    _write_headings(sheet, validated_rows)
    codes = book.create_sheet(CODES_SHEET)
    count = _write_codes(codes, matter_types)
    _add_lists(sheet, count, validated_rows)
    _write_help(book.create_sheet(HELP_SHEET))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_headings(sheet, validated_rows: int) -> None:
    bold, fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="8B1A1A")
    for index, column in enumerate(COLUMNS, 1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.key in ("notation", "issued_on", "reply_due"):
            # Text cells: "05/03/2026" and "05/CV-UBND" stay as typed instead of becoming dates or numbers.
            for row in range(2, validated_rows + 1):
                sheet.cell(row=row, column=index).number_format = "@"
    sheet.freeze_panes = "A2"


def _write_codes(sheet, matter_types: Iterable[tuple[str, str, str, int]]) -> int:
    sheet.append(["Mã loại việc", "Tên loại việc", "Lĩnh vực", "Thời hạn giải quyết (ngày làm việc)"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    count = 0
    for code, name, field, days in matter_types:
        count += 1
        # The registry's names are typed by administrators: written as literal text like any export.
        for column, text in enumerate((code, name, field), 1):
            as_text(sheet.cell(row=count + 1, column=column), text)
        sheet.cell(row=count + 1, column=4, value=days)
    for letter, width in zip("ABCD", (30, 60, 24, 18), strict=True):
        sheet.column_dimensions[letter].width = width
    return count


def _add_lists(sheet, code_count: int, validated_rows: int) -> None:
    codes_column = get_column_letter(COLUMNS.index(BY_KEY["matter_code"]) + 1)
    priority_column = get_column_letter(COLUMNS.index(BY_KEY["priority"]) + 1)
    codes = DataValidation(type="list", formula1=f"'{CODES_SHEET}'!$A$2:$A${max(code_count + 1, 2)}",
                           allow_blank=True, showErrorMessage=True, errorTitle="Mã loại việc",
                           error="Chọn một mã trong sheet «Danh mục loại việc».")
    priority = DataValidation(type="list", formula1='"' + ",".join(PRIORITY_LABELS) + '"', allow_blank=True,
                              showErrorMessage=True, errorTitle="Độ khẩn",
                              error="Chọn Thường, Khẩn, Thượng khẩn hoặc Hỏa tốc.")
    codes.add(f"{codes_column}2:{codes_column}{validated_rows}")
    priority.add(f"{priority_column}2:{priority_column}{validated_rows}")
    sheet.add_data_validation(codes)
    sheet.add_data_validation(priority)


def help_lines() -> tuple[str, ...]:
    return (
        "HƯỚNG DẪN NHẬP DANH SÁCH CÔNG VIỆC ĐƯỢC GIAO",
        "",
        "1. Mỗi dòng của sheet «Danh sách công việc» là một văn bản, một công việc; dòng 1 là tiêu đề, giữ nguyên.",
        "2. Trích yếu / nội dung: bắt buộc, tối đa 500 ký tự.",
        "3. Nơi gửi: bắt buộc, tối đa 250 ký tự (cơ quan, đơn vị giao việc).",
        "4. Số ký hiệu: không bắt buộc, tối đa 80 ký tự (ví dụ 123/UBND-KT).",
        "5. Ngày văn bản, Hạn trả lời: không bắt buộc, ghi theo dạng dd/mm/yyyy (ví dụ 05/03/2026).",
        "6. Mã loại việc: bắt buộc, chọn trong danh sách (xem sheet «Danh mục loại việc»); thời hạn giải quyết"
        " theo quy định được tính từ ngày vào sổ.",
        "7. Độ khẩn: Thường, Khẩn, Thượng khẩn hoặc Hỏa tốc; để trống là Thường.",
        f"8. Tối đa {max_rows()} dòng mỗi lần nhập; chỉ nhận tệp .xlsx.",
        "9. Nếu có dòng sai, không dòng nào được vào sổ: hệ thống báo lỗi theo từng dòng, sửa rồi tải lên lại.",
    )


def _write_help(sheet) -> None:
    for line in help_lines():
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.column_dimensions["A"].width = 120


# --- reading a filled sheet --------------------------------------------------------------------

def read(data: bytes, matter_types: Mapping[str, M], today: date) -> Reading[M]:
    """Every row of the list, checked; `matter_types` maps each known code to its matter type.
    Raises `FileRefused` when the file is not a usable .xlsx of the template."""
    sheet = _open_sheet(data)
    positions = _header_positions(_header_row(sheet))
    # Only the template's columns are read: without `max_col`, openpyxl pads every row to the
    # sheet's declared used range, 16,384 cells a row for a sheet formatted to column XFD.
    rows = sheet.iter_rows(min_row=2, max_col=max(positions.values()) + 1, values_only=True)
    checked: list[Row[M]] = []
    problems: list[Problem] = []
    known = {code.casefold(): matter for code, matter in matter_types.items()}
    for number, values in _data_rows(rows):
        cells = {key: (values[index] if index < len(values) else None) for key, index in positions.items()}
        row, row_problems = _check_row(number, cells, known, today)
        problems.extend(row_problems)
        if row is not None:
            checked.append(row)
    if not checked and not problems:
        problems.append(Problem(0, "", "Tệp không có dòng dữ liệu nào (từ dòng 2).",
                                "The file has no data rows (from row 2)."))
    return Reading(tuple(checked), tuple(problems))


def _open_sheet(data: bytes):
    if len(data) > MAX_FILE_BYTES:
        raise FileRefused("Tệp quá lớn (tối đa 5 MB).", "The file is too large (at most 5 MB).")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise FileRefused(
            "Tệp không phải bảng tính Excel .xlsx (tệp .xls, .csv hay .ods cần lưu lại dưới dạng .xlsx).",
            "The file is not an Excel .xlsx workbook (save .xls, .csv or .ods files as .xlsx first).",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        unpacked = 0
    if unpacked > MAX_UNPACKED_BYTES:
        raise FileRefused("Tệp Excel giải nén ra quá lớn (hơn 100 MB); hãy kiểm tra lại tệp.",
                          "The Excel file unpacks to more than 100 MB; check the file.")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise FileRefused("Không đọc được tệp Excel: tệp hỏng hoặc không phải .xlsx.",
                          "The Excel file cannot be read: it is damaged or not an .xlsx workbook.") from None
    return book[DATA_SHEET] if DATA_SHEET in book.sheetnames else book.worksheets[0]


# openpyxl parses a sheet lazily, row by row: XML it cannot parse (a control character such as
# "&#1;" in a cell, which XML 1.0 does not allow) surfaces while iterating, as a SyntaxError
# (ParseError) or a ValueError. It is the file's fault: refused like a damaged file, saying from
# which row on the sheet could not be read, not answered with a server error.
UNPARSABLE = (SyntaxError, ValueError)


def _header_row(sheet) -> tuple:
    try:
        return next(sheet.iter_rows(min_row=1, max_row=1, max_col=MAX_HEADER_COLUMNS, values_only=True), ())
    except UNPARSABLE:
        raise _unreadable_from(1) from None


def _unreadable_from(row: int) -> FileRefused:
    return FileRefused(
        f"Không đọc được tệp Excel từ dòng {row} trở đi: có ô chứa ký tự không hợp lệ (ký tự điều khiển ẩn, "
        "thường do dán từ chương trình khác) hoặc tệp bị hỏng. Hãy gõ lại nội dung các dòng đó.",
        f"The Excel file cannot be read from row {row} on: a cell holds an invalid (hidden control) "
        "character, often pasted from another program, or the file is damaged. Type those rows again.",
    )


def _header_positions(header: tuple) -> dict[str, int]:
    """Where each template column is, found by its heading (so reordered columns still work)."""
    found = {_fold(value): index for index, value in enumerate(header) if isinstance(value, str)}
    positions, missing = {}, []
    for column in COLUMNS:
        index = found.get(_fold(column.header))
        if index is None:
            missing.append(column)
        else:
            positions[column.key] = index
    if missing:
        raise FileRefused(
            "Tệp không đúng mẫu: dòng 1 thiếu cột " + ", ".join(f"«{c.header}»" for c in missing)
            + ". Hãy tải mẫu và nhập theo mẫu.",
            "The file does not follow the template: row 1 lacks the column(s) "
            + ", ".join(f"“{c.header}”" for c in missing) + ". Download the template and fill it in.",
        )
    return positions


def _data_rows(rows: Iterator[tuple]) -> Iterator[tuple[int, tuple]]:
    """(sheet row number, values) of each non-empty row; more than `max_rows()` is refused, and
    blank rows are skipped only up to row `SCANNED_ROWS_PER_ROW × max_rows()`."""
    limit = max_rows()
    count, number = 0, 1
    try:
        # The consumer's own exceptions are not thrown in here, only the reading's.
        for number, values in enumerate(rows, 2):
            if all(_blank(value) for value in values):
                if number > SCANNED_ROWS_PER_ROW * limit:
                    return
                continue
            count += 1
            if count > limit:
                raise FileRefused(f"Tệp có hơn {limit} dòng dữ liệu; hãy chia thành nhiều tệp.",
                                  f"The file has more than {limit} data rows; split it into several files.")
            yield number, values
    except UNPARSABLE:
        raise _unreadable_from(number + 1) from None


def _check_row(number: int, cells: dict, known: Mapping[str, M], today: date) -> tuple[Row[M] | None, list[Problem]]:
    problems: list[Problem] = []

    def problem(key: str, message_vi: str, message_en: str) -> None:
        problems.append(Problem(number, BY_KEY[key].header, message_vi, message_en))

    texts = {key: _text(cells.get(key)) for key in ("subject", "sender", "notation", "matter_code", "priority")}
    for key in ("subject", "sender", "notation"):
        _check_text(BY_KEY[key], texts[key], problem)
    dates = {key: _date(cells.get(key), key, problem) for key in ("issued_on", "reply_due")}
    matter = _matter(texts["matter_code"], known, problem)
    priority = _priority(texts["priority"], problem)
    issued_on, reply_due = dates["issued_on"], dates["reply_due"]
    if issued_on and issued_on > today:
        problem("issued_on", f"Ngày văn bản {issued_on:%d/%m/%Y} sau ngày hôm nay.",
                f"The document's date {issued_on:%d/%m/%Y} is after today.")
    if issued_on and reply_due and reply_due < issued_on:
        problem("reply_due", "Hạn trả lời trước ngày văn bản.", "The reply date is before the document's date.")
    if problems:
        return None, problems
    return Row(number, texts["subject"], texts["sender"], texts["notation"], issued_on, matter, reply_due,
               priority), []


def _check_text(column: Column, value: str, problem) -> None:
    if column.required and not value:
        problem(column.key, f"Thiếu {column.header.lower()}.", f"The {column.header_en.lower()} is missing.")
    elif column.max_length and len(value) > column.max_length:
        problem(column.key, f"Quá dài: {len(value)} ký tự, tối đa {column.max_length}.",
                f"Too long: {len(value)} characters, at most {column.max_length}.")


def _date(value: object, key: str, problem) -> date | None:
    """A date typed as dd/mm/yyyy text, or a date cell (Excel turns typed dates into dates)."""
    if _blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    try:
        return parse_vn_date(text)
    except ValueError:
        problem(key, f"Ngày «{text}» không hợp lệ: ghi theo dạng dd/mm/yyyy, là một ngày có thật (ví dụ 05/03/2026).",
                f"The date “{text}” is invalid: write a real date as dd/mm/yyyy (for example 05/03/2026).")
        return None


def _matter(code: str, known: Mapping[str, M], problem) -> M | None:
    if not code:
        problem("matter_code", "Thiếu mã loại việc.", "The matter type code is missing.")
        return None
    matter = known.get(code.casefold())
    if matter is None:
        problem("matter_code", f"Mã loại việc «{code}» không có trong danh mục.",
                f"The matter type code “{code}” is not in the registry.")
    return matter


def _priority(text: str, problem) -> str:
    if not text:
        return "normal"
    value = _PRIORITY_BY_WORD.get(unicodedata.normalize("NFC", text).casefold())
    if value is None:
        problem("priority", f"Độ khẩn «{text}» không hợp lệ: chọn Thường, Khẩn, Thượng khẩn hoặc Hỏa tốc.",
                f"The priority “{text}” is invalid: choose Thường, Khẩn, Thượng khẩn or Hỏa tốc.")
        return "normal"
    return value


def _text(value: object) -> str:
    if _blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a notation typed as a number: 123, not 123.0
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())
