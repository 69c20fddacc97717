"""`from_row` builds the instance `Model.from_db` would: same values, same state, and it saves and
follows its relations like one read by the ORM."""

import pytest
from django.apps import apps
from django.db.models.signals import post_init

from congvu.consult.models import Consultation, ConsultationRequest
from congvu.lib import fastsql
from congvu.lib.instances import _new_row_plan, from_row, new_row, set_related
from congvu.org.models import Official, Unit
from congvu.registry import snapshot
from congvu.registry.models import MatterType
from congvu.work.models import Event, IncomingDocument, Step, WorkItem

pytestmark = pytest.mark.django_db


def _rows(model, limit=3):
    names = [f.attname for f in model._meta.concrete_fields]
    return list(model.objects.order_by("pk").values_list(*names)[:limit])


def _congvu_models_with_rows():
    return [m for m in apps.get_models() if m.__module__.startswith("congvu.") and m.objects.exists()]


def assert_same_instance(built, expected):
    assert type(built) is type(expected)
    assert {k: v for k, v in vars(built).items() if k != "_state"} == \
        {k: v for k, v in vars(expected).items() if k != "_state"}
    assert (built._state.adding, built._state.db) == (expected._state.adding, expected._state.db) == (False, "default")
    assert built._state.fields_cache == {}


def test_every_models_rows_build_as_from_db_builds_them(busy):
    models = _congvu_models_with_rows()
    # The models the benchmark's actions read (the locked item, the registry's facts, …) are among them.
    assert {WorkItem, MatterType, Unit, Official, Consultation, ConsultationRequest, Event, Step,
            IncomingDocument} <= set(models)
    for model in models:
        for row in _rows(model):
            assert_same_instance(from_row(model, row), model.from_db("default", None, row))


def test_fastsql_reads_equal_the_orms(busy):
    item = WorkItem.objects.order_by("pk").first()
    locked = fastsql.get(WorkItem, item.pk)
    assert_same_instance(locked, WorkItem.objects.get(pk=item.pk))
    assert locked == item and locked.matter_type == item.matter_type


def test_the_snapshots_facts_become_instances_equal_to_the_orms(busy):
    facts = snapshot.current()
    for fact in [*facts.matter_types.values(), *facts.units.values(), *facts.officials.values()]:
        assert_same_instance(fact.instance(), fact.model.objects.get(pk=fact.pk))


def test_a_built_instance_saves_and_follows_its_relations(busy):
    item = WorkItem.objects.order_by("pk").first()
    built = fastsql.get(WorkItem, item.pk)
    assert built.matter_type.pk == item.matter_type_id  # a relation is read through
    other = MatterType.objects.exclude(pk=item.matter_type_id).first()
    built.matter_type = other
    built.title = "Tiêu đề đã sửa"
    count = WorkItem.objects.count()
    built.save()  # an UPDATE of the row read, not an INSERT
    again = WorkItem.objects.get(pk=item.pk)
    assert (again.matter_type_id, again.title) == (other.pk, "Tiêu đề đã sửa")
    assert WorkItem.objects.count() == count
    assert list(built.steps.order_by("pk")) == list(Step.objects.filter(item=item).order_by("pk"))


def test_an_init_listener_is_still_served(busy):
    seen = []

    def listener(sender, instance, **kwargs):
        seen.append(instance)

    post_init.connect(listener, sender=Unit)
    try:
        built = from_row(Unit, _rows(Unit, 1)[0])
    finally:
        post_init.disconnect(listener, sender=Unit)
    assert seen == [built]


# ---- new_row: a new instance as `Model(**values)` builds it --------------------------------------

NEW_ROW_MODELS = [IncomingDocument, WorkItem, Consultation]  # the models the actions build with `new_row`


def _values_of(row, *, by_attname=(), left_out=()):
    """Keyword values that rebuild `row` as new: every column but the key, a foreign key by its
    related instance (by its id for the names in `by_attname`), the names in `left_out` not given."""
    values = {}
    for field in type(row)._meta.concrete_fields:
        if field.primary_key or field.name in left_out:
            continue
        if field.is_relation and field.name not in by_attname:
            values[field.name] = getattr(row, field.name)
        else:
            values[field.attname] = getattr(row, field.attname)
    return values


def assert_same_new_instance(built, expected):
    assert type(built) is type(expected)
    assert vars(built).keys() == vars(expected).keys()
    assert {k: v for k, v in vars(built).items() if k != "_state"} == \
        {k: v for k, v in vars(expected).items() if k != "_state"}
    assert (built._state.adding, built._state.db) == (expected._state.adding, expected._state.db)
    assert built._state.fields_cache == expected._state.fields_cache


@pytest.mark.parametrize("model", NEW_ROW_MODELS, ids=lambda m: m.__name__)
def test_new_row_builds_what_the_models_init_builds(busy, model):
    row = model.objects.order_by("pk").first()
    relations = [f.name for f in model._meta.concrete_fields if f.is_relation]
    cases = [
        _values_of(row),  # every relation by instance: cached, the database taken from it
        _values_of(row, by_attname=relations),  # every relation by id: nothing cached, no database
        _values_of(row, left_out=[f.name for f in model._meta.concrete_fields if f.has_default() or f.null]),
        {**_values_of(row), **{name: None for name in relations[:1]}},  # a relation given as None
    ]
    if model is WorkItem:  # a one-to-one relation given by instance (a transferred item's successor)
        cases.append({**_values_of(row), "transferred_from": row})
    assert _new_row_plan(model) is not None  # built by new_row itself, not handed to `Model(**values)`
    for values in cases:
        assert_same_new_instance(new_row(model, **values), model(**values))


def test_new_row_saves_as_the_models_instance_does(busy):
    document = IncomingDocument.objects.order_by("pk").first()
    values = {**_values_of(document), "incoming_number": 9999, "subject": "Văn bản mới"}
    built = fastsql.insert(new_row(IncomingDocument, **values))
    again = IncomingDocument.objects.get(pk=built.pk)
    assert (again.unit, again.incoming_number, again.subject) == (document.unit, 9999, "Văn bản mới")
    assert built.unit is document.unit  # the related instance given stays cached, as `Model(...)` keeps it


def test_new_row_refuses_what_the_model_refuses(busy):
    item = WorkItem.objects.order_by("pk").first()
    with pytest.raises(ValueError, match="must be a \"MatterType\" instance"):
        new_row(WorkItem, **{**_values_of(item), "matter_type": item.registered_unit})
    with pytest.raises(TypeError, match="unexpected keyword"):
        new_row(WorkItem, **{**_values_of(item), "no_such_field": 1})


def test_an_init_listener_is_served_for_a_new_row_too(busy):
    seen = []

    def listener(sender, instance, **kwargs):
        seen.append(instance)

    document = IncomingDocument.objects.order_by("pk").first()
    post_init.connect(listener, sender=IncomingDocument)
    try:
        built = new_row(IncomingDocument, **_values_of(document))
    finally:
        post_init.disconnect(listener, sender=IncomingDocument)
    assert seen == [built]


def test_set_related_sets_what_the_descriptor_sets(busy):
    item = WorkItem.objects.order_by("pk").first()
    other_type = MatterType.objects.exclude(pk=item.matter_type_id).first()
    holder = Official.objects.exclude(pk=item.holder_id).first()
    for name, value in [("matter_type", other_type), ("holder", holder), ("holder", None),
                        ("transferred_from", item)]:  # None and one-to-one: through the descriptor
        built, expected = fastsql.get(WorkItem, item.pk), fastsql.get(WorkItem, item.pk)
        set_related(built, name, value)
        setattr(expected, name, value)
        assert_same_new_instance(built, expected)
        assert built._state.fields_cache[name] is value  # cached: no query to follow it
