"""An action answers every registry question from one version of the registry, pinned for its whole
transaction, and that version is read in the statement that locks its item (one round trip less on
PostgreSQL): no staler than a version read as the action began, never changing within it."""

from contextlib import contextmanager

import pytest
from django.db import IntegrityError, connection

from congvu.lib.refusals import RuleViolation
from congvu.org.models import Position, Title
from congvu.registry import snapshot
from congvu.testing import SINCE, make_official
from congvu.work import actions
from congvu.work.models import State, StepKind
from congvu.work.tests.test_actions import register

pytestmark = pytest.mark.usefixtures("at_morning")


@contextmanager
def statements():
    """Every statement the connection runs in the block (an execute_wrapper: Django's query capture
    cannot render SQLite's `?` parameters that fastsql writes)."""
    seen: list[str] = []

    def record(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield seen


def version_reads(seen) -> list[str]:
    return [sql for sql in seen if sql.startswith("SELECT") and "registry_registryversion" in sql]


def test_an_action_reads_the_registry_version_once_in_the_statement_that_locks_its_item(province):
    item = register(province)
    with statements() as seen:
        actions.direct(item, actor=province.construction_head, lead_unit=province.construction)
    [read] = version_reads(seen)
    assert read.startswith("SELECT") and '"work_workitem"' in read
    if connection.vendor == "postgresql":
        assert read.endswith("FOR UPDATE")


def test_a_registry_change_committed_before_an_action_is_seen_by_it(province):
    item = register(province)
    actions.direct(item, actor=province.construction_head, lead_unit=province.construction)
    newcomer = make_official("xd.newcomer", "Lê Văn Mới", None, None)
    with pytest.raises(RuleViolation):  # not (yet) an official of the lead unit
        actions.assign(item, actor=province.construction_head, holder=newcomer)
    snapshot.current()  # the process's snapshot is the old version, without the newcomer's post
    Position.objects.create(official=newcomer, unit=province.construction, title=Title.OFFICER, valid_from=SINCE)
    assigned = actions.assign(item, actor=province.construction_head, holder=newcomer)
    assert assigned.state == State.IN_PROGRESS and assigned.holder_id == newcomer.pk


@actions.action
def look_twice(item, *, actor, ask_first: bool):
    """An action's shape: (maybe) a registry question, the lock, a registry change, questions again."""
    seen = [snapshot.current()] if ask_first else []
    actions.lock(item)
    seen.append(snapshot.current())
    snapshot.bump()  # another registry version, committed or not: this action keeps its own
    seen.append(snapshot.current())
    return seen


@pytest.mark.parametrize("ask_first", [False, True], ids=["lock-first", "question-first"])
def test_an_action_keeps_one_registry_version_whatever_changes_meanwhile(province, ask_first):
    item = register(province)
    with statements() as seen:
        first, *rest = look_twice(item, actor=province.construction_head, ask_first=ask_first)
    assert all(s is first for s in rest)
    assert len(version_reads(seen)) == 1
    assert snapshot.current() is not first  # the next action sees the change


@actions.action
def open_a_second_step(item, *, actor):
    """A broken action: its first write is fine, then its step open meets the one-open-step index."""
    item = actions.lock(item)
    item.state = State.IN_PROGRESS
    actions.save(item, "state")
    actions.open_step(item, StepKind.HANDLE, item.registered_unit_id, actor, first=True)


def test_an_error_after_a_write_rolls_the_whole_action_back(province):
    item = register(province)
    with pytest.raises(IntegrityError):
        open_a_second_step(item, actor=province.construction_head)
    item.refresh_from_db()
    assert item.state == State.REGISTERED and item.steps.filter(ended_at=None).count() == 1
    # The connection is usable afterwards: the next action goes through.
    directed = actions.direct(item, actor=province.construction_head, lead_unit=province.construction)
    assert directed.state == State.DIRECTED and directed.steps.filter(ended_at=None).count() == 1
