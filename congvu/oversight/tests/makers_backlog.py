"""The backlog review's objects for the tests of every layer: a round opened by Home Affairs today
listing everything open longer than 30 days (the walked item, from January, among them)."""

from datetime import timedelta

from congvu.lib.clock import today
from congvu.oversight import backlog
from congvu.oversight.models_backlog import BacklogEntry, BacklogRound


def opened_round(p) -> BacklogRound:
    return backlog.open_round(actor=p.inspector, title="Rà soát công việc tồn đọng", cutoff=today(),
                              plans_due=today() + timedelta(days=7), long_running_days=30)


def backlog_ids(p) -> dict[str, int]:
    """A round and Construction's first entry in it, made once per province."""
    if not hasattr(p, "backlog_ids"):
        round_ = opened_round(p)
        entry = round_.entries.filter(unit=p.construction).order_by("item_id").first()
        assert isinstance(entry, BacklogEntry), "the walked province has long-running work at Construction"
        p.backlog_ids = {"round": round_.pk, "entry": entry.pk}
    return p.backlog_ids
