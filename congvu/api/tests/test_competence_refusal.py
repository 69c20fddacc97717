"""A FOREIGN-COMPETENCE refusal through the API carries the competent unit's id, so the caller can
transfer the work there in one more call (clause 2.1, issue 9)."""

import pytest

from congvu.api.tests.helpers import incoming_body

pytestmark = pytest.mark.django_db


def test_the_api_refusal_body_carries_the_competent_unit_id(province, api_as):
    p = province
    created = api_as(p.construction_clerk).post("/api/incoming", incoming_body(
        p, matter_type=p.land_dispute.pk, requester_unit=p.commune.pk))
    assert created.status_code == 201, created.content.decode()
    item_id = created.json()["id"]
    refused = api_as(p.construction_head).post(f"/api/items/{item_id}/direct", {"lead_unit": p.construction.pk})
    assert refused.status_code == 409
    body = refused.json()
    assert body["code"] == "R-2.1-FOREIGN-COMPETENCE" and body["competent_unit"] == p.commune.pk
    moved = api_as(p.construction_head).post(f"/api/items/{item_id}/transfer", {"to_unit": body["competent_unit"]})
    assert moved.status_code == 200, moved.content.decode()


def test_the_error_schema_documents_the_competent_unit(province, api_as):
    schema = api_as(province.construction_clerk).get("/api/openapi.json").json()
    assert "R-2.1-FOREIGN-COMPETENCE" in schema["components"]["schemas"]["ErrorOut"]["properties"][
        "competent_unit"]["description"]

