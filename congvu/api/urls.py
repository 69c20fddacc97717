"""The API's addresses. Every answer under /api/ is JSON — an unknown address, a method an address
does not take, a body that is not JSON — never one of Django's HTML pages."""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, path, re_path

from congvu.api.api import api
from congvu.api.docs import docs_asset
from congvu.api.errors import NotFound, json_refusal, method_not_allowed, unsupported_media_type

JSON = "application/json"
MULTIPART = "multipart/form-data"
# The one endpoint that takes a file (an edXML message, congvu.api.routers.incoming), as multipart.
MULTIPART_PATHS = frozenset({"incoming/edxml"})
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def unknown(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Anything under /api/ that is no endpoint: a JSON 404, like every other API answer."""
    return json_refusal(NotFound("Không có địa chỉ này trong API; xem /api/docs.",
                                 "No such API address; see /api/docs."))


def has_body(request: HttpRequest) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > 0
    except ValueError:
        return True  # a length that is no number: assume a body, and judge its media type


def json_in_and_out(view: Callable[..., HttpResponse], accepts: str = JSON) -> Callable[..., HttpResponse]:
    """Around each of ninja's views: a body must be JSON (the only media type the OpenAPI document
    declares; ninja would otherwise read any body as JSON whatever it says it is), and ninja's own
    plain-text 405 becomes the API's JSON answer, keeping its Allow header."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method in BODY_METHODS and has_body(request) and request.content_type.lower() != accepts:
            return json_refusal(unsupported_media_type())
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(JSON):
            allowed = response["Allow"]
            response = json_refusal(method_not_allowed(allowed))
            response["Allow"] = allowed
        return response

    return wrapper


def body_type(pattern: URLPattern) -> str:
    return MULTIPART if str(pattern.pattern) in MULTIPART_PATHS else JSON


def json_only(urls: tuple[list, str, str]) -> tuple[list, str, str]:
    patterns, app_name, namespace = urls
    wrapped = [URLPattern(p.pattern, json_in_and_out(p.callback, body_type(p)), p.default_args, p.name)
               for p in patterns]
    return wrapped, app_name, namespace


urlpatterns = [
    path("docs/assets/<str:name>", docs_asset, name="api-docs-asset"),
    path("", json_only(api.urls)),
    re_path(r"^(?P<rest>.*)$", unknown),
]
