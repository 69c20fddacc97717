"""TEMPORARY stand-in for the lead's record trail (congvu.oversight.record, landing on main): the same
signature, so this branch runs until `git merge main` replaces this file with the real one."""

from django.db import models


def record_event(subject: models.Model, kind: str, *, actor, unit=None, data: dict | None = None) -> None:
    return None
