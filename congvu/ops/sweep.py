"""The sweeps the server runs every minute: small, idempotent, safe with several workers.

Each area contributes one function returning a short report line; `run_all` runs them in order,
each on its own: a part that fails is logged and reported, and the parts after it still run (a
notice that could not be rendered once stopped reminders and the trail seal for the whole
province). Within a part, one bad row is skipped the same way (`congvu.lib.isolation`)."""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.db import close_old_connections

from congvu.consult import sweep as consult_sweep
from congvu.documents import issued_pdf, notice_pdf, notices, outbox
from congvu.lib.clock import today
from congvu.lib.isolation import RowsFailed
from congvu.oversight import (
    directives,
    figure_rollups,
    open_items,
    open_steps,
    public_figures,
    public_reports,
    record,
    reports,
    signal_days,
)
from congvu.work import trail

log = logging.getLogger("congvu.sweep")


def remind_unsigned_notices() -> str:
    return f"nhắc ký thông báo: {consult_sweep.remind_unsigned()}"


def seal_trail() -> str:
    """The items' trail, then Home Affairs' case records (each its own chain, each its own seal)."""
    seal, records = trail.seal(), record.seal_records()
    line = f"niêm phong #{seal.pk} ({len(seal.heads)} chuỗi)" if seal else "nhật ký: không có gì mới"
    return line + (f"; hồ sơ giám sát #{records.pk} ({len(records.heads)} chuỗi)" if records else "")


def deem_agreements() -> str:
    return f"coi như đồng ý: {consult_sweep.deem_overdue()} yêu cầu"


def render_notices() -> str:
    return f"thông báo đã tạo tệp: {notices.render_pending()}"


def sign_notices() -> str:
    return f"thông báo PDF đã ký: {notice_pdf.make_pending()}"


def send_notices() -> str:
    return f"thông báo gửi trục: {notice_pdf.send_pending()}"


def sign_issued() -> str:
    """Inspection, discipline and commendation decisions, inspection conclusions, province reports."""
    return f"văn bản ban hành PDF đã ký: {issued_pdf.make_pending()}"


def send_issued() -> str:
    return f"văn bản ban hành gửi trục: {issued_pdf.send_pending()}"


def send_statuses() -> str:
    return f"trạng thái edXML gửi trục: {outbox.emit_statuses()}"


def remind_consultations() -> str:
    return f"nhắc hạn xin ý kiến: {consult_sweep.remind()}"


def remind_directives_and_reports() -> str:
    """Issue 11: officials who have not acknowledged a directive; units late on a citizen's report."""
    return (f"nhắc quán triệt văn bản chỉ đạo: {directives.remind_unacknowledged()}; "
            f"nhắc phản ánh quá hạn: {public_reports.remind_overdue()}")


def fold_figures() -> str:
    """Issues 10, 11: the closed periods' figure rollups missing or moved by later events, counted
    again (a few per round), before the published figures read them."""
    return f"số liệu theo kỳ tính sẵn: {figure_rollups.fold()} mốc"


def fold_signals() -> str:
    """Issue 10: the trail events settled since the last round added to the signals' day counters;
    the open steps and items they touched read again (the step delay, undecided past twice)."""
    return (f"dấu hiệu theo ngày tính sẵn: {signal_days.fold()} sự kiện; "
            f"bước đang mở đọc lại: {open_steps.fold()} công việc; "
            f"việc đang mở đọc lại: {open_items.fold()}")


def warm_public_figures() -> str:
    """The published figures of the periods that just closed, computed before a visitor asks."""
    return f"số liệu công khai tính sẵn: {public_figures.warm(today())} kỳ"


def urge_late_reports() -> str:
    """Clause 3: units late with their periodic report are urged once a working day, counted."""
    return f"đôn đốc báo cáo định kỳ: {reports.urge_late_reports()} đơn vị"


# Deemed agreements first: a reminder for a request that has just run out would be noise. Their
# notices' files right after, in the same round: the consultation area drafts a notice and the head
# signs it (which words and numbers it), the documents area (above it) renders the signed .docx, then its
# signed PDF; then the other documents issued (decisions, conclusions, reports) signed and sent the same
# way; then the statuses for the axis. Issue 11's reminders write no trail event, so they come
# after the seal; urging late reports writes record events, sealed by the next round. The figure
# rollups are folded before the published figures are warmed, which read them; the signals' day
# counters with them (they read only the trail).
SWEEPS: list[Callable[[], str]] = [deem_agreements, render_notices, sign_notices, send_notices, sign_issued,
                                   send_issued, send_statuses, remind_consultations, remind_unsigned_notices,
                                   seal_trail, remind_directives_and_reports, fold_figures, fold_signals,
                                   warm_public_figures,
                                   urge_late_reports]


@dataclass(frozen=True)
class Report:
    """One part's line of a round; `ok` is False when the part, or one of its rows, failed."""

    line: str
    ok: bool = True


def run_one(sweep: Callable[[], str]) -> Report:
    try:
        return Report(sweep())
    except RowsFailed as partial:  # the failed rows are logged one by one; the rest was done
        return Report(f"LỖI {partial}", ok=False)
    except Exception as error:
        log.exception("sweep %s failed", sweep.__name__)
        return Report(f"LỖI {sweep.__name__}: {type(error).__name__}: {error}", ok=False)


def run_all() -> list[Report]:
    return [run_one(sweep) for sweep in SWEEPS]


def start_scheduler(every_seconds: float = 60.0) -> threading.Event:
    """Run the sweeps in a daemon thread every `every_seconds`; set the returned event to stop."""
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(every_seconds):
            try:
                close_old_connections()
                for report in run_all():
                    log.log(logging.INFO if report.ok else logging.ERROR, report.line)
            except Exception:  # e.g. the database is unreachable: logged, and tried again next minute
                log.exception("sweep round failed")

    threading.Thread(target=loop, name="congvu-sweep", daemon=True).start()
    return stop
