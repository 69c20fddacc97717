"""Reads over consultations: what a unit must answer, what stops a submission."""

from django.db.models import Exists, OuterRef, QuerySet

from congvu.consult.models import ConsultationRequest, MeetingOutcome, Reconciliation, ReplyPosition, RequestState
from congvu.work.models import WorkItem


def timely_disagreements(item: WorkItem) -> QuerySet[ConsultationRequest]:
    """Replies that disagree and came in time: a late reply counts as agreement (clause 2.2)."""
    return ConsultationRequest.objects.filter(
        item=item, state=RequestState.ANSWERED, late=False, position=ReplyPosition.DISAGREE
    ).select_related("unit")


def unreconciled_disagreements(item: WorkItem) -> QuerySet[ConsultationRequest]:
    met = Reconciliation.objects.filter(request=OuterRef("pk"))
    return timely_disagreements(item).exclude(Exists(met))


def remaining_differences(item: WorkItem) -> list[dict]:
    """The differences still open after the heads met: they travel with the submission (clause 2.3)."""
    rows = Reconciliation.objects.filter(item=item, outcome=MeetingOutcome.STILL_DIFFER).select_related("request__unit")
    return [
        {"unit": r.request.unit.name, "lead_view": r.lead_view, "other_view": r.other_view,
         "held_on": f"{r.held_on:%d/%m/%Y}"}
        for r in rows.order_by("held_on", "id")
    ]


def requests_to_unit(unit_ids: set[int]) -> QuerySet[ConsultationRequest]:
    return (
        ConsultationRequest.objects.filter(unit_id__in=unit_ids)
        .select_related("consultation", "item", "unit", "holder", "consultation__asking_unit")
        .order_by("state", "due_at")
    )


def requests_of(item: WorkItem) -> QuerySet[ConsultationRequest]:
    return (
        ConsultationRequest.objects.filter(item=item)
        .select_related("consultation", "unit", "holder", "replied_by", "notice")
        .order_by("consultation__asked_at", "id")
    )
