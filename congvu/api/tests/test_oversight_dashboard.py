"""GET /api/oversight/dashboard and /api/oversight/signals: the dashboard's numbers by period, with
ISO dates; the signals also for a head, their own unit's only."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("at_morning")]


def test_the_api_gives_the_same_numbers_with_iso_dates(province, busy, api_as):
    client = api_as(province.inspector)
    body = client.get("/api/oversight/dashboard", period="quarter", quarter=1, year=2026).json()
    assert body["period"]["start"] == "2026-01-01" and body["period"]["end"] == "2026-03-31"
    assert [p["month"] for p in body["trend"]] == ["01/2026", "02/2026", "03/2026"]
    construction = next(s for s in body["signals"] if s["unit_id"] == province.construction.pk)
    assert construction["counts"]["own_transfer"] == 1
    signals = client.get("/api/oversight/signals", period="custom", **{"from": "2026-01-01", "to": "2026-03-31"}).json()
    assert signals["weights"]["returns_wrong"] == 40 and signals["units"] == body["signals"]
    assert client.get("/api/oversight/signals", period="month", month=13).status_code == 422


def test_a_head_asks_the_api_for_their_own_units_signals_only(province, busy, api_as):
    client = api_as(province.construction_head)
    mine = client.get("/api/oversight/signals", period="year", year=2026).json()
    assert {r["unit_id"] for r in mine["units"]} == {province.construction.pk}
    assert client.get("/api/oversight/signals", period="year", year=2026, unit=province.transport.pk).status_code == 403
    assert client.get("/api/oversight/dashboard").status_code == 403
