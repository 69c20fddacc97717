"""Issue 13: a page in the second half of a list is read from the list's end (the last page of
300,000 items walks 25 index entries, not 299,975) — and is exactly the page the offset gave."""

import re

import pytest

from congvu.lib import clock
from congvu.ops import listbench
from congvu.ops.province import build_synthetic
from congvu.oversight.listing import Filters, apply
from congvu.web import views_lists
from congvu.work.access import visible_items

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
