"""Periodic reports for the tests of every layer (clause 3), on the tests' clock (03/03/2026): January's
period compiled, February's open and past its due date, Construction's February report drafted."""

from datetime import date

from congvu.lib import clock
from congvu.oversight import reports
from congvu.oversight.models_reports import ProvinceReport, ReportingPeriod, UnitReport

FEBRUARY_DUE = date(2026, 2, 27)  # a Friday after Tết


def compiled_january(p) -> ProvinceReport:
    period = reports.open_period(actor=p.inspector, kind="month", year=2026, number=1, due_on=date(2026, 1, 20))
    return reports.compile_report(period, actor=p.inspector)


def open_february(p) -> ReportingPeriod:
    period = reports.open_period(actor=p.inspector, kind="month", year=2026, number=2, due_on=FEBRUARY_DUE)
    reports.save_narrative(construction_report(period, p), actor=p.construction_officer,
                           results="Giải quyết đúng hạn các hồ sơ cấp phép.")
    return period


def construction_report(period: ReportingPeriod, p) -> UnitReport:
    return UnitReport.objects.get(period=period, unit=p.construction)


def report_ids(p) -> dict[str, int]:
    """The ids the access walks fill in: {period, unit_report, compiled_period}."""
    assert clock.today() > FEBRUARY_DUE
    february = open_february(p)
    return {"period": february.pk, "unit_report": construction_report(february, p).pk,
            "compiled_period": compiled_january(p).period_id}
