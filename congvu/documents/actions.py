"""Registering a whole list of incoming documents at once (the Excel import): all or nothing.

Each row still goes through the one door, `congvu.work.actions.register_incoming` (its own access
check, number, item and event); this action only wraps them in ONE transaction, so a refusal at
row k rolls back rows 1…k-1 too and is reported against row k."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from congvu.lib.refusals import ActionRefused
from congvu.org.models import Official, Unit
from congvu.registry.models import MatterType
from congvu.work.actions import action, register_incoming
from congvu.work.models import Priority, WorkItem


@dataclass(frozen=True)
class Registration:
    """One incoming document to register; `row` is where it came from (the sheet's row number)."""

    row: int
    matter_type: MatterType
    sender: str
    subject: str
    notation: str = ""
    issued_on: date | None = None
    doc_type: str = "Công văn"
    reply_due: date | None = None
    priority: str = Priority.NORMAL


class RowRefused(ActionRefused):  # noqa: N818 - a refusal, named like the others
    """Registration refused at one row; nothing of the batch was kept."""

    def __init__(self, row: int, refusal: ActionRefused) -> None:
        super().__init__(refusal.message_vi, refusal.message_en)
        self.row = row
        self.refusal = refusal
        self.code = refusal.code
        self.clause = refusal.clause


@action
def register_all(*, actor: Official, unit: Unit, registrations: Sequence[Registration]) -> list[WorkItem]:
    """Register every document in `registrations` for `unit`, in order, in one transaction."""
    items = []
    for registration in registrations:
        try:
            items.append(register_incoming(
                actor=actor, unit=unit, matter_type=registration.matter_type, sender=registration.sender,
                subject=registration.subject, notation=registration.notation, issued_on=registration.issued_on,
                doc_type=registration.doc_type, reply_due=registration.reply_due, priority=registration.priority,
            ))
        except ActionRefused as refusal:
            raise RowRefused(registration.row, refusal) from refusal
    return items
