from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path

from congvu.api.api import api
from congvu.api.docs import docs_asset
from congvu.api.errors import NotFound, body_of


def unknown(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Anything under /api/ that is no endpoint: a JSON 404, like every other API answer."""
    refusal = NotFound("Không có địa chỉ này trong API; xem /api/docs.", "No such API address; see /api/docs.")
    return JsonResponse(body_of(refusal), status=404, json_dumps_params={"ensure_ascii": False})


urlpatterns = [
    path("docs/assets/<str:name>", docs_asset, name="api-docs-asset"),
    path("", api.urls),
    re_path(r"^(?P<rest>.*)$", unknown),
]
