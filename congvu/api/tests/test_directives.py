"""The directives through the API (clause 1.1): my directives, unacknowledged first, and my
acknowledgement, given once with its moment in ISO 8601."""

import pytest

from congvu.oversight.models_directives import Acknowledgement
from congvu.oversight.tests.makers import sent_directive

pytestmark = pytest.mark.django_db


def test_an_official_lists_their_directives_and_acknowledges_one_once(province, api_as):
    directive = sent_directive(province)
    client = api_as(province.construction_officer)
    listed = client.get("/api/directives").json()
    assert [(d["id"], d["notation"], d["acknowledged_at"], d["issued_on"]) for d in listed] == [
        (directive.pk, "280/CĐ-TTg", None, "2023-04-19")]
    done = client.post(f"/api/directives/{directive.pk}/acknowledge", {})
    assert done.status_code == 200 and done.json()["acknowledged_at"].endswith("+07:00")
    again = client.post(f"/api/directives/{directive.pk}/acknowledge", {})
    assert again.status_code == 409 and again.json()["code"] == "INVALID-STATE"
    assert Acknowledgement.objects.count() == 1
    assert client.get("/api/directives").json()[0]["acknowledged_at"] is not None


def test_a_directive_not_sent_to_my_units_does_not_exist_for_me(province, api_as):
    directive = sent_directive(province)
    assert api_as(province.finance_head).get("/api/directives").json() == []
    refused = api_as(province.finance_head).post(f"/api/directives/{directive.pk}/acknowledge", {})
    assert refused.status_code == 404 and refused.json()["code"] == "NOT-FOUND"
