"""The backlog review (clause 1.5): the actions (open a round, record a plan) and what each person
sees of it. Home Affairs opens a round and sees every unit; a unit's head or deputy sees their
unit's entries and records the plans; an official sees the plans that name them.

Each action is one transaction (`congvu.work.actions.action`): access first, then the input, then
the change, then its event in the record trail (`congvu.oversight.record`)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from congvu.lib import clock
from congvu.lib.clock import today
from congvu.lib.refusals import AccessDenied, InvalidInput
from congvu.org.models import Official, Role, Unit
from congvu.org.notify import notify
from congvu.oversight.access import visible_backlog_entries, visible_backlog_rounds
from congvu.oversight.models_backlog import BacklogCause, BacklogEntry, BacklogReason, BacklogRound
from congvu.oversight.record import record_event
from congvu.registry.serving import head_of, is_leader, serves_in
from congvu.work.actions import action
from congvu.work.deadlines import end_of_local_day
from congvu.work.models import OPEN_STATES, WorkItem

# An item open longer than this many days at the cutoff is listed even within its deadline.
LONG_RUNNING_DAYS = 60


def opens_rounds(official: Official) -> bool:
    return official.role == Role.HOME_AFFAIRS


def backlog_at(cutoff: date, long_running_days: int) -> QuerySet[WorkItem]:
    """Open items that at the end of `cutoff` were past their legal deadline or open longer than
    `long_running_days` days."""
    end = end_of_local_day(cutoff)
    return (WorkItem.objects.filter(state__in=OPEN_STATES, created_at__lt=end)
            .filter(Q(legal_due_at__lt=end) | Q(created_at__lt=end - timedelta(days=long_running_days)))
            .order_by("holder_unit_id", "pk"))


@action
def open_round(*, actor: Official, title: str, cutoff: date, plans_due: date,
               long_running_days: int = LONG_RUNNING_DAYS) -> BacklogRound:
    if not opens_rounds(actor):
        raise AccessDenied("Chỉ Sở Nội vụ mở đợt rà soát công việc tồn đọng.",
                           "Only the Department of Home Affairs opens a backlog review.")
    if not title.strip():
        raise InvalidInput("Cần ghi tên đợt rà soát.", "The round needs a title.")
    if cutoff > today():
        raise InvalidInput("Ngày chốt số liệu không được sau hôm nay.", "The cutoff date cannot be in the future.")
    if plans_due < today():
        raise InvalidInput("Hạn báo cáo kế hoạch phải từ hôm nay trở đi.", "The deadline for plans cannot be past.")
    if not 1 <= long_running_days <= 3650:
        raise InvalidInput("Số ngày tồn đọng phải từ 1 đến 3650.", "The long-running days must be 1 to 3650.")
    round_ = BacklogRound.objects.create(
        title=title.strip(), cutoff=cutoff, plans_due=plans_due, long_running_days=long_running_days,
        opened_by=actor, opened_at=clock.now())
    end = end_of_local_day(cutoff)
    backlog = list(backlog_at(cutoff, long_running_days).values_list("pk", "holder_unit_id", "legal_due_at"))
    BacklogEntry.objects.bulk_create(
        BacklogEntry(round=round_, item_id=pk, unit_id=unit_id,
                     reason=BacklogReason.OVERDUE if due < end else BacklogReason.LONG_RUNNING)
        for pk, unit_id, due in backlog)
    units = sorted({unit_id for _pk, unit_id, _due in backlog})
    record_event(round_, "backlog_round_opened", actor=actor, unit=None,
                 data={"cutoff": cutoff.isoformat(), "plans_due": plans_due.isoformat(),
                       "long_running_days": long_running_days, "items": len(backlog), "units": units})
    notify([head_of(u, today()) for u in units],
           f"Rà soát công việc tồn đọng: đề nghị ghi kế hoạch giải quyết trước ngày {plans_due:%d/%m/%Y}",
           reverse("backlog_round", args=[round_.pk]))
    return round_


@action
def record_plan(entry: BacklogEntry | int, *, actor: Official, decision_date: date, cause: str,
                responsible: Official, note: str = "") -> BacklogEntry:
    """The holding unit's head or deputy records (or revises) the plan for one listed item."""
    entry = BacklogEntry.objects.select_for_update(of=("self",)).select_related("round").get(
        pk=entry.pk if isinstance(entry, BacklogEntry) else entry)
    on = today()
    if not is_leader(actor, entry.unit_id, on):
        raise AccessDenied("Chỉ thủ trưởng, cấp phó của đơn vị đang giữ công việc ghi kế hoạch giải quyết.",
                           "Only the head or a deputy of the unit holding the item records its plan.")
    if cause not in BacklogCause.values:
        raise InvalidInput("Cần chọn nguyên nhân tồn đọng trong danh sách.", "Choose the cause from the list.")
    if decision_date < on:
        raise InvalidInput("Ngày dự kiến giải quyết không được trước hôm nay.",
                           "The planned decision date cannot be in the past.")
    if not serves_in(responsible, entry.unit_id, on):
        raise InvalidInput("Người chịu trách nhiệm phải là cán bộ của đơn vị.",
                           "The responsible official must serve in the unit.")
    revised = entry.has_plan
    entry.decision_date, entry.cause, entry.responsible, entry.note = decision_date, cause, responsible, note.strip()
    entry.recorded_by, entry.recorded_at = actor, clock.now()
    entry.recorded_late = entry.recorded_late or on > entry.round.plans_due
    entry.save(update_fields=["decision_date", "cause", "responsible", "note", "recorded_by", "recorded_at",
                              "recorded_late"])
    record_event(entry, "backlog_plan_revised" if revised else "backlog_plan_recorded", actor=actor,
                 unit=Unit(pk=entry.unit_id),
                 data={"round": entry.round_id, "item": entry.item_id, "decision_date": decision_date.isoformat(),
                       "cause": cause, "responsible": responsible.pk, "note": entry.note, "late": entry.recorded_late})
    if responsible.pk != actor.pk:
        notify([responsible], f"Đồng chí được giao chịu trách nhiệm giải quyết việc tồn đọng trước ngày "
               f"{decision_date:%d/%m/%Y}", reverse("backlog_round", args=[entry.round_id]))
    return entry


# Reads ---------------------------------------------------------------------------------------------


def round_for(official: Official, round_id: int) -> BacklogRound | None:
    """The round if the official sees any of it (None reads as 404: whether it exists is not told)."""
    return visible_backlog_rounds(official).filter(pk=round_id).first()


def entry_for(official: Official, entry_id: int) -> BacklogEntry | None:
    entry = BacklogEntry.objects.select_related("round").filter(pk=entry_id).first()
    if entry is None or not visible_backlog_entries(official, entry.round).filter(pk=entry.pk).exists():
        return None
    return entry


@dataclass
class UnitProgress:
    unit_id: int
    unit_name: str
    listed: int
    planned: int
    late: int

    @property
    def percent(self) -> int:
        return round(100 * self.planned / self.listed) if self.listed else 100


def progress(entries: QuerySet[BacklogEntry]) -> list[UnitProgress]:
    """Per unit: items listed, plans recorded, plans recorded after the deadline."""
    rows = (entries.order_by().values("unit_id", "unit__name")
            .annotate(listed=Count("id"), planned=Count("id", filter=Q(decision_date__isnull=False)),
                      late=Count("id", filter=Q(recorded_late=True))).order_by("unit__name"))
    return [UnitProgress(r["unit_id"], r["unit__name"], r["listed"], r["planned"], r["late"]) for r in rows]


@dataclass
class OverduePlans:
    """One unit's items still open after the date its plan promised (a signal, clause 1.5)."""

    unit_id: int
    unit_name: str
    count: int = 0
    item_ids: list[int] = field(default_factory=list)


def backlog_plans_overdue(since: date, until: date) -> list[OverduePlans]:
    """Per holding unit, the items whose plan date fell between `since` and `until` (both counted,
    and before today) and which were not completed by the end of that day: still open, or completed
    later. For the signals page; the evidence is the item ids."""
    last = min(until, today() - timedelta(days=1))
    entries = (BacklogEntry.objects.filter(decision_date__gte=since, decision_date__lte=last)
               .select_related("unit").order_by("unit__name", "item_id")
               .values_list("unit_id", "unit__name", "item_id", "decision_date", "item__state", "item__completed_at"))
    found: dict[int, OverduePlans] = {}
    for unit_id, name, item_id, planned, state, completed_at in entries:
        if state in OPEN_STATES or (completed_at is not None and completed_at > end_of_local_day(planned)):
            signal = found.setdefault(unit_id, OverduePlans(unit_id, name))
            if item_id not in signal.item_ids:
                signal.item_ids.append(item_id)
                signal.count += 1
    return list(found.values())
