"""One bad row must not stop a sweep. A text that breaks the notice writer, a unit without a head,
a bug met by one request only: each row is tried on its own (in a transaction or savepoint of its
own), a failure is logged with its traceback and skipped, and the others go on. At the end the
sweep reports what failed by raising `RowsFailed`, so `congvu sweep` exits non-zero and the
scheduler logs an error, while everything else of the round was done."""

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction

log = logging.getLogger("congvu.sweep")
SHOWN = 10  # rows named in the report line; the log has every one


class RowsFailed(Exception):  # noqa: N818 - a report of rows, not an error of the caller
    """Some rows of a sweep failed (each already logged); `done` others were done."""

    def __init__(self, sweep: str, done: int, failed: list[str]) -> None:
        self.sweep, self.done, self.failed = sweep, done, failed
        named = ", ".join(failed[:SHOWN]) + (" …" if len(failed) > SHOWN else "")
        super().__init__(f"{sweep}: {done} xong, LỖI {len(failed)} ({named}); chi tiết trong nhật ký máy chủ")


class Rows:
    """The failures of one sweep round, collected row by row; `noun` names a row in the report."""

    def __init__(self, sweep: str, noun: str) -> None:
        self.sweep, self.noun = sweep, noun
        self.failed: list[int] = []

    @contextmanager
    def each(self, pk: int) -> Iterator[None]:
        """Run the block for row `pk` in a transaction (a savepoint inside one): on any exception it
        is rolled back, logged and counted, and the caller goes on to the next row."""
        try:
            with transaction.atomic():
                yield
        except Exception:
            log.exception("%s: %s #%s failed and was skipped", self.sweep, self.noun, pk)
            self.failed.append(pk)

    def report(self, done: int) -> int:
        """`done`, or `RowsFailed` when any row failed."""
        if self.failed:
            raise RowsFailed(self.sweep, done, [f"{self.noun} #{pk}" for pk in self.failed])
        return done


def each_on_its_own(sweep: str, noun: str, rows: Iterable, do: Callable[[Any], object]) -> int:
    """`do(row)` for each row, each on its own (`Rows.each`): how many were done, or `RowsFailed`."""
    failures, done = Rows(sweep, noun), 0
    for row in rows:
        with failures.each(row.pk):
            do(row)
            done += 1
    return failures.report(done)
