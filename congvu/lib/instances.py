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
calls `from_db` itself, so nothing is skipped silently."""

from functools import cache
from typing import TypeVar

from django.db import DEFAULT_DB_ALIAS, models
from django.db.models.base import ModelState
from django.db.models.fields.files import FileDescriptor
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
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
