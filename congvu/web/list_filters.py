"""The filters of the item list (/danh-sach/), read from the query string so that every list can be
linked to (the overview's numbers open the list behind them) and exported as it is shown.

Filters narrow `visible_items(official)` only: nobody finds, counts or exports an item through a
filter that they could not open. A value that cannot be read (an id in other digits than 0–9 or
beyond a bigint, a date that does not exist or lies outside the working calendar) is not applied,
and the page says so, next to the field and above the list; it never fails the page.

Each filter is written so that an index serves it at 300,000 items: the due range becomes a range
of `due_at` (which is the end of the due day), and the state and lead unit meet the
(lead_unit, state, due_at) and (state, due_at) indexes."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django import forms
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from congvu.lib.clock import today
from congvu.lib.folding import fold
from congvu.org.models import Official, Position, Unit
from congvu.oversight.listing import OPEN, Filters
from congvu.oversight.queries import UnitFigures
from congvu.registry import snapshot
from congvu.registry.models import MatterType
from congvu.registry.queries import current_calendar
from congvu.registry.serving import unit_ids_of
from congvu.web.forms import IdChoiceField, UnitChoiceField, VNDateField
from congvu.work import search_index
from congvu.work.models import IncomingDocument, State

# The Government Office's buckets (congvu.oversight.queries.figure_conditions), as the list names them.
BUCKETS = {
    "assigned": _("Assigned (counted in the figures)"),
    "on_time": _("Completed on time"),
    "extended": _("Completed on time after extension"),
    "late": _("Completed late"),
    "within": _("Not completed, within the deadline"),
    "overdue": _("Not completed, overdue"),
}
TEXT_MAX = 200
ALL_STATES = "all"
NOT_LISTED = _("“%(value)s” is not one of the listed options.")


class UnitFilterField(UnitChoiceField):
    pass


class MatterTypeFilterField(IdChoiceField):
    pass


class OfficialChoiceField(IdChoiceField):
    def label_from_instance(self, obj: Official) -> str:
        return obj.full_name


def choice(label: str, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=False, error_messages={"invalid_choice": NOT_LISTED}, **kwargs)


class FilterForm(forms.Form):
    """A list's filters: a value that cannot be read is left out (and named), and a date range must not
    end before it starts. `date_range` names the range's two fields."""

    date_range: tuple[str, str]

    @property
    def ignored(self) -> list[str]:
        """The labels of the filters not applied because their value could not be read."""
        return [str(self.fields[name].label) for name in self.errors if name in self.fields]

    def clean(self) -> dict:
        data = super().clean()
        first, last = self.date_range
        start, end = data.get(first), data.get(last)
        if start and end and end < start:
            self.add_error(last, _("The end of the range comes before its start."))
        return data


class ItemFilterForm(FilterForm):
    date_range = ("due_from", "due_to")
    q = forms.CharField(label=_("Title, subject or notation"), required=False, max_length=TEXT_MAX)
    # Every unit, merged ones too: their past work is still counted and linked to from the figures.
    unit = UnitFilterField(label=_("Lead unit"), queryset=Unit.objects.order_by("name"), required=False,
                           empty_label=_("All units"), error_messages={"invalid_choice": NOT_LISTED})
    state = choice(_("State"))
    matter_type = MatterTypeFilterField(label=_("Matter type"), queryset=MatterType.objects.order_by("name"),
                                        required=False, empty_label=_("All matter types"),
                                        error_messages={"invalid_choice": NOT_LISTED})
    due_from = VNDateField(label=_("Due from"), required=False)
    due_to = VNDateField(label=_("Due to"), required=False)
    holder = OfficialChoiceField(label=_("Holder"), queryset=Official.objects.none(), required=False,
                                 empty_label=_("Anyone"), error_messages={"invalid_choice": NOT_LISTED})
    bucket = choice(_("Deadline"))
    sort = choice(_("Sort by due date"), choices=[("due", _("Earliest first")), ("-due", _("Latest first"))])

    def __init__(self, data: dict, *, official: Official) -> None:
        super().__init__(data)
        # Open work by default (issue 12): finished items are a choice away, never the first thing shown.
        self.fields["state"].choices = [("", _("Open work")), (ALL_STATES, _("All states")), *State.choices]
        self.fields["bucket"].choices = [("", _("Any")), *BUCKETS.items()]
        if data and data.get("holder"):  # to check the holder asked for; the options are `filter_options`'
            self.fields["holder"].queryset = holders_for(official)

    def clean_due_from(self) -> date | None:
        return within_calendar(self.cleaned_data.get("due_from"))

    def clean_due_to(self) -> date | None:
        return within_calendar(self.cleaned_data.get("due_to"))


def within_calendar(day: date | None) -> date | None:
    """Every deadline is counted on the working calendar, so a date outside it filters nothing; it is
    refused rather than passed on (31/12/9999 would overflow the end of its day)."""
    calendar = current_calendar()
    if day is not None and not calendar.first_day <= day <= calendar.last_day:
        raise forms.ValidationError(
            _("%(day)s is outside the working calendar (%(first)s – %(last)s)."), code="outside_calendar",
            params={"day": f"{day:%d/%m/%Y}", "first": f"{calendar.first_day:%d/%m/%Y}",
                    "last": f"{calendar.last_day:%d/%m/%Y}"})
    return day


def holders_for(official: Official) -> QuerySet[Official]:
    """Whom the holder filter offers: everyone serving anywhere to those who see every unit, the
    people of one's own units to everyone else."""
    serving = Position.objects.active_on(today())
    if not official.sees_everything:
        serving = serving.filter(unit__in=official.positions.active_on(today()).values("unit"))
    return Official.objects.filter(pk__in=serving.values("official")).order_by("full_name")


def filters_from_form(form: ItemFilterForm) -> Filters:
    """The list's filters from its query-string form (an invalid field is ignored and shown in error)."""
    form.is_valid()
    data = form.cleaned_data

    def pk(name: str) -> int | None:
        return data[name].pk if data.get(name) else None

    return Filters(q=(data.get("q") or "").strip(), unit=pk("unit"), state=list_state(data),
                   matter_type=pk("matter_type"), due_from=data.get("due_from"), due_to=data.get("due_to"),
                   holder=pk("holder"), bucket=data.get("bucket") or "", sort=data.get("sort") or "due")


def list_state(data: dict) -> str:
    """The state filter as the list applies it: open work when none is chosen, except behind a figure of
    the overview (a bucket), whose items are those the figure counts, finished ones included."""
    state = data.get("state") or ""
    if state == ALL_STATES or (not state and data.get("bucket")):
        return ""
    return state or OPEN


def filter_options(form: ItemFilterForm, official: Official) -> dict[str, list[tuple[str, str]]]:
    """The choices of each select, as plain (value, label) pairs: the page renders them in a loop,
    which costs a few milliseconds where Django's widget templates cost a hundred for ~300 options.
    Units, matter types and holders are registry rows: read once per registry version, not per page
    (three of the list page's twelve queries under the load test, congvu/ops/loadtest)."""
    fields = form.fields

    def rows(key, queryset: Callable[[], QuerySet], label: str) -> tuple[tuple[str, str], ...]:
        # Read in the database's order (its collation sorts the Vietnamese names), as before; the
        # queryset itself is built only then (building the holders' one was 5 % of the page's CPU).
        return snapshot.derived(key, lambda: tuple((str(pk), name) for pk, name in queryset().values_list("pk", label)))

    return {
        "unit": [("", str(fields["unit"].empty_label)), *rows("unit options", lambda: fields["unit"].queryset, "name")],
        "matter_type": [("", str(fields["matter_type"].empty_label)),
                        *rows("matter type options", lambda: fields["matter_type"].queryset, "name")],
        "holder": [("", str(fields["holder"].empty_label)),
                   *rows(holder_options_key(official), lambda: holders_for(official), "full_name")],
        **{name: [(str(v), str(label)) for v, label in fields[name].choices] for name in ("state", "bucket", "sort")},
    }


def holder_options_key(official: Official) -> tuple:
    """Whom `holders_for` offers depends on the day and, but for those who see every unit, on one's units."""
    on = today()
    return ("holder options", on, None if official.sees_everything else frozenset(unit_ids_of(official, on)))


# The numbers of the figures tables, each with the link to the list that shows exactly those items.
FIGURE_COLUMNS = ("assigned", "on_time", "extended", "late", "within", "overdue")


@dataclass(frozen=True)
class FigureRow:
    figures: UnitFigures
    cells: list[tuple[str, int, str]]  # (bucket, number, link to the list behind the number)


def list_link(unit_id: int | None, bucket: str) -> str:
    """The item list of one unit's bucket; the province's totals (no unit) open every unit's."""
    query = {"unit": unit_id, "bucket": bucket} if unit_id else {"bucket": bucket}
    return f"{reverse('item_list')}?{urlencode(query)}"


def figure_rows(figures: list[UnitFigures]) -> list[FigureRow]:
    def cells(f: UnitFigures) -> list[tuple[str, int, str]]:
        numbers = (f.assigned, f.completed_on_time, f.completed_after_extension, f.completed_late,
                   f.open_within_deadline, f.open_overdue)
        return [(b, n, list_link(f.unit_id, b)) for b, n in zip(FIGURE_COLUMNS, numbers, strict=True)]

    return [FigureRow(f, cells(f)) for f in figures]


def province_totals(figures: list[UnitFigures]) -> UnitFigures:
    def total(name: str) -> int:
        return sum(getattr(f, name) for f in figures)

    return UnitFigures(0, str(_("The whole province")), total("assigned"), total("completed_on_time"),
                       total("completed_late"), total("open_within_deadline"), total("open_overdue"),
                       total("completed_after_extension"), passed_on=total("passed_on"),
                       days_held=total("days_held"), held_beyond_share=total("held_beyond_share"),
                       extensions_self=total("extensions_self"), extensions_above=total("extensions_above"))



class RegisterFilterForm(FilterForm):
    """The incoming register's filters (/van-ban-den/): words of the number, sender or subject (accents
    and case ignored), and the range of the date received."""

    q = forms.CharField(label=_("Number, sender or subject"), required=False, max_length=TEXT_MAX)
    received_from = VNDateField(label=_("Received from"), required=False)
    received_to = VNDateField(label=_("Received until"), required=False)
    date_range = ("received_from", "received_to")

    def applied(self, documents: QuerySet) -> QuerySet:
        """The documents narrowed by every filter whose value could be read (the others are shown in error)."""
        self.is_valid()
        data = self.cleaned_data
        if text := (data.get("q") or "").strip():
            documents = documents.filter(search_index.contains(IncomingDocument, fold(text)))
        if data.get("received_from"):
            documents = documents.filter(received_on__gte=data["received_from"])
        if data.get("received_to"):
            documents = documents.filter(received_on__lte=data["received_to"])
        return documents
