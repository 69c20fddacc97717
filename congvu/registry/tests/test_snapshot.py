"""The registry snapshot: frozen facts shared by the whole process, fresh model instances for whoever
needs one, one registry version per request, and bulk loading that cannot forget to say so."""

from dataclasses import FrozenInstanceError, fields
from datetime import date

import pytest
from django.db import models
from django.http import HttpResponse

from congvu.org.models import Unit, UnitKind
from congvu.registry import snapshot
from congvu.registry.middleware import PinnedSnapshotMiddleware
from congvu.registry.queries import matter_type, parameter, unit
from congvu.registry.serving import head_of, officers_of

DAY = date(2026, 3, 3)
FACTS = (snapshot.UnitFact, snapshot.OfficialFact, snapshot.MatterTypeFact, snapshot.DelegationFact,
         snapshot.ParameterFact)


@pytest.mark.parametrize("fact", FACTS, ids=lambda f: f.__name__)
def test_each_fact_holds_its_models_columns_in_their_order(fact):
    """`instance()` hands the values to the model by position: a column added to the model must be
    added to its fact."""
    assert [f.name for f in fields(fact)] == [f.attname for f in fact.model._meta.concrete_fields]


def everything_in(registry: snapshot.Snapshot) -> list:
    found = []
    for value in vars(registry).values():
        for entry in value.values() if isinstance(value, dict) else ():
            found += list(entry) if isinstance(entry, tuple | frozenset) else [entry]
    return found


def test_the_snapshot_holds_frozen_facts_and_no_model_instance(province):
    held = everything_in(snapshot.current())
    assert held and not any(isinstance(x, models.Model) for x in held)
    construction = snapshot.current().units[province.construction.pk]
    with pytest.raises(FrozenInstanceError):
        construction.name = "Sở khác"  # type: ignore[misc]


def test_an_official_handed_out_is_a_fresh_instance_so_changing_it_changes_nobody_elses(province):
    head = head_of(province.construction, DAY)
    assert head == province.construction_head
    head.full_name = "Người khác"
    assert head_of(province.construction, DAY).full_name == province.construction_head.full_name
    people = officers_of(province.construction, DAY)
    people[0].full_name = "Người khác"
    assert officers_of(province.construction, DAY)[0].full_name != "Người khác"


def test_a_matter_type_handed_out_is_a_fresh_instance_read_as_from_the_database(province):
    permit = matter_type(province.building_permit.pk)
    assert permit == province.building_permit and not permit._state.adding
    assert [getattr(permit, f.attname) for f in permit._meta.concrete_fields] == [
        getattr(province.building_permit, f.attname) for f in permit._meta.concrete_fields]
    permit.time_limit_days = 365
    assert matter_type(province.building_permit.pk).time_limit_days == province.building_permit.time_limit_days


def test_read_only_answers_are_the_facts_themselves(province):
    assert unit(province.construction.pk).name == province.construction.name
    assert unit(province.construction.pk).is_active_on(DAY)
    assert parameter("consultation_reply_days").value == 5  # the shipped default: no row in the database


def test_rows_written_in_bulk_while_loading_are_seen_at_once(province):
    snapshot.current()
    with snapshot.loading():
        [new] = Unit.objects.bulk_create([Unit(code="moi", name="Sở Mới", abbrev="SM", kind=UnitKind.DEPARTMENT)])
    assert snapshot.current().units[new.pk].name == "Sở Mới"


def test_a_failed_load_writes_nothing_and_leaves_the_registry_as_it_was(province):
    before = snapshot.current()
    with pytest.raises(RuntimeError), snapshot.loading():
        Unit.objects.bulk_create([Unit(code="moi", name="Sở Mới", abbrev="SM", kind=UnitKind.DEPARTMENT)])
        raise RuntimeError("the load failed")
    assert not Unit.objects.filter(code="moi").exists()
    assert snapshot.current() is before


def counting_token_reads(monkeypatch) -> list[str]:
    reads, read = [], snapshot.read_token

    def counted() -> str:
        reads.append(token := read())
        return token

    monkeypatch.setattr(snapshot, "read_token", counted)
    return reads


def test_a_request_sees_one_registry_version_even_when_it_changes_meanwhile(province, rf, monkeypatch):
    seen = []

    def view(request) -> HttpResponse:
        seen.append(snapshot.current())
        snapshot.bump()
        seen.append(snapshot.current())
        return HttpResponse()

    reads = counting_token_reads(monkeypatch)
    PinnedSnapshotMiddleware(view)(rf.get("/"))
    assert seen[0] is seen[1] and len(reads) == 1
    assert snapshot.current() is not seen[0]  # the next request sees the change


def test_a_page_reads_the_registry_version_once(province, client_of, monkeypatch, at_morning):
    client = client_of(province.construction_head)
    reads = counting_token_reads(monkeypatch)
    assert client.get("/").status_code == 200
    assert len(reads) == 1
