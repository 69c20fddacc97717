"""Every refusal and every bad input as one JSON body: the rule code and clause, and the message in
the reader's language (Vietnamese unless `Accept-Language: en`) beside both versions. The API never
answers with Django's HTML pages, and never answers bad input with a 500.

The statuses are a contract with the OpenAPI document:
- 422: the request breaks what the document declares (a type, a bound, a pattern, a date format) —
  a client could have known from the document alone;
- 404: an id (in the path or the body) names nothing the caller may see;
- 409: the request was well-formed and understood, and refused by the rules, the item's state, or
  the registry, calendar or clock as they stand (a date past the calendar's last year, a reply
  period outside the working regulation) — the same request may succeed another day;
- 401 unauthenticated, 403 not allowed, 400 unreadable body, 413 body too large, 415 not JSON."""

import logging

from django.core import signals
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import get_language
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from congvu.lib.refusals import AccessDenied, ActionRefused, InvalidInput
from congvu.lib.unavailable import RETRY_AFTER_SECONDS, refusal_for

MAX_FIELD_ERRORS = 10
logger = logging.getLogger("django.request")


class NotFound(ActionRefused):
    code = "NOT-FOUND"


class Unauthenticated(ActionRefused):
    code = "UNAUTHENTICATED"


class BadRequest(ActionRefused):
    code = "BAD-REQUEST"


class TooLarge(ActionRefused):
    code = "TOO-LARGE"


class UnsupportedMediaType(ActionRefused):
    code = "UNSUPPORTED-MEDIA-TYPE"


class MethodNotAllowed(ActionRefused):
    code = "METHOD-NOT-ALLOWED"


class ServerError(ActionRefused):
    code = "SERVER-ERROR"


class FieldErrorOut(Schema):
    field: str
    type: str
    message_vi: str
    message_en: str


class ErrorOut(Schema):
    code: str
    clause: str
    message: str
    message_vi: str
    message_en: str
    errors: list[FieldErrorOut] = []
    # Only on an R-2.1-FOREIGN-COMPETENCE refusal that can name it: the unit to transfer the work to.
    competent_unit: int | None = Field(None, description="Đơn vị có thẩm quyền theo danh mục (khi từ chối "
                                       "R-2.1-FOREIGN-COMPETENCE): chuyển công việc cho đơn vị này")


# What each error status means, as the OpenAPI document tells it.
ERROR_DESCRIPTIONS = {
    400: "Không đọc được thân yêu cầu (không phải JSON hợp lệ) — code BAD-REQUEST",
    401: "Chưa xác thực: thiếu token, token sai, hết hạn, đã thu hồi, hoặc tài khoản đã bị khóa — code UNAUTHENTICATED",
    403: "Không có quyền (hoặc thiếu mã CSRF của phiên đăng nhập) — code ACCESS-DENIED",
    404: "Không có đối tượng mang số hiệu này (trong đường dẫn hoặc trong thân yêu cầu), hoặc bạn không được xem "
         "— code NOT-FOUND",
    409: "Yêu cầu hợp lệ nhưng bị từ chối: theo quy tắc (code là mã quy tắc, clause là điều khoản, ví dụ "
         "R-2.1-OWN-COMPETENCE-TRANSFER, Mục 2.1), theo trạng thái công việc (INVALID-STATE), hoặc theo danh mục, "
         "lịch làm việc, Quy chế làm việc hiện hành (INVALID-INPUT)",
    413: "Thân yêu cầu quá lớn — code TOO-LARGE",
    415: "Thân yêu cầu phải là application/json — code UNSUPPORTED-MEDIA-TYPE",
    422: "Dữ liệu không đúng lược đồ (kiểu, giới hạn, mẫu, định dạng ngày yyyy-mm-dd); errors nêu từng trường "
         "— code INVALID-INPUT",
}
# The statuses each kind of operation can answer besides its success.
AUTH = frozenset({401, 403})
FILTERED = AUTH | {422}
ONE_OBJECT = FILTERED | {404}
ACTION = ONE_OBJECT | {400, 409, 413, 415}
ERROR_STATUSES = frozenset(ERROR_DESCRIPTIONS)


def not_found(what_vi: str, what_en: str, pk: int) -> NotFound:
    """The same answer whether the object does not exist or the caller may not see it."""
    return NotFound(f"Không tìm thấy {what_vi} #{pk}, hoặc bạn không có quyền xem.",
                    f"No {what_en} #{pk}, or you may not see it.")


def unauthenticated() -> Unauthenticated:
    return Unauthenticated("Cần đăng nhập hoặc gửi token: Authorization: Bearer <token>.",
                           "Sign in, or send a token: Authorization: Bearer <token>.")


def nothing_here() -> NotFound:
    """An address that names nothing (no id to tell)."""
    return NotFound("Không tìm thấy.", "Not found.")


def too_large() -> TooLarge:
    return TooLarge("Thân yêu cầu quá lớn.", "The request body is too large.")


def unsupported_media_type() -> UnsupportedMediaType:
    return UnsupportedMediaType("Thân yêu cầu phải là JSON (Content-Type: application/json).",
                                "The request body must be JSON (Content-Type: application/json).")


def method_not_allowed(allowed: str) -> MethodNotAllowed:
    return MethodNotAllowed(f"Địa chỉ này chỉ nhận {allowed}.", f"This address accepts only {allowed}.")


def server_error() -> ServerError:
    return ServerError("Lỗi máy chủ; sự cố đã được ghi lại.", "Server error; it has been logged.")


STATUSES: tuple[tuple[type[ActionRefused], int], ...] = (
    (NotFound, 404), (Unauthenticated, 401), (AccessDenied, 403), (BadRequest, 400), (TooLarge, 413),
    (UnsupportedMediaType, 415), (MethodNotAllowed, 405), (ServerError, 500),
)


def status_of(refusal: ActionRefused) -> int:
    """Input the schema lets through is refused by an action only for reasons the document cannot
    state (the registry, the calendar, the clock, the item): 409, like a rule's refusal."""
    return next((status for kind, status in STATUSES if isinstance(refusal, kind)), 409)


def language() -> str:
    return "en" if (get_language() or "vi").startswith("en") else "vi"


def body_of(refusal: ActionRefused, errors: list[dict] | None = None) -> dict:
    return {**refusal.as_dict(language()), "errors": errors or []}


def json_refusal(refusal: ActionRefused) -> JsonResponse:
    """The refusal's answer from a view outside ninja (the catch-all, the docs and their files)."""
    return JsonResponse(body_of(refusal), status=status_of(refusal), json_dumps_params={"ensure_ascii": False})


# Pydantic's error types and congvu's own, said in Vietnamese and English; anything else: "invalid".
FIELD_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("thiếu, bắt buộc phải có", "is required"),
    "string_type": ("phải là chuỗi ký tự", "must be a string"),
    "string_too_short": ("không được để trống", "may not be empty"),
    "string_too_long": ("dài quá {max_length} ký tự", "is longer than {max_length} characters"),
    "int_type": ("phải là số nguyên", "must be an integer"),
    "int_parsing": ("phải là số nguyên", "must be an integer"),
    "int_from_float": ("phải là số nguyên", "must be an integer"),
    "greater_than_equal": ("phải từ {ge} trở lên", "must be at least {ge}"),
    "less_than_equal": ("không được lớn hơn {le}", "must be at most {le}"),
    "enum": ("phải là một trong: {expected}", "must be one of: {expected}"),
    "literal_error": ("phải là một trong: {expected}", "must be one of: {expected}"),
    "list_type": ("phải là danh sách", "must be a list"),
    "too_long": ("nhiều quá {max_length} phần tử", "has more than {max_length} entries"),
    "too_short": ("cần ít nhất {min_length} phần tử", "needs at least {min_length} entries"),
    "bool_type": ("phải là true hoặc false", "must be true or false"),
    "bool_parsing": ("phải là true hoặc false", "must be true or false"),
    "date_format": ("phải là ngày dạng yyyy-mm-dd (ISO 8601)", "must be a date written yyyy-mm-dd (ISO 8601)"),
    "date_not_real": ("«{text}» không phải ngày có thật trong lịch", "{text} is not a real calendar date"),
    "text_control": ("chứa ký tự điều khiển không hợp lệ (hãy nhập lại, không dán ký tự ẩn)",
                     "contains an invalid control character (type it again, without hidden characters)"),
    "text_blank": ("không được để trống", "may not be blank"),
    "string_unicode": ("không phải văn bản Unicode hợp lệ", "is not valid Unicode text"),
    "views_required": ("còn khác nhau thì phải ghi ý kiến của mỗi bên (lead_view, other_view)",
                       "when the heads still differ, each side's view is required (lead_view, other_view)"),
    "model_type": ("phải là một đối tượng JSON", "must be a JSON object"),
    "model_attributes_type": ("phải là một đối tượng JSON", "must be a JSON object"),
    "dict_type": ("phải là một đối tượng JSON", "must be a JSON object"),
}
INVALID = ("không hợp lệ", "is invalid")
# ninja names the parameter an input came from ("payload", "filters"); the caller never sees that name.
PARAMETER_NAMES = frozenset({"payload", "filters"})


def field_error(error: dict) -> dict:
    location = [str(part) for part in error.get("loc", ()) if str(part) not in PARAMETER_NAMES]
    vi, en = FIELD_MESSAGES.get(error.get("type", ""), INVALID)
    context = {key: str(value) for key, value in (error.get("ctx") or {}).items()}
    try:
        vi, en = vi.format(**context), en.format(**context)
    except (KeyError, IndexError):
        vi, en = INVALID
    return {"field": ".".join(location) or "body", "type": str(error.get("type", "invalid")),
            "message_vi": vi, "message_en": en}


def validation_refusal(errors: list[dict]) -> tuple[InvalidInput, list[dict]]:
    fields = [field_error(e) for e in errors[:MAX_FIELD_ERRORS]]
    vi = "; ".join(f"{f['field']}: {f['message_vi']}" for f in fields)
    en = "; ".join(f"{f['field']}: {f['message_en']}" for f in fields)
    return InvalidInput(f"Dữ liệu gửi lên không hợp lệ — {vi}.", f"Invalid input — {en}."), fields


def http_refusal(exc: HttpError) -> ActionRefused:
    if isinstance(exc, AuthenticationError) or exc.status_code == 401:
        return unauthenticated()
    if exc.status_code == 403:
        return AccessDenied("Yêu cầu thiếu mã CSRF hợp lệ của phiên đăng nhập.",
                            "The signed-in session's request lacks a valid CSRF token.")
    if exc.status_code == 404:
        return nothing_here()
    return BadRequest("Không đọc được nội dung yêu cầu (cần JSON hợp lệ).",
                      "The request body could not be read (valid JSON is needed).")


def install(api: NinjaAPI) -> None:
    def refused(request: HttpRequest, exc: ActionRefused) -> HttpResponse:
        # Every refusal's answer, whatever raised it: the status is the refusal's own (`status_of`).
        return api.create_response(request, body_of(exc), status=status_of(exc))

    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        refusal, fields = validation_refusal(exc.errors)
        return api.create_response(request, body_of(refusal, fields), status=422)

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return refused(request, http_refusal(exc))

    def missing(request: HttpRequest, exc: Http404) -> HttpResponse:
        return refused(request, nothing_here())

    def oversized(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        # Django would answer its HTML 400 page; the limit is DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB).
        return refused(request, too_large())

    def crashed(request: HttpRequest, exc: Exception) -> HttpResponse:
        # A bug: logged with its traceback as Django would (and announced, so the test client re-raises
        # it), but answered in the API's JSON rather than Django's HTML page.
        logger.error("Internal Server Error: %s", request.path, exc_info=exc,
                     extra={"status_code": 500, "request": request})
        signals.got_request_exception.send(sender=None, request=request)
        return refused(request, server_error())

    def unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
        # The database is down, restarting or full (congvu.lib.unavailable): 503, try again later.
        logger.error("Service Unavailable: %s", request.path, exc_info=exc,
                     extra={"status_code": 503, "request": request})
        response = api.create_response(request, body_of(refusal_for(exc)), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    api.add_exception_handler(ActionRefused, refused)
    api.add_exception_handler(ValidationError, invalid)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, missing)
    api.add_exception_handler(RequestDataTooBig, oversized)
    api.add_exception_handler(OperationalError, unavailable)
    api.add_exception_handler(InterfaceError, unavailable)
    api.add_exception_handler(Exception, crashed)
