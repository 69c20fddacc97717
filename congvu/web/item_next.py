"""The item page's action column (issue 12): one panel in front, "Bước tiếp theo: …", open and ready
to fill in; every other form the viewer may use under one collapsed "Thao tác khác".

Which step is in front is `congvu.consult.next_step`'s to say; this module only gathers its facts
from what the page already shows (the action panels, the consultation panel, the extension awaiting
the level above, the replies the viewer's unit owes) and sorts the panels."""

from dataclasses import dataclass, field

from congvu.consult.available import Viewer
from congvu.consult.display import pending_requests_for, requests_shown
from congvu.consult.models import ConsultationRequest, RequestState
from congvu.consult.next_step import TRANSITION_OF, NextStep, facts_of, next_step
from congvu.lib.clock import today
from congvu.org.models import Official
from congvu.registry.serving import unit_ids_of
from congvu.web.pages import FormPanel
from congvu.web.panels_consult import ConsultationPanel, RequestCard, request_card


@dataclass
class ActionColumn:
    step: NextStep | None
    front: FormPanel | None = None  # the item action in front, when the next step is one
    more: list[FormPanel] = field(default_factory=list)
    replies: list[RequestCard] = field(default_factory=list)  # replies the viewer's unit owes on the item
    more_open: bool = False  # a posted form under "Thao tác khác" is shown with its errors
    to_sign: list[ConsultationRequest] = field(default_factory=list)  # drafts of notices the viewer signs

    @property
    def reconcile_in_front(self) -> bool:
        return self.step == NextStep.RECONCILE

    @property
    def extension_in_front(self) -> bool:
        return self.step == NextStep.DECIDE_EXTENSION

    @property
    def sign_in_front(self) -> bool:
        return self.step == NextStep.SIGN_NOTICE

    @property
    def has_more(self) -> bool:
        return bool(self.more)


def owed_replies(viewer: Viewer, replace: RequestCard | None = None,
                 of_item: list[ConsultationRequest] | None = None) -> list[RequestCard]:
    """The pending requests on the item the viewer may answer (their unit's, or held by them),
    each with its reply form open; `replace` is a card whose reply was just posted. `of_item`: every
    request of the item, as the consultation panel already read them; when none of them is pending
    for the viewer, there is nothing to read again (most who open an item owe no reply: the query,
    with its seven joined tables, was a tenth of the item page's CPU)."""
    if replace is None and of_item is not None and not any(_pending_for(viewer.official, r) for r in of_item):
        return []
    pending = pending_requests_for(viewer.official, viewer.item.pk)
    cards = []
    for shown in requests_shown(viewer.official, pending):
        if not shown.may_reply:
            continue
        card = replace if replace is not None and replace.request.pk == shown.request.pk else request_card(shown)
        card.reply.open = True
        cards.append(card)
    return cards


def _pending_for(official: Official, request: ConsultationRequest) -> bool:
    """Pending and the official's own (`congvu.consult.access.own_requests`): to their units, or held by them."""
    return request.state == RequestState.PENDING and (
        request.holder_id == official.pk or request.unit_id in unit_ids_of(official, today()))


def signable(consultation: ConsultationPanel) -> list[ConsultationRequest]:
    return [r.request for row in consultation.rows for r in row.requests if r.may_sign]


def action_column(viewer: Viewer, panels: list[FormPanel], consultation: ConsultationPanel, *,
                  may_decide_extension: bool, replace: FormPanel | None = None,
                  replies: list[RequestCard] | None = None) -> ActionColumn:
    """The next step in front and the rest; `replace` is a posted item-action form (shown open
    wherever it sits, so its errors or refusal are never hidden)."""
    if replies is None:
        replies = owed_replies(viewer, of_item=[r.request for row in consultation.rows for r in row.requests])
    to_sign = signable(consultation)
    facts = facts_of(viewer, owes_reply=bool(replies), may_decide_extension=may_decide_extension,
                     may_sign_notice=bool(to_sign), unreconciled=bool(consultation.reconcile))
    step = next_step(facts)
    wanted = TRANSITION_OF.get(step)
    front = next((p for p in panels if p.action.transition == wanted), None) if wanted else None
    if front is not None:
        front.open = True
    more = [p for p in panels if p is not front]
    posted_below = replace is not None and replace in more
    posted_consult = consultation.ask is not None and consultation.ask.open or any(
        p.open for _r, p in consultation.reconcile)
    return ActionColumn(step, front, more, replies if step == NextStep.REPLY else [],
                        more_open=posted_below or (posted_consult and step != NextStep.RECONCILE), to_sign=to_sign)
