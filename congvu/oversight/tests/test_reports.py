"""Periodic reports to the Province (clause 3): Home Affairs opens a period, each unit's report is
pre-filled with its figures, its officials draft the narrative, its head submits it — and from then
on its figures are frozen, whatever happens to the work afterwards. Late units are urged and counted;
Home Affairs compiles the province report, numbered in its outgoing register."""

import re
from datetime import date, datetime

import pytest

from congvu.lib import clock
from congvu.lib.refusals import AccessDenied, InvalidState, RuleViolation
from congvu.lib.workdays import TZ
from congvu.org.models import Notification
from congvu.oversight import report_figures, reports
from congvu.oversight.models_reports import PeriodState, UnitReport
from congvu.oversight.record import record_events_of
from congvu.oversight.report_figures import prefilled
from congvu.testing import working_item
from congvu.work import actions as work

pytestmark = pytest.mark.django_db

DUE = date(2026, 3, 17)  # Tuesday, two working days after the cut-off (14/03, a Saturday)
THURSDAY = datetime(2026, 3, 5, 10, 0, tzinfo=TZ)
AFTER_DUE = datetime(2026, 3, 18, 9, 0, tzinfo=TZ)  # Wednesday
NEXT_DAY = datetime(2026, 3, 19, 9, 0, tzinfo=TZ)


def march(p):
    return reports.open_period(actor=p.inspector, kind="month", year=2026, number=3, due_on=DUE)


def report_of(period, unit) -> UnitReport:
    return UnitReport.objects.get(period=period, unit=unit)


def submitted(p, period, unit=None, head=None) -> UnitReport:
    report = report_of(period, unit or p.construction)
    reports.save_narrative(report, actor=head or p.construction_head, results="Giải quyết đúng hạn phần lớn hồ sơ.",
                           difficulties="Thiếu nhân lực thẩm định.", proposals="Bổ sung biên chế.")
    return reports.submit_report(report, actor=head or p.construction_head)


def test_home_affairs_opens_a_period_and_every_reporting_unit_gets_its_draft(province, at_morning):
    with pytest.raises(AccessDenied):
        reports.open_period(actor=province.construction_head, kind="month", year=2026, number=3, due_on=DUE)
    period = march(province)
    assert (period.starts_on, period.ends_on, period.due_on) == (date(2026, 2, 15), date(2026, 3, 14), DUE)
    units = set(period.unit_reports.values_list("unit__name", flat=True))
    assert {"Sở Xây dựng", "Sở Tài chính", "UBND xã An Mỹ", "Văn phòng UBND tỉnh"} <= units
    assert "Ủy ban nhân dân tỉnh Phú Yên" not in units
    assert [e.kind for e in record_events_of(period)] == ["report_period_opened"]
    assert Notification.objects.filter(official=province.construction_head, text__contains="Tháng 3 năm 2026").exists()
    with pytest.raises(InvalidState):
        march(province)


def test_a_due_date_on_a_day_off_is_refused_by_the_rule(province, at_morning):
    with pytest.raises(RuleViolation) as refused:
        reports.open_period(actor=province.inspector, kind="month", year=2026, number=3, due_on=date(2026, 3, 15))
    assert refused.value.code == "R-3-REPORT-DUE-DAY"


def test_the_units_officials_draft_and_only_its_head_submits(province, at_morning):
    period = march(province)
    report = report_of(period, province.construction)
    with pytest.raises(AccessDenied):
        reports.save_narrative(report, actor=province.finance_head, results="x")
    reports.save_narrative(report, actor=province.construction_officer, results="Đã giải quyết 12 hồ sơ.")
    with pytest.raises(AccessDenied):
        reports.submit_report(report, actor=province.construction_officer)
    done = reports.submit_report(report, actor=province.construction_head)
    assert done.is_submitted and not done.submitted_late
    assert [e.kind for e in record_events_of(done)] == ["unit_report_drafted", "unit_report_submitted"]
    with pytest.raises(InvalidState):
        reports.save_narrative(report, actor=province.construction_officer, results="đổi")


def test_a_report_without_results_is_not_submitted(province, at_morning):
    report = report_of(march(province), province.construction)
    with pytest.raises(RuleViolation) as refused:
        reports.submit_report(report, actor=province.construction_head)
    assert refused.value.code == "R-3-REPORT-NARRATIVE"


def test_a_submitted_report_is_frozen_whatever_happens_to_the_work_afterwards(province, at_morning):
    """FROZEN: submit, then complete and extend work of the period; the report reads the same, and so
    does the compiled province report."""
    first = working_item(province, province.building_permit, subject="Cấp phép nhà ở số 1")
    second = working_item(province, province.building_permit, subject="Cấp phép nhà ở số 2")
    period = march(province)
    report = submitted(province, period)
    frozen = report.figures
    assert frozen["figures"]["assigned"] == 2 and frozen["figures"]["within"] == 2
    with clock.travel_to(THURSDAY):
        work.complete(first, actor=province.construction_officer, result="Đã cấp phép")
        work.extend_deadline(second, actor=province.construction_head, new_due=date(2026, 4, 7), reason="Chờ hồ sơ")
        live = prefilled(period, [province.construction.pk])[province.construction.pk]
    assert live["figures"]["on_time"] == 1 and live["figures"]["extensions"] == 1
    assert live["signals"][0]["label"] == "Chỉ số né tránh, đùn đẩy" and frozen["signals"] == []  # its own extension
    assert re.fullmatch(r"\d+,\d", live["signals"][0]["value"])  # the index written with the decimal comma
    report.refresh_from_db()
    assert report.figures == frozen and reports.live_or_frozen(report) == frozen
    with clock.travel_to(AFTER_DUE):
        compiled = reports.compile_report(period, actor=province.inspector)
    unit = next(u for u in compiled.content["units"] if u["unit_id"] == province.construction.pk)
    assert unit["figures"] == frozen["figures"] and unit["submitted"]


def test_late_units_are_urged_once_a_working_day_and_counted(province, at_morning):
    period = march(province)
    submitted(province, period)
    late = period.unit_reports.exclude(unit=province.construction).count()
    assert reports.urge_late_reports() == 0  # not due yet
    with clock.travel_to(AFTER_DUE):
        assert reports.urge_late_reports() == late
        assert reports.urge_late_reports() == 0  # once a day
    with clock.travel_to(NEXT_DAY):
        assert reports.urge_late_reports(actor=province.inspector) == late
    finance = report_of(period, province.finance)
    assert finance.urged_count == 2 and report_of(period, province.construction).urged_count == 0
    assert [e.kind for e in record_events_of(finance)] == ["unit_report_urged", "unit_report_urged"]
    assert Notification.objects.filter(official=province.finance_head, text__startswith="Đôn đốc (lần 2)").exists()
    with pytest.raises(AccessDenied):
        reports.urge_late_reports(actor=province.construction_head)


def test_home_affairs_compiles_once_numbered_in_its_outgoing_register(province, at_morning):
    period = march(province)
    submitted(province, period)
    with pytest.raises(InvalidState):  # units still have until the due date
        reports.compile_report(period, actor=province.inspector)
    with clock.travel_to(AFTER_DUE):
        with pytest.raises(AccessDenied):
            reports.compile_report(period, actor=province.construction_head)
        compiled = reports.compile_report(period, actor=province.inspector)
        with pytest.raises(InvalidState):
            reports.compile_report(period, actor=province.inspector)
        with pytest.raises(InvalidState):
            submitted(province, period, province.finance, province.finance_head)
    assert compiled.notation == "01/BC-SNV" and compiled.issued_on == date(2026, 3, 18)
    period.refresh_from_db()
    assert period.state == PeriodState.COMPILED
    assert [e.kind for e in record_events_of(period)] == ["report_period_opened", "province_report_compiled"]
    waiting = next(u for u in compiled.content["units"] if u["unit_id"] == province.finance.pk)
    assert not waiting["submitted"] and waiting["results"] == ""


def test_compiling_on_a_day_off_is_refused(province, at_morning):
    period = march(province)
    with clock.travel_to(datetime(2026, 3, 21, 9, 0, tzinfo=TZ)), pytest.raises(RuleViolation) as refused:
        reports.compile_report(period, actor=province.inspector)
    assert refused.value.code == "R-3-REPORT-ISSUE-DAY"



def test_once_every_unit_has_submitted_no_live_figure_is_read(province, at_morning, monkeypatch):
    """The compilation asks the live figures of the units still waiting only: with none waiting, the
    province's signals (most of a compilation's time at a province-year) are not counted at all."""
    period = march(province)

    def read(*args, **kwargs):
        raise AssertionError("a live figure was read although every unit's are frozen")

    monkeypatch.setattr(report_figures, "_signals_of_every_unit", read)
    monkeypatch.setattr(report_figures, "_unit_figures_in", read)
    with clock.travel_to(AFTER_DUE):
        assert prefilled(period, []) == {}
