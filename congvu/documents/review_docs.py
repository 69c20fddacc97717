"""The QUYẾT ĐỊNH kỷ luật (clause 1.7) and QUYẾT ĐỊNH khen thưởng (clause 1.8) as .docx in the layout of
Decree 30/2020, rendered from the wording fixed at signing (`congvu.oversight.decision_wording`), so
the file reads the same whenever it is downloaded. Rendered on request: a decision is small."""

from datetime import date

from congvu.documents.letters import Letter, render_docx
from congvu.oversight.models_commendation import Commendation
from congvu.oversight.models_reviews import AccountabilityReview


def letter_from(content: dict) -> Letter:
    fields = dict(content)
    fields["issued_on"] = date.fromisoformat(fields["issued_on"])
    fields["paragraphs"], fields["recipients"] = tuple(fields["paragraphs"]), tuple(fields["recipients"])
    return Letter(**fields)


def decision_docx(decided: AccountabilityReview | Commendation) -> bytes:
    if not decided.decision_content:
        raise ValueError("no decision has been signed yet")
    return render_docx(letter_from(decided.decision_content))


def file_name(decided: AccountabilityReview | Commendation) -> str:
    kind = "ky-luat" if isinstance(decided, AccountabilityReview) else "khen-thuong"
    number = f"{decided.decision_number:02d}-QD-{decided.deciding_unit.abbrev}"
    return f"quyet-dinh-{kind}-{number}-{decided.decision_year}.docx"
