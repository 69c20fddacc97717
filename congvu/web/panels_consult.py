"""What the consultation pages show, composed from the consultation area's plain data
(`congvu.consult.display`): the panel on the item page of those who see the item whole (every
consultation of the item, each consulted unit's state, reply, notice and the heads' meetings, with
the forms the viewer may use), one card per request on a consulted unit's requests page, and the
consulted unit's view of the item. Reads only: the forms post to `congvu.web.views_consult`, which
calls `congvu.consult.actions`."""

from dataclasses import dataclass, field
from datetime import date

from congvu.consult.display import ConsultedItem, RequestShown, consulted_item, item_consultations, requests_shown
from congvu.consult.models import Consultation, ConsultationRequest, Notice, Reconciliation, RequestState
from congvu.consult.notices import draft_paragraphs
from congvu.documents.models import OutboxMessage
from congvu.documents.outgoing import sending_of
from congvu.lib.clock import today
from congvu.lib.workdays import local_date
from congvu.org.models import Official
from congvu.registry.serving import leader_unit_ids_of
from congvu.web.forms_consult import AskForm, AssignRequestForm, ReconcileForm, ReplyForm
from congvu.web.pages import FormPanel
from congvu.work.models import WorkItem
from congvu.work.queries import ONE_MICROSECOND

ASK_PREFIX = "xin-y-kien"


@dataclass
class RequestRow:
    """One consulted unit's request, with the words the page shows for it."""

    request: ConsultationRequest
    may_sign: bool = False  # the viewer leads the asking unit and its notice is still a draft

    @property
    def draft_paragraphs(self) -> tuple[str, ...]:
        notice = self.notice
        return draft_paragraphs(notice) if notice is not None and not notice.is_signed else ()

    @property
    def deemed_on(self) -> date | None:
        """The last day of the period: deemed agreement takes effect at its 24:00."""
        deemed_at = self.request.deemed_at
        return local_date(deemed_at - ONE_MICROSECOND) if deemed_at else None

    @property
    def notice(self) -> Notice | None:
        try:
            return self.request.notice
        except Notice.DoesNotExist:
            return None

    @property
    def notice_sent(self) -> OutboxMessage | None:
        """The signed notice's sending over the national axis, once it went out (one query a row)."""
        notice = self.notice
        return sending_of(notice) if notice is not None and notice.is_signed else None

    @property
    def notice_number(self) -> str:
        notice = self.notice
        return notice.notation if notice else ""

    @property
    def reconciliations(self) -> list[Reconciliation]:
        return list(self.request.reconciliations.all())


@dataclass
class ConsultationRow:
    consultation: Consultation
    requests: list[RequestRow] = field(default_factory=list)


@dataclass
class ConsultationPanel:
    rows: list[ConsultationRow]
    differences: list[dict]
    unreconciled: list[ConsultationRequest]
    ask: FormPanel | None = None
    reconcile: list[tuple[ConsultationRequest, FormPanel]] = field(default_factory=list)

    @property
    def has_forms(self) -> bool:
        return self.ask is not None or bool(self.reconcile)

    @property
    def unreconciled_units(self) -> str:
        return ", ".join(sorted(r.unit.name for r in self.unreconciled))


def _unsigned(request: ConsultationRequest) -> bool:
    try:
        return not request.notice.is_signed
    except Notice.DoesNotExist:
        return False


def ask_form(item: WorkItem, data: dict | None = None, files: dict | None = None) -> AskForm:
    return AskForm(data, files, item=item, auto_id=f"{ASK_PREFIX}-%s")


def reconcile_form(request: ConsultationRequest, data: dict | None = None) -> ReconcileForm:
    return ReconcileForm(data, request=request, auto_id=f"hop-{request.pk}-%s")


def consultation_panel(official: Official, item: WorkItem, *, ask: FormPanel | None = None,
                       reconcile: tuple[int, FormPanel] | None = None) -> ConsultationPanel:
    """The item page's consultation panel; `ask` or `reconcile` (request id, panel) is a posted
    form, shown with its errors or refusal even where the page would not offer it."""
    shown = item_consultations(official, item)
    leads = leader_unit_ids_of(official, today())
    rows = [ConsultationRow(c, [RequestRow(r, may_sign=_unsigned(r) and c.asking_unit_id in leads) for r in requests])
            for c, requests in shown.consultations]
    panel = ConsultationPanel(rows, list(shown.differences), list(shown.unreconciled), ask=ask)
    if panel.ask is None and shown.may_ask:
        panel.ask = FormPanel(ask_form(item))
    if shown.may_reconcile:
        panel.reconcile = [(r, FormPanel(reconcile_form(r))) for r in shown.unreconciled]
    if reconcile is not None:
        request_id, posted = reconcile
        others = [(r, p) for r, p in panel.reconcile if r.pk != request_id]
        request = ConsultationRequest.objects.select_related("unit").get(pk=request_id)
        panel.reconcile = [(request, posted), *others]
    return panel


# The consulted unit's side -------------------------------------------------------------------------


@dataclass
class RequestCard(RequestRow):
    """A request as its consulted unit sees it, with the assign and reply forms its officials may use."""

    assign: FormPanel | None = None
    reply: FormPanel | None = None
    due_soon: bool = False
    overdue: bool = False
    flash: str = ""

    @property
    def may_reply_late(self) -> bool:
        return self.request.state == RequestState.DEEMED_AGREED


def assign_form(request: ConsultationRequest, data: dict | None = None) -> AssignRequestForm:
    return AssignRequestForm(data, request=request, auto_id=f"giao-{request.pk}-%s")


def reply_form(request: ConsultationRequest, data: dict | None = None) -> ReplyForm:
    return ReplyForm(data, request=request, auto_id=f"tra-loi-{request.pk}-%s")


def request_card(shown: RequestShown) -> RequestCard:
    """A card links to its item: whoever is shown a request may open the item, whole or as consulted."""
    request = shown.request
    return RequestCard(
        request,
        assign=FormPanel(assign_form(request)) if shown.may_assign else None,
        reply=FormPanel(reply_form(request)) if shown.may_reply else None,
        overdue=shown.overdue, due_soon=shown.due_soon,
    )


def request_cards(official: Official, requests: list[ConsultationRequest],
                  replace: RequestCard | None = None) -> list[RequestCard]:
    """One card per request; `replace` is the card whose form was just posted (kept as posted)."""
    return [
        replace if replace is not None and replace.request.pk == shown.request.pk else request_card(shown)
        for shown in requests_shown(official, requests)
    ]


def consulted_view(official: Official, item: WorkItem) -> dict:
    """The item as a unit consulted on it sees it (`congvu.consult.display.consulted_item`)."""
    seen: ConsultedItem = consulted_item(official, item)
    return {"item": seen.item, "pending": [request_card(s) for s in seen.pending],
            "settled": [request_card(s) for s in seen.settled]}
