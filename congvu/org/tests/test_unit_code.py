"""A unit's code may be its organ code on the national document axis ("000.00.12.H53", dots included:
the `OrganId` of what it sends) or congvu's own short code; anything else is refused, in Vietnamese,
where the administrator enters it (/quan-tri/), and the API lists it as entered."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client

from congvu.org.models import Unit, UnitKind
from congvu.testing import PASSWORD

pytestmark = pytest.mark.django_db


def unit(code: str) -> Unit:
    return Unit(code=code, name="Sở Nội vụ", abbrev="SNV", kind=UnitKind.DEPARTMENT)


@pytest.mark.parametrize("code", ["000.00.12.H53", "000.00.00.H53", "000.01.12.G01", "sxd", "xa-an-my"])
def test_organ_codes_and_short_codes_are_accepted(code):
    unit(code).full_clean()


@pytest.mark.parametrize("code", ["000.00.12", "00.00.12.H53", "000.00.12.H53.1", "sở-nội-vụ", "a/b", "000 00 12 H53"])
def test_other_codes_are_refused_in_vietnamese(code):
    with pytest.raises(ValidationError) as refused:
        unit(code).full_clean()
    assert "000.00.12.H53" in str(refused.value.message_dict["code"])


def test_the_administrator_sets_a_units_organ_code_and_the_api_lists_it(province):
    admin = get_user_model().objects.create_superuser("quantri", "quantri@example.gov.vn", PASSWORD)
    client = Client()
    client.force_login(admin)
    home = province.home_affairs
    form = {"code": "000.00.12.H53", "name": home.name, "abbrev": home.abbrev, "kind": home.kind,
            "parent": home.parent_id, "valid_from": "01/07/2025", "is_home_affairs": "on"}
    response = client.post(f"/quan-tri/org/unit/{home.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    home.refresh_from_db()
    assert home.code == "000.00.12.H53"
    refused = client.post(f"/quan-tri/org/unit/{home.pk}/change/", {**form, "code": "000.00.12"})
    assert refused.status_code == 200 and "dạng 000.00.12.H53" in refused.content.decode()
    clerk = Client()
    assert clerk.login(username=province.construction_clerk.user.username, password=PASSWORD)
    listed = {row["name"]: row["code"] for row in clerk.get("/api/units").json()}
    assert listed[home.name] == "000.00.12.H53"
