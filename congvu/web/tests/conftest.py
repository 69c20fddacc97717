import pytest


@pytest.fixture(autouse=True)
def _at_morning(at_morning):
    """Every web test happens on Tuesday 03/03/2026 at 09:00, like the province fixture."""
