"""Issue 11's part of the demo: the three directives of clause 1.1 in Home Affairs' register, sent
and partly acknowledged; reports from the public in each state (clause 1.7). Everything through the
actions, on dates before the demo's "today", with its own random generator (the items' build, and
its fingerprint, are untouched). Called once by `build.build_demo`."""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time

from congvu.lib import clock
from congvu.lib.workdays import TZ
from congvu.ops.demo import catalog
from congvu.org.models import Official, Unit, UnitKind
from congvu.oversight import directives, public_reports
from congvu.oversight.models_directives import DirectiveKind
from congvu.oversight.models_public import ReportAbout, ReportKind
from congvu.registry.queries import current_calendar
from congvu.registry.serving import head_of

SEED = 11  # the number
ACKNOWLEDGED_SHARE = (0.9, 0.6, 0.35)  # the older the directive, the more officials have read it

DIRECTIVES = (
    ("04/2023/QĐ-UBND", "Ban hành Quy chế làm việc của UBND tỉnh Phú Yên nhiệm kỳ 2021 - 2026",
     DirectiveKind.REGULATION, "UBND tỉnh Phú Yên", date(2023, 2, 13), 30),
    ("280/CĐ-TTg", "Chấn chỉnh, tăng cường kỷ luật, kỷ cương hành chính; khắc phục tình trạng né tránh, "
     "đùn đẩy, sợ sai, sợ trách nhiệm", DirectiveKind.PRIME_MINISTER, "Thủ tướng Chính phủ", date(2023, 4, 19), 20),
    ("2230/UBND-NC", "Triển khai thực hiện Công điện số 280/CĐ-TTg của Thủ tướng Chính phủ",
     DirectiveKind.PROVINCE, "Chủ tịch UBND tỉnh", date(2023, 5, 16), 8),
)

REPORTS = (  # kind, about, what, description, where it got to
    (ReportKind.DELAY, ReportAbout.DOSSIER, "000.00.12.H45-251020-0031",
     "Hồ sơ cấp phép xây dựng nộp đã hơn hai tháng, quá hẹn trên giấy biên nhận mà chưa có kết quả, "
     "cũng không được thông báo lý do.", "received"),
    (ReportKind.HARASSMENT, ReportAbout.OFFICIAL, "Cán bộ tiếp nhận hồ sơ đất đai (bàn số 3)",
     "Cán bộ yêu cầu nộp thêm giấy tờ không có trong danh mục thủ tục, mỗi lần đến lại yêu cầu một loại khác.",
     "assigned"),
    (ReportKind.AVOIDANCE, ReportAbout.UNIT, None,
     "Hỏi về hồ sơ thì phòng này bảo sang phòng kia, phòng kia bảo về lại phòng này, không ai trả lời.",
     "late"),
    (ReportKind.PETTY_CORRUPTION, ReportAbout.UNIT, None,
     "Được gợi ý 'bồi dưỡng' để hồ sơ được giải quyết nhanh hơn.", "answered"),
    (ReportKind.DELAY, ReportAbout.UNIT, None,
     "Đề nghị xác nhận nộp từ tháng trước vẫn chưa có kết quả.", "closed"),
)


def working_days_ago(n: int, hour: int = 9) -> datetime:
    """The moment at `hour` on the n-th working day before today (n = 0: today)."""
    calendar, day = current_calendar(), clock.today()
    while n > 0 or not calendar.is_working_day(day):
        day = date.fromordinal(day.toordinal() - 1)
        if calendar.is_working_day(day):
            n -= 1
    return datetime.combine(day, time(hour), TZ)


@contextmanager
def on(days: int, hour: int = 9) -> Iterator[None]:
    with clock.travel_to(working_days_ago(days, hour)):
        yield


def build_public_cases() -> None:
    rng = random.Random(SEED)
    inspector = Official.objects.get(user__username=catalog.INSPECTOR_LOGIN)
    departments = list(Unit.objects.filter(kind=UnitKind.DEPARTMENT).order_by("code"))
    for (notation, title, kind, issuer, issued, sent_ago), share in zip(DIRECTIVES, ACKNOWLEDGED_SHARE, strict=True):
        with on(sent_ago + 1):
            directive = directives.register_directive(actor=inspector, notation=notation, title=title, kind=kind,
                                                      issuer=issuer, issued_on=issued)
        with on(sent_ago):
            directives.send_directive(directive, actor=inspector,
                                      units=departments if kind == DirectiveKind.PROVINCE else None)
        acknowledge_some(directive, share, sent_ago, rng)
    file_reports(inspector, departments, rng)


def acknowledge_some(directive, share: float, sent_ago: int, rng: random.Random) -> None:
    for recipient in directive.recipients.select_related("official").order_by("official__user__username"):
        if rng.random() < share:
            with on(rng.randint(0, max(sent_ago - 1, 0)), hour=rng.randint(8, 16)):
                directives.acknowledge(directive, actor=recipient.official)


def file_reports(inspector: Official, departments: list[Unit], rng: random.Random) -> None:
    for n, (kind, about, what, description, reached) in enumerate(REPORTS):
        unit = departments[rng.randrange(len(departments))]
        with on(14 - 2 * n, hour=20):  # filed in the evening: the public page never closes
            report = public_reports.file_report(
                kind=kind, about=about, description=description, unit=unit if about == ReportAbout.UNIT else None,
                official_named=what if about == ReportAbout.OFFICIAL else "",
                dossier_reference=what if about == ReportAbout.DOSSIER else "",
                reporter_name="Nguyễn Văn Bình" if n % 2 else "",
                reporter_contact=f"0905 {rng.randint(100000, 999999)}")
        if reached == "received":
            continue
        with on(13 - 2 * n, hour=10):
            report = public_reports.assign_report(report, actor=inspector, unit=unit,
                                                  days=2 if reached == "late" else 20)
        if reached in ("answered", "closed"):
            with on(12 - 2 * n, hour=15):
                report = public_reports.answer_report(report, actor=head_of(unit, clock.today()),
                                                      answer="Đơn vị đã làm việc với cán bộ liên quan, "
                                                             "giải quyết hồ sơ và chấn chỉnh.")
        if reached == "closed":
            with on(max(11 - 2 * n, 0), hour=16):
                public_reports.close_report(report, actor=inspector, public_answer=(
                    "Sở Nội vụ đã đề nghị đơn vị kiểm tra. Hồ sơ của ông/bà đã được giải quyết; "
                    "cán bộ liên quan đã được nhắc nhở, chấn chỉnh."))
