from django import template

from congvu.registry.calendar_review import CalendarWarning, calendar_warnings

register = template.Library()


@register.simple_tag
def official_calendar_warnings() -> list[CalendarWarning]:
    return calendar_warnings()
