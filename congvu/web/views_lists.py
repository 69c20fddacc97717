"""The item list (/danh-sach/): every item the official may see, narrowed by the filters in the
query string, a page at a time, or the whole filtered list as an .xlsx sheet (?format=xlsx).

It must stay fast at 300,000 items (see `congvu listbench`): a page is one COUNT (capped for a text
search) and one query for the 25 ids of the page (served by the due-date indexes), then one query
for those 25 rows."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from congvu.documents.xlsx_export import MAX_ROWS, Column, Sheet, xlsx_response
from congvu.lib.choices import label_of
from congvu.lib.clock import today
from congvu.lib.ids import parse_id
from congvu.lib.replica import replica_reads
from congvu.lib.workdays import local_date
from congvu.oversight.listing import apply, sorted_whole, text_matches
from congvu.web.list_filters import ItemFilterForm, filter_options, filters_from_form
from congvu.web.pages import denied, official_required
from congvu.web.roles import serves_anywhere
from congvu.web.timeline import working_days_overdue
from congvu.work.access import listed_items
from congvu.work.models import OPEN_STATES, State, WorkItem

PAGE_SIZE = 25
# A text search counts its matches up to here (or up to the page asked for, if further) and then
# says "more than": a word nearly every title holds matched ~290,000 items at a province-year, and
# counting them all for the pager was most of the page (~600 ms of CPU on SQLite, ~1.1 s on PostgreSQL).
SEARCH_COUNT_CAP = 5000
# A list of up to SORTED_WHOLE items (a unit's officer's, a narrow filter's) is sorted whole for a page
# more than WALKED_PAGES from either end; nearer an end, the due-date index is walked to the page.
SORTED_WHOLE = 20_000
WALKED_PAGES = 10
# The columns a list row shows (web/lists/items.html, web/dashboard_items.html): not the whole row of
# the item and its three neighbours (search text, hashes, notes), each column a value to convert.
ROW_FIELDS = ("title", "state", "due_date", "legal_due_date", "completed_at",
              "matter_type__name", "lead_unit__name", "holder__full_name")


class Row(NamedTuple):
    """One line of a list, its link, state label and dates made here: in the template, 25 rows of
    {% url %}, get_state_display and |date were a fifth of the list page's CPU (issue 13)."""

    item: WorkItem
    late: int
    link: str
    state_label: str
    due: str
    legal_due: str


@dataclass
class Page:
    """One page of a list; `number` is 1-based and always within 1 … num_pages."""

    rows: list[Row]
    number: int
    count: int
    more: bool = False  # the count was capped: there are more than `count` (and no known last page)

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // PAGE_SIZE))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.more or self.number < self.num_pages

    @property
    def count_text(self) -> str:
        """The count grouped as the official's language writes it (5.000 in Vietnamese, 5,000 in English),
        for "more than 5.000"."""
        return number_format(self.count, force_grouping=True)

    @property
    def first_index(self) -> int:
        return (self.number - 1) * PAGE_SIZE + 1 if self.count else 0

    @property
    def last_index(self) -> int:
        return min(self.number * PAGE_SIZE, self.count)


def page_number(raw: str | None) -> int:
    return parse_id(raw or "") or 1


def days_late(state: str, due: date, completed_at: datetime | None, on: date) -> int:
    """Working days past the deadline: until today for open work, until completion for finished work."""
    if state in OPEN_STATES:
        return working_days_overdue(due, on)
    if state == State.COMPLETED and completed_at is not None:
        return working_days_overdue(due, local_date(completed_at))
    return 0


def paginate(items, requested: int, cap: int | None = None) -> Page:
    """The page asked for (or the last one). With a `cap`, the items are counted only up to the cap or
    to the end of the page asked for, whichever is further: beyond it the page says "more than"."""
    if cap is None:
        count, more = items.values("pk").count(), False  # the distinct ids only, not every column of every row
    else:
        count, more = capped_count(items, max(cap, requested * PAGE_SIZE))
    number = min(requested, max(1, -(-count // PAGE_SIZE)))
    # Read from the end only with the true count: a capped one has no known end.
    ids = page_ids(items, number, count, from_end=not more)
    by_id = WorkItem.objects.select_related("matter_type", "lead_unit", "holder").only(*ROW_FIELDS).in_bulk(ids)
    return Page(list_rows([by_id[pk] for pk in ids], today()), number, count, more)


def capped_count(items, bound: int) -> tuple[int, bool]:
    """(the count, or `bound` when there are more; whether there are more). The walk stops at the
    bound + 1st match, in no order (any plan that finds them first will do)."""
    found = items.values("pk").order_by()[:bound + 1].count()
    return min(found, bound), found > bound


def list_rows(items: list[WorkItem], on: date) -> list[Row]:
    labels: dict[str, str] = {}  # a page has a few states: each label looked up once
    return [Row(item, days_late(item.state, item.due_date, item.completed_at, on), reverse("item", args=[item.pk]),
                labels.get(item.state) or labels.setdefault(item.state, label_of(State, item.state)),
                day_text(item.due_date), day_text(item.legal_due_date))
            for item in items]


def day_text(day: date | None) -> str:
    """dd/mm/yyyy, as the |date:"d/m/Y" filter wrote it; nothing for no date."""
    return day.strftime("%d/%m/%Y") if day is not None else ""


def page_ids(items, number: int, count: int, from_end: bool = True) -> list[int]:
    """The ids of one page, in the list's order. The ids come first: the sort and the offset then walk
    an index, not 300,000 joined rows. A page in the second half of the list is read from its end,
    in the reverse order (when the sort ends on the id, so that the reverse is exact): the offset walked is never
    more than half the list, and the last page of 300,000 items walks 25 entries, not 299,975."""
    start = (number - 1) * PAGE_SIZE
    end = min(start + PAGE_SIZE, count)
    # (`from_end` is False for a capped count: the list may then be far longer than `count`.)
    if from_end and count <= SORTED_WHOLE and min(start, count - end) >= WALKED_PAGES * PAGE_SIZE:
        return list(sorted_whole(items).values_list("pk", flat=True)[start:end])
    ends_on_id = bool(items.query.order_by) and str(items.query.order_by[-1]).lstrip("-") in ("id", "pk")
    if start <= count - end or not ends_on_id or not from_end:
        return list(items.values_list("pk", flat=True)[start:end])
    from_end = count - end
    return list(reversed(items.reverse().values_list("pk", flat=True)[from_end:from_end + end - start]))


def query_without(query: QueryDict, *names: str) -> str:
    """The query string of this list without the named parameters, for page and export links."""
    kept = query.copy()
    for name in names:
        kept.pop(name, None)
    return kept.urlencode()


@official_required
def item_list(request: HttpRequest) -> HttpResponse:
    official = request.official
    if not serves_anywhere(official):
        return denied(request, _("You hold no position in any unit, so there is no work list to show."))
    form = ItemFilterForm(request.GET, official=official)
    filters = filters_from_form(form)
    visible = listed_items(official)
    items = apply(visible, filters, text_matches(filters.q))
    # An export with a filter that was not applied would hand over more than was asked: the page says why instead.
    if request.GET.get("format") == "xlsx" and not form.ignored:
        return export_items(items)
    return render(request, "web/lists/items.html", {
        "form": form, "options": filter_options(form, official), "filters": filters,
        "page": paginate(items, page_number(request.GET.get("page")), SEARCH_COUNT_CAP if filters.q else None),
        "query": query_without(request.GET, "page", "format"),
    })


N = gettext_noop  # marks a header for translation; it is translated when the sheet is written
ITEM_COLUMNS = (
    (N("No."), 8), (N("Work item"), 60), (N("Number and notation"), 18), (N("Matter type"), 36), (N("Lead unit"), 30),
    (N("State"), 22), (N("Due date"), 13), (N("Holder"), 24), (N("Overdue (working days)"), 14),
    (N("Completed on"), 13),
)


@replica_reads()  # an export reads from the read replica, when there is one (congvu/lib/replica.py)
def export_items(items) -> HttpResponse:
    """The filtered list as it stands, in Vietnamese (the language of the province's reports)."""
    on = today()
    rows = (
        (pk, title, notation or "", matter, unit, label_of(State, state), due, holder,
         days_late(state, due, completed_at, on), local_date(completed_at) if completed_at else None)
        for pk, title, notation, matter, unit, state, due, holder, completed_at in items.values_list(
            "pk", "title", "incoming__notation", "matter_type__name", "lead_unit__name", "state", "due_date",
            "holder__full_name", "completed_at",
        )[:MAX_ROWS + 1].iterator(chunk_size=2000)
    )
    with translation.override("vi"):
        sheet = Sheet(_("Work items"), [Column(_(header), width) for header, width in ITEM_COLUMNS], rows,
                      truncated_note=_("The list stops at %(n)s rows: narrow the filters to export the rest.")
                      % {"n": f"{MAX_ROWS:,}".replace(",", ".")})
        return xlsx_response(f"danh-sach-cong-viec-{on:%d-%m-%Y}.xlsx", [sheet])
