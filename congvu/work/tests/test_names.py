"""Names as types: every stored kind, state and outcome is an enum member in the code, and every
label or model name is English in the code with its Vietnamese in the catalogue (congvu/locale)."""

import ast
import re
from pathlib import Path

from django.apps import apps
from django.db.models import Choices
from django.utils import translation
from django.utils.functional import Promise

import congvu
from congvu.lib.tests.test_refusals import VIETNAMESE
from congvu.work import rules  # noqa: F401 - defines Transition and ReturnGrounds, enums no model field uses
from congvu.work.models import EventKind

ROOT = Path(congvu.__file__).parent


def test_event_kinds_keep_the_values_the_trail_was_hashed_with():
    # Each event's kind is part of its hash: renaming a value would break every chain that holds it.
    assert EventKind.values == [
        "register", "direct", "assign", "transfer", "return", "submit", "province_decision", "complete", "extend",
        "refused", "override", "consult", "consult_assign", "consult_reply", "deemed_agreement", "reconcile",
        "send_back", "return_found_wrong", "override_reviewed",
        "extension_request", "extension_refused",
        "consult_send_back", "send_back_finding", "notice_signed",
        "revoke", "amend", "replaced",
    ]


def source_files() -> list[Path]:
    return [p for p in ROOT.rglob("*.py") if not {"tests", "migrations"} & set(p.relative_to(ROOT).parts)]


def calls_to(tree: ast.AST, *names: str) -> list[ast.Call]:
    def name_of(func: ast.expr) -> str:
        return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")

    return [node for node in ast.walk(tree) if isinstance(node, ast.Call) and name_of(node.func) in names]


def argument(call: ast.Call, position: int, keyword: str) -> ast.expr | None:
    if len(call.args) > position:
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def is_literal(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant | ast.JoinedStr)


def test_no_event_kind_or_transition_is_spelled_out():
    """`EventKind.X` / `Transition.X`, or a variable passing one on (the trail's own functions)."""
    bare = []
    for path in source_files():
        tree = ast.parse(path.read_text())
        bare += [f"{path.relative_to(ROOT)}:{call.lineno}" for call in calls_to(tree, "append_event", "chain_event")
                 if is_literal(argument(call, 1, "kind"))]
        bare += [f"{path.relative_to(ROOT)}:{call.lineno}" for call in calls_to(tree, "check_transition")
                 if is_literal(argument(call, 0, "transition"))]
    assert bare == []


# A template comparing a stored field with a literal ("== 'pending'") instead of the enum the
# context carries (`congvu.web.context.CHOICES`).
LITERAL_COMPARISON = re.compile(r"\.(state|outcome|kind|position|role|title|priority|origin)\s*[!=]=\s*[\"']")


def test_templates_compare_stored_values_with_the_enums():
    found = [f"{path.relative_to(ROOT)}: {match.group(0)}" for path in ROOT.rglob("templates/**/*.html")
             for match in LITERAL_COMPARISON.finditer(path.read_text())]
    assert found == []


def congvu_choices() -> list[type[Choices]]:
    def subclasses(cls: type) -> list[type]:
        return [c for sub in cls.__subclasses__() for c in (sub, *subclasses(sub))]

    return [c for c in subclasses(Choices) if c.__module__.startswith("congvu.")]


def names_in_code() -> list[tuple[str, object]]:
    """(where, text) for every choice label, app name, model name, field name and help text of congvu."""
    found = [(f"{c.__name__}.{m.name}", m.label) for c in congvu_choices() for m in c]
    found += [(f"{config.name} (app)", config.verbose_name) for config in apps.get_app_configs()
              if config.name.startswith("congvu.")]
    for model in apps.get_models():
        if not model.__module__.startswith("congvu."):
            continue
        meta = model._meta
        # Only the names given: Django's own ("number series") are derived from the class name.
        found += [(f"{model.__name__} (Meta)", getattr(meta, name))
                  for name in ("verbose_name", "verbose_name_plural") if name in meta.original_attrs]
        for field in meta.get_fields(include_hidden=False):
            if hasattr(field, "verbose_name") and not field.auto_created:
                found += [(f"{model.__name__}.{field.name}", field.verbose_name),
                          (f"{model.__name__}.{field.name} (help)", field.help_text)]
    return found


def test_every_choice_is_labelled_for_translation():
    unlabelled = [f"{c.__name__}.{m.name}" for c in congvu_choices() for m in c if not isinstance(m.label, Promise)]
    assert unlabelled == []


def test_names_in_the_code_are_english_with_their_vietnamese_in_the_catalogue():
    untranslated = []
    for where, text in names_in_code():
        with translation.override("en"):
            english = str(text)
        with translation.override("vi"):
            vietnamese = str(text)
        assert not VIETNAMESE.search(english), f"{where}: {english}"
        if isinstance(text, Promise) and vietnamese == english:
            untranslated.append(f"{where}: {english}")
    assert untranslated == []
