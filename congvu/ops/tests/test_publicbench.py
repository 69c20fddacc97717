"""`congvu publicbench --here`: it asks every published page of the configured database once cold
(the period's figures computed) and then warm (from the cache), and leaves the database and the
cache as it found them, so a province-year copied once is measured again and again."""

import pytest
from django.core.cache import cache

from congvu.lib import clock
from congvu.ops import publicbench
from congvu.ops.listbench import NOW, fill
from congvu.ops.province import build_synthetic
from congvu.oversight import figure_rollups
from congvu.oversight.public_figures import KINDS, cache_key, last_closed

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept_province(db):
    with clock.travel_to(NOW):
        fill(build_synthetic(inspectors=1), 300)
        figure_rollups.rebuild()


def test_measuring_here_asks_every_page_cold_then_warm_and_undoes_everything(kept_province):
    result = publicbench.publicbench(300, here=True)
    assert result.how == "kept" and result.items == 300
    assert set(result.cold_ms) == set(result.warm_ms) == set(result.cold_cpu_ms) == set(publicbench.PAGES)
    assert all(result.units.values())  # every page published some unit
    with clock.travel_to(NOW):
        assert all(cache.get(cache_key(last_closed(kind, clock.today()))) is None for kind in KINDS.values())
