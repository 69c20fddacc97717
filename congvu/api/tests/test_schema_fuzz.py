"""Schemathesis drives every operation of the API with generated requests — ones the OpenAPI document
calls valid and ones it calls invalid — as a unit head of a small province would, and runs every
check it has on every answer: no server error; status, headers, content type and body as
documented; schema-valid requests accepted (2xx, or 401/403/404/409: a missing object or a refusal
by the rules is not a rejection of the input); schema-violating ones rejected; unsupported methods
answered 405 with Allow; requests without credentials refused; and, along the links the document
declares (a registered item → its actions; a consultation → its requests), that what was just made
can be read back (ensure_resource_availability; use_after_free has nothing to find, the API deletes
nothing). Only max_response_time is left out — a timed assertion would make CI flaky.

Every operation goes through schemathesis's three phases: the examples in the document, the
coverage phase (each bound at and past its edge, each constraint broken once, missing and
unsupported media types and methods) and fuzzing. Once with random ids (mostly unknown: 404), and
once more, with schema-valid input only, against the real item and consultation request the
fixture made, so the actions themselves answer. Then schemathesis's stateful phase runs sequences
of calls along the links.

Bounded and derandomised so CI is stable: EXAMPLES fuzzed cases per operation and mode (the
coverage phase adds its own fixed set) and SEQUENCES sequences of at most STEPS calls, the whole file
about a minute and a half on two busy cores. The schema is
loaded from the app itself (Django's WSGI handler), inside the test's database transaction."""

import hypothesis
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.generation.hypothesis.builder import HypothesisTestConfig, HypothesisTestMode, create_test
from schemathesis.generation.overrides import Override

from congvu.api.actions import issue_token
from congvu.api.api import api
from congvu.api.tests.helpers import incoming_body
from congvu.consult import actions as consult
from congvu.testing import Province, consulted_item
from congvu.work import actions as work

pytestmark = pytest.mark.django_db
EXAMPLES = 25
SEQUENCES = 30
STEPS = 6
load_all_checks()
ALL_CHECKS = CHECKS.get_all()


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
def known_ids(province, same_connection) -> dict[str, str]:
    """Real work for the generated requests to meet: an item in progress with a timely disagreement
    from Finance, and a freshly registered one."""
    p = province
    item, request = consulted_item(p)
    consult.reply(request, actor=p.finance_head, position="disagree", reasons="Chưa đủ vốn")
    work.register_incoming(actor=p.construction_clerk, unit=p.construction, matter_type=p.building_permit,
                           **{k: v for k, v in incoming_body(p).items() if k in ("sender", "subject")})
    return {"item_id": str(item.pk), "request_id": str(request.pk), "unit_id": str(p.construction.pk)}


@pytest.fixture
def demo_token(province, known_ids) -> str:
    """Acting as Construction's head: registers, directs, assigns, consults, may override."""
    return issue_token(official=province.construction_head, name="schemathesis")[1]


def loaded(token: str, mode: str):
    """The app's own OpenAPI document, generating requests in `mode` ("all": valid and invalid)."""
    config = SchemathesisConfig.from_dict({"generation": {"mode": mode, "max-examples": EXAMPLES,
                                                          "deterministic": True}})
    return schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler(), config=config,
                                          headers={"Authorization": f"Bearer {token}"})


def run_every_phase(schema, operation_id: str, token: str, override: Override) -> None:
    """Examples, coverage and fuzzing of one operation, every check on every answer (raises the
    failures schemathesis finds, each with the request that reproduces it)."""
    operation = schema.find_operation_by_id(operation_id)

    def call_and_check(case) -> None:
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=ALL_CHECKS)

    settings = schema.config.get_hypothesis_settings(operation=operation, phase="fuzzing")
    test = create_test(operation=operation, test_func=call_and_check, config=HypothesisTestConfig(
        project=schema.config, modes=list(HypothesisTestMode), settings=settings, override=override))
    test()


# One test per operation, by operationId. (schemathesis.pytest.from_fixture would do this, but its lazy
# loader reads a pytest node attribute that pytest 9 no longer has.)
OPERATIONS = sorted(
    operation["operationId"]
    for operations in api.get_openapi_schema(path_prefix="/api/")["paths"].values()
    for operation in operations.values()
)


@pytest.mark.parametrize("operation_id", OPERATIONS)
def test_every_check_schemathesis_has_passes(demo_token, known_ids, operation_id):
    run_every_phase(loaded(demo_token, "all"), operation_id, demo_token, Override())
    schema = loaded(demo_token, "positive")
    path = schema.find_operation_by_id(operation_id).path
    real = {name: value for name, value in known_ids.items() if f"{{{name}}}" in path}
    if real:
        # Only valid input here: an invalid path parameter replaced by a real id would become valid.
        run_every_phase(schema, operation_id, demo_token, Override(path_parameters=real))


def test_sequences_along_the_documents_links_pass_every_check(province: Province, demo_token, known_ids):
    auth = {"Authorization": f"Bearer {demo_token}"}
    # A registration names a real unit and matter type, so that it succeeds and its links are followed
    # (generated ids name nothing: 404, and no sequence would go further).
    real_ids = {"unit": province.construction.pk, "matter_type": province.building_permit.pk, "requester_unit": None}

    class Sequences(loaded(demo_token, "positive").as_state_machine()):
        def before_call(self, case) -> None:
            if case.operation.path == "/api/incoming" and isinstance(case.body, dict):
                case.body.update(real_ids)

        def get_call_kwargs(self, case) -> dict:
            return {"headers": auth}

        def validate_response(self, response, case, additional_checks=None, **kwargs) -> None:
            # Every check (the default set is every one), told which credentials were sent.
            case.validate_response(response, checks=ALL_CHECKS, headers=auth, transport_kwargs=kwargs,
                                   recorder=self.recorder)

    Sequences.run(settings=hypothesis.settings(
        max_examples=SEQUENCES, stateful_step_count=STEPS, derandomize=True, deadline=None, database=None,
        suppress_health_check=list(hypothesis.HealthCheck)))
