"""`congvu` commands with a test's hand on them (`python -m congvu.ops.tests.wrappers MODE -- ARGS`):
the real command runs, but stops at a chosen point so that a test can kill it there, or fill the disk
under it, and decide when it goes on. Test code only: production code has no hooks for it.

    pause-action        an action on an item whose title contains PAUSE_MARK stops just before its last
                        write: the incoming number is taken, the document, item and step are written,
                        nothing is committed (congvu/work/actions.py `save`, `append_event_and_save`)
    pause-sweep         the deemed-agreement sweep works in batches of BATCH items and stops in its
                        second batch after the notices, responsibilities, events and notifications are
                        written, before the chain heads are saved and the batch commits
    sweep-ahead DAYS    no command: the server's own sweep scheduler, every SWEEP_SECONDS, on a clock
                        DAYS days ahead (so that consultations asked a moment ago are overdue), until
                        SIGTERM

A paused process writes `paused` in CONGVU_TEST_PAUSE_DIR and waits until `resume` appears there."""

import os
import signal
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import django

PAUSE_MARK = "[PAUSE]"
BATCH = 10
SWEEP_SECONDS = 0.2


def pause_here() -> None:
    folder = Path(os.environ["CONGVU_TEST_PAUSE_DIR"])
    (folder / "paused").write_text(str(os.getpid()))
    while not (folder / "resume").exists():
        time.sleep(0.02)


def pause_actions() -> None:
    from congvu.work import actions

    # An action's last write is either `save` or, where the event and the item's update go in one
    # statement, `append_event_and_save` (registration among them): pause before either.
    save, append_and_save = actions.save, actions.append_event_and_save

    def save_after_a_pause(item, *fields):
        if PAUSE_MARK in item.title:
            pause_here()
        return save(item, *fields)

    def append_and_save_after_a_pause(item, *args, **kwargs):
        if PAUSE_MARK in item.title:
            pause_here()
        return append_and_save(item, *args, **kwargs)

    actions.save, actions.append_event_and_save = save_after_a_pause, append_and_save_after_a_pause


def pause_sweep() -> None:
    from congvu.consult import sweep

    save_heads, batches = sweep._save_heads, []
    sweep.BATCH = BATCH

    def save_heads_after_a_pause(items):
        batches.append(len(items))
        if len(batches) == 2:
            pause_here()
        return save_heads(items)

    sweep._save_heads = save_heads_after_a_pause


def sweep_ahead(days: str) -> None:
    """The scheduler `congvu serve` runs, in a process of its own, until SIGTERM."""
    from congvu.lib import clock
    from congvu.ops.sweep import start_scheduler

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with clock.travel_to(clock.now() + timedelta(days=int(days))):
        scheduler = start_scheduler(every_seconds=SWEEP_SECONDS)
        stop.wait()
        scheduler.set()
        for thread in threading.enumerate():  # let the round under way finish before the process ends
            if thread.name == "congvu-sweep":
                thread.join(60)


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congvu.settings")
    django.setup()
    mode, *rest = argv
    if mode == "sweep-ahead":
        sweep_ahead(*rest)
        return
    {"pause-action": pause_actions, "pause-sweep": pause_sweep}[mode]()
    from congvu.cli import main as congvu

    congvu(rest[rest.index("--") + 1:])


if __name__ == "__main__":
    main(sys.argv[1:])
