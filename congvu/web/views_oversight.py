"""The overview's exports (.xlsx) for Home Affairs, the Province office and administrators: the
Government Office's figures per unit, the overdue work, the deemed agreements with their notices, and
the refusals and overrides, as at now. The dashboard page itself is congvu/web/views_dashboard.py."""

import functools
from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from congvu.consult.models import Responsibility
from congvu.documents.xlsx_export import MAX_ROWS, Column, Sheet, xlsx_response
from congvu.lib.clock import today
from congvu.lib.replica import replica_reads
from congvu.lib.workdays import local_date
from congvu.org.models import Unit
from congvu.oversight.periods import Period
from congvu.oversight.queries import (
    deemed_agreements,
    delay_causes,
    overdue_items,
    refusals_and_overrides,
    unit_figures,
)
from congvu.web.list_filters import province_totals
from congvu.web.pages import denied, official_required
from congvu.web.roles import sees_overview
from congvu.web.timeline import working_days_overdue
from congvu.work.models import DelayCause, Event, EventKind, Outcome, State

SHOWN = 50  # rows of each long table on the page; the full table is one click away (list or .xlsx)


def notice_label(responsibility: Responsibility) -> str:
    notice = getattr(responsibility.request, "notice", None)
    if notice is None:
        return ""
    if not notice.is_signed:
        return str(_("draft, not signed yet"))
    return f"{notice.notation}, {notice.issued_on:%d/%m/%Y}"


def notice_id(responsibility: Responsibility) -> int | None:
    notice = getattr(responsibility.request, "notice", None)
    return notice.pk if notice is not None and notice.is_signed else None  # a draft has no file yet


@official_required
@replica_reads()  # the figures from the read replica, when there is one; who signs in, from the primary
def overview_export(request: HttpRequest, table: str) -> HttpResponse:
    if not sees_overview(request.official):
        return denied(request, _("Only Home Affairs and the Province office see the figures of every unit."))
    sheet = EXPORTS.get(table)
    if sheet is None:
        raise Http404
    with translation.override("vi"):
        return xlsx_response(f"tong-hop-{table}-{today():%d-%m-%Y}.xlsx", [sheet()])


def delay_cause_rows(units: QuerySet[Unit] | None = None, period: Period | None = None) -> list[tuple[str, str, int]]:
    return [(r["lead_unit__name"], DelayCause(r["delay_cause"]).label, r["count"])
            for r in delay_causes(units, period)]


def _columns(*spec: tuple[str, int]) -> list[Column]:
    return [Column(_(header), width) for header, width in spec]


N = gettext_noop  # marks a header for translation; it is translated when the sheet is written
FIGURE_HEADERS = (
    (N("Unit"), 40), (N("Assigned"), 12), (N("Completed on time"), 14), (N("Completed on time after extension"), 16),
    (N("Completed late"), 14), (N("Not completed, within the deadline"), 16), (N("Not completed, overdue"), 16),
    (N("Overdue rate (%)"), 12), (N("Passed on (transferred or returned)"), 14), (N("Working days held"), 12),
    (N("Held beyond the unit's share"), 14), (N("Extensions by the unit itself"), 14),
    (N("Extensions approved above"), 14),
)
OVERDUE_HEADERS = (
    (N("No."), 8), (N("Work item"), 60), (N("Lead unit"), 30), (N("Holder"), 24), (N("State"), 22),
    (N("Legal deadline"), 13), (N("Overdue (working days)"), 14),
)
DEEMED_HEADERS = (
    (N("Silent unit"), 30), (N("Head"), 24), (N("No."), 8), (N("Work item"), 60), (N("Deemed agreed on"), 14),
    (N("Notice"), 24), (N("Rule"), 26),
)
SIGNAL_HEADERS = (
    (N("When"), 17), (N("Outcome"), 24), (N("Action"), 24), (N("Rule"), 30), (N("Unit"), 30), (N("Official"), 24),
    (N("No."), 8), (N("Work item"), 50), (N("Reason or refusal"), 60),
)


def figures_sheet() -> Sheet:
    figures = unit_figures()
    rows = [(f.unit_name, f.assigned, f.completed_on_time, f.completed_after_extension, f.completed_late,
             f.open_within_deadline, f.open_overdue, f.overdue_rate, f.passed_on, f.days_held, f.held_beyond_share,
             f.extensions_self, f.extensions_above) for f in [*figures, province_totals(figures)]]
    return Sheet(_("Figures per unit"), _columns(*FIGURE_HEADERS), rows)


def overdue_sheet() -> Sheet:
    """Up to 50,000 rows at a province-year: read as plain values (no model instances), each state's
    label and each legal deadline's days overdue worked out once, not once a row."""
    on = today()
    states = labels(State)
    days_overdue = functools.cache(lambda due: working_days_overdue(due, on))
    rows = ((pk, title, unit, holder or "", states.get(state, state), due, days_overdue(due))
            for pk, title, unit, holder, state, due in overdue_items().values_list(
                "pk", "title", "lead_unit__name", "holder__full_name", "state", "legal_due_date",
            )[:MAX_ROWS + 1].iterator(chunk_size=2000))
    return Sheet(_("Overdue work"), _columns(*OVERDUE_HEADERS), rows)


def labels(choices) -> dict[str, str]:
    """Each stored value's label in the active language, for a sheet of many rows (a model's
    `get_…_display` rebuilds its choices' lookup on every call)."""
    return {value: str(label) for value, label in choices.choices}


def deemed_sheet() -> Sheet:
    rows = ((r.unit.name, r.head.full_name if r.head else "", r.request.item_id, r.request.item.title,
             local_date(r.recorded_at), notice_label(r), r.rule_code)
            for r in deemed_agreements()[:MAX_ROWS + 1].iterator(chunk_size=2000))
    return Sheet(_("Deemed agreements"), _columns(*DEEMED_HEADERS), rows)


def signals_sheet() -> Sheet:
    events: Iterable[Event] = refusals_and_overrides()[:MAX_ROWS + 1].iterator(chunk_size=2000)
    outcomes, kinds = labels(Outcome), labels(EventKind)
    rows = ((e.at, outcomes.get(e.outcome, e.outcome), kinds.get(e.kind, e.kind), e.rule_code,
             e.unit.name if e.unit else "", e.actor.full_name if e.actor else "", e.item_id, e.item.title,
             e.data.get("reason", "") or e.data.get("message", "")) for e in events)
    return Sheet(_("Refusals and overrides"), _columns(*SIGNAL_HEADERS), rows)


EXPORTS = {"so-lieu": figures_sheet, "qua-han": overdue_sheet, "coi-nhu-dong-y": deemed_sheet,
           "tu-choi-thu-truong-quyet-dinh": signals_sheet}
