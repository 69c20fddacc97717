import pytest
from django.test import Client

from congvu.conftest import MORNING
from congvu.lib import clock
from congvu.org.models import Official


@pytest.fixture(autouse=True)
def _web_settings(settings, tmp_path):
    # Uploaded originals go to a throw-away folder, and pages render in the default language.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LANGUAGE_CODE = "vi"


@pytest.fixture(autouse=True)
def _frozen_clock():
    """Every web test happens on Tuesday 03/03/2026 at 09:00, like the province fixture."""
    with clock.travel_to(MORNING):
        yield


@pytest.fixture
def client_of():
    """A test client signed in as the given official."""

    def make(official: Official) -> Client:
        client = Client()
        client.force_login(official.user)
        return client

    return make
