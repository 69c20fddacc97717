"""The one clock: today is counted in Viet Nam, whatever the server's zone."""

from datetime import UTC, date, datetime

from congvu.lib import clock


def test_today_is_the_date_in_ho_chi_minh_city_not_in_utc():
    # 18:30 UTC on 02/03 is 01:30 on 03/03 in Hà Nội (UTC+7).
    with clock.travel_to(datetime(2026, 3, 2, 18, 30, tzinfo=UTC)):
        assert clock.today() == date(2026, 3, 3)
    with clock.travel_to(datetime(2026, 3, 2, 16, 59, tzinfo=UTC)):
        assert clock.today() == date(2026, 3, 2)
