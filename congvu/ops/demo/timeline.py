"""Working days and office hours of the demo's three months, so every action lands on a working
day, between 08:00 and 16:30 Hà Nội time, outside the lunch break, and never after "now"."""

import random
from datetime import date, datetime, time, timedelta

from congvu.lib.workdays import TZ, Calendar

WINDOW = timedelta(days=90)
FUTURE = timedelta(days=150)  # room for deadlines that run past today (extensions, due-soon items)
# Office hours as minutes after 08:00: the morning until 11:30, the afternoon from 13:30 to 16:30.
MORNING_MINUTES = 210
AFTERNOON_START = 330
OFFICE_MINUTES = 390
CLOSING = time(16, 30)


class Timeline:
    """Working days numbered from the first one of the window: offsets in working days become index
    arithmetic, and the same numbering counts the legal periods the actions compute."""

    def __init__(self, calendar: Calendar, now: datetime, not_before: date) -> None:
        local_now = now.astimezone(TZ)
        first = max(local_now.date() - WINDOW, not_before)
        last = local_now.date() + FUTURE
        every_day = (first + timedelta(days=n) for n in range((last - first).days + 1))
        self.days = [d for d in every_day if calendar.is_working_day(d)]
        self.end = self._last_finished_day(local_now)
        if self.end < 10:
            raise ValueError("Dữ liệu mẫu cần ít nhất mười ngày làm việc kể từ khi bộ máy mới hoạt động.")

    def _last_finished_day(self, local_now: datetime) -> int:
        """Index of the latest working day whose office hours are over: the demo never acts in the future."""
        finished = [i for i, d in enumerate(self.days) if datetime.combine(d, CLOSING, tzinfo=TZ) <= local_now]
        return finished[-1] if finished else -1

    def day(self, index: int) -> date:
        return self.days[index]

    def moments(self, index: int, count: int, rng: random.Random) -> list[datetime]:
        """`count` distinct, ordered moments within the office hours of working day `index`."""
        minutes = sorted(rng.sample(range(OFFICE_MINUTES), count))
        return [self._at(self.days[index], m) for m in minutes]

    @staticmethod
    def _at(day: date, minute: int) -> datetime:
        if minute >= MORNING_MINUTES:
            minute += AFTERNOON_START - MORNING_MINUTES
        start = datetime.combine(day, time(8, 0), tzinfo=TZ)
        return start + timedelta(minutes=minute)
