"""The trail signals' day counters (`oversight.signal_days`, folded by the sweep step `fold_signals`)
give exactly the direct computation (`signal_check`, every event of the period read): on a bulk
province-in-small carrying every trail signal, after actions that move each signal once the counters
were folded, after a late event for a closed day (written under a back-dated clock), and when the
sweep has fallen far behind — on SQLite and PostgreSQL."""

from datetime import date, timedelta

import pytest

from congvu.lib import clock
from congvu.ops.listbench import NOW, fill
from congvu.ops.province import build_synthetic
from congvu.ops.signalfill import fill_trails
from congvu.ops.sweep import fold_signals
from congvu.org.models import Unit
from congvu.oversight import signal_days
from congvu.oversight.models_signal_days import SignalDay, SignalFoldMark
from congvu.oversight.period_figures import extensions_in, held_in
from congvu.oversight.periods import Period, month, quarter, year
from congvu.oversight.queries import unit_figures
from congvu.oversight.signal_charges import late_steps, tallies
from congvu.oversight.signal_check import differences, summed
from congvu.oversight.signal_days import held_rows
from congvu.oversight.signals import signals_by_unit
from congvu.testing import BUSY_JANUARY, working_item
from congvu.work import actions as work
from congvu.work.models import Event
from congvu.work.rules import RuleViolation

SETTLED = timedelta(minutes=10)  # past figure_rollups.SETTLE: the events before are folded
TRAIL_SIGNALS = tuple(signal_days.OF_SIGNAL)


def periods(now) -> list[Period]:
    return [year(2025), quarter(2025, 4), month(2026, 1), month(now.year, now.month),
            Period("custom", date(2025, 11, 17), date(2026, 2, 3))]


def direct(code: str, period: Period, now, monkeypatch) -> dict:
    """The signal as the page counted it before the counters: every event of the period."""
    with monkeypatch.context() as m:
        m.setattr(signal_days, "pending_events", lambda: None)
        return summed(tallies(code, period, now))


def steps_from_counters(period: Period, now) -> bool:
    return signal_days.ended_step_tallies(period, now, late_steps(period, now)[0]) is not None


def passed_on_and_extended(period: Period, units=None) -> tuple[dict, dict]:
    return {u: vars(h) for u, h in held_in(period, units).items()}, extensions_in(period, units)


def assert_counters_are_direct(now, monkeypatch) -> None:
    assert signal_days.pending_events() is not None  # the counters are read, not bypassed
    some = Unit.objects.filter(pk__in=Unit.objects.order_by("pk").values("pk")[:3])
    for period in periods(now):
        assert differences(period, now) == {}, period
        for code in TRAIL_SIGNALS:
            assert summed(tallies(code, period, now)) == direct(code, period, now, monkeypatch), (code, period)
        counted = passed_on_and_extended(period), passed_on_and_extended(period, some)
        with monkeypatch.context() as m:
            m.setattr(signal_days, "pending_events", lambda: None)
            assert counted == (passed_on_and_extended(period), passed_on_and_extended(period, some)), period
    # The figures as at now (the figures export, `so-lieu`) read the same counters over every day.
    now_figures = unit_figures(now), unit_figures(now, some)
    assert any(f.passed_on and f.extensions_self + f.extensions_above for f in now_figures[0])
    with monkeypatch.context() as m:
        m.setattr(signal_days, "pending_events", lambda: None)
        assert now_figures == (unit_figures(now), unit_figures(now, some))


@pytest.fixture
def bulk(db):
    with clock.travel_to(NOW):
        fill(build_synthetic(), 300)
        fill_trails(10, NOW)


def test_the_counters_of_a_bulk_trail_are_the_direct_computation(bulk, monkeypatch):
    with clock.travel_to(NOW + SETTLED):
        assert signal_days.rebuild() == Event.objects.order_by("-pk").values_list("pk", flat=True).first()
        now = clock.now()
        assert SignalDay.objects.filter(code="returns_wrong").exists()
        folded = {code for code, _ in SignalDay.objects.values_list("code", "day")}
        assert {*signal_days.FOLDED, "held", "extended:self", "step_ended"} <= folded
        assert steps_from_counters(year(2025), now)
        assert_counters_are_direct(now, monkeypatch)
        assert signal_days.fold() == 0  # nothing new: folding again counts nothing twice
        assert_counters_are_direct(now, monkeypatch)


def test_a_sweep_far_behind_counts_directly(bulk, monkeypatch):
    with clock.travel_to(NOW + SETTLED):
        monkeypatch.setattr(signal_days, "MAX_PENDING", 1000)  # of the 3,000 events
        signal_days.fold(chunk=100)  # the first round of a long first fold
        assert signal_days.pending_events() is None
        assert differences(year(2025), clock.now()) == {}
        signal_days.rebuild()
        assert signal_days.pending_events() is not None
        assert differences(year(2025), clock.now()) == {}


@pytest.mark.usefixtures("at_morning")
def test_actions_after_the_fold_and_a_late_event_for_a_closed_day_move_the_numbers_exactly(
        province, busy, monkeypatch):
    with clock.travel_to(clock.now() + SETTLED):
        assert fold_signals().startswith("dấu hiệu theo ngày tính sẵn: ")
    before = {p: summed(tallies("own_transfer", p, clock.now())) for p in (month(2026, 1), month(2026, 3))}
    item = working_item(province, province.building_permit, subject="Cấp phép xây dựng nhà văn hóa xã",
                        sender="UBND xã Hòa Hiệp", notation="78/2026/CV-HH")
    with pytest.raises(RuleViolation):  # its own work: the transfer is refused and charged (clause 2.1)
        work.transfer(item, actor=province.construction_head, to_unit=province.finance)
    work.extend_deadline(item, actor=province.construction_head, new_due=item.due_date + timedelta(days=3),
                         reason="Chờ ý kiến của chủ đầu tư")
    not_ours = work.register_incoming(actor=province.construction_clerk, unit=province.construction,
                                      matter_type=province.land_dispute, sender="Hộ ông Lê Văn Ranh",
                                      subject="Đề nghị hòa giải tranh chấp lối đi")
    work.return_document(not_ours, actor=province.construction_head, grounds="not_ours", named_unit=province.commune)
    work.complete(busy.overdue, actor=province.construction_officer, result="Đã cấp giấy phép số 32/GPXD",
                  delay_cause="dossier", delay_note="Chủ đầu tư nộp bổ sung hồ sơ sau hạn")  # a step ended late
    assert steps_from_counters(month(2026, 3), clock.now())
    with clock.travel_to(BUSY_JANUARY + timedelta(days=2)):  # a late event for January, a closed month
        late = working_item(province, province.building_permit, subject="Cấp phép xây dựng kho lạnh",
                            sender="Công ty TNHH Hải Sản", notation="3/2026/CV-HS")
        with pytest.raises(RuleViolation):
            work.transfer(late, actor=province.construction_head, to_unit=province.finance)
    now = clock.now()
    assert not steps_from_counters(month(2026, 1), now)  # it may have ended a step on a folded day: read them
    for period, moved in before.items():
        after = summed(tallies("own_transfer", period, now))
        key = (province.construction.pk, province.construction_head.pk)
        assert after[key][0] == moved.get(key, (0, 0))[0] + 1, period
    assert_counters_are_direct(now, monkeypatch)
    with clock.travel_to(now + SETTLED):  # the next rounds fold them: the same numbers
        signal_days.fold()
        assert signal_days.pending_events() == (Event.objects.order_by("-pk").values_list("pk", flat=True)[0], [])
        assert_counters_are_direct(now, monkeypatch)
        assert any(r.counts.get("extension_self") for r in signals_by_unit(month(2026, 3), now=now))
        assert held_in(month(2026, 3))[province.construction.pk].items >= 1
        assert steps_from_counters(month(2026, 1), now)


def test_a_new_working_calendar_counts_the_days_held_again(bulk, monkeypatch):
    with clock.travel_to(NOW + SETTLED):
        signal_days.rebuild()
        SignalFoldMark.objects.update(calendar_version="an older calendar")
        assert held_rows(year(2025), None) is None  # not read: counted directly until the next fold
        assert signal_days.fold() > 0 and held_rows(year(2025), None) is not None
        assert_counters_are_direct(clock.now(), monkeypatch)
