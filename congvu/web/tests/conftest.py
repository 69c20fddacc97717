import pytest

from congvu.conftest import MORNING
from congvu.lib import clock


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
