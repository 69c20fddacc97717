"""Model instances of rows already read, built without `Model.__init__`.

Why: an action of `congvu bench` builds ~4 instances from rows it has just read (the locked item, the
registry snapshot's matter type and heads for the foreign keys, …). `Model.from_db` runs
`Model.__init__`, which sends `pre_init`/`post_init` and sets every field through `setattr` and the
foreign keys' descriptors: ~20 Python calls a field, an eighth of an action's processor time in cProfile.

What `from_row` promises: the same instance `Model.from_db(db, None, values)` would build — each
column's value in `__dict__` under its attname, a fresh `ModelState` with `adding = False` and `db` set
(`lib/tests/test_instances.py` compares the two for every model the actions read). For a fresh instance
that is all `__init__` does with a full row of positional values. Where `__init__` could do more — a
model that overrides `__init__` or `from_db`, a listener of `pre_init`/`post_init` (an `ImageField`'s
dimensions, a generic foreign key), a field whose descriptor converts what is assigned — `from_row`
calls `from_db` itself, so nothing is skipped silently.

`new_row` is the same for a new row (`Model(**values)`, before its INSERT): the actions build ~4 a
run of `congvu bench` (document, item, consultation, …), and `Model.__init__` with keyword values,
through the foreign keys' descriptors, was ~15 % of an action's Python in cProfile.
(`lib/tests/test_instances.py` compares it with `Model(**values)` for every model it is used on.)"""

from functools import cache
from typing import TypeVar

from django.db import DEFAULT_DB_ALIAS, models, router
from django.db.models.base import ModelState
from django.db.models.fields.files import FileDescriptor
from django.db.models.fields.related_descriptors import (
    ForeignKeyDeferredAttribute,
    ForwardManyToOneDescriptor,
    ForwardOneToOneDescriptor,
)
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init

M = TypeVar("M", bound=models.Model)

# Descriptors whose assignment to a fresh instance only stores the value in `__dict__` under the attname
# (a file's descriptor wraps the stored name when it is read, not when it is assigned; an image's
# descriptor, which also updates the dimensions, is not among them).
_PLAIN_DESCRIPTORS = (DeferredAttribute, ForeignKeyDeferredAttribute, FileDescriptor)


@cache
def _attnames(model: type[models.Model]) -> tuple[str, ...] | None:
    """The columns' attnames in order, or None when `__init__` may do more than store them (see above).
    Computed once per model: the signal listeners are connected when the apps load."""
    if model.__init__ is not models.Model.__init__ or model.from_db.__func__ is not models.Model.from_db.__func__:
        return None
    fields = model._meta.concrete_fields
    if any(type(model.__dict__.get(f.attname, getattr(model, f.attname, None))) not in _PLAIN_DESCRIPTORS
           for f in fields):
        return None
    return tuple(f.attname for f in fields)


def _has_init_listeners(model: type[models.Model]) -> bool:
    # No receiver connected at all (congvu's models have none): said by the lists themselves, before
    # the signals' per-sender lookups (~6 calls an instance, ~6 instances an action).
    if not pre_init.receivers and not post_init.receivers:
        return False
    return pre_init.has_listeners(model) or post_init.has_listeners(model)


def from_row(model: type[M], values, db: str = DEFAULT_DB_ALIAS) -> M:
    """An instance of `model` from one full row (every concrete column, in the model's order), as
    `model.from_db(db, None, values)` would build it."""
    attnames = _attnames(model)
    if attnames is None or len(values) != len(attnames) or _has_init_listeners(model):
        return model.from_db(db, None, values)
    state = ModelState()
    state.adding = False
    state.db = db
    instance = model.__new__(model)
    instance.__dict__["_state"] = state
    instance.__dict__.update(zip(attnames, values, strict=True))
    return instance


@cache
def _new_row_plan(model: type[models.Model]) -> tuple[tuple, ...] | None:
    """Per field of `Model.__init__`'s loop, in its order: (field, name, attname, related), `related`
    being for a foreign key (None for any other field) its (related model, its key's attname, whether
    the key is one-to-one). None when `__init__` may do more than store values (see `_attnames`;
    also virtual or generated fields, relations of other kinds)."""
    meta = model._meta
    if _attnames(model) is None or meta.private_fields or list(meta.fields) != list(meta.concrete_fields):
        return None
    plan = []
    for field in meta.fields:
        if field.generated or field.column is None:
            return None
        related = None
        if field.is_relation:
            descriptor = type(model.__dict__.get(field.name))
            one_to_one = (type(field) is models.OneToOneField and descriptor is ForwardOneToOneDescriptor
                          and not field.primary_key)
            if not (one_to_one or (type(field) is models.ForeignKey and descriptor is ForwardManyToOneDescriptor)):
                return None
            related = (field.remote_field.model._meta.concrete_model, field.target_field.attname, one_to_one)
        plan.append((field, field.name, field.attname, related))
    return tuple(plan)


def new_row(model: type[M], **values) -> M:
    """`model(**values)` for a row about to be inserted: each value in `__dict__` under its attname, a
    field not given at its default, a related instance given by name cached as the descriptor caches
    it, `_state.db` taken from it as the default router does. Anything else — an unknown name, a
    related value the descriptor must judge, a database router, an init listener — goes through the
    descriptor or `model(**values)` itself."""
    plan = _new_row_plan(model)
    if plan is None or _has_init_listeners(model) or router.routers:
        return model(**values)
    state = ModelState()
    instance = model.__new__(model)
    row = instance.__dict__
    row["_state"] = state
    used = 0
    for field, name, attname, related in plan:
        if related is not None and name in values:
            used += 1
            _set_related(instance, state, name, attname, related, values[name])
        elif attname in values:
            used += 1
            row[attname] = values[attname]
        else:
            row[attname] = field.get_default()
    if used != len(values):  # a name that is no column (a property, a typo): `__init__` decides
        return model(**values)
    return instance


def _set_related(instance, state: ModelState, name: str, attname: str, related: tuple, value) -> None:
    """What the forward descriptor's `__set__` does on a fresh instance, without routers: the key, the
    cached object, the instance's database taken from the object's. Any other case (a value of
    another class, a row of another database or of none yet, a one-to-one row whose reverse side
    is cached too): the descriptor itself."""
    model, target, one_to_one = related
    if value is None:
        instance.__dict__[attname] = None
        state.fields_cache[name] = None
    elif (not one_to_one and type(value) is model and value._state.db is not None
          and state.db in (None, value._state.db)):
        state.db = value._state.db
        instance.__dict__[attname] = getattr(value, target)
        state.fields_cache[name] = value
    else:
        setattr(instance, name, value)


def set_related(instance: models.Model, name: str, value: models.Model) -> None:
    """`instance.<name> = value` for a foreign key of an instance already saved or read, as its descriptor
    sets it when no database router is installed: the key from `value`, `value` cached. Any other case
    (None, a one-to-one key, another class, rows of two databases, a router): the descriptor itself.
    Every action sets two or three so (the locked item's matter type, the new step's holder)."""
    state = instance._state
    related = _relations(type(instance)).get(name)
    if (related is None or value is None or router.routers or related[2] or type(value) is not related[0]
            or state.db is None or value._state.db != state.db):
        setattr(instance, name, value)
        return
    instance.__dict__[related[3]] = getattr(value, related[1])
    state.fields_cache[name] = value


@cache
def _relations(model: type[models.Model]) -> dict[str, tuple]:
    """{name: (related model, its key's attname, one-to-one, attname)} of the model's `_new_row_plan`
    (none when it has no plan: everything through the descriptor)."""
    plan = _new_row_plan(model) or ()
    return {name: (*related, attname) for _field, name, attname, related in plan if related is not None}
