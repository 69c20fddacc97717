"""Reports from the public (clause 1.7): filed with a tracking code, assigned by Home Affairs with a
deadline in working days, answered by the unit's leaders, closed by Home Affairs; the unit is
reminded once a working day when it is late. Each step is one row of the report's trail."""

from datetime import date, timedelta

import pytest

from congvu.lib import clock
from congvu.lib.refusals import AccessDenied, InvalidInput, InvalidState
from congvu.org.models import Notification
from congvu.oversight import access, public_reports
from congvu.oversight.models_public import ReportAbout, ReportKind, ReportState

pytestmark = pytest.mark.django_db


def filed(p, **changes):
    fields = {"kind": ReportKind.HARASSMENT, "about": ReportAbout.UNIT, "unit": p.construction,
              "description": "Cán bộ một cửa yêu cầu bổ sung giấy tờ không có trong quy định.",
              "reporter_name": "Nguyễn Thị Dân", "reporter_contact": "0905 123 456"}
    return public_reports.file_report(**{**fields, **changes})


def test_a_report_gets_an_unguessable_code_that_finds_it_however_typed(province, at_morning):
    report = filed(province)
    assert len(report.code) == 10 and set(report.code) <= set(public_reports.CODE_ALPHABET)
    assert filed(province).code != report.code
    typed = f" {report.code[:5].lower()}-{report.code[5:]} ".replace("0", "o").replace("1", "l")
    assert public_reports.find_by_code(typed) == report
    assert public_reports.find_by_code("ABC") is None
    assert Notification.objects.filter(official=province.inspector, text__contains=report.code).exists()
    assert list(report.steps.values_list("state", flat=True)) == [ReportState.RECEIVED]


@pytest.mark.parametrize(("about", "missing"), [(ReportAbout.UNIT, {"unit": None}),
                                                (ReportAbout.OFFICIAL, {}), (ReportAbout.DOSSIER, {})])
def test_a_report_must_say_whom_or_what_it_is_about(province, at_morning, about, missing):
    with pytest.raises(InvalidInput):
        filed(province, about=about, **missing)


def test_a_report_needs_a_description_no_longer_than_the_limit(province, at_morning):
    with pytest.raises(InvalidInput):
        filed(province, description="  ")
    with pytest.raises(InvalidInput):
        filed(province, description="x" * (public_reports.MAX_DESCRIPTION + 1))


def test_home_affairs_assigns_with_a_deadline_in_working_days_and_the_unit_answers(province, at_morning):
    report = filed(province)
    with pytest.raises(AccessDenied):
        public_reports.assign_report(report, actor=province.construction_head, unit=province.construction)
    report = public_reports.assign_report(report, actor=province.inspector, unit=province.construction, days=5)
    assert report.state == ReportState.ASSIGNED
    assert report.due_on == date(2026, 3, 10)  # five working days after Tuesday 03/03
    assert Notification.objects.filter(official=province.construction_head, text__contains=report.code).exists()
    with pytest.raises(AccessDenied):  # an officer of the unit, or another unit's head, does not answer
        public_reports.answer_report(report, actor=province.construction_officer, answer="Đã xử lý")
    with pytest.raises(AccessDenied):
        public_reports.answer_report(report, actor=province.finance_head, answer="Đã xử lý")
    report = public_reports.answer_report(report, actor=province.construction_deputy, answer="Đã nhắc nhở cán bộ.")
    assert report.state == ReportState.ANSWERED
    with pytest.raises(AccessDenied):
        public_reports.close_report(report, actor=province.construction_head, public_answer="Xong")
    report = public_reports.close_report(report, actor=province.inspector, public_answer="Đã kiểm tra, chấn chỉnh.")
    assert report.state == ReportState.CLOSED and report.closed_at is not None
    assert list(report.steps.values_list("state", flat=True)) == ["received", "assigned", "answered", "closed"]
    with pytest.raises(InvalidState):
        public_reports.close_report(report, actor=province.inspector, public_answer="Lần nữa")


def test_the_handling_deadline_is_configurable(province, at_morning, settings):
    settings.CONGVU_PUBLIC_REPORT_DAYS = 2
    report = public_reports.assign_report(filed(province), actor=province.inspector, unit=province.finance)
    assert report.due_on == date(2026, 3, 5)


def test_a_unit_sees_the_reports_assigned_to_it_only(province, at_morning):
    mine = public_reports.assign_report(filed(province), actor=province.inspector, unit=province.construction)
    filed(province)
    assert list(access.visible_public_reports(province.construction_officer)) == [mine]
    assert access.visible_public_reports(province.inspector).count() == 2
    assert not access.visible_public_reports(province.finance_head).exists()
    assert public_reports.sees_contact(province.inspector)
    assert not public_reports.sees_contact(province.construction_head)


def test_a_late_unit_is_reminded_once_a_working_day(province, at_morning):
    report = public_reports.assign_report(filed(province), actor=province.inspector, unit=province.construction,
                                          days=1)
    assert public_reports.remind_overdue() == 0  # due Wednesday

    def reminded():
        return Notification.objects.filter(official=province.construction_head, text__startswith="Quá hạn").count()

    with clock.travel_to(at_morning + timedelta(days=2)):  # Thursday: late
        assert public_reports.remind_overdue() == 1
        assert public_reports.remind_overdue() == 0
    with clock.travel_to(at_morning + timedelta(days=4)):  # Saturday: no reminder
        assert public_reports.remind_overdue() == 0
    assert reminded() == 1
    public_reports.answer_report(report, actor=province.construction_head, answer="Đã xử lý")
    with clock.travel_to(at_morning + timedelta(days=6)):
        assert public_reports.remind_overdue() == 0
