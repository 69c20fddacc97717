"""Build the demo province: registries, then three months of work through the actions.

    build_demo(items=300)  into an empty database; same start date → same province
    fingerprint()          a digest of the items and their trails, independent of database ids

The deemed-agreement notices are rendered as .docx files into MEDIA_ROOT at the end of the build,
like any document the province issues."""

import hashlib
import json
import random
import time
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Count

from congvu.consult.models import Consultation, ConsultationRequest, Notice, Reconciliation, RequestState
from congvu.documents import notices
from congvu.lib import clock
from congvu.lib.choices import in_language
from congvu.ops.demo import cases_authority, cases_backlog, cases_edxml, cases_inspections, cases_notice, catalog
from congvu.ops.demo.activity import play
from congvu.ops.demo.cases_deadlines import deadline_plans
from congvu.ops.demo.cases_issued import send_first_inspection_decision
from congvu.ops.demo.cases_public import build_public_cases
from congvu.ops.demo.cases_reports import build_report_cases
from congvu.ops.demo.cases_reviews import build_review_cases
from congvu.ops.demo.scenarios import Planner
from congvu.ops.demo.structure import build_structure
from congvu.ops.demo.subjects import Writer
from congvu.ops.demo.timeline import Timeline
from congvu.ops.names import NameGenerator
from congvu.org.models import Official, Role, Unit
from congvu.registry.models import MatterType
from congvu.registry.queries import current_calendar
from congvu.work.models import Event, Outcome, State, WorkItem

SEED = 2230  # the number of the document the province acts on
DEFAULT_ITEMS = 300

# The logins worth trying first: (username, post, what they see and do).
LOGINS: tuple[tuple[str, str, str], ...] = (
    (catalog.ADMIN_LOGIN, "tài khoản superuser", "trang quản trị: đơn vị, cán bộ, loại việc, phân cấp, lịch công vụ"),
    ("chutich.ubnd", "Chủ tịch UBND tỉnh", "việc do Chủ tịch UBND tỉnh quyết định"),
    (catalog.OFFICE_HEAD_LOGIN, "Chánh Văn phòng UBND tỉnh",
     "mọi công việc; tờ trình chờ UBND tỉnh, ghi nhận quyết định"),
    (catalog.INSPECTOR_LOGIN, "thanh tra công vụ, Sở Nội vụ",
     "mọi đơn vị: đúng hạn, quá hạn, bị từ chối, Thủ trưởng quyết định"),
    ("giamdoc.sxd", "Giám đốc Sở Xây dựng",
     "việc của Sở: chỉ đạo, phân công, gia hạn, Thủ trưởng quyết định (ghi rõ lý do)"),
    ("vanthu.sxd", "Văn thư Sở Xây dựng", "sổ văn bản đến của Sở"),
    ("chuyenvien.sxd", "Chuyên viên Sở Xây dựng", "việc mình đang giữ"),
    ("chutich.buonmathuot", "Chủ tịch UBND phường Buôn Ma Thuột", "việc của phường"),
)


class DatabaseNotEmpty(Exception):  # noqa: N818 - named for what the operator sees
    pass


@dataclass(frozen=True)
class Login:
    username: str
    full_name: str
    post: str
    role: str  # the system role's label, or "" for an ordinary official
    sees: str


@dataclass(frozen=True)
class Summary:
    units: int
    officials: int
    matter_types: int
    items: int
    events: int
    refusals: int
    overrides: int
    states: list[tuple[str, int]]  # (Vietnamese label, count) in the order of State
    consultations: int
    requests: list[tuple[str, int]]  # consultation requests: (Vietnamese label, count) in the order of RequestState
    late_replies: int
    deemed_agreements: int
    notices: int  # signed, with their .docx
    unsigned_notices: int  # drafts the heads have not signed yet
    reconciliations: int
    logins: list[Login]
    seconds: float


def build_demo(items: int = DEFAULT_ITEMS, seed: int = SEED) -> Summary:
    """Create the demo province in one transaction (all or nothing), "today" being `clock.now()`."""
    started = time.monotonic()
    if Unit.objects.exists():
        raise DatabaseNotEmpty("Cơ sở dữ liệu đã có đơn vị; dữ liệu mẫu chỉ được tạo trên cơ sở dữ liệu trống.")
    now = clock.now()
    with transaction.atomic():
        rng = random.Random(seed)
        names = NameGenerator(rng)
        cast = build_structure(names)
        timeline = Timeline(current_calendar(), now, not_before=catalog.REFORM_DAY + timedelta(days=1))
        plans = Planner(cast, timeline, rng, Writer(rng, names)).plans(items)
        plans += deadline_plans(cast, timeline, first_no=len(plans) + 1)  # issue 9's cases, after the rest
        play(plans, timeline, rng, until=now)
        cases_authority.play_authority_cases()
        cases_notice.add_cases(now)  # a consultation sent back (the notices are signed during `play`)
        build_public_cases()  # issue 11: directives acknowledged in part, public reports in each state
        build_review_cases()  # issue 10: reviews ending in discipline before and after 01/07/2025, commendations
        cases_backlog.build_backlog_cases()  # issue 10: a backlog review round in progress
        build_report_cases()  # clause 3: a compiled period, and a current one with late units urged
        render_notices()
        cases_edxml.play(now)  # documents revoked, updated, replaced over the axis; statuses of notices
        cases_inspections.build_inspection_cases()  # issue 10: a surprise inspection with its seed, a plan
        send_first_inspection_decision()  # issue 14: its decision signed and sent over the axis
    return summarize(time.monotonic() - started)


def render_notices() -> None:
    """Write every signed deemed-agreement notice's .docx into the media directory (`render` skips
    one already written; a draft has no file)."""
    for notice in Notice.objects.filter(number__isnull=False).select_related("unit").order_by("id"):
        notices.render(notice)


def summarize(seconds: float = 0.0) -> Summary:
    by_state = dict(WorkItem.objects.values_list("state").annotate(n=Count("id")))
    officials = {o.user.username: o for o in Official.objects.select_related("user")
                 .filter(user__username__in=[name for name, _, _ in LOGINS])}
    return Summary(
        units=Unit.objects.count(), officials=Official.objects.count(), matter_types=MatterType.objects.count(),
        items=WorkItem.objects.count(), events=Event.objects.count(),
        refusals=Event.objects.filter(outcome=Outcome.REFUSED).count(),
        overrides=Event.objects.filter(outcome=Outcome.OVERRIDE).count(),
        states=[(in_language("vi", state.label), by_state.get(state.value, 0)) for state in State],
        **_consultation_counts(),
        logins=[_login(officials[name], post, sees) for name, post, sees in LOGINS if name in officials],
        seconds=seconds,
    )


def _consultation_counts() -> dict:
    by_state = dict(ConsultationRequest.objects.values_list("state").annotate(n=Count("id")))
    return {
        "consultations": Consultation.objects.count(),
        "requests": [(in_language("vi", state.label), by_state.get(state.value, 0)) for state in RequestState],
        "late_replies": ConsultationRequest.objects.filter(late=True, replied_at__isnull=False).count(),
        "deemed_agreements": by_state.get(RequestState.DEEMED_AGREED, 0),
        "notices": Notice.objects.exclude(file="").count(),
        "unsigned_notices": Notice.objects.filter(number__isnull=True).count(),
        "reconciliations": Reconciliation.objects.count(),
    }


def _login(official: Official, post: str, sees: str) -> Login:
    role = "" if official.role == Role.OFFICIAL else in_language("vi", Role(official.role).label)
    return Login(official.user.username, official.full_name, post, role, sees)


def fingerprint() -> str:
    """sha256 over every item, event and consultation request as content (titles, states, dates, who,
    which rule, which position), so two builds compare equal whatever ids the database handed out."""
    items = WorkItem.objects.values_list(
        "created_at", "title", "state", "due_date", "lead_unit__code", "holder__user__username", "event_count")
    events = Event.objects.values_list(
        "item__created_at", "item__title", "seq", "kind", "outcome", "rule_code", "actor__user__username", "at")
    requests = ConsultationRequest.objects.values_list(
        "item__created_at", "item__title", "unit__code", "state", "position", "reasons", "due_at", "late",
        "holder__user__username")
    rows = {"items": sorted(map(_plain, items)), "events": sorted(map(_plain, events)),
            "requests": sorted(map(_plain, requests))}
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()


def _plain(row: tuple) -> list:
    # None → "" so rows always compare (sorting never meets None against a string).
    return ["" if value is None else value.isoformat() if hasattr(value, "isoformat") else value for value in row]
