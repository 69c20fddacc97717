"""Issue 13: a text search counts its matches only up to a cap (a word nearly every title holds
matched ~290,000 items, and counting them all for the pager was most of the page). Beyond the cap the
page says "Hơn 5.000 kết quả" and its pager has no last page; every match is still reached by
"Trang sau", in the list's order. Here the cap is patched low over 203 items whose titles all hold
"thử nghiệm" (listbench's titles), with the matches found by the index and by the list's walk."""

import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from congvu.lib import clock
from congvu.ops import listbench
from congvu.ops.province import build_synthetic
from congvu.oversight import listing
from congvu.oversight.listing import Filters, apply, text_matches
from congvu.web import views_lists
from congvu.work.access import visible_items
from congvu.work.models import State, WorkItem

pytestmark = pytest.mark.django_db
CAP, SIZE = 20, 9


@pytest.fixture
def synthetic(monkeypatch):
    monkeypatch.setattr(views_lists, "SEARCH_COUNT_CAP", CAP)
    monkeypatch.setattr(views_lists, "PAGE_SIZE", SIZE)
    with clock.travel_to(listbench.NOW):
        org = build_synthetic(inspectors=1)
        listbench.fill(org, 203)
        yield org


# 5000: the index finds the few matches; 10: too many for it, the list's walk tests each row.
@pytest.fixture(params=[5000, 10], ids=["from-index", "walked"])
def few_matches(request, monkeypatch):
    monkeypatch.setattr(listing, "FEW_MATCHES", request.param)
    return request.param


def test_a_capped_count_says_more_and_every_page_is_still_the_offsets_page(synthetic, few_matches):
    reader = synthetic.inspectors[0]
    with clock.travel_to(listbench.NOW):
        items = apply(visible_items(reader), Filters(q="thử nghiệm", state=""), text_matches("thử nghiệm"))
        every = list(items.values_list("pk", flat=True))
        assert len(every) == 203
        first = views_lists.paginate(items, 1, CAP)
        assert (first.count, first.more, first.num_pages, first.has_next) == (CAP, True, 3, True)
        assert [row.item.pk for row in first.rows] == every[:SIZE]
        for number in range(1, 24):  # 203 items, 9 a page: 23 pages
            page = views_lists.paginate(items, number, CAP)
            assert [row.item.pk for row in page.rows] == every[(number - 1) * SIZE:number * SIZE], number
            assert page.more == (number * SIZE < 203), number  # counted to the page asked for, then one more
        last = views_lists.paginate(items, 23, CAP)
        assert (last.count, last.more, last.has_next, len(last.rows)) == (203, False, False, 5)
        assert views_lists.paginate(items, 1).count == 203  # no cap: the exact count, as before


def test_a_search_with_fewer_matches_than_the_cap_is_counted_exactly(synthetic, few_matches):
    with clock.travel_to(listbench.NOW):
        items = apply(visible_items(synthetic.inspectors[0]), Filters(q="thử nghiệm 42", state=""),
                      text_matches("thử nghiệm 42"))  # 42, 420–429 of 997 companies
        page = views_lists.paginate(items, 1, CAP)
    assert page.count == items.count() < CAP and not page.more


def test_the_page_says_more_than_the_cap_in_vietnamese_and_has_no_last_page(synthetic, few_matches, client):
    client.force_login(synthetic.inspectors[0].user)
    with clock.travel_to(listbench.NOW):
        html = client.get("/danh-sach/", {"q": "thử nghiệm", "state": "all"}).content.decode()
        third = client.get("/danh-sach/", {"q": "thử nghiệm", "state": "all", "page": 3}).content.decode()
        last = client.get("/danh-sach/", {"q": "thử nghiệm", "state": "all", "page": 23}).content.decode()
        unsearched = client.get("/danh-sach/", {"state": "all"}).content.decode()
    assert "Hơn 20 kết quả" in html
    assert "Công việc 1–9 trong hơn 20 kết quả" in html
    assert ">Trang 1<" in html and "Trang sau" in html and "Trang cuối" not in html
    assert "Công việc 19–27 trong hơn 27 kết quả" in third and "Trang sau" in third  # counted to its end
    assert "203 công việc" in last and "Trang 23/23" in last and "Trang sau" not in last
    assert "203 công việc" in unsearched and "Trang cuối" in unsearched  # no search: counted exactly
    assert len(re.findall(r'class="cv-list-row"', html)) == SIZE


def test_open_work_walked_for_a_common_word_is_the_open_work_that_matches(synthetic, few_matches):
    # The first rounds of listbench's items are all completed: some are set open for this list.
    WorkItem.objects.filter(pk__in=range(1, 204, 3)).update(state=State.IN_PROGRESS)
    with clock.travel_to(listbench.NOW):
        visible = visible_items(synthetic.inspectors[0])
        searched = apply(visible, Filters(q="thử nghiệm", state=listing.OPEN), text_matches("thử nghiệm"))
        every = apply(visible, Filters(state=listing.OPEN))
        assert list(searched.values_list("pk", flat=True)) == list(every.values_list("pk", flat=True))
        assert every.count() > CAP
        assert views_lists.paginate(searched, 1, CAP).rows[0].item.pk == every[0].pk



@pytest.mark.parametrize(("language", "written"), [("vi", "Công việc 1–25 trong hơn 5.000 kết quả"),
                                                   ("en", "Items 1–25 of more than 5,000")])
def test_the_capped_count_is_grouped_as_the_officials_language_writes_numbers(language, written):
    page = views_lists.Page(rows=[], number=1, count=5000, more=True)
    with translation.override(language):
        html = render_to_string("web/lists/pagination.html", {"page": page})
    assert written in html
