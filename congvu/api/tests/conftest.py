import json

import pytest
from django.test import Client

from congvu.api.actions import issue_token
from congvu.conftest import MORNING
from congvu.lib import clock
from congvu.org.models import Official


@pytest.fixture(autouse=True)
def _frozen_clock():
    """Every API test happens on Tuesday 03/03/2026 at 09:00, like the province fixture."""
    with clock.travel_to(MORNING):
        yield


@pytest.fixture(autouse=True)
def _fast_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # The province's 28 personas would otherwise spend ~0.3 s each on PBKDF2; no test here checks passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class ApiClient:
    """A client that speaks to the API as one official, with their bearer token."""

    def __init__(self, token: str | None, language: str = "vi") -> None:
        self.client = Client()
        self.headers = {"Accept-Language": language}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"

    def get(self, path: str, **params):
        return self.client.get(path, params, headers=self.headers)

    def post(self, path: str, body: dict | None = None, **headers):
        return self.client.post(path, json.dumps(body or {}), content_type="application/json",
                                headers={**self.headers, **headers})


@pytest.fixture
def api_as():
    """`api_as(official)`: an API client holding a fresh token of that official; `api_as(None)`: anonymous."""

    def make(official: Official | None, language: str = "vi") -> ApiClient:
        token = issue_token(official=official, name="pytest")[1] if official is not None else None
        return ApiClient(token, language)

    return make
