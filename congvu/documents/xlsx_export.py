"""Any list as an .xlsx workbook: a bold header row in the language of the report, real Excel dates
shown as dd/mm/yyyy (so the sheet sorts and filters by date), every text as literal text (`as_text`),
written in openpyxl's write-only mode so that even the largest export allowed stays in bounded memory."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from congvu.lib.text import FORMULA_STARTS, printable
from congvu.lib.workdays import TZ

MAX_ROWS = 50_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"


@dataclass(frozen=True)
class Column:
    header: str
    width: int = 18


@dataclass(frozen=True)
class Sheet:
    """One table of a report. `rows` may be a lazy iterator: it is read once, up to `MAX_ROWS` rows."""

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[object]]
    truncated_note: str = "…"


def excel_value(value: object) -> object:
    """Excel has no time zones: an aware moment is written as the local (Viet Nam) wall time."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(TZ).replace(tzinfo=None)
    return value


def as_text(cell: Cell, value: str) -> Cell:
    """Put `value` in `cell` as literal text, whatever it starts with.

    Text reaches the sheets from officials and from other provinces' edXML messages (a sender,
    a notation, a subject), so it is never trusted to be harmless:
    - C0 control characters are removed (openpyxl refuses them, and one in a subject made every
      export of the item fail); they are refused at entry, this covers rows from before that.
    - openpyxl stores any string starting with "=" as a formula. Setting the data type to "s"
      after the value stores it as an inline string instead (`t="inlineStr"`): Excel and
      LibreOffice read that as text and never evaluate it, and the text stays exactly as typed,
      which a leading apostrophe would not. Strings starting with "+", "-" or "@" are already
      stored as text by openpyxl; the cell is marked "quotePrefix" for all of `FORMULA_STARTS`,
      so that a user who edits the cell in Excel keeps it as text too."""
    cell.value = printable(value)
    cell.data_type = "s"
    if cell.value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


def _cell(sheet, value: object, bold: bool = False) -> WriteOnlyCell:
    value = excel_value(value)
    cell = WriteOnlyCell(sheet, value=None)
    if isinstance(value, str):
        as_text(cell, value)
    else:
        cell.value = value
    if isinstance(value, datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    if bold:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _write_sheet(workbook: Workbook, spec: Sheet, max_rows: int) -> int:
    sheet = workbook.create_sheet(title=spec.title[:31])  # Excel's limit on a sheet name
    for index, column in enumerate(spec.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.append([_cell(sheet, column.header, bold=True) for column in spec.columns])
    written = 0
    for row in spec.rows:
        if written == max_rows:
            # Say so in the sheet itself: a silently cut list would read as the whole truth.
            sheet.append([_cell(sheet, spec.truncated_note, bold=True)])
            break
        sheet.append([_cell(sheet, value) for value in row])
        written += 1
    return written


def workbook_bytes(sheets: Sequence[Sheet], max_rows: int = MAX_ROWS) -> bytes:
    workbook = Workbook(write_only=True)
    for spec in sheets:
        _write_sheet(workbook, spec, max_rows)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, sheets: Sequence[Sheet], max_rows: int = MAX_ROWS) -> HttpResponse:
    """A download of the sheets; `filename` must be plain ASCII (e.g. "danh-sach-cong-viec.xlsx")."""
    response = HttpResponse(workbook_bytes(sheets, max_rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
