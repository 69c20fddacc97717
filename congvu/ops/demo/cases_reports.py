"""Clause 3's part of the demo: two monthly reporting periods before the demo's "today".

- The earlier one is CLOSED: Home Affairs opened it, most units submitted on time (a few late, urged
  first), and Home Affairs compiled the province report (numbered in its outgoing register, its
  .docx with charts and its .xlsx annex written).
- The latest one whose due date has passed is CURRENT: some units have submitted, the others are
  late and have been urged.

Everything through the actions, on working days before "today", choosing by the units' codes and
a generator of its own (never by database ids). Called once by `build.build_demo`."""

import random
from datetime import date, datetime, time

from congvu.documents.report_docs import files_of
from congvu.lib import clock
from congvu.lib.workdays import TZ
from congvu.ops.demo import catalog
from congvu.org.models import Official
from congvu.oversight import reports
from congvu.oversight.models_reports import PeriodKind, ReportingPeriod, UnitReport
from congvu.oversight.report_rules import cut_off
from congvu.registry.queries import current_calendar
from congvu.registry.serving import head_of

SEED = 3  # the clause's number
DUE_AFTER_CUT_OFF = 3  # working days
ON_TIME_SHARE, LATE_SHARE = 0.7, 0.2  # of the units, in the closed period; the rest never submitted
SUBMITTED_SHARE = 0.5  # in the current period, the others late

RESULTS = (
    "Tiếp nhận và giải quyết hồ sơ theo đúng quy trình; các công việc quá hạn đã được rà soát, xác định "
    "nguyên nhân và giao người chịu trách nhiệm giải quyết dứt điểm.",
    "Đã quán triệt Công điện 280/CĐ-TTg và Văn bản 2230/UBND-NC đến toàn thể công chức; phân công rõ người, "
    "rõ việc, rõ thời hạn đối với từng nhiệm vụ được giao.",
    "Thực hiện nghiêm việc trả lời xin ý kiến đúng hạn; không phát sinh trường hợp chuyển việc thuộc thẩm quyền "
    "sang đơn vị khác.",
)
DIFFICULTIES = (
    "Số lượng hồ sơ tăng vào cuối kỳ trong khi biên chế chưa được bổ sung.",
    "Một số hồ sơ phải chờ ý kiến của nhiều đơn vị, thời gian phối hợp kéo dài.",
    "Phần mềm một cửa và phần mềm quản lý văn bản chưa liên thông đầy đủ.",
)
PROPOSALS = (
    "Đề nghị UBND tỉnh xem xét bổ sung biên chế công chức cho bộ phận tiếp nhận hồ sơ.",
    "Đề nghị Sở Nội vụ tổ chức tập huấn về quy trình xin ý kiến và thời hạn trả lời.",
    "Đề nghị các sở, ngành liên quan trả lời xin ý kiến đúng thời hạn quy định.",
)


def due_of(year: int, month: int) -> date:
    return current_calendar().add_working_days(cut_off("month", year, month)[1], DUE_AFTER_CUT_OFF)


def months_back(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def latest_due_month(today: date) -> tuple[int, int]:
    """The latest month whose reports fell due at least two working days before today."""
    year, month = today.year, today.month
    while current_calendar().add_working_days(due_of(year, month), 2) > today:
        year, month = months_back(year, month)
    return year, month


def at(day: date, hour: int = 9) -> datetime:
    """`day` at `hour`, moved on to a working day."""
    calendar = current_calendar()
    while not calendar.is_working_day(day):
        day = date.fromordinal(day.toordinal() + 1)
    return datetime.combine(day, time(hour), TZ)


def build_report_cases() -> None:
    rng = random.Random(SEED)
    inspector = Official.objects.get(user__username=catalog.INSPECTOR_LOGIN)
    year, month = latest_due_month(clock.today())
    closed = play_period(inspector, *months_back(year, month), rng, on_time=ON_TIME_SHARE, late=LATE_SHARE)
    compile_on(closed, inspector, 2)
    play_period(inspector, year, month, rng, on_time=SUBMITTED_SHARE, late=0.0)


def play_period(inspector: Official, year: int, month: int, rng: random.Random, on_time: float,
                late: float) -> ReportingPeriod:
    """Open the month's period; `on_time` of the units submit in the days after the cut-off, the
    others are urged the day after the due date, and `late` of them submit then."""
    starts_on, ends_on = cut_off("month", year, month)
    due_on = due_of(year, month)
    with clock.travel_to(at(date.fromordinal(ends_on.toordinal() - 5))):
        period = reports.open_period(actor=inspector, kind=PeriodKind.MONTH, year=year, number=month, due_on=due_on)
    calendar = current_calendar()
    drafts = list(period.unit_reports.select_related("unit").order_by("unit__code"))
    rolls = [rng.random() for _ in drafts]
    for n, (report, roll) in enumerate(zip(drafts, rolls, strict=True)):
        if roll < on_time:
            submit(report, calendar.add_working_days(ends_on, 1 + n % 2), n)
    urge = calendar.add_working_days(due_on, 1)
    with clock.travel_to(at(urge, 7)):
        reports.urge_late_reports(period=period)
    for n, (report, roll) in enumerate(zip(drafts, rolls, strict=True)):
        if on_time <= roll < on_time + late:
            submit(report, urge, n)
    return period


def submit(report: UnitReport, day: date, n: int) -> None:
    with clock.travel_to(at(day, 8 + n % 8)):
        head = head_of(report.unit_id, clock.today())
        if head is None:
            return
        reports.save_narrative(report, actor=head, results=RESULTS[n % len(RESULTS)],
                               difficulties=DIFFICULTIES[(n + 1) % len(DIFFICULTIES)],
                               proposals=PROPOSALS[(n + 2) % len(PROPOSALS)])
        reports.submit_report(report, actor=head)


def compile_on(period: ReportingPeriod, inspector: Official, working_days_after_due: int) -> None:
    day = current_calendar().add_working_days(period.due_on, working_days_after_due)
    with clock.travel_to(at(min(day, clock.today()), 10)):
        files_of(reports.compile_report(period, actor=inspector))
