"""Any list as an .xlsx workbook: a bold header row in the language of the report, real Excel dates
shown as dd/mm/yyyy (so the sheet sorts and filters by date), written in openpyxl's write-only mode
so that even the largest export allowed stays in bounded memory."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

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


def _cell(sheet, value: object, bold: bool = False) -> WriteOnlyCell:
    value = excel_value(value)
    cell = WriteOnlyCell(sheet, value=value)
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
