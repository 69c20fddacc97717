"""The demo's official calendar shows the administrator what to look at (issue 9): the package
holiday the 2026 schedule does not list (24/11/2026), waiting for confirmation, the unverified
make-up Saturday, and next year's schedule not yet published."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from congvu.lib import clock
from congvu.ops.demo import build_demo
from congvu.ops.demo.catalog import ADMIN_LOGIN
from congvu.registry.models import CalendarDay
from congvu.registry.queries import current_calendar
from congvu.registry.tests.test_calendar_admin import ship_official_schedule
from congvu.testing import MORNING


@pytest.mark.django_db
def test_the_demo_admin_sees_the_unconfirmed_package_holiday_and_the_unpublished_year():
    ship_official_schedule()  # as the migrations ship it (a flushing test before this one removes it)
    with clock.travel_to(MORNING):
        build_demo(items=40, seed=2230)
        admin = Client()
        admin.force_login(get_user_model().objects.get(username=ADMIN_LOGIN))
        html = admin.get("/quan-tri/").content.decode()
        assert "24/11/2026" in html and "Ngày Văn hóa Việt Nam" in html
        assert "Lịch năm 2027 chưa được công bố" in html
        assert current_calendar().is_working_day(date(2026, 11, 24))  # until the administrator confirms it
        assert not CalendarDay.objects.get(day=date(2026, 8, 22)).verified
