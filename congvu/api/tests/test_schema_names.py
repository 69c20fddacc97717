"""Two request or response schemas with one class name become one component in the OpenAPI document:
the second silently replaces the first, and clients (and schemathesis) are told the wrong body for one
of the endpoints. It happened once (two `DecisionIn`); every name must be unique."""

from collections import Counter

from ninja import Schema

from congvu.api.api import api  # noqa: F401 - imports every router, so every schema class exists


def subclasses(cls: type) -> list[type]:
    return [c for sub in cls.__subclasses__() for c in (sub, *subclasses(sub))]


def test_every_api_schema_class_has_a_name_of_its_own():
    ours = [c for c in subclasses(Schema) if c.__module__.startswith("congvu.")]
    assert ours, "the API's schemas were not found"
    repeated = {name: n for name, n in Counter(c.__name__ for c in ours).items() if n > 1}
    assert repeated == {}
