"""Every refusal and every bad input as one JSON body: the rule code and clause, and the message in
the reader's language (Vietnamese unless `Accept-Language: en`) beside both versions. A refusal of
the rules (409) is told apart from a refusal of access (403), a missing or invisible object (404) and
input the API cannot use (400, 422); the API never answers bad input with a 500."""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from congvu.lib.refusals import AccessDenied, ActionRefused, InvalidInput

MAX_FIELD_ERRORS = 10


class NotFound(ActionRefused):
    code = "NOT-FOUND"


class Unauthenticated(ActionRefused):
    code = "UNAUTHENTICATED"


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


ERROR_STATUSES = frozenset({400, 401, 403, 404, 409, 422})


def not_found(what_vi: str, what_en: str, pk: int) -> NotFound:
    """The same answer whether the object does not exist or the caller may not see it."""
    return NotFound(f"Không tìm thấy {what_vi} #{pk}, hoặc bạn không có quyền xem.",
                    f"No {what_en} #{pk}, or you may not see it.")


def unauthenticated() -> Unauthenticated:
    return Unauthenticated("Cần đăng nhập hoặc gửi token: Authorization: Bearer <token>.",
                           "Sign in, or send a token: Authorization: Bearer <token>.")


def status_of(refusal: ActionRefused) -> int:
    if isinstance(refusal, NotFound):
        return 404
    if isinstance(refusal, Unauthenticated):
        return 401
    if isinstance(refusal, AccessDenied):
        return 403
    if isinstance(refusal, InvalidInput):
        return 422
    return 409  # RuleViolation, InvalidState: the request was understood and refused by the rules


def language() -> str:
    return "en" if (get_language() or "vi").startswith("en") else "vi"


def body_of(refusal: ActionRefused, errors: list[dict] | None = None) -> dict:
    return {**refusal.as_dict(language()), "errors": errors or []}


# Pydantic's error types, said in Vietnamese and English; anything else falls back to "invalid".
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
    "date_format": ("phải là ngày dạng dd/mm/yyyy hoặc yyyy-mm-dd", "must be a date, dd/mm/yyyy or yyyy-mm-dd"),
    "date_not_real": ("«{text}» không phải ngày có thật trong lịch", "{text} is not a real calendar date"),
    "text_nul": ("không được chứa ký tự NUL", "may not contain NUL characters"),
    "text_encoding": ("không phải văn bản Unicode hợp lệ", "is not valid Unicode text"),
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
        return NotFound("Không tìm thấy.", "Not found.")
    refusal = InvalidInput("Không đọc được nội dung yêu cầu (cần JSON hợp lệ).",
                           "The request body could not be read (valid JSON is needed).")
    refusal.code = "BAD-REQUEST"
    return refusal


def install(api: NinjaAPI) -> None:
    def refused(request: HttpRequest, exc: ActionRefused) -> HttpResponse:
        return api.create_response(request, body_of(exc), status=status_of(exc))

    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        refusal, fields = validation_refusal(exc.errors)
        return api.create_response(request, body_of(refusal, fields), status=422)

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        refusal = http_refusal(exc)
        status = exc.status_code if exc.status_code in ERROR_STATUSES else 400
        return api.create_response(request, body_of(refusal), status=status)

    def missing(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, body_of(NotFound("Không tìm thấy.", "Not found.")), status=404)

    api.add_exception_handler(ActionRefused, refused)
    api.add_exception_handler(ValidationError, invalid)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, missing)
