"""The one clock. Code asks `clock.now()` (or `clock.today()`); tests, the demo and the benchmark move
it with `clock.travel_to(...)`, so nothing depends on when it happens to run."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

from congvu.lib.workdays import local_date

_source: Callable[[], datetime] = lambda: datetime.now(UTC)  # noqa: E731 - the default source


def now() -> datetime:
    """The current moment, aware, in UTC."""
    return _source()


def today() -> date:
    """Today's date in Viet Nam (Asia/Ho_Chi_Minh): the day deadlines and positions are counted on."""
    return local_date(_source())


@contextmanager
def travel_to(moment: datetime) -> Iterator[None]:
    """Freeze the clock at `moment` (aware) for the duration of the block."""
    if moment.tzinfo is None:
        raise ValueError("travel_to needs an aware datetime")
    global _source
    previous = _source
    # Converted once, not on each call (datetimes are immutable): the benchmark runs under this clock,
    # ~6 calls an action, and production's clock does no such conversion.
    frozen = moment.astimezone(UTC)
    _source = lambda: frozen  # noqa: E731
    try:
        yield
    finally:
        _source = previous
