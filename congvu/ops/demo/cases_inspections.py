"""Issue 10's inspections in the demo (clause 1.6): a surprise inspection drawn with a recorded seed
over the last three months, opened with its decision, with findings resting on the drawn items'
trails, measures, its conclusion and one measure followed up; and a thematic inspection planned for
the communes. Everything through the actions, on working days before the demo's "today". Choices
come from the draw's own order and the items' content, never from database ids. Called once by
`build.build_demo`."""

from datetime import timedelta

from congvu.lib import clock
from congvu.ops.demo import catalog
from congvu.ops.demo.cases_public import on
from congvu.org.models import Official, Role, Unit, UnitKind
from congvu.oversight import inspections
from congvu.oversight.models_inspections import (
    FindingCategory,
    Inspection,
    InspectionKind,
    MeasureKind,
    MeasureStatus,
)
from congvu.work.models import Event, Outcome, WorkItem

SEED = "2230a0280c0d1e06"  # the surprise draw's recorded seed (shown on the inspection page)


def team() -> list[Official]:
    inspector = Official.objects.get(user__username=catalog.INSPECTOR_LOGIN)
    others = Official.objects.filter(role=Role.HOME_AFFAIRS).exclude(pk=inspector.pk).order_by("user__username")
    return [inspector, *others[:2]]


def build_inspection_cases() -> None:
    members = team()
    inspector = members[0]
    today = clock.today()
    with on(30):
        surprise = inspections.draw_surprise(
            actor=inspector, title="Kiểm tra đột xuất việc thực thi công vụ", period_from=today - timedelta(days=90),
            period_to=today - timedelta(days=31), units=3, officials=4, items=8, seed=SEED, team=members)
    with on(28):
        inspections.open_inspection(surprise, actor=inspector)
    findings = record_findings(surprise, inspector)
    with on(15):
        measures = [inspections.decide_measure(f, actor=inspector, kind=kind, days=days)
                    for f, (kind, days) in zip(findings, MEASURES, strict=False)
                    if f.category != FindingCategory.POSITIVE]
    with on(12):
        inspections.conclude(surprise, actor=inspector, conclusion=(
            "Đơn vị được kiểm tra cơ bản chấp hành quy định về thời hạn giải quyết công việc; còn để hồ sơ quá hạn "
            "luật định và có trường hợp chuyển việc thuộc thẩm quyền. Yêu cầu thủ trưởng đơn vị chấn chỉnh, tổ chức "
            "kiểm điểm và báo cáo kết quả thực hiện các biện pháp về Sở Nội vụ đúng thời hạn."))
    if measures:
        with on(3):
            inspections.follow_up(measures[0], actor=inspector, status=MeasureStatus.DONE,
                                  note="Đơn vị đã tổ chức nhắc nhở, có biên bản gửi kèm.")
    plan_thematic(inspector, members)


MEASURES = ((MeasureKind.CRITICISM, 10), (MeasureKind.REVIEW, 15), (MeasureKind.REMINDER, 5))


def record_findings(surprise: Inspection, inspector: Official) -> list:
    """A finding on each of the first drawn items that was late or refused (the draw's order), and a
    positive one on the drawn unit with no such item."""
    drawn = [m for m, _ in surprise.drawn.get("items", [])]
    items = {i.pk: i for i in WorkItem.objects.filter(pk__in=drawn).select_related("lead_unit", "holder")}
    found, faulted = [], set()
    with on(20):
        for item in (items[pk] for pk in drawn if pk in items):
            refused = list(Event.objects.filter(item=item, outcome__in=[Outcome.REFUSED, Outcome.OVERRIDE])
                           .order_by("seq").values_list("pk", flat=True)[:3])
            late = item.completed_at is not None and item.completed_at > item.legal_due_at or (
                item.completed_at is None and item.legal_due_at < clock.now())
            if not (refused or late) or len(found) >= 3:
                continue
            category = FindingCategory.AVOIDING if refused else FindingCategory.DELAY
            summary = (f"Hồ sơ “{item.title}”: " + ("đề nghị chuyển, trả lại việc thuộc thẩm quyền của đơn vị, bị "
                       "quy tắc từ chối." if refused else "quá thời hạn luật định, không báo cáo lý do kịp thời."))
            found.append(inspections.record_finding(
                surprise, actor=inspector, category=category, unit=item.lead_unit, official=item.holder,
                summary=summary, item_ids=[item.pk], event_ids=refused))
            faulted.add(item.lead_unit_id)
        clean = surprise.units.exclude(pk__in=faulted).order_by("code").first()
        if clean is not None:
            found.append(inspections.record_finding(
                surprise, actor=inspector, category=FindingCategory.POSITIVE, unit=clean,
                summary="Giải quyết hồ sơ đúng hạn, không có trường hợp đùn đẩy trong thời kỳ kiểm tra."))
    return found


def plan_thematic(inspector: Official, members: list[Official]) -> None:
    communes = list(Unit.objects.filter(kind=UnitKind.COMMUNE, valid_to__isnull=True).order_by("code")[:4])
    today = clock.today()
    with on(2):
        inspections.plan_inspection(
            actor=inspector, kind=InspectionKind.THEMATIC,
            title="Kiểm tra chuyên đề giải quyết tranh chấp đất đai cấp xã",
            theme="thời hạn hòa giải tranh chấp đất đai", period_from=today - timedelta(days=180),
            period_to=today - timedelta(days=1), units=communes, team=members)
