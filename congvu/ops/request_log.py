"""Per-request wall and CPU time, written by gunicorn's hooks when `congvu serve --request-log FILE` asks
for it (the load test does; production does not). Middleware-free on purpose: it times the whole WSGI
call, middlewares and session save included, and costs nothing when off.

CPU is the handling thread's own (time.thread_time): under gthread each request runs start to end on one
pool thread, so the difference between the two hooks is that request's Python CPU, waits for the GIL,
the database and the network excluded. PostgreSQL's own CPU for the request is not in it; the queries'
count and their wall time (sent to answer read, as the client sees them) are, so a request's wall time
splits into CPU here, time in the database, and the rest (waiting for the GIL or for a core)."""

import threading
import time

LOG = {"path": ""}
_started = threading.local()
_write = threading.Lock()


def use(path: str) -> None:
    LOG["path"] = path


def timed_query(execute, sql, params, many, context):
    if not hasattr(_started, "queries"):  # a query outside a logged request (a connection shared with a test's thread)
        return execute(sql, params, many, context)
    started = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        _started.queries += 1
        _started.db += time.perf_counter() - started


def pre_request(worker, request) -> None:
    from django.db import connection

    _started.wall, _started.cpu, _started.queries, _started.db = time.perf_counter(), time.thread_time(), 0, 0.0
    if timed_query not in connection.execute_wrappers:  # the thread's own connection object, kept between requests
        connection.execute_wrappers.append(timed_query)


def post_request(worker, request, environ, response) -> None:
    wall_ms = (time.perf_counter() - _started.wall) * 1000
    cpu_ms = (time.thread_time() - _started.cpu) * 1000
    status = str(getattr(response, "status", "") or "").split(" ", 1)[0]
    line = (f"{request.method}\t{request.path}\t{status}\t{wall_ms:.1f}\t{cpu_ms:.1f}\t{worker.pid}\t"
            f"{_started.queries}\t{_started.db * 1000:.1f}\n")
    with _write, open(LOG["path"], "a", encoding="utf-8") as out:
        out.write(line)
    del _started.queries  # the thread's queries between requests are nobody's
