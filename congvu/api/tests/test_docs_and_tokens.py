"""The OpenAPI document and the interactive docs (the bundled Swagger UI, no CDN, strict CSP), the
`congvu apitoken` command and the read-only token admin."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from congvu.api.errors import ERROR_DESCRIPTIONS
from congvu.api.fields import NONBLANK_TEXT_PATTERN
from congvu.api.models import ApiToken
from congvu.api.tests.helpers import ApiClient
from congvu.lib.text import CLEAN_TEXT_PATTERN

pytestmark = pytest.mark.django_db


def test_the_openapi_document_declares_every_answer_including_the_errors(province, api_as):
    schema = api_as(province.construction_clerk).get("/api/openapi.json").json()
    assert schema["info"]["title"] == "congvu API"
    assert set(schema["components"]["securitySchemes"]) == {"BearerToken", "OfficialSession"}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = {int(code): answer for code, answer in operation["responses"].items()}
            errors = {code: answer for code, answer in responses.items() if code >= 400}
            assert set(errors) >= {401, 403}, (method, path)
            if "{" in path:
                assert 404 in errors, (method, path)  # an unknown id
            if method == "post":
                assert set(errors) >= {400, 404, 409, 413, 415, 422}, (method, path)
            for code, answer in errors.items():
                assert answer["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorOut"}
                assert answer["description"] == ERROR_DESCRIPTIONS[code]


def strings_in(schema: dict, components: dict):
    """Every string schema of the text an API client writes (bodies and parameters), by name."""
    if "$ref" in schema:
        yield from strings_in(components[schema["$ref"].split("/")[-1]], components)
    for name, field in schema.get("properties", {}).items():
        for option in field.get("anyOf", [field]):
            if option.get("type") == "string":
                yield name, option
            elif option.get("type") == "array":
                yield from ((name, item) for item in [option["items"]] if item.get("type") == "string")


def test_every_free_text_input_declares_its_length_and_that_control_characters_are_refused(province, api_as):
    schema = api_as(province.construction_clerk).get("/api/openapi.json").json()
    components = schema["components"]["schemas"]
    seen = set()
    for operations in schema["paths"].values():
        for operation in operations.values():
            # A JSON body's texts; the one multipart body is a file (POST /api/incoming/edxml), read by the
            # edXML reader, not a text field.
            content = operation.get("requestBody", {}).get("content", {})
            bodies = [content["application/json"]["schema"]] if "application/json" in content else []
            parameters = [{"properties": {p["name"]: p["schema"] for p in operation.get("parameters", [])}}]
            for name, field in (pair for source in bodies + parameters for pair in strings_in(source, components)):
                if "enum" in field or "const" in field:
                    continue
                if field.get("format") == "date":
                    seen.add("date")
                    continue
                assert field["pattern"] in (CLEAN_TEXT_PATTERN, NONBLANK_TEXT_PATTERN), name
                assert 0 < field["maxLength"] <= 10_000, name
                seen.add(name)
    assert {"subject", "question", "reason", "q", "attendees", "date"} <= seen


def test_dates_are_iso_8601_in_and_out(province, api_as):
    schema = api_as(province.construction_clerk).get("/api/openapi.json").json()
    components = schema["components"]["schemas"]
    assert components["ExtendIn"]["properties"]["new_due"]["format"] == "date"
    assert components["ItemOut"]["properties"]["due_date"]["format"] == "date"
    assert components["ItemOut"]["properties"]["due_at"]["format"] == "date-time"
    deadline = next(p for p in schema["paths"]["/api/deadline"]["get"]["parameters"] if p["name"] == "from")
    assert deadline["schema"]["format"] == "date"


def test_answers_link_to_what_can_be_done_next_with_what_they_return(province, api_as):
    schema = api_as(province.construction_clerk).get("/api/openapi.json").json()
    operation_ids = {op["operationId"] for ops in schema["paths"].values() for op in ops.values()}
    registered = schema["paths"]["/api/incoming"]["post"]["responses"]["201"]["links"]
    assert registered["direct"] == {"operationId": "direct", "parameters": {"item_id": "$response.body#/id"}}
    asked = schema["paths"]["/api/items/{item_id}/consultations"]["post"]["responses"]["201"]["links"]
    assert asked["reply"]["parameters"] == {"request_id": "$response.body#/requests/0/id"}
    linked = {link["operationId"] for ops in schema["paths"].values() for op in ops.values()
              for answer in op["responses"].values() for link in answer.get("links", {}).values()}
    assert linked <= operation_ids and len(linked) == 17


def test_the_openapi_document_and_docs_are_for_officials_only(province, api_as):
    assert api_as(None).get("/api/openapi.json").status_code == 401
    assert api_as(province.outsider).get("/api/openapi.json").status_code == 403
    anonymous = Client().get("/api/docs")
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/dang-nhap/")
    outsider = Client()
    outsider.force_login(province.outsider.user)
    assert outsider.get("/api/docs").status_code == 403


def test_the_docs_page_loads_swagger_ui_from_congvu_itself_not_a_cdn(province):
    client = Client()
    client.force_login(province.construction_clerk.user)
    page = client.get("/api/docs")
    assert page.status_code == 200
    html = page.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/api/docs/assets/") for s in sources), sources
    assert "cdn" not in html.lower() and "http" not in html
    # Nothing inline to allow: the page keeps the site's strict policy (the middleware's exemption is not needed).
    assert "script-src 'self'" in page["Content-Security-Policy"] and "unsafe" not in page["Content-Security-Policy"]
    for source in sources:
        asset = client.get(source)
        assert asset.status_code == 200 and b"".join(asset.streaming_content)
    assert client.get("/api/docs/assets/../../settings.py").status_code == 404
    missing = client.get("/api/docs/assets/redoc.standalone.js")
    assert missing.status_code == 404 and missing.json()["code"] == "NOT-FOUND"


def test_the_command_prints_a_working_token_once_and_stores_only_its_hash(province):
    out, err = io.StringIO(), io.StringIO()
    call_command("apitoken", "sxd.officer", "--name", "Phần mềm quản lý văn bản", stdout=out, stderr=err)
    clear = out.getvalue().strip()
    assert ApiClient(clear).get("/api/me").json()["username"] == "sxd.officer"
    token = ApiToken.objects.get()
    assert token.name == "Phần mềm quản lý văn bản" and clear not in (token.key_hash, token.prefix)
    assert "không hiển thị lại" in err.getvalue()
    with pytest.raises(CommandError):
        call_command("apitoken", "khong-co-ai", stdout=io.StringIO())


def test_the_admin_lists_tokens_read_only_and_revokes_them(province, admin_client):
    call_command("apitoken", "sxd.officer", stdout=(out := io.StringIO()), stderr=io.StringIO())
    token = ApiToken.objects.get()
    assert admin_client.get("/quan-tri/api/apitoken/").status_code == 200
    assert admin_client.get("/quan-tri/api/apitoken/add/").status_code == 403
    page = admin_client.get(f"/quan-tri/api/apitoken/{token.pk}/change/").content.decode()
    assert token.key_hash not in page and 'name="_save"' not in page
    admin_client.post(f"/quan-tri/api/apitoken/{token.pk}/change/", {"name": "renamed"})
    token.refresh_from_db()
    assert token.name == "api"
    admin_client.post("/quan-tri/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert ApiClient(out.getvalue().strip()).get("/api/me").status_code == 401


def test_the_docs_page_hands_the_session_the_csrf_token_its_writes_need(province):
    client = Client(enforce_csrf_checks=True)
    client.force_login(province.construction_clerk.user)
    html = client.get("/api/docs").content.decode()
    token = re.search(r'data-csrf-token="([^"]+)"', html).group(1)
    body = {"unit": province.construction.pk, "matter_type": province.building_permit.pk,
            "sender": "Công ty A", "subject": "Đề nghị"}
    response = client.post("/api/incoming", body, content_type="application/json", headers={"X-CSRFToken": token})
    assert response.status_code == 201
