"""The read-replica router (congvu/lib/replica.py) on its own: oversight reads go to the replica only
where a view opted in, never inside an action's transaction, never for a write, and never into
another thread. (Against a real streaming replica: congvu/ops/tests/test_replica.py.)"""

import threading

import pytest
from django.db import transaction

from congvu.lib.replica import REPLICA, ReplicaRouter, replica_reads
from congvu.work.models import WorkItem

router = ReplicaRouter()


def test_reads_stay_on_the_primary_unless_a_view_opted_in():
    assert router.db_for_read(WorkItem) == "default"
    with replica_reads():
        assert router.db_for_read(WorkItem) == REPLICA
    assert router.db_for_read(WorkItem) == "default"


def test_a_decorated_view_reads_from_the_replica():
    @replica_reads()
    def oversight_view() -> str:
        return router.db_for_read(WorkItem)

    assert oversight_view() == REPLICA


@pytest.mark.django_db
def test_reads_inside_an_action_stay_on_the_primary():
    with replica_reads(), transaction.atomic():  # every action is one transaction on the primary
        assert router.db_for_read(WorkItem) == "default"


def test_writes_always_go_to_the_primary():
    with replica_reads():
        assert router.db_for_write(WorkItem) == "default"


def test_only_the_primary_is_migrated():
    assert router.allow_migrate("default", "work") and not router.allow_migrate(REPLICA, "work")


def test_one_request_opting_in_does_not_send_another_threads_reads_to_the_replica():
    seen = []
    with replica_reads():
        other = threading.Thread(target=lambda: seen.append(router.db_for_read(WorkItem)))
        other.start()
        other.join()
    assert seen == ["default"]
