import pytest

from congvu.api.actions import issue_token
from congvu.api.tests.helpers import ApiClient
from congvu.org.models import Official


@pytest.fixture(autouse=True)
def _at_morning(at_morning):
    """Every API test happens on Tuesday 03/03/2026 at 09:00, like the province fixture."""


@pytest.fixture
def api_as():
    """`api_as(official)`: an API client holding a fresh token of that official; `api_as(None)`: anonymous."""

    def make(official: Official | None, language: str = "vi") -> ApiClient:
        token = issue_token(official=official, name="pytest")[1] if official is not None else None
        return ApiClient(token, language)

    return make
