"""The administrator's official calendar: what /quan-tri/ flags (an unpublished year, a package
holiday the schedule does not list, an unverified entry) and how a flagged day is confirmed."""

from datetime import UTC, date, datetime

import pytest
from django.core.management import call_command

from congvu.lib import clock
from congvu.lib.official_schedule import OFFICIAL_SCHEDULE
from congvu.registry import snapshot
from congvu.registry.models import CalendarDay
from congvu.registry.queries import current_calendar

NOV_2026 = datetime(2026, 11, 30, 3, tzinfo=UTC)


def ship_official_schedule() -> None:
    """The rows migration 0002 ships (a test flushing the database before this one removes them)."""
    with snapshot.loading():
        CalendarDay.objects.bulk_create([
            CalendarDay(day=e.day, kind=str(e.kind), name=e.name, source=e.source, verified=e.verified)
            for e in OFFICIAL_SCHEDULE
        ], ignore_conflicts=True)


@pytest.fixture
def in_november_2026(db):
    ship_official_schedule()
    with clock.travel_to(NOV_2026):
        yield


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["/quan-tri/", "/quan-tri/registry/calendarday/"])
def test_the_admin_is_told_next_years_schedule_is_not_published(admin_client, in_november_2026, page):
    html = admin_client.get(page).content.decode().lower()
    assert "lịch năm 2027 chưa được công bố" in html
    assert "lịch năm 2026 chưa được công bố" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["/quan-tri/", "/quan-tri/registry/calendarday/"])
def test_the_admin_sees_the_unconfirmed_package_holiday_with_a_confirm_link(admin_client, in_november_2026, page):
    html = admin_client.get(page).content.decode()
    assert "24/11/2026" in html and "Ngày Văn hóa Việt Nam" in html
    assert "/quan-tri/registry/calendarday/add/?day=24%2F11%2F2026" in html


@pytest.mark.django_db
def test_the_admin_is_shown_the_unverified_make_up_saturday(admin_client, in_november_2026):
    with clock.travel_to(datetime(2026, 3, 3, 3, tzinfo=UTC)):
        html = admin_client.get("/quan-tri/").content.decode()
    assert "22/08/2026 «Làm bù cho Thứ Hai 31/8/2026»" in html and "chưa được xác minh" in html
    row = CalendarDay.objects.get(day=date(2026, 8, 22))
    assert f"/quan-tri/registry/calendarday/{row.pk}/change/" in html


@pytest.mark.django_db
def test_confirming_the_package_holiday_makes_it_a_day_off_and_a_new_calendar(admin_client, in_november_2026):
    before = current_calendar()
    assert before.is_working_day(date(2026, 11, 24))
    form = admin_client.get("/quan-tri/registry/calendarday/add/?day=24%2F11%2F2026&kind=day_off").content.decode()
    assert 'value="24/11/2026"' in form
    response = admin_client.post("/quan-tri/registry/calendarday/add/", {
        "day": "24/11/2026", "kind": "day_off", "name": "Ngày Văn hóa Việt Nam",
        "source": "Xác nhận của quản trị viên", "verified": "on",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    after = current_calendar()
    assert not after.is_working_day(date(2026, 11, 24))
    assert after.version != before.version
    assert "calendarday/add/?day=24%2F11%2F2026" not in admin_client.get("/quan-tri/").content.decode()


@pytest.mark.django_db
def test_each_schedule_entry_shows_its_source_and_whether_it_is_verified(admin_client, in_november_2026):
    make_up = CalendarDay.objects.get(day=date(2026, 8, 22))
    assert not make_up.verified and "9441/TB-BNV" in make_up.source
    assert CalendarDay.objects.get(day=date(2026, 1, 10)).verified
    html = admin_client.get("/quan-tri/registry/calendarday/?verified__exact=0").content.decode()
    assert "22/08/2026" in html or "22 tháng 8" in html or "Aug. 22, 2026" in html
    assert "Làm bù cho Thứ Hai 31/8/2026" in html


@pytest.mark.django_db
def test_the_deadline_command_flags_the_package_holiday_and_the_unpublished_year(capsys, in_november_2026):
    call_command("deadline", "20/11/2026", "5")
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "27/11/2026"
    assert "24/11/2026" in out and "chỉ tính là ngày nghỉ khi quản trị viên xác nhận" in out
    call_command("deadline", "28/12/2026", "10")
    assert "Lịch năm 2027 chưa được công bố" in capsys.readouterr().out


@pytest.mark.django_db
def test_items_record_the_calendar_that_counted_them_before_and_after_the_confirmation(province):
    from congvu.work import actions

    ship_official_schedule()

    def registered():
        with clock.travel_to(datetime(2026, 11, 20, 2, tzinfo=UTC)):  # Friday 20/11/2026, 09:00 in Viet Nam
            return actions.register_incoming(actor=province.construction_clerk, unit=province.construction,
                                             matter_type=province.building_permit, sender="Công ty TNHH Sông Cầu",
                                             subject="Đề nghị cấp giấy phép xây dựng nhà xưởng")

    before = registered()
    with snapshot.loading():
        CalendarDay.objects.create(day=date(2026, 11, 24), kind="day_off", name="Ngày Văn hóa Việt Nam",
                                   source="Xác nhận của quản trị viên")
    after = registered()
    # 20 working days from Friday 20/11/2026: 18/12 while 24/11 is worked, 21/12 once it is a day off.
    assert (before.due_date, after.due_date) == (date(2026, 12, 18), date(2026, 12, 21))
    assert before.calendar_version != after.calendar_version
    before.refresh_from_db()
    assert before.due_date == date(2026, 12, 18)  # a recorded deadline is not recounted
