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


def letter(inspection: Inspection, kind: str) -> Letter:
    return letter_of(getattr(inspection, KINDS[kind][0]))


def file_name(inspection: Inspection, kind: str) -> str:
    """"quyet-dinh-kiem-tra-05-QD-SNV-2026.docx" (the signed PDF takes the same stem)."""
    issued, abbrev = letter(inspection, kind), KINDS[kind][1]
    return f"{kind}-kiem-tra-{issued.number:02d}-{abbrev}-{issued.body_abbrev}-{issued.issued_on.year}.docx"


def render(inspection: Inspection, kind: str) -> tuple[str, bytes]:
    """(file name, .docx bytes) of the decision ("quyet-dinh") or the conclusion ("ket-luan")."""
    return file_name(inspection, kind), render_docx(letter(inspection, kind))
