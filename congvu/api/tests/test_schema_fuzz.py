"""Schemathesis drives every operation of the API with generated input — valid and invalid — as a
unit head of a small province would, and checks that nothing answers with a server error, and that
every answer (errors included) has a status and a body the OpenAPI document declares.

Bounded and derandomised so CI is stable: ~25 examples per operation, the whole run well under two
minutes on two cores. The schema is loaded from the app itself (Django's WSGI handler), inside the
test's database transaction."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from congvu.api.actions import issue_token
from congvu.api.api import api
from congvu.api.tests.helpers import consulted_item, incoming_body
from congvu.consult import actions as consult
from congvu.work import actions as work

pytestmark = pytest.mark.django_db
EXAMPLES = 30
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]


@pytest.fixture
def same_connection():
    """Django's WSGI handler closes "old" connections around each request; inside a test's
    transaction that would close the test's own connection. Its test client does the same as this."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def known_ids(province, same_connection) -> dict[str, int]:
    """Real work for the generated requests to meet: an item in progress with a timely disagreement
    from Finance, and a freshly registered one; ids a third of the cases use instead of random ones."""
    p = province
    item, request = consulted_item(p)
    consult.reply(request, actor=p.finance_head, position="disagree", reasons="Chưa đủ vốn")
    work.register_incoming(actor=p.construction_clerk, unit=p.construction, matter_type=p.building_permit,
                           **{k: v for k, v in incoming_body(p).items() if k in ("sender", "subject")})
    return {"item_id": item.pk, "request_id": request.pk, "unit_id": p.construction.pk}


@pytest.fixture
def demo_token(province, known_ids) -> str:
    """Acting as Construction's head: registers, directs, assigns, consults, may override."""
    return issue_token(official=province.construction_head, name="schemathesis")[1]


@pytest.fixture
def api_schema(demo_token):
    return schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler(),
                                          headers={"Authorization": f"Bearer {demo_token}"})


# One test per operation, by operationId. (schemathesis.pytest.from_fixture would do this, but its lazy
# loader reads a pytest node attribute that pytest 9 no longer has.)
OPERATIONS = sorted(
    operation["operationId"]
    for operations in api.get_openapi_schema(path_prefix="/api/")["paths"].values()
    for operation in operations.values()
)


@pytest.mark.parametrize("operation_id", OPERATIONS)
def test_no_server_error_and_every_answer_as_documented(api_schema, demo_token, known_ids, operation_id):
    operation = api_schema.find_operation_by_id(operation_id)
    real = {name: value for name, value in known_ids.items() if f"{{{name}}}" in operation.path}
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.POSITIVE, path_parameters=real or None),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )

    @given(case=cases)
    @settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def call_and_check(case) -> None:
        case.call_and_validate(headers={"Authorization": f"Bearer {demo_token}"}, checks=CHECKS)

    call_and_check()
