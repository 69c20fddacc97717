"""The one set of fixtures every test can ask for (their makings are in congvu/testing.py): the
province and its personas, the busy province, the frozen morning, a signed-in client; and what every
test gets unasked: files in a temporary folder, a cheap password hasher, its own empty cache."""

import pytest
from django.conf import settings as settings_module
from django.utils import translation

from congvu.lib import clock
from congvu.testing import (
    MORNING,
    Busy,
    Consulted,
    Province,
    build_busy_province,
    build_province,
    consulted_by_two,
)
from congvu.testing_browser import browser, page  # noqa: F401 - the browser tests' fixtures
from congvu.testing_timings import (  # noqa: F401 - the browser tests' timing report (issue 12)
    pytest_configure,
    pytest_sessionfinish,
    pytest_terminal_summary,
)


@pytest.fixture
def province(db) -> Province:
    with clock.travel_to(MORNING):
        return build_province()


@pytest.fixture
def busy(province) -> Busy:
    return build_busy_province(province)


@pytest.fixture
def consulted(province, at_morning) -> Consulted:
    """Construction's officer has asked Finance and Transport this morning; both requests are pending."""
    return consulted_by_two(province)


@pytest.fixture
def at_morning():
    """The clock stands at MORNING for the whole test (the web and API tests take it unasked)."""
    with clock.travel_to(MORNING):
        yield MORNING


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Files the tests make (notices, originals, the edXML outbox) go to a temporary folder, never to ./var."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EDXML_OUTBOX = str(tmp_path / "outbox")
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Each persona's password costs ~0.3 s with the production hasher; tests only need it to check."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def interface_language_reset():
    """A request in English leaves English active in the thread (as Django's own middleware does), and the
    test client runs requests in the test's thread: each test starts in the default, Vietnamese."""
    translation.activate(settings_module.LANGUAGE_CODE)
    yield
    translation.activate(settings_module.LANGUAGE_CODE)


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
