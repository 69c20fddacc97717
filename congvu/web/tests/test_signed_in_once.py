"""A page looks the signed-in official up once (congvu/web/signed_in.py): the language middleware, the
view and the layout's menu share the row. The load test's list page asked for it three times."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def official_lookups(queries) -> int:
    return sum(1 for q in queries if q["sql"].lstrip().startswith("SELECT") and 'FROM "org_official"' in q["sql"]
               and '"org_official"."user_id" =' in q["sql"])


@pytest.mark.parametrize("address", ["/danh-sach/", "/van-ban-den/", "/"])
def test_a_page_reads_the_signed_in_official_once(province, client_of, address):
    clerk = client_of(province.construction_clerk)
    clerk.get(address)  # the session and the registry's first reads are not the point
    with CaptureQueriesContext(connection) as queries:
        answer = clerk.get(address)
    assert answer.status_code == 200
    assert official_lookups(queries.captured_queries) == 1
    assert province.construction_clerk.full_name in answer.content.decode()  # the menu still names them


def test_the_chosen_language_still_comes_from_the_official(province, client_of):
    clerk = client_of(province.construction_clerk)
    province.construction_clerk.language = "en"
    province.construction_clerk.save(update_fields=["language"])
    assert clerk.get("/danh-sach/").headers["Content-Language"] == "en"
