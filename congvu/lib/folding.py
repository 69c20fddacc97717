"""Search that ignores accents and case (issue 12: "ca phe" finds "cà phê"), alike on SQLite and
PostgreSQL.

Neither engine folds Vietnamese by itself the same way (PostgreSQL's `unaccent` is an extension to
install, SQLite has no such function, and both compare "Đ" with "D" as different letters), so the
folding is done once, in Python, when a row is written: a `FoldedField` holds the folded text of
other fields of its row (lowercase, accents removed, đ → d, spaces collapsed), and a search folds
what was typed the same way and looks for it there. The field computes itself in `pre_save`, which
both the ORM and congvu.lib.fastsql call on every insert, so no writer can forget it."""

import unicodedata

from django.db import models


def fold(text: str) -> str:
    """"Đề nghị  CẤP phép" → "de nghi cap phep"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


class FoldedField(models.TextField):
    """The folded text of the named fields of the same row, kept up to date on every save."""

    def __init__(self, *args, sources: tuple[str, ...] = (), **kwargs) -> None:
        self.sources = tuple(sources)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["sources"] = self.sources
        for key, value in (("editable", False), ("blank", True), ("default", "")):
            if kwargs.get(key) == value:
                kwargs.pop(key)
        return name, path, args, kwargs

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = fold(" ".join(str(getattr(model_instance, name) or "") for name in self.sources))
        setattr(model_instance, self.attname, value)
        return value
