"""Issue 13: a page in the second half of a list is read from the list's end (the last page of
300,000 items walks 25 index entries, not 299,975) — and is exactly the page the offset gave."""

import re

import pytest

from congvu.lib import clock
from congvu.ops import listbench
from congvu.ops.province import build_synthetic
from congvu.oversight.listing import Filters, apply, sorted_whole
from congvu.web import views_lists
from congvu.work.access import listed_items, visible_items
from congvu.work.models import WorkItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def synthetic():
    with clock.travel_to(listbench.NOW):
        org = build_synthetic(inspectors=1)
        listbench.fill(org, 203)
        yield org


@pytest.mark.parametrize("sort", ["due", "-due"])
def test_every_page_read_from_the_end_is_the_page_the_offset_gives(synthetic, monkeypatch, sort):
    monkeypatch.setattr(views_lists, "PAGE_SIZE", 9)  # 203 items: 23 pages, the last one of 5
    for reader in (synthetic.inspectors[0], synthetic.officers[7][0]):
        items = apply(visible_items(reader), Filters(state="", sort=sort))
        every = list(items.values_list("pk", flat=True))
        count = len(every)
        for number in range(1, -(-count // 9) + 1):
            assert views_lists.page_ids(items, number, count) == every[(number - 1) * 9:number * 9], number


def test_the_last_page_of_the_list_answers_with_its_rows(synthetic, client):
    client.force_login(synthetic.inspectors[0].user)
    with clock.travel_to(listbench.NOW):
        last = client.get("/danh-sach/?state=all&page=9").content.decode()  # 203 items, 25 a page
        beyond = client.get("/danh-sach/?state=all&page=99").content.decode()  # an old link: the last page
    assert last.count('class="cv-list-row"') == 3
    assert item_links(beyond) == item_links(last) and len(item_links(last)) == 3


def item_links(page: str) -> list[str]:
    return re.findall(r'<a href="/cong-viec/(\d+)/" class="cv-item-link">', page)


@pytest.mark.parametrize("sort", ["due", "-due"])
def test_every_page_sorted_whole_is_the_page_the_offset_gives(synthetic, monkeypatch, sort):
    """A short list deep in its pages is sorted whole (not walked along the due-date index): each
    page is still the one the offset gives, in either order."""
    monkeypatch.setattr(views_lists, "PAGE_SIZE", 9)
    monkeypatch.setattr(views_lists, "WALKED_PAGES", 1)  # every page but the first and the last
    for reader in (synthetic.inspectors[0], synthetic.officers[7][0]):
        items = apply(listed_items(reader), Filters(state="", sort=sort))
        every = list(items.values_list("pk", flat=True))
        pages = -(-len(every) // 9)
        for number in range(1, pages + 1):
            assert views_lists.page_ids(items, number, len(every)) == every[(number - 1) * 9:number * 9], number


def test_a_list_sorted_whole_is_not_walked_along_the_due_date_index():
    items = WorkItem.objects.order_by("-due_at", "-id")
    sql = str(sorted_whole(items).values("pk").query)
    order = sql[sql.index("ORDER BY"):]  # the due date inside an expression, then the id as it is
    assert not order.startswith('ORDER BY "work_workitem"."due_at"') and '"due_at"' in order.split(",")[0]
    assert order.endswith(', "work_workitem"."id" DESC')
    assert sorted_whole(WorkItem.objects.order_by("title")).query.order_by == ("title",)  # another sort: as it is


def test_a_list_reads_the_very_items_its_reader_sees(synthetic):
    """`listed_items` is `visible_items` in another form: the same items for each way of seeing one —
    held by the reader, or held, led or registered by their unit, or co-operated on by it."""
    officer, unit = synthetic.officers[7][0], synthetic.units[7]
    with clock.travel_to(listbench.NOW):
        others = WorkItem.objects.exclude(pk__in=visible_items(officer).values("pk")).order_by("pk")
        held, unit_holds, led, registered, cooperating, unseen = others.values_list("pk", flat=True)[:6]
    WorkItem.objects.filter(pk=held).update(holder=officer)
    WorkItem.objects.filter(pk=unit_holds).update(holder_unit=unit)
    WorkItem.objects.filter(pk=led).update(lead_unit=unit)
    WorkItem.objects.filter(pk=registered).update(registered_unit=unit)
    WorkItem.objects.get(pk=cooperating).cooperating_units.add(unit)
    with clock.travel_to(listbench.NOW):
        for reader in (officer, synthetic.officers[20][0], synthetic.inspectors[0]):
            assert set(listed_items(reader)) == set(visible_items(reader))
        listed = set(listed_items(officer).values_list("pk", flat=True))
    assert {held, unit_holds, led, registered, cooperating} <= listed and unseen not in listed
