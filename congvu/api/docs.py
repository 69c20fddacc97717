"""The interactive docs (Swagger UI) from the copy bundled with django-ninja, never from a CDN:
a government intranet has none. ninja renders its bundled page only when "ninja" is in
INSTALLED_APPS and otherwise falls back to a CDN page; this renderer always uses the bundle and
serves its few files itself, so the docs work whatever the settings — under the site's strict CSP.

The docs and the OpenAPI document are for officials: a signed-in session or a bearer token, and a
position somewhere (the outsider is refused like everywhere else)."""

import json
from collections.abc import Callable
from functools import wraps
from pathlib import Path

import ninja
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from ninja.errors import HttpError
from ninja.openapi.docs import Swagger

from congvu.api.auth import BearerToken, OfficialSession
from congvu.api.errors import NotFound, http_refusal, json_refusal, unauthenticated
from congvu.lib.headers import POLICY
from congvu.lib.refusals import ActionRefused

BUNDLE = Path(ninja.__file__).parent / "static" / "ninja"
ASSETS = {
    "swagger-ui.css": "text/css",
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui-init.js": "text/javascript",
    "favicon.png": "image/png",
}
ONE_DAY = 24 * 3600


class BundledSwagger(Swagger):
    def render_page(self, request: HttpRequest, api: "ninja.NinjaAPI", **kwargs) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        response = render(request, "api/swagger.html", {
            "api": api, "swagger_settings": json.dumps(self.settings, indent=1),
            "asset": {name.split(".")[0].replace("-", "_"): reverse("api-docs-asset", args=[name]) for name in ASSETS},
        })
        # The page has no inline script or style, so it keeps the site's strict policy (the CSP middleware
        # leaves /api/docs alone; the browser test proves Swagger UI runs under this policy).
        response["Content-Security-Policy"] = POLICY
        return response


def docs_asset(request: HttpRequest, name: str) -> HttpResponse:
    if name not in ASSETS:
        return json_refusal(NotFound("Không có tệp này trong tài liệu API.", "No such file in the API docs."))
    response = FileResponse((BUNDLE / name).open("rb"), content_type=ASSETS[name])
    response["Cache-Control"] = f"public, max-age={ONE_DAY}"
    return response


def officials_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wraps ninja's docs and OpenAPI views: an admitted official (token or session) or nothing."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            official = BearerToken()(request) or OfficialSession()(request)
        except ActionRefused as refusal:
            return json_refusal(refusal)
        except HttpError as error:
            return json_refusal(http_refusal(error))
        if official is not None:
            return view(request, *args, **kwargs)
        if request.path.rstrip("/").endswith("/docs"):
            return redirect_to_login(request.get_full_path())
        return json_refusal(unauthenticated())

    return wrapper
