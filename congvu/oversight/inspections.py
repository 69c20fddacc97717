"""Every change to an inspection (clause 1.6): plan a routine or thematic one, draw a surprise one,
open it (the decision is numbered in Home Affairs' outgoing register), record findings with their
evidence, decide measures, conclude it (the conclusion numbered the same way), follow the measures up.

Each is one transaction through `congvu.work.actions.action`: who acts is checked first (only Home
Affairs inspects), then the state, then the input; then the change, then its event in the
inspection's record trail. Reads and who sees what: `congvu.oversight.access`."""

from collections.abc import Iterable
from datetime import date

from django.core.files.base import ContentFile
from django.urls import reverse

from congvu.consult.models import OutgoingRegister
from congvu.lib import clock
from congvu.lib.clock import today
from congvu.lib.refusals import AccessDenied, InvalidInput, InvalidState
from congvu.org.models import Official, Position, Role, Title, Unit, UnitKind
from congvu.org.notify import notify
from congvu.oversight import draw, risk
from congvu.oversight.inspection_letters import conclusion_content, decision_content
from congvu.oversight.models_inspections import (
    Finding,
    FindingCategory,
    Inspection,
    InspectionKind,
    InspectionState,
    Measure,
    MeasureKind,
    MeasureStatus,
)
from congvu.oversight.record import record_event
from congvu.registry.queries import current_calendar
from congvu.registry.serving import head_of, serves_in
from congvu.work.actions import action, take_numbers
from congvu.work.models import Event, WorkItem

INSPECTED_KINDS = (UnitKind.DEPARTMENT, UnitKind.COMMUNE)  # who a surprise draw may reach
MAX_SAMPLE = 500
MAX_MEASURE_DAYS = 120


def inspects(official: Official) -> bool:
    return official.role == Role.HOME_AFFAIRS


def require_inspector(official: Official) -> None:
    if not inspects(official):
        raise AccessDenied("Chỉ Sở Nội vụ lập kế hoạch, tiến hành và kết luận kiểm tra công vụ.",
                           "Only the Department of Home Affairs plans, carries out and concludes inspections.")


def require_state(inspection: Inspection, *states: str) -> None:
    if inspection.state not in states:
        raise InvalidState(f"Cuộc kiểm tra đang ở trạng thái “{inspection.get_state_display()}”, không thực hiện "
                           "được thao tác này.", f"The inspection is {inspection.state}: this cannot be done now.")


def check_period(period_from: date, period_to: date) -> None:
    if period_from > period_to:
        raise InvalidInput("Thời kỳ kiểm tra: ngày bắt đầu phải trước ngày kết thúc.",
                           "The inspected period must start before it ends.")


def home_affairs() -> Unit:
    """The Department of Home Affairs (the issuer of the inspections' and the periodic reports' documents)."""
    found = Unit.objects.filter(is_home_affairs=True, valid_to__isnull=True).select_related("parent").first()
    if found is None:
        raise InvalidInput("Chưa khai báo Sở Nội vụ trong danh mục đơn vị.",
                           "No Department of Home Affairs is registered.")
    return found


def lock(inspection: Inspection | int) -> Inspection:
    pk = inspection if isinstance(inspection, int) else inspection.pk
    return Inspection.objects.select_for_update().get(pk=pk)


@action
def plan_inspection(*, actor: Official, kind: str, title: str, period_from: date, period_to: date,
                    units: Iterable[Unit], team: Iterable[Official] = (), theme: str = "") -> Inspection:
    """A routine or thematic inspection of the chosen units over a period (a thematic one names its theme)."""
    require_inspector(actor)
    if kind not in (InspectionKind.ROUTINE, InspectionKind.THEMATIC):
        raise InvalidInput("Kế hoạch kiểm tra là định kỳ hoặc chuyên đề; kiểm tra đột xuất được chọn mẫu.",
                           "A plan is routine or thematic; a surprise inspection is drawn.")
    units, team = list(units), list(team)
    if not title.strip() or not units:
        raise InvalidInput("Cần ghi tên cuộc kiểm tra và chọn ít nhất một đơn vị.",
                           "A title and at least one unit are required.")
    if kind == InspectionKind.THEMATIC and not theme.strip():
        raise InvalidInput("Kiểm tra chuyên đề phải nêu chuyên đề.", "A thematic inspection names its theme.")
    check_period(period_from, period_to)
    inspection = Inspection.objects.create(kind=kind, title=title.strip(), theme=theme.strip(), period_from=period_from,
                                           period_to=period_to, planned_by=actor, planned_at=clock.now())
    inspection.units.set(units)
    inspection.team.set(team or [actor])
    record_event(inspection, "inspection_planned", actor=actor, unit=None, data={
        "kind": kind, "units": sorted(u.pk for u in units), "period": [f"{period_from}", f"{period_to}"]})
    return inspection


def population(period: tuple[date, date], unit_ids: list[int]) -> dict[str, dict[int, float]]:
    """The officials serving in the drawn units and the items they led, with their risk weights."""
    officials = sorted(set(Position.objects.active_on(period[1]).filter(unit_id__in=unit_ids)
                           .values_list("official_id", flat=True)))
    return {"officials": risk.official_weights(officials, period), "items": risk.item_weights(unit_ids, period)}


@action
def draw_surprise(*, actor: Official, title: str, period_from: date, period_to: date, units: int, officials: int,
                  items: int, team: Iterable[Official] = (), seed: str = "") -> Inspection:
    """Draw a surprise inspection: first `units` units weighted by risk, then `officials` officials and
    `items` items of the drawn units. The seed (new unless given) and the population snapshot are
    recorded, so the draw can be re-run and audited. Nobody outside Home Affairs and the Province's
    leadership sees it until it is opened."""
    require_inspector(actor)
    sizes = {"units": units, "officials": officials, "items": items}
    if not title.strip() or units < 1 or any(not 0 <= n <= MAX_SAMPLE for n in sizes.values()):
        raise InvalidInput(f"Cần ghi tên cuộc kiểm tra, chọn ít nhất một đơn vị; mỗi cỡ mẫu từ 0 đến {MAX_SAMPLE}.",
                           f"A title, at least one unit, and each sample size from 0 to {MAX_SAMPLE}.")
    check_period(period_from, period_to)
    seed, period = seed.strip() or draw.new_seed(), (period_from, period_to)
    candidates = list(Unit.objects.filter(kind__in=INSPECTED_KINDS, valid_to__isnull=True, is_home_affairs=False)
                      .values_list("pk", flat=True))
    unit_pop = risk.unit_weights(candidates, period)
    drawn_units = draw.draw(unit_pop, units, seed, "units")
    pop = {"units": unit_pop, **population(period, drawn_units)}
    sample = draw.draw_all(pop, sizes, seed)
    inspection = Inspection.objects.create(
        kind=InspectionKind.SURPRISE, title=title.strip(), period_from=period_from, period_to=period_to,
        planned_by=actor, planned_at=clock.now(), seed=seed, population_digest=sample.digest, sizes=sizes,
        drawn={stratum: [[m, draw.rounded(pop[stratum][m])] for m in ids] for stratum, ids in sample.drawn.items()})
    inspection.population.save(f"quan-the-{inspection.pk}.tsv", ContentFile(draw.snapshot_text(pop).encode()))
    inspection.units.set(drawn_units)
    inspection.team.set(list(team) or [actor])
    record_event(inspection, "inspection_drawn", actor=actor, unit=None, data={
        "seed": seed, "digest": sample.digest, "sizes": sizes, "drawn": sample.drawn})
    return inspection


def issuing_day() -> date:
    """Documents are dated on a working day: refused on any other (the next one is named)."""
    day, calendar = today(), current_calendar()
    if not calendar.is_working_day(day):
        nxt = calendar.next_working_day(day)
        raise InvalidState(f"Văn bản chỉ được ban hành vào ngày làm việc; hôm nay {day:%d/%m/%Y} không phải ngày làm "
                           f"việc, ngày làm việc tiếp theo là {nxt:%d/%m/%Y}.",
                           f"Documents are issued on working days; {day:%d/%m/%Y} is not one (next: {nxt:%d/%m/%Y}).")
    return day


def signer_for(home: Unit, actor: Official, day: date) -> Official | None:
    """The head or a deputy signs; an inspector opens it in the head's name (in their own only where
    Home Affairs has no head registered, so that the document always names who signed it)."""
    if serves_in(actor, home, day, [Title.HEAD, Title.DEPUTY]):
        return actor
    return head_of(home, day) or actor


@action
def open_inspection(inspection: Inspection | int, *, actor: Official) -> Inspection:
    """Issue the decision (numbered in Home Affairs' outgoing register, dated today, a working day):
    from now on the inspected units see the inspection."""
    require_inspector(actor)
    inspection = lock(inspection)
    require_state(inspection, InspectionState.PLANNED)
    day, home = issuing_day(), home_affairs()
    number = take_numbers(home, day.year, OutgoingRegister.SERIES)
    inspection.decision_number, inspection.decision_on = number, day
    inspection.decision_content = decision_content(inspection, home, number, day, signer_for(home, actor, day))
    inspection.state = InspectionState.OPENED
    inspection.save(update_fields=["decision_number", "decision_on", "decision_content", "state"])
    record_event(inspection, "inspection_opened", actor=actor, unit=home, data={
        "decision": f"{number:02d}/QĐ-{home.abbrev}", "issued_on": f"{day}"})
    # Only now do the inspected units learn of it: their heads are told, with the decision.
    notify([head_of(u, day) for u in inspection.units.all()], f"Quyết định kiểm tra số {number:02d}/QĐ-"
           f"{home.abbrev}: {inspection.title}", reverse("inspection", args=[inspection.pk]))
    return inspection


def check_evidence(item_ids: list[int], event_ids: list[int]) -> None:
    """Evidence is the trail: each item exists, and each event is one of those items' events."""
    found = set(WorkItem.objects.filter(pk__in=item_ids).values_list("pk", flat=True))
    if missing := sorted(set(item_ids) - found):
        raise InvalidInput(f"Không có hồ sơ số {', '.join(map(str, missing))}.", f"No item {missing}.")
    events = set(Event.objects.filter(pk__in=event_ids, item_id__in=item_ids).values_list("pk", flat=True))
    if stray := sorted(set(event_ids) - events):
        raise InvalidInput(f"Sự kiện {', '.join(map(str, stray))} không thuộc nhật ký các hồ sơ đã nêu.",
                           f"Events {stray} are not in the trail of the items named.")


@action
def record_finding(inspection: Inspection | int, *, actor: Official, category: str, unit: Unit, summary: str,
                   official: Official | None = None, item_ids: Iterable[int] = (),
                   event_ids: Iterable[int] = ()) -> Finding:
    require_inspector(actor)
    inspection = lock(inspection)
    require_state(inspection, InspectionState.OPENED)
    item_ids, event_ids = sorted(set(item_ids)), sorted(set(event_ids))
    if category not in FindingCategory.values or not summary.strip():
        raise InvalidInput("Chọn loại phát hiện và ghi nội dung.", "Choose a category and write the finding.")
    if not inspection.units.filter(pk=unit.pk).exists():
        raise InvalidInput(f"{unit.name} không thuộc phạm vi cuộc kiểm tra.",
                           f"{unit.name} is not in the inspection's scope.")
    if category != FindingCategory.POSITIVE and not item_ids:
        raise InvalidInput("Phát hiện vi phạm phải dẫn chứng ít nhất một hồ sơ công việc.",
                           "A finding of fault cites at least one item as evidence.")
    check_evidence(item_ids, event_ids)
    finding = Finding.objects.create(inspection=inspection, category=category, unit=unit, official=official,
                                     summary=summary.strip(), item_ids=item_ids, event_ids=event_ids,
                                     recorded_by=actor, recorded_at=clock.now())
    record_event(inspection, "finding_recorded", actor=actor, unit=unit, data={
        "finding": finding.pk, "category": category, "official": official.pk if official else None,
        "items": item_ids, "events": event_ids})
    notify([official], f"Đoàn kiểm tra ghi nhận phát hiện về đồng chí ({finding.get_category_display()}): "
           f"{inspection.title}", reverse("inspection", args=[inspection.pk]))
    return finding


@action
def decide_measure(finding: Finding | int, *, actor: Official, kind: str, days: int, note: str = "") -> Measure:
    """A measure on a finding, followed up within `days` working days."""
    require_inspector(actor)
    finding = Finding.objects.get(pk=finding if isinstance(finding, int) else finding.pk)
    inspection = lock(finding.inspection_id)
    require_state(inspection, InspectionState.OPENED)
    if kind not in MeasureKind.values or not 1 <= days <= MAX_MEASURE_DAYS:
        raise InvalidInput(f"Chọn biện pháp; thời hạn từ 1 đến {MAX_MEASURE_DAYS} ngày làm việc.",
                           f"Choose a measure; a deadline of 1 to {MAX_MEASURE_DAYS} working days.")
    day = today()
    measure = Measure.objects.create(finding=finding, kind=kind, note=note.strip(), decided_by=actor, decided_on=day,
                                     due_on=current_calendar().add_working_days(day, days))
    record_event(inspection, "measure_decided", actor=actor, unit=finding.unit, data={
        "measure": measure.pk, "finding": finding.pk, "kind": kind, "due_on": f"{measure.due_on}"})
    return measure


@action
def conclude(inspection: Inspection | int, *, actor: Official, conclusion: str) -> Inspection:
    """Issue the conclusion ("Kết luận kiểm tra"), numbered like the decision, with the findings and measures."""
    require_inspector(actor)
    inspection = lock(inspection)
    require_state(inspection, InspectionState.OPENED)
    if not conclusion.strip():
        raise InvalidInput("Cần ghi nội dung kết luận.", "The conclusion is required.")
    day, home = issuing_day(), home_affairs()
    number = take_numbers(home, day.year, OutgoingRegister.SERIES)
    inspection.conclusion, inspection.conclusion_number, inspection.conclusion_on = conclusion.strip(), number, day
    inspection.conclusion_content = conclusion_content(inspection, home, number, day, signer_for(home, actor, day))
    done = not Measure.objects.filter(finding__inspection=inspection).exists()
    inspection.state = InspectionState.FOLLOWED_UP if done else InspectionState.CONCLUDED
    inspection.save(update_fields=["conclusion", "conclusion_number", "conclusion_on", "conclusion_content", "state"])
    record_event(inspection, "inspection_concluded", actor=actor, unit=home, data={
        "conclusion": f"{number:02d}/KL-{home.abbrev}", "issued_on": f"{day}"})
    return inspection


@action
def follow_up(measure: Measure | int, *, actor: Official, status: str, note: str = "") -> Measure:
    """Record whether a measure was carried out; once every measure is, the inspection is followed up."""
    require_inspector(actor)
    measure = Measure.objects.select_related("finding").get(pk=measure if isinstance(measure, int) else measure.pk)
    inspection = lock(measure.finding.inspection_id)
    require_state(inspection, InspectionState.CONCLUDED)
    if status not in (MeasureStatus.DONE, MeasureStatus.NOT_DONE):
        raise InvalidInput("Chọn đã thực hiện hoặc không thực hiện.", "Choose carried out or not carried out.")
    if measure.status != MeasureStatus.PENDING:
        raise InvalidState("Biện pháp này đã được theo dõi xong.", "This measure was already followed up.")
    measure.status, measure.followed_up_on = status, today()
    measure.note = "\n".join(n for n in (measure.note, note.strip()) if n)
    measure.save(update_fields=["status", "followed_up_on", "note"])
    if not Measure.objects.filter(finding__inspection=inspection, status=MeasureStatus.PENDING).exists():
        inspection.state = InspectionState.FOLLOWED_UP
        inspection.save(update_fields=["state"])
    record_event(inspection, "measure_followed_up", actor=actor, unit=measure.finding.unit, data={
        "measure": measure.pk, "status": status, "inspection_state": inspection.state})
    return measure
