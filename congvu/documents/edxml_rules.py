"""When congvu refuses what a sender's later message asks of a registered document (QCVN 102:2016).

An update (business type 2) amends a document still being worked on. Once its work is closed — done,
returned, transferred — or the document was revoked, amending it would rewrite the record of what was
handled: congvu refuses, the refusal goes to the item's trail (congvu.work.actions.action), and the
sender hears it as status 16 "update rejected" with this reason (congvu.documents.outbox).
Pure functions, tested without a database."""

from __future__ import annotations

from datetime import date

from congvu.lib.refusals import Detail, Rule

CLAUSE = "QCVN 102:2016"
UPDATE_OF_CLOSED = Rule(
    "R-EDXML-UPDATE-CLOSED", CLAUSE,
    "Không cập nhật văn bản {notation}: {detail}; đề nghị nơi gửi ban hành văn bản thay thế hoặc văn bản mới",
    "Document {notation} is not updated: {detail}; the sender should issue a replacement or a new document",
)
REASONS = {
    "revoked": Detail("văn bản đã bị thu hồi", "the document was revoked"),
    "completed": Detail("công việc đã hoàn thành", "its work is completed"),
    "returned": Detail("văn bản đã được trả lại nơi gửi", "it was returned to the sender"),
    "transferred": Detail("văn bản đã được chuyển đơn vị có thẩm quyền", "it was transferred to the competent unit"),
}


def check_update(notation: str, *, revoked_on: date | None, item_state: str | None, item_open: bool) -> None:
    """An update is taken while the document stands and its work is open (or it has no item)."""
    if revoked_on is not None:
        raise UPDATE_OF_CLOSED.violation(REASONS["revoked"], notation=notation)
    if item_state is not None and not item_open:
        reason = REASONS.get(item_state, Detail("công việc đã kết thúc", "its work is closed"))
        raise UPDATE_OF_CLOSED.violation(reason, notation=notation)
