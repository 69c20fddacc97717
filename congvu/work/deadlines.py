"""Deadlines of items and steps, counted on the official calendar (DESIGN §4)."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from congvu.lib.workdays import TZ, Calendar

ONE_DAY = timedelta(days=1)


def end_of_local_day(day: date) -> datetime:
    """24:00 Asia/Ho_Chi_Minh of `day`, in UTC: the moment a period ending on `day` runs out."""
    return datetime.combine(day + ONE_DAY, time(0), tzinfo=TZ).astimezone(UTC)


@dataclass(frozen=True)
class Deadline:
    day: date
    moment: datetime
    calendar_version: str


def working_days_after(calendar: Calendar, event_day: date, days: int) -> Deadline:
    """The period of `days` working days after the event day (which is not counted)."""
    due = calendar.add_working_days(event_day, days)
    return Deadline(due, end_of_local_day(due), calendar.version)


def on_day(calendar: Calendar, day: date) -> Deadline:
    """A deadline set as a date: a last day that is not a working day moves to the next one (Art. 148)."""
    if not calendar.is_working_day(day):
        day = calendar.next_working_day(day)
    return Deadline(day, end_of_local_day(day), calendar.version)


def twice_the_limit(created_at: datetime, legal_due_at: datetime) -> datetime:
    """The moment an item registered at `created_at` has been open twice as long as the law allows: its
    legal deadline plus the legal limit again (exact arithmetic on aware moments)."""
    return legal_due_at + (legal_due_at - created_at)


def working_days_late(calendar: Calendar, due_at: datetime, end: datetime) -> int:
    """Working days from a deadline (the end of its last day) to `end`, 0 when on time; a period that
    ran out on Friday is late on Saturday too, though no working day has passed: 1."""
    if end <= due_at:
        return 0
    last_day = (due_at - timedelta(microseconds=1)).astimezone(TZ).date()
    return calendar.working_days_between(last_day, end.astimezone(TZ).date()) or 1
