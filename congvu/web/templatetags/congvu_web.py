"""Template helpers: Bootstrap classes on form widgets, the official's positions, translated labels."""

import re

from django import forms, template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from congvu.lib.choices import label_of
from congvu.lib.clock import today
from congvu.org.models import Official, Title
from congvu.registry.queries import unit
from congvu.registry.serving import positions_on
from congvu.web.roles import may_register
from congvu.work.models import Priority

register = template.Library()
_CLAUSE_SUFFIX = re.compile(r"\s*\((?:Mục|clause) [0-9.]+\)\s*$")


@register.filter
def choice_input(choice: forms.boundfield.BoundWidget) -> SafeString:
    """The <input> of one checkbox or radio choice, as `choice.tag` writes it (django/forms/widgets/
    input.html and attrs.html), made here: Django renders three templates per choice, and the units a
    request for opinions may ask were a seventh of the item page's CPU at 10 units (issue 13)."""
    data = choice.data
    parts = [format_html('<input type="{}" name="{}"', data["type"], data["name"])]
    if data["value"] is not None:
        parts.append(format_html(' value="{}"', str(data["value"])))
    for name, value in data["attrs"].items():
        if value is True:
            parts.append(format_html(" {}", name))
        elif value is not False:
            parts.append(format_html(' {}="{}"', name, str(value)))
    return mark_safe("".join(parts) + ">")  # noqa: S308 - every part above is escaped by format_html


@register.filter
def bs_widget(field: forms.BoundField) -> SafeString:
    """The field's widget with Bootstrap's class, marked invalid (and tied to its error text) when it has errors."""
    widget = field.field.widget
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        css = "form-select"
    elif isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    else:
        css = "form-control"
    attrs = {"class": css}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_help")
    if field.errors:
        attrs["class"] += " is-invalid"
        attrs["aria-invalid"] = "true"
        described.append(f"{field.auto_id}_error")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.simple_tag
def positions(official: Official | None) -> list[str]:
    """"Officer, Department of Construction" for each position the official holds today."""
    if official is None:
        return []
    held = sorted((unit(p.unit_id).name, p.title) for p in positions_on(official, today()))
    return [f"{label_of(Title, title)}, {name}" for name, title in held]


@register.filter
def priority_label(value: str) -> str:
    return label_of(Priority, value)


@register.filter
def without_clause(message: str) -> str:
    """A rule message without its trailing "(Mục 2.1)": the page already shows the clause before it."""
    return _CLAUSE_SUFFIX.sub("", message)


@register.filter
def can_register(official: Official | None) -> bool:
    return official is not None and may_register(official)
