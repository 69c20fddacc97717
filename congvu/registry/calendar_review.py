"""What the administrator must look at in the official calendar (shown on /quan-tri/ and on the
calendar's own list): a year whose schedule is not published yet, holidays the `holidays` package
adds that the official schedule of their year does not list (they count as working days until the
administrator confirms them by adding them to the schedule), and entries not yet verified against
their announcing document."""

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from congvu.lib.clock import today
from congvu.lib.workdays import Calendar, PackageDay, format_vn_date
from congvu.registry.models import CalendarDay, CalendarDayKind
from congvu.registry.queries import current_calendar


@dataclass(frozen=True)
class CalendarWarning:
    text: str
    url: str = ""  # where the administrator settles it: the filled-in form to confirm, or the entry
    action: str = ""


def years_to_watch(on: date) -> tuple[int, int]:
    # Deadlines counted today run into next year from the autumn on: both years matter.
    return on.year, on.year + 1


def confirm_url(day: PackageDay) -> str:
    """The calendar's add form, filled in with the package's day, for the administrator to check and save."""
    fields = {
        "day": format_vn_date(day.day), "kind": CalendarDayKind.DAY_OFF, "name": day.name,
        "source": _("Confirmed by the administrator (day off listed by the holidays package)"),
    }
    return f"{reverse('admin:registry_calendarday_add')}?{urlencode(fields)}"


def calendar_warnings(calendar: Calendar | None = None, on: date | None = None) -> list[CalendarWarning]:
    calendar = calendar or current_calendar()
    on = on or today()
    return [*unpublished(calendar, on), *unconfirmed(calendar, on), *unverified(on)]


def unpublished(calendar: Calendar, on: date) -> list[CalendarWarning]:
    return [
        CalendarWarning(_("The schedule for %(year)s has not been published: its public holidays are estimated "
                          "from the holidays package.") % {"year": year})
        for year in years_to_watch(on) if not calendar.has_official_schedule(year)
    ]


def unconfirmed(calendar: Calendar, on: date) -> list[CalendarWarning]:
    return [
        CalendarWarning(
            _("%(day)s “%(name)s”: the holidays package lists it as a day off but the official schedule "
              "for %(year)s does not; it counts as a working day until you confirm it.")
            % {"day": format_vn_date(day.day), "name": day.name, "year": day.day.year},
            confirm_url(day), _("Confirm this day off"),
        )
        for day in calendar.unconfirmed_package_days() if day.day.year >= on.year
    ]


def unverified(on: date) -> list[CalendarWarning]:
    return [
        CalendarWarning(
            _("%(day)s “%(name)s” (%(source)s) has not been verified against the announcing document.")
            % {"day": format_vn_date(row.day), "name": row.name, "source": row.source},
            reverse("admin:registry_calendarday_change", args=[row.pk]), _("Check this entry"),
        )
        for row in CalendarDay.objects.filter(verified=False, day__year__gte=on.year).order_by("day")
    ]
