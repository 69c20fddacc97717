"""What the navigation bar needs to know about the signed-in official: unread notifications and
which menus apply (the pages themselves check access again)."""

from django import template

from congvu.org.models import Notification, Official
from congvu.oversight.access import led_unit_ids
from congvu.web.roles import may_register, sees_overview, serves_anywhere

register = template.Library()


@register.simple_tag
def unread_notifications(official: Official | None) -> int:
    if official is None:
        return 0
    return Notification.objects.filter(official=official, read_at__isnull=True).count()


@register.simple_tag
def menu_of(official: Official | None) -> dict:
    if official is None:
        return {}
    overview = sees_overview(official)
    return {"register": may_register(official), "lists": serves_anywhere(official),
            "overview": overview, "reports": serves_anywhere(official),
            # A unit's head or deputy follows their own unit's signals and inspections (issue 10).
            "leads": not overview and bool(led_unit_ids(official))}
