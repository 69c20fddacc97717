"""A Decree 30 letter read back from its .docx, and the layout checks every issued notice must pass.

The tests and the demo's test read each produced file with python-docx (not our own Letter) and
assert what a lawyer would look at: the number line, the place-and-date line, the issuing body in
full, the type title and the trích yếu with its short rule, the "Nơi nhận" block ending with
"- Lưu: VT, …", and the signature block with one of the Decree's authority prefixes."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from docx import Document
from docx.oxml.ns import qn

from congvu.documents.letters import NATIONAL_TITLE, SIGNATURE_PREFIXES

NUMBER = re.compile(r"^Số: (\d{2,})/([A-ZĐ]+)-([A-ZĐ0-9-]+)$")
DATE = re.compile(r"^(.+), ngày (\d{2}) tháng (\d{1,2}) năm (\d{4})$")
STORAGE = re.compile(r"^- Lưu: VT, \S.*\.$")


@dataclass(frozen=True)
class ReadBack:
    header_left: list[str]
    number_line: str
    date_line: str
    title: str
    subject: str
    subject_ruled: bool
    body: list[str]
    recipients: list[str]
    signature: list[str]

    @property
    def number(self) -> int:
        return int(NUMBER.match(self.number_line).group(1))

    @property
    def place(self) -> str:
        return DATE.match(self.date_line).group(1)

    @property
    def day(self) -> tuple[int, int, int]:
        match = DATE.match(self.date_line)
        return int(match.group(2)), int(match.group(3)), int(match.group(4))


def _cell_lines(cell) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text.strip()]


def _ruled(paragraph) -> bool:
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.find(qn("w:pBdr")) is not None


def read_back(data: bytes) -> ReadBack:
    document = Document(io.BytesIO(data))
    header, signature = document.tables[0], document.tables[-1]
    loose = [p for p in document.paragraphs if p.text.strip()]
    title, subject, *body = loose
    return ReadBack(
        header_left=_cell_lines(header.cell(0, 0)),
        number_line=_cell_lines(header.cell(1, 0))[0], date_line=_cell_lines(header.cell(1, 1))[0],
        title=title.text, subject=subject.text, subject_ruled=_ruled(subject), body=[p.text for p in body],
        recipients=_cell_lines(signature.cell(0, 0)), signature=_cell_lines(signature.cell(0, 1)),
    ) if NATIONAL_TITLE in _cell_lines(header.cell(0, 1)) else _not_a_letter()


def _not_a_letter():
    raise ValueError("not a Decree 30 letter: no national title in the header")


def problems(letter: ReadBack) -> list[str]:
    """What is wrong with the letter's layout under Decree 30, Appendix I (empty when nothing)."""
    found = []
    if not NUMBER.match(letter.number_line):
        found.append(f"number line {letter.number_line!r}")
    if not DATE.match(letter.date_line):
        found.append(f"date line {letter.date_line!r}")
    if any(line.startswith("UBND ") for line in letter.header_left[-1:]):
        found.append("issuing body abbreviated")
    if not letter.subject_ruled:
        found.append("no rule under the trích yếu")
    if letter.recipients[:1] != ["Nơi nhận:"] or not STORAGE.match(letter.recipients[-1]):
        found.append(f"Nơi nhận {letter.recipients!r}")
    first = letter.signature[0]
    prefix = first.split(" ", 1)[0]
    if prefix.endswith(".") and prefix not in SIGNATURE_PREFIXES:
        found.append(f"signature prefix {prefix!r}")
    if len(letter.signature) < 2:
        found.append("no signer's name")
    return found
