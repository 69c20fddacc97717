"""The home page — one section per role the official has (DESIGN §1). An official can hold several
roles (a head who also registers documents, an inspector who also handles work): every section that
applies is shown, each with its own reads. The helpers every page shares are `congvu.web.pages`."""

from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from congvu.consult.models import RequestState
from congvu.consult.queries import requests_to_unit
from congvu.lib import clock
from congvu.lib.clock import today
from congvu.org.models import Official, Role, Unit
from congvu.oversight.queries import extensions_and_overrides, refusals_in_units, unit_figures
from congvu.registry.models import ExtensionApprover
from congvu.registry.queries import competence_for, unit
from congvu.registry.serving import leader_unit_ids_of, unit_ids_of
from congvu.web.list_filters import figure_rows, province_totals
from congvu.web.pages import official_required
from congvu.web.roles import clerk_units, may_register, sees_overview
from congvu.web.timeline import with_overdue_days, working_days_overdue
from congvu.web.views_directives import home_context as directives_home_context
from congvu.work.models import ExtensionRequest, ExtensionStatus, IncomingDocument, State, WorkItem
from congvu.work.queries import my_work, submissions_received

# Waiting on the leader who holds them: a new item needs a direction, a directed one an officer.
AWAITING_LEADER = (State.REGISTERED, State.DIRECTED)
RECENT = timedelta(days=30)  # how far back a head's approvals and refusals are shown
SHOWN = 10


@official_required
def home(request: HttpRequest) -> HttpResponse:
    official = request.official
    on = today()
    units, leads = unit_ids_of(official, on), leader_unit_ids_of(official, on)
    context = {"serves": bool(units), "is_leader": bool(leads), **my_work_context(official, leads)}
    context["may_register"] = may_register(official)
    context.update(directives_home_context(official))
    if desks := clerk_units(official):
        context["clerk"] = clerk_context(desks)
    if leads:
        context["head"] = head_context(official, leads)
    if official.role in (Role.PROVINCE_OFFICE, Role.ADMINISTRATOR):
        context["province_office"] = {"rows": submissions_context(), "extensions": pending_extensions()}
    if sees_overview(official):
        context["oversight"] = oversight_context()
    return render(request, "web/home.html", context)


def my_work_context(official: Official, leads: set[int]) -> dict:
    """What the official holds (overdue, due soon, later), what waits for their direction when they
    lead a unit, and the consultations they must answer."""
    buckets = my_work(official)
    awaiting = []
    if leads:
        # Shown in their own table, so taken out of the three buckets below to avoid listing them twice.
        waiting = {"state__in": AWAITING_LEADER, "holder_unit__in": leads}
        awaiting = with_overdue_days(
            WorkItem.objects.filter(holder=official, **waiting)
            .select_related("lead_unit", "matter_type").order_by("due_at")
        )
        buckets = {name: qs.exclude(**waiting) for name, qs in buckets.items()}
    sections = [
        ("overdue", _("Overdue"), with_overdue_days(buckets["overdue"])),
        ("due_soon", _("Due within 3 days"), with_overdue_days(buckets["due_soon"])),
        ("later", _("Later"), with_overdue_days(buckets["later"])),
    ]
    to_answer = list(requests_to_unit(unit_ids_of(official, today()))
                     .filter(holder=official, state=RequestState.PENDING).order_by("due_at"))
    return {
        "awaiting": awaiting, "sections": sections, "to_answer": to_answer,
        "holds_any": any(rows for _key, _title, rows in sections),
        "held_count": sum(len(rows) for _key, _title, rows in sections) + len(awaiting),
    }


def clerk_context(registering: list[Unit]) -> dict:
    """The clerk's desk: register, import, and the latest entries of their units' registers."""
    latest = (IncomingDocument.objects.filter(unit__in=registering).select_related("unit")
              .order_by("-received_on", "-incoming_number")[:SHOWN])
    received_today = IncomingDocument.objects.filter(unit__in=registering, received_on=today()).count()
    return {"units": registering, "latest": list(latest), "received_today": received_today,
            "show_unit": len(registering) > 1}


def head_context(official: Official, leads: set[int]) -> dict:
    """A unit head's desk: approvals and refusals to weigh, consultations put to the unit, its figures."""
    since = clock.now() - RECENT
    figures = unit_figures(units=Unit.objects.filter(pk__in=leads))
    return {
        "refusals": list(refusals_in_units(leads, since)[:SHOWN]),
        "approvals": list(extensions_and_overrides(leads, since)[:SHOWN]),
        # Those the head holds are already under "Consultations you must answer".
        "requests": list(requests_to_unit(leads).filter(state=RequestState.PENDING)
                         .exclude(holder=official)[:SHOWN * 2]),
        "figures": figure_rows(figures),
    }


def competence_note(item: WorkItem) -> tuple[bool, str]:
    """Is this really the Province's to decide (clause 1.4)? Only when the matter's authority is the
    Province chairman and no delegation is in force; otherwise, who should decide it."""
    competence = competence_for(item.matter_type, today(), territory=item.registered_unit)
    if not competence.decides_locally:
        return True, ""
    unit_id = competence.unit_id or competence.territory_id
    return False, unit(unit_id).name if unit_id else item.lead_unit.name


def pending_extensions() -> list[ExtensionRequest]:
    """Extensions past a unit's own limit, waiting for the Province office to decide (clause 1.5)."""
    return list(ExtensionRequest.objects.filter(status=ExtensionStatus.PENDING,
                                                approver=ExtensionApprover.PROVINCE_OFFICE)
                .select_related("item", "unit", "requested_by").order_by("requested_at", "id")[:SHOWN])


def submissions_context() -> list[dict]:
    return [
        {"item": item, "days": working_days_overdue(item.due_date), "overridden": item.overridden,
         "province_competent": ok, "competent_unit": who}
        for item in submissions_received()[:SHOWN * 5]
        for ok, who in [competence_note(item)]
    ]


def oversight_context() -> dict:
    """The province at a glance; the overview (/tong-hop/) has the full tables."""
    figures = unit_figures()
    worst = sorted((f for f in figures if f.open_overdue), key=lambda f: (-f.open_overdue, f.unit_name))[:5]
    return {"total": figure_rows([province_totals(figures)])[0], "worst": figure_rows(worst)}
