"""The backlog review (clause 1.5): a round lists every overdue or long-running item under the unit
holding it; that unit's head records a plan for each; progress per unit; an item still open after its
plan date is a signal."""

from datetime import date, timedelta

import pytest

from congvu.lib import clock
from congvu.lib.refusals import AccessDenied, InvalidInput
from congvu.oversight import access, backlog
from congvu.oversight.models_backlog import BacklogCause, BacklogReason
from congvu.oversight.record import record_events_of, verify_records
from congvu.testing import MORNING
from congvu.work import actions as work

pytestmark = pytest.mark.django_db
TODAY = MORNING.date()


def opened(p, **changes):
    fields = {"title": "Rà soát việc tồn đọng quý I/2026", "cutoff": TODAY, "plans_due": TODAY + timedelta(days=7),
              "long_running_days": 45}
    return backlog.open_round(actor=p.inspector, **{**fields, **changes})


def test_a_round_lists_the_overdue_and_long_running_items_under_the_unit_holding_them(province, busy, at_morning):
    round_ = opened(province)
    listed = {e.item_id: e for e in round_.entries.all()}
    assert busy.overdue.pk in listed and listed[busy.overdue.pk].reason == BacklogReason.OVERDUE
    assert listed[busy.overdue.pk].unit_id == busy.overdue.holder_unit_id
    # done, returned, or fresh this morning: not backlog
    for item in (busy.on_time, busy.late, busy.returned, busy.fresh_finance, busy.fresh_commune):
        assert item.pk not in listed
    assert all(e.item.is_open for e in listed.values())


def test_only_home_affairs_opens_a_round(province, busy, at_morning):
    with pytest.raises(AccessDenied):
        backlog.open_round(actor=province.construction_head, title="x", cutoff=TODAY, plans_due=TODAY)
    with pytest.raises(InvalidInput):
        opened(province, cutoff=TODAY + timedelta(days=1))


def test_the_holding_units_head_records_a_plan_and_progress_counts_it(province, busy, at_morning):
    round_ = opened(province)
    entry = round_.entries.get(item=busy.overdue)
    backlog.record_plan(entry, actor=province.construction_head, decision_date=date(2026, 3, 20),
                        cause=BacklogCause.DOSSIER, responsible=province.construction_officer, note="Chờ hồ sơ")
    entry.refresh_from_db()
    assert entry.has_plan and entry.responsible == province.construction_officer and not entry.recorded_late
    construction = next(p for p in backlog.progress(round_.entries.all()) if p.unit_id == province.construction.pk)
    assert construction.planned == 1 and construction.listed >= 1
    # the official named sees that plan, and nothing else of the round
    assert list(access.visible_backlog_entries(province.construction_officer, round_)) == [entry]
    assert backlog.round_for(province.finance_officer, round_.pk) is None


def test_another_units_head_or_an_officer_cannot_record_the_plan(province, busy, at_morning):
    entry = opened(province).entries.get(item=busy.overdue)
    for who in (province.finance_head, province.construction_officer):
        with pytest.raises(AccessDenied):
            backlog.record_plan(entry, actor=who, decision_date=date(2026, 3, 20), cause=BacklogCause.WORKLOAD,
                                responsible=province.construction_officer)


def test_the_plan_is_refused_for_a_past_date_or_an_official_of_another_unit(province, busy, at_morning):
    entry = opened(province).entries.get(item=busy.overdue)
    head = province.construction_head
    with pytest.raises(InvalidInput):
        backlog.record_plan(entry, actor=head, decision_date=date(2026, 3, 2), cause=BacklogCause.WORKLOAD,
                            responsible=province.construction_officer)
    with pytest.raises(InvalidInput):
        backlog.record_plan(entry, actor=head, decision_date=date(2026, 3, 20), cause=BacklogCause.WORKLOAD,
                            responsible=province.finance_officer)


def test_a_plan_recorded_after_the_deadline_is_marked_late(province, busy, at_morning):
    entry = opened(province, plans_due=TODAY).entries.get(item=busy.overdue)
    with clock.travel_to(MORNING + timedelta(days=2)):
        backlog.record_plan(entry, actor=province.construction_head, decision_date=date(2026, 3, 20),
                            cause=BacklogCause.WORKLOAD, responsible=province.construction_officer)
    entry.refresh_from_db()
    assert entry.recorded_late


def test_an_item_still_open_after_its_plan_date_is_a_signal(province, busy, at_morning):
    round_ = opened(province)
    overdue = round_.entries.get(item=busy.overdue)
    backlog.record_plan(overdue, actor=province.construction_head, decision_date=date(2026, 3, 5),
                        cause=BacklogCause.WORKLOAD, responsible=province.construction_officer)
    assert backlog.backlog_plans_overdue(date(2026, 3, 1), date(2026, 3, 31)) == []  # 05/03 not yet past
    with clock.travel_to(MORNING + timedelta(days=5)):
        signals = backlog.backlog_plans_overdue(date(2026, 3, 1), date(2026, 3, 31))
        assert [(s.unit_id, s.count, s.item_ids) for s in signals] == [(province.construction.pk, 1, [busy.overdue.pk])]
        assert backlog.backlog_plans_overdue(date(2026, 4, 1), date(2026, 4, 30)) == []


def test_an_item_decided_by_its_plan_date_is_no_signal(province, busy, at_morning):
    overdue = opened(province).entries.get(item=busy.overdue)
    backlog.record_plan(overdue, actor=province.construction_head, decision_date=date(2026, 3, 5),
                        cause=BacklogCause.WORKLOAD, responsible=province.construction_officer)
    work.complete(busy.overdue, actor=province.construction_officer, result="Đã cấp phép",
                  delay_cause="workload", delay_note="Nhiều hồ sơ")
    with clock.travel_to(MORNING + timedelta(days=5)):
        assert backlog.backlog_plans_overdue(date(2026, 3, 1), date(2026, 3, 31)) == []


def test_opening_and_each_plan_are_events_in_the_record_trail(province, busy, at_morning):
    round_ = opened(province)
    [event] = record_events_of(round_)
    assert (event.kind, event.actor, event.data["cutoff"]) == ("backlog_round_opened", province.inspector, "2026-03-03")
    entry = round_.entries.get(item=busy.overdue)
    for day in (date(2026, 3, 20), date(2026, 3, 25)):
        backlog.record_plan(entry, actor=province.construction_head, decision_date=day,
                            cause=BacklogCause.WORKLOAD, responsible=province.construction_officer)
    events = list(record_events_of(entry))
    assert [e.kind for e in events] == ["backlog_plan_recorded", "backlog_plan_revised"]
    assert events[1].data["decision_date"] == "2026-03-25" and events[1].unit == province.construction
    assert list(verify_records()) == []


def test_a_refused_plan_leaves_nothing_in_the_record_trail(province, busy, at_morning):
    entry = opened(province).entries.get(item=busy.overdue)
    with pytest.raises(AccessDenied):
        backlog.record_plan(entry, actor=province.finance_head, decision_date=date(2026, 3, 20),
                            cause=BacklogCause.WORKLOAD, responsible=province.construction_officer)
    assert not record_events_of(entry).exists()


def test_a_missed_plan_is_a_signal_on_the_dashboard_charged_to_the_unit_and_the_responsible_official(
        province, busy, at_morning):
    from congvu.oversight import signals
    from congvu.oversight.periods import Period

    overdue = opened(province).entries.get(item=busy.overdue)
    backlog.record_plan(overdue, actor=province.construction_head, decision_date=date(2026, 3, 5),
                        cause=BacklogCause.WORKLOAD, responsible=province.construction_officer)
    march = Period("month", date(2026, 3, 1), date(2026, 3, 31))
    with clock.travel_to(MORNING + timedelta(days=5)):
        [charge] = signals.evidence("backlog_plan_missed", march)
        assert (charge.unit_id, charge.official_id, charge.pk) == (
            province.construction.pk, province.construction_officer.pk, busy.overdue.pk)
        [unit_row] = [r for r in signals.signals_by_unit(march) if r.unit_id == province.construction.pk]
        assert unit_row.counts["backlog_plan_missed"] == 1


def test_a_units_periodic_report_carries_its_backlog_plans_and_the_plans_it_missed(province, busy, at_morning):
    from congvu.oversight.models_reports import ReportingPeriod
    from congvu.oversight.report_figures import backlog_hook

    round_ = opened(province)
    listed = round_.entries.filter(unit=province.construction).count()
    backlog.record_plan(round_.entries.get(item=busy.overdue), actor=province.construction_head,
                        decision_date=date(2026, 3, 5), cause=BacklogCause.WORKLOAD,
                        responsible=province.construction_officer)
    march = ReportingPeriod(starts_on=date(2026, 3, 1), ends_on=date(2026, 3, 31))
    with clock.travel_to(MORNING + timedelta(days=5)):
        [rows] = backlog_hook(march, [province.construction.pk]).values()
    assert [r["value"] for r in rows] == [str(listed), f"1 ({round(100 / listed)}%)", "0", "1"]
    assert backlog_hook(ReportingPeriod(starts_on=date(2026, 1, 1), ends_on=date(2026, 1, 31)),
                        [province.construction.pk]) == {}  # no review had been opened by then
