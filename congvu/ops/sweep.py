"""The sweeps the server runs every minute: small, idempotent, safe with several workers.

Each area contributes one function returning a short report line; `run_all` runs them in order.
Consultations add the deemed-agreement and reminder sweeps here."""

import logging
import threading
from collections.abc import Callable

from django.db import close_old_connections

from congvu.consult import notices
from congvu.consult import sweep as consult_sweep
from congvu.work import trail

log = logging.getLogger("congvu.sweep")


def seal_trail() -> str:
    seal = trail.seal()
    return f"niêm phong #{seal.pk} ({len(seal.heads)} chuỗi)" if seal else "nhật ký: không có gì mới"


def deem_agreements() -> str:
    return f"coi như đồng ý: {consult_sweep.deem_overdue()} yêu cầu"


def render_notices() -> str:
    return f"thông báo đã tạo tệp: {notices.render_pending()}"


def remind_consultations() -> str:
    return f"nhắc hạn xin ý kiến: {consult_sweep.remind()}"


# Deemed agreements first: a reminder for a request that has just run out would be noise.
SWEEPS: list[Callable[[], str]] = [deem_agreements, render_notices, remind_consultations, seal_trail]


def run_all() -> list[str]:
    return [sweep() for sweep in SWEEPS]


def start_scheduler(every_seconds: float = 60.0) -> threading.Event:
    """Run the sweeps in a daemon thread every `every_seconds`; set the returned event to stop."""
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(every_seconds):
            try:
                close_old_connections()
                for line in run_all():
                    log.info(line)
            except Exception:  # a failed sweep must not stop the next one; it is logged and retried
                log.exception("sweep failed")

    threading.Thread(target=loop, name="congvu-sweep", daemon=True).start()
    return stop
