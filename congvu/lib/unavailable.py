"""When the database cannot answer: it is restarting, unreachable, or its disk is full. The request
is answered 503 Service Unavailable with `Retry-After`, a clear message in both languages, and nothing
half-done (every action is one transaction, rolled back with the failed statement). The API answers
it as JSON (`congvu.api.errors`), the pages as a page (`congvu.web.errors.server_error`); both ask
this module what happened and what to say, so they say the same thing.

Which errors: Django's `OperationalError` (connection refused or lost, the server shutting down,
SQLite's "database is locked" after its busy timeout, a full disk) and `InterfaceError` (a
connection already closed). Anything else is a bug and stays a 500."""

import errno

from django.db import InterfaceError, OperationalError

from congvu.lib.refusals import ActionRefused

# A PostgreSQL restart takes a few seconds and a health-checked connection reconnects on the next
# request (CONN_HEALTH_CHECKS); 15 s keeps clients from hammering a server that is coming back.
RETRY_AFTER_SECONDS = 15

# How the engines say "disk full": SQLite's SQLITE_FULL, PostgreSQL's SQLSTATE 53100 and the OS's ENOSPC.
DISK_FULL_SIGNS = ("database or disk is full", "no space left on device", "could not extend file")


class ServiceUnavailable(ActionRefused):  # noqa: N818 - a refusal, named like the others
    code = "SERVICE-UNAVAILABLE"


def is_unavailable(error: BaseException | None) -> bool:
    """Is this the database (or its disk) failing, rather than a bug?"""
    return isinstance(error, OperationalError | InterfaceError) or is_disk_full(error)


def is_disk_full(error: BaseException | None) -> bool:
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return True  # a file (an upload, a notice) could not be written
    sqlstate = getattr(getattr(error, "__cause__", None), "sqlstate", None)
    return isinstance(error, OperationalError) and (
        sqlstate == "53100" or any(sign in str(error).lower() for sign in DISK_FULL_SIGNS)
    )


def refusal_for(error: BaseException) -> ServiceUnavailable:
    """What to tell the official. A connection lost at COMMIT leaves its outcome unknown to the
    server too, so the message says to look before repeating an action, not that nothing happened."""
    if is_disk_full(error):
        return ServiceUnavailable(
            "Máy chủ đã hết chỗ lưu trữ nên không ghi được thao tác này; dữ liệu đã có không bị ảnh hưởng. "
            "Hãy báo quản trị hệ thống giải phóng dung lượng, rồi thực hiện lại.",
            "The server's storage is full, so this action could not be saved; the data already stored is "
            "unharmed. Tell the administrator to free some space, then try again.",
        )
    return ServiceUnavailable(
        "Cơ sở dữ liệu tạm thời không truy cập được. Vui lòng thử lại sau ít phút; nếu vừa gửi một thao tác, "
        "hãy kiểm tra thao tác đã được ghi nhận chưa trước khi gửi lại.",
        "The database cannot be reached for the moment. Try again in a few minutes; if you had just sent an "
        "action, check whether it was recorded before sending it again.",
    )
