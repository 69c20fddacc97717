"""congvu's `{% csrf_token %}`: Django's CSRF field, plus the form's one-time token (congvu/web/once.py).
Registered as a template builtin after Django's own (settings.TEMPLATES), so it replaces the tag in
every template, the administration's included."""

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import format_html

from congvu.web.once import FIELD, new_token

register = template.Library()


class CsrfAndOnceNode(CsrfTokenNode):
    def render(self, context) -> str:
        csrf_field = super().render(context)
        if not csrf_field:  # no CSRF token in this context: no form to guard either
            return csrf_field
        return csrf_field + format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())


@register.tag
def csrf_token(parser, token) -> CsrfAndOnceNode:
    return CsrfAndOnceNode()
