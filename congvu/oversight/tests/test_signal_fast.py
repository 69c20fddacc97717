"""The signals' fast tallies (indexed columns, grouped in the database: what the dashboard and the
API add up) are the direct computation (`signal_check`'s reference: every open item's registration
and legal deadline, every late step one by one) on the busy province — on SQLite and PostgreSQL —,
also after more work arrives, after an item is completed past a period's end, and after a bulk load
that wrote the items around the actions (`congvu signals --rebuild`)."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from congvu.lib import clock
from congvu.oversight.periods import Period, month, quarter
from congvu.oversight.signal_charges import undecided_items
from congvu.oversight.signal_check import differences
from congvu.oversight.signals import evidence, signals_by_unit
from congvu.testing import working_item
from congvu.work import actions as work
from congvu.work.models import WorkItem

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("at_morning")]
YEAR_2026 = Period("year", date(2026, 1, 1), date(2026, 12, 31))


def periods_to_check(now) -> list[Period]:
    return [quarter(2026, 1), quarter(2026, 2), month(2026, 5), YEAR_2026, month(now.year, now.month)]


def test_the_fast_numbers_are_the_direct_computation_as_work_goes_on(province, busy):
    with clock.travel_to(clock.now() + timedelta(days=40)):  # more work
        working_item(province, province.building_permit, subject="Cấp phép xây dựng nhà văn hóa",
                     sender="UBND xã Hòa Hiệp", notation="77/2026/CV-HH")
    with clock.travel_to(clock.now() + timedelta(days=150)):
        work.complete(busy.overdue, actor=province.construction_officer, result="Đã cấp giấy phép số 31/GPXD",
                      delay_cause="dossier", delay_note="Chủ đầu tư nộp bổ sung hồ sơ sau hạn")
        now = clock.now()
        for period in periods_to_check(now):
            assert differences(period, now) == {}, period
        # Open at the end of May past twice its limit, completed only later: counted for May, not now.
        assert busy.overdue.pk in {c.pk for c in evidence("undecided_twice", month(2026, 5))}
        assert busy.overdue.pk not in set(undecided_items(month(now.year, now.month), now).values_list("pk", flat=True))
        assert any(r.counts.get("undecided_twice") for r in signals_by_unit(month(2026, 5)))


def test_a_deadline_shortened_by_the_direction_moves_the_moment_it_counts_from(province):
    item = work.register_incoming(actor=province.construction_clerk, unit=province.construction,
                                  matter_type=province.planning_approval, sender="UBND xã Hòa Hiệp",
                                  subject="Phê duyệt quy hoạch điểm dân cư Hòa Hiệp")
    short = clock.today() + timedelta(days=3)  # the leader's deadline, well within the legal limit
    work.direct(item, actor=province.construction_head, lead_unit=province.construction, due_date=short)
    ten_days_on = clock.now() + timedelta(days=10)  # twice the shortened limit, not twice the law's
    with clock.travel_to(ten_days_on):
        now = clock.now()
        assert item.pk in set(undecided_items(month(now.year, now.month), now).values_list("pk", flat=True))
        assert differences(month(now.year, now.month), now) == {}


def test_a_bulk_load_without_the_column_is_rebuilt_to_the_same_numbers(province, busy):
    later = clock.now() + timedelta(days=150)
    with clock.travel_to(later):
        expected = evidence("undecided_twice", YEAR_2026)
    WorkItem.objects.update(undecided_twice_from=None)  # as rows inserted around the actions, or an old dump
    with clock.travel_to(later):
        assert evidence("undecided_twice", YEAR_2026) == []
        call_command("signals", "--rebuild", stdout=StringIO())
        assert expected and evidence("undecided_twice", YEAR_2026) == expected
        assert differences(YEAR_2026, later) == {}


def test_the_check_command_finds_a_stale_column_and_passes_once_it_is_rebuilt(province, busy):
    with clock.travel_to(clock.now() + timedelta(days=150)):
        out = StringIO()
        call_command("signals", "--check", "--nam", "2026", stdout=out)
        assert "khớp" in out.getvalue()
        WorkItem.objects.update(undecided_twice_from=None)
        with pytest.raises(CommandError, match="1 dấu hiệu lệch"):
            call_command("signals", "--check", "--nam", "2026", stdout=StringIO())
        call_command("signals", "--rebuild", "--check", "--nam", "2026", stdout=StringIO())
