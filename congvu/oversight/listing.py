"""Filtering the item list, shared by the web list (/danh-sach/) and the API (GET /api/items).

It sits at the oversight level, above work, because one of its filters is a figure's bucket: the
list a number of the overview opens is filtered by the very condition that number counts
(`congvu.oversight.queries.figure_conditions`).

Filters narrow `visible_items(official)` only: nobody finds, counts or exports an item through a
filter that they could not open. Each filter is written so that an index serves it at 300,000
items: the due range becomes a range of `due_at` (which is the end of the due day), and the state
and lead unit meet the (lead_unit, state, due_at) and (state, due_at) indexes."""

from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models import CharField, DateTimeField, Exists, F, Func, OuterRef, Q, QuerySet
from django.db.models.lookups import In

from congvu.lib.folding import fold
from congvu.oversight.queries import figure_conditions
from congvu.work import search_index
from congvu.work.deadlines import end_of_local_day
from congvu.work.models import OPEN_STATES, IncomingDocument, WorkItem

OPEN = "open"  # every open state (the web list's default)
SORTS = {"due": ("due_at", "id"), "-due": ("-due_at", "-id")}
FEW_MATCHES = 5000


@dataclass(frozen=True)
class Filters:
    """What the list is narrowed by."""

    q: str = ""
    unit: int | None = None
    state: str = ""
    matter_type: int | None = None
    due_from: date | None = None
    due_to: date | None = None
    holder: int | None = None
    bucket: str = ""
    sort: str = "due"

    @property
    def active(self) -> bool:
        return any((self.q, self.unit, self.state, self.matter_type, self.due_from, self.due_to, self.holder,
                    self.bucket))


def text_condition(text: str) -> Q:
    """The words typed, without regard to accents or case ("ca phe" finds "Cà phê"): in the title (the
    subject of the incoming document) or in the document's number, sender and subject; "#123" or "123"
    also finds item 123. Tested on each row walked (a `LIKE` on its folded text, congvu/lib/folding.py):
    for a list walked in its own order; `text_matches` finds the same rows from the indexes."""
    folded = fold(text)
    # The item's own document, looked up by its key for a row whose title does not match: as
    # `incoming IN (every matching document)`, PostgreSQL first read all 300,000 documents for a
    # word they nearly all hold (~0.6 s of each count and walk at a province-year).
    document = IncomingDocument.objects.filter(pk=OuterRef("incoming_id"), search_text__contains=folded)
    condition = Q(search_text__contains=folded) | Exists(document)
    for by_number in number_condition(text):
        condition |= by_number
    return condition


def number_condition(text: str) -> list[Q]:
    number = text.strip().removeprefix("#")
    return [Q(pk=int(number))] if number.isdigit() and len(number) < 12 else []


def text_matches(text: str) -> list[int] | None:
    """The ids of the items a search matches (what `text_condition` matches), when they are few (most
    searches): looked up in the trigram indexes of the titles and of the documents' texts
    (congvu/work/search_index.py), each way of matching by its own query — one query with an OR
    would have PostgreSQL read every title, as no single index serves both sides. None when there
    are more: the list then tests the words while it walks the due-date index, where a page of such
    common matches comes quickly. (Walking that index for a rare word would read every item, and
    counting, then sorting, would read them twice.)"""
    if not text:
        return None
    folded = fold(text)
    titles = search_index.matching_ids(WorkItem, folded, FEW_MATCHES)
    documents = search_index.matching_ids(IncomingDocument, folded, FEW_MATCHES)
    if titles is None or documents is None:
        return None  # (more documents than the few: their items are as many, but for a rare one)
    matches = set(titles)
    for condition in (Q(incoming__in=documents), *number_condition(text)):
        matches.update(WorkItem.objects.filter(condition).values_list("pk", flat=True)[:FEW_MATCHES + 1])
    return sorted(matches) if len(matches) <= FEW_MATCHES else None


def open_condition(narrowed: bool) -> Q | In:
    """Open work. SQLite (it keeps no statistics) is kept from the state index (`+state`, SQLite's way
    to say "not by an index") when the list is `narrowed` otherwise — by a search, or by the reader's
    visibility — for by the state index it read every open item (150,000 at a province-year) and sorted
    them all for 25 rows. A search walked along the list (a word too common for the index) then walks
    the list's (due_at, id, state) index and stops at the page (1.36 s -> 16 ms); a search's few ids
    are looked up by their keys (Home Affairs, a rare word: 45 + 44 ms -> ~1 ms); a unit's officer's
    items are gathered by the indexes of their visibility condition (their open list 2.3-4.3 s ->
    0.2-0.3 s at load 8, CPU 540-620 -> ~40 ms). The open list of whoever sees every item, unfiltered,
    keeps the state index: its count is then 11 ms, not 112."""
    if not narrowed or connection.vendor != "sqlite":
        return Q(state__in=OPEN_STATES)
    return In(Func(F("state"), template="+%(expressions)s", output_field=CharField()), list(OPEN_STATES))


def sorted_whole(items: QuerySet[WorkItem]) -> QuerySet[WorkItem]:
    """The list sorted by its due date as an expression no index serves, so that the database gathers
    the list's rows (by the indexes of its conditions) and sorts them, rather than walk the due-date
    index testing every item's row on the way. For a short list deep in its pages: an officer's
    10,000 items at offset 5,000 walked past 150,000 others' (PostgreSQL ~430 ms; gathered and sorted
    ~60 ms, `congvu listbench`). A list not sorted by its due date is returned as it is."""
    first, *rest = items.query.order_by or (None,)
    if not isinstance(first, str) or first.lstrip("-") != "due_at":
        return items
    # PostgreSQL has no unary plus for a time; adding nothing makes an expression it keeps as it is.
    template = "+%(expressions)s" if connection.vendor == "sqlite" else "(%(expressions)s + interval '0 s')"
    due = Func(F("due_at"), template=template, output_field=DateTimeField())
    return items.order_by(due.desc() if first.startswith("-") else due.asc(), *rest)


def apply(items: QuerySet[WorkItem], filters: Filters, matches: list[int] | None = None) -> QuerySet[WorkItem]:
    """The filtered list, sorted by due date; `matches` are the search's ids from `text_matches`."""
    if filters.unit:
        items = items.filter(lead_unit_id=filters.unit)
    if filters.state == OPEN:
        items = items.filter(open_condition(narrowed=bool(filters.q) or items.query.has_filters()))
    elif filters.state:
        items = items.filter(state=filters.state)
    if filters.matter_type:
        items = items.filter(matter_type_id=filters.matter_type)
    if filters.holder:
        items = items.filter(holder_id=filters.holder)
    # A period ends at 24:00 of its last day, so "due on day d" is "due_at == end of d".
    if filters.due_from:
        items = items.filter(due_at__gte=end_of_local_day(filters.due_from))
    if filters.due_to:
        items = items.filter(due_at__lte=end_of_local_day(filters.due_to))
    if filters.bucket:
        items = items.filter(figure_conditions()[filters.bucket])
    if filters.q:
        items = items.filter(pk__in=matches) if matches is not None else items.filter(text_condition(filters.q))
    return items.order_by(*SORTS.get(filters.sort, SORTS["due"]))


