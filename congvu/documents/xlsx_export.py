"""Any list as an .xlsx workbook: a bold header row in the language of the report, real Excel dates
shown as dd/mm/yyyy (so the sheet sorts and filters by date), every text as literal text.

The workbook is written by hand, not through openpyxl: writing a sheet of 50,000 rows (`MAX_ROWS`)
of the overdue list took ~3.5 s of CPU in openpyxl's write-only mode (one Python object and one
style lookup a cell), ~0.35 s here: each row is one string, each cell built by the writer of its
value's kind from precomputed pieces, streamed and deflated into the zip, so memory stays bounded
by the compressed file. The parts are the fewest a spreadsheet program needs
([Content_Types].xml, the relationships, workbook.xml, styles.xml and one worksheet per `Sheet`);
the cells are those openpyxl wrote (inline strings, numbers, dates as serial numbers with a style),
so Excel, LibreOffice and openpyxl read the file as before."""

import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from math import isfinite
from xml.sax.saxutils import quoteattr

from django.http import HttpResponse
from openpyxl.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from congvu.lib.text import CONTROL_CHARS, FORMULA_STARTS, printable
from congvu.lib.workdays import TZ

MAX_ROWS = 50_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
MAX_TEXT = 32_767  # Excel's limit on a cell's text (openpyxl cut longer texts there too)
MAX_TITLE = 31  # Excel's limit on a sheet name
# zlib's level 2, measured on 50,000 rows of the overdue sheet (issue 13): 0.35 s of CPU and 3.4 MB,
# against 0.30 s and 21 MB stored, 0.34 s and 3.6 MB at level 1, 0.41 s and 3.2 MB at 3, 0.57 s and
# 2.9 MB at zlib's default 6 (openpyxl's file was 3.0 MB); building the XML is most of the rest.
COMPRESSLEVEL = 2


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
    """Put `value` in an openpyxl `cell` as literal text, whatever it starts with (the import's
    error report, congvu.documents.excel_import; the exports write the same cells by hand, `_text`).

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


# The cell formats of styles.xml, by their index in <cellXfs>.
PLAIN, HEADER, DATE_STYLE, DATETIME_STYLE, LITERAL, HEADER_LITERAL = range(6)
STYLES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    f'<numFmts count="2"><numFmt numFmtId="164" formatCode="{DATE_FORMAT}"/>'
    f'<numFmt numFmtId="165" formatCode="{DATETIME_FORMAT}"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>'
    '<font><b val="1"/><sz val="11"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>'
    '<fills count="2"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="6">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1" quotePrefix="1">'
    '<alignment vertical="top" wrapText="1"/></xf>'
    '</cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>'
)

# Anything in a text that cannot go into the XML as it is: a C0 control character (removed) or a
# character XML escapes ("\r" too: a parser would read a raw one as a line feed).
NEEDS_CARE = re.compile(f"{CONTROL_CHARS.pattern}|[&<>\r]")
SPACES = " \t\n\r"  # kept at either end of a text only when the XML says so (xml:space)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _text(ref: str, value: str, style: int = PLAIN) -> str:
    """A literal text cell: an inline string, never read as a formula, without control characters,
    cut at Excel's limit (as openpyxl did); "quotePrefix" (a style) on a text starting like a
    formula keeps it text when a user edits it in Excel."""
    careful = NEEDS_CARE.search(value) is not None or len(value) > MAX_TEXT
    text = printable(value)[:MAX_TEXT] if careful else value
    if not text:  # openpyxl wrote an empty string as a cell without a value: an empty cell
        return f'<c r="{ref}" s="{style}"/>' if style else ""
    if text.startswith(FORMULA_STARTS):
        style = HEADER_LITERAL if style == HEADER else LITERAL
    styled = f' s="{style}"' if style else ""
    space = ' xml:space="preserve"' if text[0] in SPACES or text[-1] in SPACES else ""
    if careful:
        text = _escape(text)
    return f'<c r="{ref}"{styled} t="inlineStr"><is><t{space}>{text}</t></is></c>'


def _number(ref: str, value: int | float | Decimal) -> str:
    if not isfinite(value):
        return ""  # Excel has no NaN or infinity; openpyxl wrote an empty cell
    return f'<c r="{ref}"><v>{value:.16g}</v></c>'


def _integer(ref: str, value: int) -> str:
    return f'<c r="{ref}"><v>{value}</v></c>' if -10**15 < value < 10**15 else _number(ref, value)


def _boolean(ref: str, value: bool) -> str:
    return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'


EPOCH = date(1899, 12, 30).toordinal()  # Excel's day 0 (Windows dates), as in openpyxl's `to_excel`


def _date(ref: str, value: date) -> str:
    serial = value.toordinal() - EPOCH
    if 0 < serial <= 60:
        serial -= 1  # Excel counts a 29 February 1900 that never was
    return f'<c r="{ref}" s="{DATE_STYLE}"><v>{serial}</v></c>'


def _datetime(ref: str, value: datetime) -> str:
    serial = to_excel(excel_value(value))
    return f'<c r="{ref}" s="{DATETIME_STYLE}"><v>{serial:.16g}</v></c>'


# Checked in this order for a type not in CELLS (a subclass): bool before int, datetime before date.
KINDS: tuple[tuple[type, Callable[[str, object], str]], ...] = (
    (str, _text), (bool, _boolean), (int, _integer), (float, _number), (Decimal, _number),
    (datetime, _datetime), (date, _date),
)
CELLS: dict[type, Callable[[str, object], str]] = dict(KINDS)


def _cell_writer(value: object) -> Callable[[str, object], str]:
    kind = type(value)
    writer = CELLS.get(kind)
    if writer is None:
        writer = next((w for base, w in KINDS if isinstance(value, base)), None)
        if writer is None:
            raise ValueError(f"Cannot convert {value!r} to Excel")
        CELLS[kind] = writer
    return writer


LETTERS = [get_column_letter(n) for n in range(1, 703)]  # A … ZZ; wider rows ask openpyxl


def _letter(index: int) -> str:
    return LETTERS[index] if index < len(LETTERS) else get_column_letter(index + 1)


def _row(number: int, values: Sequence[object], letters: list[str] = LETTERS) -> str:
    """One row's XML: each cell from the writer of its value's kind; None is no cell at all."""
    r = str(number)
    if not isinstance(values, list | tuple):
        values = tuple(values)  # openpyxl took any iterable as a row
    if len(values) > len(letters):
        letters = [_letter(index) for index in range(len(values))]
    return "".join([f'<row r="{r}">',
                    *[(CELLS.get(type(value)) or _cell_writer(value))(letter + r, value)
                      for letter, value in zip(letters, values, strict=False) if value is not None],
                    "</row>"])


def _bold_row(number: int, texts: Sequence[str]) -> str:
    r = str(number)
    return f'<row r="{r}">{"".join(_text(_letter(i) + r, text, HEADER) for i, text in enumerate(texts))}</row>'


def _sheet_head(columns: Sequence[Column]) -> str:
    """Everything before the rows: the header row frozen in place, the column widths."""
    widths = "".join(f'<col min="{n}" max="{n}" width="{column.width}" customWidth="1"/>'
                     for n, column in enumerate(columns, start=1))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        + (f"<cols>{widths}</cols>" if widths else "")
        + "<sheetData>"
    )


SHEET_TAIL = ('</sheetData><pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'
              "</worksheet>")
ROWS_PER_WRITE = 1000


def _write_sheet(part, spec: Sheet, max_rows: int) -> int:
    """Stream one sheet's XML into its (deflating) zip entry; the number of data rows written."""
    part.write((_sheet_head(spec.columns) + _bold_row(1, [c.header for c in spec.columns])).encode())
    written, pending = 0, []
    for values in spec.rows:
        if written == max_rows:
            # Say so in the sheet itself: a silently cut list would read as the whole truth.
            pending.append(_bold_row(written + 2, [spec.truncated_note]))
            break
        written += 1
        pending.append(_row(written + 1, values))
        if len(pending) == ROWS_PER_WRITE:
            part.write("".join(pending).encode())
            pending = []
    part.write(("".join(pending) + SHEET_TAIL).encode())
    return written


INVALID_TITLE = re.compile(r"[\\*?:/\[\]]")


def sheet_titles(titles: Iterable[str]) -> list[str]:
    """Each title as Excel takes it, as openpyxl made it: cut to 31 characters, "Sheet" if empty,
    refused (ValueError) if it holds one of Excel's forbidden characters, and numbered when it
    repeats an earlier one (Excel compares sheet names without case), still within 31 characters."""
    made: list[str] = []
    for title in titles:
        base = title[:MAX_TITLE] or "Sheet"  # openpyxl's name for a sheet without a title
        if found := INVALID_TITLE.search(base):
            raise ValueError(f"Invalid character {found.group(0)} found in sheet title")
        name, n = base, 1
        while name.lower() in {m.lower() for m in made}:
            name, n = f"{base[:MAX_TITLE - len(str(n))]}{n}", n + 1
        made.append(name)
    return made


def _package_parts(titles: Sequence[str]) -> dict[str, str]:
    """Every part but the worksheets: what the package holds and how the parts point at each other."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    numbers = range(1, len(titles) + 1)
    return {
        "[Content_Types].xml": (
            f'{declaration}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{sheet_type}"/>'
                      for n in numbers)
            + "</Types>"),
        "_rels/.rels": (
            f'{declaration}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'{declaration}<workbook xmlns="{main}" xmlns:r="{rel}"><workbookPr/>'
            '<bookViews><workbookView activeTab="0"/></bookViews><sheets>'
            + "".join(f'<sheet name={quoteattr(title)} sheetId="{n}" r:id="rId{n}"/>'
                      for n, title in zip(numbers, titles, strict=True))
            + '</sheets><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            f'{declaration}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{n}" Type="{rel}/worksheet" Target="worksheets/sheet{n}.xml"/>'
                      for n in numbers)
            + f'<Relationship Id="rId{len(titles) + 1}" Type="{rel}/styles" Target="styles.xml"/>'
            "</Relationships>"),
        "xl/styles.xml": STYLES_XML,
    }


def workbook_bytes(sheets: Sequence[Sheet], max_rows: int = MAX_ROWS) -> bytes:
    titles = sheet_titles(spec.title for spec in sheets)
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESSLEVEL) as archive:
        for name, xml in _package_parts(titles).items():
            archive.writestr(name, xml)
        for n, spec in enumerate(sheets, start=1):
            with archive.open(f"xl/worksheets/sheet{n}.xml", "w") as part:
                _write_sheet(part, spec, max_rows)
    return buffer.getvalue()


def xlsx_response(filename: str, sheets: Sequence[Sheet], max_rows: int = MAX_ROWS) -> HttpResponse:
    """A download of the sheets; `filename` must be plain ASCII (e.g. "danh-sach-cong-viec.xlsx")."""
    response = HttpResponse(workbook_bytes(sheets, max_rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
