"""My work, the figures overview, and the helpers every page view shares."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from congvu.lib.refusals import ActionRefused
from congvu.org.models import Official, Role
from congvu.org.queries import leader_unit_ids_of
from congvu.web.roles import may_register
from congvu.web.timeline import working_days_overdue
from congvu.work.access import today
from congvu.work.models import State, WorkItem
from congvu.work.queries import my_work, unit_figures

View = Callable[..., HttpResponse]
OVERSIGHT_ROLES = (Role.HOME_AFFAIRS, Role.PROVINCE_OFFICE, Role.ADMINISTRATOR)
# Waiting on the leader who holds them: a new item needs a direction, a directed one an officer.
AWAITING_LEADER = (State.REGISTERED, State.DIRECTED)


def denied(request: HttpRequest, message: str) -> HttpResponse:
    """403 with the reason in the reader's language, never a bare error page or a 500."""
    return render(request, "web/denied.html", {"message": message}, status=403)


def refusal_denied(request: HttpRequest, refusal: ActionRefused) -> HttpResponse:
    return denied(request, refusal.message(get_language() or "vi"))


def official_required(view: View) -> View:
    """Signed in and linked to an official: every page acts as a named person (clause 1.3).
    The official is put on the request for the view."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        official = Official.objects.filter(user=request.user).first()
        if official is None:
            return denied(request, _("Your account is not linked to an official, so it cannot handle work."))
        request.official = official
        return view(request, *args, **kwargs)

    return wrapper


def with_overdue_days(items) -> list[tuple[WorkItem, int]]:
    on = today()
    return [(item, working_days_overdue(item.due_date, on)) for item in items]


@official_required
def home(request: HttpRequest) -> HttpResponse:
    official = request.official
    buckets = my_work(official)
    leads = leader_unit_ids_of(official, today())
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
    return render(request, "web/home.html", {
        "awaiting": awaiting, "is_leader": bool(leads), "sections": sections,
        "held_count": sum(len(rows) for _key, _title, rows in sections) + len(awaiting),
        "may_register": may_register(official), "sees_overview": official.role in OVERSIGHT_ROLES,
    })


@official_required
def overview(request: HttpRequest) -> HttpResponse:
    """The Government Office's task figures per lead unit, for Home Affairs and the Province office."""
    if request.official.role not in OVERSIGHT_ROLES:
        return denied(request, _("Only Home Affairs and the Province office see the figures of every unit."))
    return render(request, "web/overview.html", {"figures": unit_figures()})
