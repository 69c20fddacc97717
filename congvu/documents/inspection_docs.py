"""The inspection's documents as .docx in the Decree 30 layout: the decision to inspect (QUYẾT ĐỊNH,
"Số: 05/QĐ-SNV") and the conclusion (KẾT LUẬN, "Số: 06/KL-SNV"), both numbered in Home Affairs'
outgoing register when issued (`congvu.oversight.inspections`). Rendered on request from the wording
fixed at issue, so the file says the same thing every time."""

from datetime import date

from congvu.documents.letters import Letter, render_docx
from congvu.oversight.models_inspections import Inspection

KINDS = {"quyet-dinh": ("decision_content", "QD"), "ket-luan": ("conclusion_content", "KL")}


def letter_of(content: dict) -> Letter:
    fields = dict(content)
    fields["issued_on"] = date.fromisoformat(fields["issued_on"])
    fields["paragraphs"], fields["recipients"] = tuple(fields["paragraphs"]), tuple(fields["recipients"])
    return Letter(**fields)


def issued(inspection: Inspection, kind: str) -> bool:
    return kind in KINDS and bool(getattr(inspection, KINDS[kind][0]))


def render(inspection: Inspection, kind: str) -> tuple[str, bytes]:
    """(file name, .docx bytes) of the decision ("quyet-dinh") or the conclusion ("ket-luan")."""
    field, abbrev = KINDS[kind]
    content = getattr(inspection, field)
    letter = letter_of(content)
    name = f"{kind}-kiem-tra-{letter.number:02d}-{abbrev}-{letter.body_abbrev}-{letter.issued_on.year}.docx"
    return name, render_docx(letter)
