"""The viewer's next step on an item, gathered from the database in one place (issue 12, for the API).

`congvu.consult.next_step` decides from `Facts`; the item page gathers those facts from the panels
it builds anyway. The API builds no panels, so it asks here: the same questions the page's panels
ask (a reply the viewer's unit owes, an extension awaiting the viewer's decision, a notice draft the
viewer signs, a disagreement the viewer's unit must meet on), answered from the same consult and
work queries, so the page and the API put the same step in front (tested per persona)."""

from django.db.models import Q

from congvu.consult.available import Viewer
from congvu.consult.models import ConsultationRequest, RequestState
from congvu.consult.next_step import NextStep, facts_of, next_step
from congvu.consult.queries import unreconciled_disagreements
from congvu.org.models import Official
from congvu.work.actions import may_decide_extension
from congvu.work.models import ExtensionRequest, ExtensionStatus, WorkItem


def step_of(official: Official, item: WorkItem) -> NextStep | None:
    """What the official is expected to do next on the item, or None when nothing waits on them."""
    viewer = Viewer(official, item)
    facts = facts_of(viewer, owes_reply=owes_reply(viewer), may_decide_extension=decides_extension(official, item),
                     may_sign_notice=signs_notice(viewer), unreconciled=meets_on_disagreement(viewer))
    return next_step(facts)


def owes_reply(viewer: Viewer) -> bool:
    """A pending request on the item, not yet answered, that the viewer holds or whose unit they lead:
    who may reply (congvu.consult.display.may_reply), asked in one query."""
    answerable = Q(holder=viewer.official) | Q(unit_id__in=viewer.leader_units)
    return ConsultationRequest.objects.filter(answerable, item=viewer.item, state=RequestState.PENDING,
                                              replied_at__isnull=True).exists()


def decides_extension(official: Official, item: WorkItem) -> bool:
    pending = ExtensionRequest.objects.filter(item=item, status=ExtensionStatus.PENDING).first()
    return pending is not None and may_decide_extension(official, pending)


def signs_notice(viewer: Viewer) -> bool:
    """A deemed-agreement notice still a draft (unnumbered), of a consultation the viewer's unit asked."""
    if not viewer.leader_units:
        return False
    return ConsultationRequest.objects.filter(
        item=viewer.item, consultation__asking_unit_id__in=viewer.leader_units, notice__isnull=False,
        notice__number__isnull=True).exists()


def meets_on_disagreement(viewer: Viewer) -> bool:
    # As on the page: only the lead unit's leaders are shown the heads' meeting form (clause 2.3).
    return viewer.leads_lead_unit and unreconciled_disagreements(viewer.item).exists()
