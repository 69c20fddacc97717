"""Issue 10's reviews and commendation in the demo (clauses 1.7, 1.8), through the actions:

- BEFORE 01/07/2025: a citizen's report about the former Department of Transport (merged into
  Construction on 01/07/2025) leads to the review of one of its officers, decided on 20/06/2025 under
  Decree 112/2020 as amended — the salary-step demotion (hạ bậc lương) is still a form then;
- AFTER: a deemed agreement leads to the review of the silent official, decided under Decree
  172/2025 (no salary-step demotion offered); an override kept for review, reviewed as a unit and
  closed without discipline;
- commendations of the year so far, chosen from the candidates: one decided, one approved, one proposed.

Choices follow content (titles, codes, names), never database ids. Called once by `build.build_demo`."""

from datetime import date, datetime, time

from congvu.consult.models import Responsibility
from congvu.lib import clock
from congvu.lib.workdays import TZ
from congvu.ops import province
from congvu.ops.demo import catalog
from congvu.ops.demo.cases_public import on, working_days_ago
from congvu.org.models import Official, Title, Unit
from congvu.oversight import commendation, public_reports, reviews
from congvu.oversight.commendation_candidates import official_candidates, unit_candidates
from congvu.oversight.models import OverrideReview, Resolution
from congvu.oversight.models_public import ReportAbout, ReportKind
from congvu.registry.serving import head_of

FORMER_OFFICER = "chuyenvien.sgtvt"


def at(day: date, hour: int = 9):
    return clock.travel_to(datetime.combine(day, time(hour), TZ))


def build_review_cases() -> None:
    inspector = Official.objects.get(user__username=catalog.INSPECTOR_LOGIN)
    before_the_cutover(inspector)
    after_the_cutover(inspector)
    unit_review_closed(inspector)
    commendations(inspector)


def _former_officer(former: Unit, successor: Unit) -> Official:
    """An officer of the former Department of Transport who moved to Construction at the merger."""
    person = province.Person(FORMER_OFFICER, "Trần Quốc Bảo", posts=(
        province.Post(former.code, Title.OFFICER, since=date(2019, 3, 1), until=catalog.MERGED_AWAY_UNTIL),
        province.Post(successor.code, Title.OFFICER, since=catalog.REFORM_DAY)))
    plan = province.Plan(units=(), people=(person,), matters=(), since=catalog.REFORM_DAY,
                         password=catalog.DEMO_PASSWORD, email_domain="congvu.example")
    return province.add_people([person], [former, successor], plan)[FORMER_OFFICER]


def _meeting(review, actor, day: date, chair: str, text: str):
    with at(day):
        return reviews.record_meeting(review, actor=actor, meeting_on=day, meeting_place="Phòng họp cơ quan",
                                      meeting_chair=chair, parties="Lãnh đạo đơn vị, cấp ủy, công đoàn, người được "
                                      "kiểm điểm", self_criticism=text)


def before_the_cutover(inspector: Official) -> None:
    former = Unit.objects.get(code=catalog.MERGED_AWAY.code)
    officer = _former_officer(former, Unit.objects.get(code=catalog.MERGED_INTO))
    with at(date(2025, 5, 12)):
        report = public_reports.file_report(
            kind=ReportKind.DELAY, about=ReportAbout.UNIT, unit=former,
            description="Hồ sơ cấp phép vận tải nộp từ tháng 3 đến nay chưa có kết quả, hỏi thì bảo chờ.")
        head = head_of(former, clock.today())
    with at(date(2025, 5, 20)):
        review = reviews.open_review("public_report", report.pk, actor=inspector, subject="official", official=officer,
                                     reason="Để hồ sơ quá hạn nhiều tháng, không báo lý do cho người dân.")
    review = _meeting(review, head, date(2025, 6, 3), head.full_name,
                      "Tôi để hồ sơ quá hạn, không báo cáo lãnh đạo và không trả lời người dân.")
    with at(date(2025, 6, 5)):
        review = reviews.conclude_review(review, actor=head, conclusion="Vi phạm thời hạn giải quyết hồ sơ nhiều lần, "
                                         "đã được nhắc nhở.", proposed_form="ha_bac_luong",
                                         violation_on=date(2025, 4, 15))
    with at(date(2025, 6, 20)):  # a Friday, under Decree 112/2020 as amended
        reviews.decide_discipline(review, actor=head, form="ha_bac_luong")


def after_the_cutover(inspector: Official) -> None:
    # A deemed agreement older than the review (opened 20 working days ago), chosen by its content.
    found = (Responsibility.objects.filter(holder__isnull=False, request__due_at__lt=working_days_ago(21))
             .select_related("request__item", "unit")
             .order_by("request__item__title", "unit__code").first())
    if found is None:
        return
    with on(20):
        review = reviews.open_review("deemed_agreement", found.pk, actor=inspector, subject="official",
                                     reason="Không trả lời xin ý kiến đúng hạn, để đơn vị bị coi như đồng ý.")
    decider = head_of(reviews.deciding_unit(review), clock.today())
    conductor = head_of(review.unit, clock.today())
    if conductor is None or conductor.pk == review.official_id:
        conductor = inspector
    review = _meeting(review, conductor, working_days_ago(15).date(), conductor.full_name,
                      "Tôi không theo dõi hạn trả lời, không báo cáo lãnh đạo đơn vị.")
    with on(12):
        review = reviews.conclude_review(review, actor=conductor, conclusion="Thiếu trách nhiệm trong việc trả lời "
                                         "xin ý kiến.", proposed_form="khien_trach",
                                         violation_on=found.request.due_at.astimezone(TZ).date())
    with on(8):
        reviews.decide_discipline(review, actor=decider, form="khien_trach")


def unit_review_closed(inspector: Official) -> None:
    kept = (OverrideReview.objects.filter(resolution=Resolution.KEPT_FOR_REVIEW)
            .order_by("item__title", "unit__code").first())
    if kept is None:
        return
    with on(10):
        review = reviews.open_review("kept_override", kept.pk, actor=inspector, subject="unit", reason="")
    review = _meeting(review, inspector, working_days_ago(6).date(), inspector.full_name,
                      "Đơn vị nhận thấy đã quyết định khi danh mục chưa rõ thẩm quyền.")
    with on(5):
        reviews.conclude_review(review, actor=inspector, conclusion="Rút kinh nghiệm; đề nghị sửa danh mục.")


def commendations(inspector: Official) -> None:
    with on(4):
        start, end = date(clock.today().year, 1, 1), clock.today()
        units = sorted(unit_candidates(start, end), key=lambda c: c.unit_name)[:1]
        people = sorted(official_candidates(start, end), key=lambda c: c.official_name)[:3]
        proposed = [commendation.propose_commendation(
            actor=inspector, unit=Unit.objects.get(pk=c.unit_id),
            official=Official.objects.get(pk=c.official_id) if c.official_id else None,
            form="giay_khen" if c.official_id else "tap_the_lao_dong_tien_tien", period_start=start, period_end=end,
            reason=f"Hoàn thành {c.completed} việc, {c.on_time_percent}% đúng hạn; không để quá hạn.",
            evidence=c.evidence) for c in people + units]
    # The first decided, the second approved and waiting for its decision, the rest still proposed.
    with on(2):
        approved = [commendation.approve_commendation(p, actor=inspector, approve=True) for p in proposed[:2]]
    with on(1):
        for found in approved[:1]:
            commendation.decide_commendation(found, actor=head_of(commendation.deciding_unit(found),
                                                                  clock.today()))
