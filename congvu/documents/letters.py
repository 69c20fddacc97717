"""Official letters in the layout of Decree 30/2020/NĐ-CP, Appendix I.

Pure Python on top of python-docx: no Django here, so the same generator serves the web views,
the CLI, the sweeps that issue deemed-agreement notices, and tests without a database.

The layout (DESIGN.md §7): A4; margins top/bottom 20 mm, left 30 mm, right 15 mm (the low end of
the Decree's ranges, leaving the most room for text); Times New Roman throughout; a header table
with the issuing body on the left and the national title on the right; type title and subject
centred; justified 14 pt body; the "Nơi nhận:" block bottom left and the signature bottom right.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, Twips

from congvu.lib.text import printable

FONT = "Times New Roman"

# Appendix I, section I.3 on signing on someone's behalf: the only prefixes the Decree knows.
SIGNATURE_PREFIXES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 20, 20, 30, 15
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 165 mm

# Column widths (mm). The right header column must hold the national title on one line at 12 pt.
HEADER_COLUMNS_MM = (65, TEXT_WIDTH_MM - 65)
SIGNATURE_COLUMNS_MM = (80, TEXT_WIDTH_MM - 80)

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
# The rule under the motto is as long as the motto; ~60 mm for it in 13 pt bold Times.
MOTTO_RULE_MM = 60


@dataclass(frozen=True)
class Letter:
    """Everything printed on one letter; rendering adds no facts of its own."""

    issuing_parent: str  # governing body, e.g. "UBND TỈNH PHÚ YÊN"; "" when none
    issuing_body: str  # e.g. "SỞ XÂY DỰNG"
    number: int  # runs per issuing body per year from 1
    type_abbrev: str | None  # e.g. "TB"; None for a công văn
    body_abbrev: str  # e.g. "SXD" or "SXD-VP"
    place: str  # e.g. "Phú Yên"
    issued_on: date
    doc_type_title: str | None  # e.g. "THÔNG BÁO"; None for a công văn
    subject: str  # trích yếu
    paragraphs: tuple[str, ...]
    recipients: tuple[str, ...]  # "Nơi nhận" lines, without the leading "- "
    signature_prefix: str | None  # one of SIGNATURE_PREFIXES or None
    signature_title: str  # the signer's own title, e.g. "PHÓ GIÁM ĐỐC"
    signer_name: str
    # On whose behalf the signer signs ("GIÁM ĐỐC" under KT., "ỦY BAN NHÂN DÂN" under TM.).
    # Optional so callers signing in their own name, or as "Q. GIÁM ĐỐC", need not set it.
    signature_authority: str = ""
    # A collective body's deputy signs for the body and for its head (Decree 30, Appendix I):
    # "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"; this is the middle line, "" when none.
    signature_for_head: str = ""

    def __post_init__(self) -> None:
        # Refuse at construction what the Decree does not allow, rather than print it.
        if self.number < 1:
            raise ValueError("document numbers start at 1")
        if self.signature_prefix is not None and self.signature_prefix not in SIGNATURE_PREFIXES:
            raise ValueError(f"unknown signature prefix {self.signature_prefix!r}")
        if self.signature_for_head and self.signature_for_head.split(" ", 1)[0] not in SIGNATURE_PREFIXES:
            raise ValueError(f"unknown signature prefix in {self.signature_for_head!r}")
        if (self.type_abbrev is None) != (self.doc_type_title is None):
            raise ValueError("type_abbrev and doc_type_title are both set, or both None (công văn)")

    @property
    def is_cong_van(self) -> bool:
        # A công văn has no type name: its number carries none and its subject goes under it.
        return self.type_abbrev is None


# --- text lines ---------------------------------------------------------------------------


def number_line(letter: Letter) -> str:
    """The number line, "Số: 05/TB-SXD"; a công văn carries no type abbreviation: "Số: 12/SXD"."""
    # Decree 30 Appendix I: numbers under 10 are written with a leading 0.
    symbol = letter.body_abbrev if letter.is_cong_van else f"{letter.type_abbrev}-{letter.body_abbrev}"
    return f"Số: {letter.number:02d}/{symbol}"


def date_line(letter: Letter) -> str:
    """The place-and-date line, "Phú Yên, ngày 05 tháng 3 năm 2026"."""
    d = letter.issued_on
    # Appendix I: days under 10 and months 1 and 2 take a leading 0, so that nobody can turn
    # "ngày 5" into "ngày 15" or "tháng 1" into "tháng 11"; months 3–9 cannot be so extended.
    day = f"{d.day:02d}"
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"{letter.place}, ngày {day} tháng {month} năm {d.year}"


def signature_lines(letter: Letter) -> tuple[str, ...]:
    """The capitalised lines above the signature: "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC"."""
    title = letter.signature_title.upper()
    if letter.signature_prefix and letter.signature_authority:
        for_head = (letter.signature_for_head.upper(),) if letter.signature_for_head else ()
        return (f"{letter.signature_prefix} {letter.signature_authority.upper()}", *for_head, title)
    if letter.signature_prefix:
        # "Q. GIÁM ĐỐC": acting in a post, the prefix sits on the title itself.
        return (f"{letter.signature_prefix} {title}",)
    return (title,)


# --- low-level formatting helpers ----------------------------------------------------------


def _set_fonts(rpr) -> None:
    """Name Times New Roman for every script slot of a run (or of the defaults)."""
    # python-docx's font.name sets only ascii/hAnsi; Word picks the eastAsia slot for some
    # Vietnamese characters, and theme attributes override explicit names, so drop them.
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT)


def _add_run(paragraph, text: str, size: float, *, bold: bool = False, italic: bool = False):
    # Every word of a letter passes here. python-docx refuses a C0 control character, and a
    # consultation question holding one stopped the sweep rendering its notice every minute:
    # they are refused at entry and removed here, for text stored before that check existed.
    run = paragraph.add_run(printable(text))
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    _set_fonts(run._r.get_or_add_rPr())
    return run


def _line(container, text: str, size: float, *, align=WD_ALIGN_PARAGRAPH.CENTER, first=False, **style):
    """One tight single-spaced paragraph, as header and signature lines are set."""
    # A fresh table cell already holds one empty paragraph; fill it instead of leaving a gap.
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    _add_run(paragraph, text, size, **style)
    return paragraph


def _rule_under(paragraph, rule_mm: float, cell_mm: float) -> None:
    """A solid horizontal rule under a centred line, about rule_mm long: drawn as the bottom border of
    an empty 1-pt paragraph of its own right after the line."""
    # Word and LibreOffice draw a paragraph border across the indented width, so indenting both sides
    # equally gives a short centred rule — the Decree's "đường kẻ ngang, nét liền". The indents go on
    # the rule's own paragraph: on the text's, they squeezed "SỞ XÂY DỰNG" into 13 mm, a word a line.
    text = paragraph
    paragraph = text._parent.add_paragraph()
    fmt = paragraph.paragraph_format
    # A little air above the rule: flush under the line it touched the descenders (seen in the PDF).
    fmt.space_before, fmt.space_after = Pt(2), Pt(0)
    fmt.line_spacing = Pt(1)
    fmt.alignment = text.paragraph_format.alignment
    side = max((cell_mm - rule_mm) / 2, 0)
    paragraph.paragraph_format.left_indent = Mm(side)
    paragraph.paragraph_format.right_indent = Mm(side)
    border = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        border.set(qn(key), value)
    pbdr = OxmlElement("w:pBdr")
    pbdr.append(border)
    # pBdr must precede these siblings in w:pPr, or Word rejects the file.
    paragraph._p.get_or_add_pPr().insert_element_before(
        pbdr, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr", "w:sectPr", "w:pPrChange"
    )


def _text_width_mm(text: str, size_pt: float) -> float:
    # Rough width of capitals in Times: ~0.65 em a letter; enough to size a rule under them.
    return len(text) * size_pt * 0.65 * 25.4 / 72


def _borderless_table(document, widths_mm: tuple[float, ...], rows: int = 1):
    """A fixed-width table with no borders: the Decree's header and signature are unruled."""
    table = document.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"
    )
    # Word reads the cell widths, LibreOffice the grid: set both.
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
    return table


# --- page sections -------------------------------------------------------------------------


def _margin(mm: float) -> Twips:
    # Word stores margins in whole twips; 15 mm is 850.4 twips, and rounding down would put the
    # right margin under the Decree's 15 mm minimum. Round up instead.
    return Twips(math.ceil(mm * 1440 / 25.4))


def _setup_page(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = _margin(MARGIN_TOP_MM), _margin(MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = _margin(MARGIN_LEFT_MM), _margin(MARGIN_RIGHT_MM)


def _setup_defaults(document) -> None:
    """Times New Roman 14 pt and Vietnamese as the document defaults."""
    # Runs carry their own fonts, but empty paragraph marks and anything a clerk types later
    # fall back to these; the stock template would give them Calibri.
    rpr_default = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr_default)
    lang = rpr_default.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), "vi-VN")  # so Word spell-checks in Vietnamese
    normal = document.styles["Normal"]
    normal.font.size = Pt(14)
    _set_fonts(normal.element.get_or_add_rPr())


def _header(document, letter: Letter) -> None:
    """Row 1: issuing body | national title and motto. Row 2: number (and V/v) | place and date."""
    table = _borderless_table(document, HEADER_COLUMNS_MM, rows=2)
    left, right = table.cell(0, 0), table.cell(0, 1)
    if letter.issuing_parent:
        _line(left, letter.issuing_parent.upper(), 13, first=True)
    body = _line(left, letter.issuing_body.upper(), 13, bold=True, first=not letter.issuing_parent)
    # Appendix I: under the issuing body a rule 1/3 to 1/2 as long as its name.
    body_mm = min(_text_width_mm(letter.issuing_body, 13), HEADER_COLUMNS_MM[0])
    _rule_under(body, body_mm * 0.4, HEADER_COLUMNS_MM[0])

    _line(right, NATIONAL_TITLE, 12, bold=True, first=True)
    _rule_under(_line(right, MOTTO, 13, bold=True), MOTTO_RULE_MM, HEADER_COLUMNS_MM[1])

    number_cell, date_cell = table.cell(1, 0), table.cell(1, 1)
    _line(number_cell, number_line(letter), 13, first=True).paragraph_format.space_before = Pt(6)
    if letter.is_cong_van:
        # A công văn has no type title; its subject ("V/v …") sits under the number.
        _line(number_cell, f"V/v {letter.subject}", 12)
    dated = _line(date_cell, date_line(letter), 14, italic=True, first=True)
    dated.paragraph_format.space_before = Pt(6)


def _title(document, letter: Letter) -> None:
    """The type name and the subject, centred bold, for every type except công văn."""
    if letter.is_cong_van:
        return
    title = _line(document, letter.doc_type_title.upper(), 14, bold=True)
    title.paragraph_format.space_before = Pt(18)
    subject = _line(document, letter.subject, 14, bold=True)
    # Appendix I: under the trích yếu a short solid rule, 1/3 to 1/2 as long as its line, centred.
    subject_mm = min(_text_width_mm(letter.subject, 14) * 0.6, TEXT_WIDTH_MM)
    _rule_under(subject, subject_mm * 0.4, TEXT_WIDTH_MM)


def _body(document, letter: Letter) -> None:
    """Justified 14 pt paragraphs, first line indented 1.27 cm, 6 pt apart, 1.15 lines."""
    # Appendix I: indent 1–1.27 cm, paragraphs at least 6 pt apart, lines single to 1.5.
    for index, text in enumerate(letter.paragraphs):
        paragraph = document.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = Cm(1.27)
        fmt.space_before = Pt(12 if index == 0 else 6)
        fmt.space_after = Pt(0)
        fmt.line_spacing = 1.15
        _add_run(paragraph, text, 14)


def _signature(document, letter: Letter) -> None:
    """Bottom-left "Nơi nhận:" with the recipients; bottom-right the signature block."""
    spacer = document.add_paragraph()  # keeps the table off the last body line
    spacer.paragraph_format.space_after = Pt(0)
    table = _borderless_table(document, SIGNATURE_COLUMNS_MM)
    recipients, signer = table.cell(0, 0), table.cell(0, 1)

    _line(recipients, "Nơi nhận:", 12, align=WD_ALIGN_PARAGRAPH.LEFT, first=True, bold=True, italic=True)
    for recipient in letter.recipients:
        _line(recipients, f"- {recipient}", 11, align=WD_ALIGN_PARAGRAPH.LEFT)

    for index, text in enumerate(signature_lines(letter)):
        _line(signer, text, 14, first=index == 0, bold=True)
    # Room for the hand signature and the seal, without empty paragraphs to trip over.
    name = _line(signer, letter.signer_name, 14, bold=True)
    name.paragraph_format.space_before = Pt(72)


def render_docx(letter: Letter) -> bytes:
    """The letter as a .docx file, ready to sign and send."""
    return docx_with_body(letter, lambda document: _body(document, letter))


def docx_with_body(letter: Letter, write_body: Callable[[Any], None]) -> bytes:
    """A .docx with the letter's page, header, title and signature; `write_body(document)` writes
    between the title and the signature (a letter's paragraphs, or a report's sections and charts)."""
    document = Document()
    _setup_page(document)
    _setup_defaults(document)
    _header(document, letter)
    _title(document, letter)
    write_body(document)
    _signature(document, letter)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
