from datetime import datetime

import pytest

from congvu.lib import clock
from congvu.lib.workdays import TZ
from congvu.testing import Province, build_province
from congvu.testing_browser import browser, page  # noqa: F401 - the browser tests' fixtures

# Tuesday 03/03/2026, 09:00 in Hà Nội: an ordinary working morning, far from any holiday.
MORNING = datetime(2026, 3, 3, 9, 0, tzinfo=TZ)


@pytest.fixture
def province(db) -> Province:
    with clock.travel_to(MORNING):
        return build_province()


@pytest.fixture
def at_morning():
    with clock.travel_to(MORNING):
        yield MORNING


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Files the tests make (notices, originals) go to a temporary folder, never to ./var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Each persona's password costs ~0.3 s with the production hasher; tests only need it to check."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache(settings, request):
    """Each test gets its own empty in-memory cache (login throttling counts failures there), so no
    test needs the database just to clear the shared cache table production uses."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": request.node.nodeid}}


@pytest.fixture
def client_of():
    """A test client signed in as the given official (the way the pages' tests speak)."""
    from django.test import Client

    def make(official) -> Client:
        client = Client()
        client.force_login(official.user)
        return client

    return make
