"""The item list (/danh-sach/): exactly the items the official may see, each filter narrowing it as it
says, pages of 25 that keep the filters, and the filtered list as .xlsx."""

import io
import re
from datetime import timedelta

import pytest
from django.test import Client
from openpyxl import load_workbook

from congvu.testing import MORNING
from congvu.work import actions
from congvu.work.access import visible_items
from congvu.work.models import State

pytestmark = pytest.mark.django_db
ITEM_LINK = re.compile(r'<a href="/cong-viec/(\d+)/" class="cv-item-link">')


def shown(client: Client, query: str = "") -> list[int]:
    """The ids the list shows; every state unless the query names one (open work is only the default)."""
    if "state=" not in query:
        query = f"state=all&{query}"
    page = client.get(f"/danh-sach/?{query}")
    assert page.status_code == 200, page.content.decode()[:500]
    return [int(i) for i in ITEM_LINK.findall(page.content.decode())]


@pytest.mark.parametrize("persona", ["construction_officer", "finance_officer", "commune_officer", "inspector",
                                     "office_head", "transport_head"])
def test_the_list_shows_exactly_the_items_the_official_may_see(province, busy, client_of, persona):
    official = getattr(province, persona)
    expected = set(visible_items(official).values_list("pk", flat=True))
    ids = shown(client_of(official))
    assert len(ids) == len(set(ids)) and set(ids) == expected


def test_a_co_operating_unit_sees_the_work_it_co_operates_on(province, busy, client_of):
    assert busy.on_time.pk in shown(client_of(province.transport_head))


def test_an_outsider_is_refused_the_list_and_its_export(province, busy, client_of):
    outsider = client_of(province.outsider)
    for url in ("/danh-sach/", "/danh-sach/?format=xlsx", f"/danh-sach/?q={busy.overdue.title}"):
        page = outsider.get(url)
        assert page.status_code == 403 and busy.overdue.title not in page.content.decode()


def test_an_anonymous_visitor_is_sent_to_sign_in(province):
    assert Client().get("/danh-sach/")["Location"].startswith("/dang-nhap/?next=")


def test_the_text_filter_finds_words_of_the_title(province, busy, client_of):
    assert shown(client_of(province.inspector), "q=trường mầm non") == [busy.on_time.pk]


def test_the_text_filter_finds_the_document_notation_and_the_item_number(province, busy, client_of):
    inspector = client_of(province.inspector)
    assert shown(inspector, f"q={busy.late.incoming.notation}") == [busy.late.pk]
    assert busy.refused.pk in shown(inspector, f"q=%23{busy.refused.pk}")


def test_the_text_filter_never_reveals_what_the_official_may_not_see(province, busy, client_of):
    assert shown(client_of(province.commune_officer), "q=Cấp phép") == []


def test_the_unit_filter_keeps_the_units_own_work(province, busy, client_of):
    ids = shown(client_of(province.inspector), f"unit={province.finance.pk}")
    assert ids == [busy.fresh_finance.pk]


def test_the_state_filter_keeps_that_state(province, busy, client_of):
    ids = shown(client_of(province.inspector), f"state={State.SUBMITTED}")
    assert set(ids) == {busy.submitted.pk, busy.pushed_up.pk}


def test_the_matter_type_filter_keeps_that_matter(province, busy, client_of):
    ids = shown(client_of(province.inspector), f"matter_type={province.land_dispute.pk}")
    assert set(ids) == {busy.returned.pk, busy.fresh_commune.pk}


def test_the_holder_filter_keeps_what_that_official_holds(province, busy, client_of):
    ids = shown(client_of(province.construction_head), f"holder={province.construction_officer.pk}")
    held = set(visible_items(province.construction_head).filter(holder=province.construction_officer)
               .values_list("pk", flat=True))
    assert set(ids) == held and busy.overdue.pk in held


def test_the_due_range_counts_whole_days(province, busy, client_of):
    due = busy.overdue.due_date
    ids = shown(client_of(province.inspector), f"due_from={due:%d/%m/%Y}&due_to={due:%d/%m/%Y}")
    assert busy.overdue.pk in ids
    assert all(item.due_date == due for item in visible_items(province.inspector).filter(pk__in=ids))
    before = shown(client_of(province.inspector), f"due_to={due - timedelta(days=1):%d/%m/%Y}")
    assert busy.overdue.pk not in before


def test_a_date_that_is_not_dd_mm_yyyy_is_explained_and_ignored(province, busy, client_of):
    page = client_of(province.inspector).get("/danh-sach/?state=all&due_from=2026-13-45")
    html = page.content.decode()
    assert page.status_code == 200 and "không đúng định dạng dd/mm/yyyy" in html
    assert len(ITEM_LINK.findall(html)) == visible_items(province.inspector).count()


def test_filters_combine(province, busy, client_of):
    ids = shown(client_of(province.inspector), f"unit={province.construction.pk}&bucket=within&state=registered")
    assert ids == [busy.refused.pk]


def test_the_list_is_sorted_by_due_date_earliest_first_or_latest_first(province, busy, client_of):
    inspector = client_of(province.inspector)
    earliest = shown(inspector)
    dues = [visible_items(province.inspector).get(pk=pk).due_at for pk in earliest]
    assert dues == sorted(dues)
    assert shown(inspector, "sort=-due") == earliest[::-1]


def register_many(p, n: int) -> None:
    for k in range(n):
        actions.register_incoming(actor=p.construction_clerk, unit=p.construction, matter_type=p.building_permit,
                                  sender="Công ty thử nghiệm", subject=f"Hồ sơ phân trang số {k:02d}")


def test_pages_hold_25_items_and_keep_the_filters(province, client_of):
    register_many(province, 30)
    client = client_of(province.construction_officer)
    first = client.get("/danh-sach/?q=phân+trang").content.decode()
    assert len(ITEM_LINK.findall(first)) == 25 and "30 công việc" in first
    assert 'href="?q=ph%C3%A2n+trang&amp;page=2"' in first
    second = shown(client, "q=phân+trang&page=2")
    assert len(second) == 5 and not set(second) & {int(i) for i in ITEM_LINK.findall(first)}
    assert shown(client, "q=phân+trang&page=99") == second  # past the end: the last page
    assert len(shown(client, "q=phân+trang&page=abc")) == 25


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith('attachment; filename="danh-sach-cong-viec-03-03-2026')
    return load_workbook(io.BytesIO(response.content)).active


def test_the_export_has_the_rows_of_the_filtered_list_with_vietnamese_headers(province, busy, client_of):
    client = client_of(province.inspector)
    query = f"unit={province.construction.pk}&bucket=overdue"
    sheet = workbook(client.get(f"/danh-sach/?state=all&{query}&format=xlsx"))
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Số TT", "Công việc", "Số, ký hiệu", "Loại việc")
    assert [row[0] for row in rows[1:]] == shown(client, query)
    overdue = next(row for row in rows if row[0] == busy.overdue.pk)
    assert overdue[5] == "Đang xử lý" and overdue[8] > 0


def test_the_export_writes_real_dates_shown_dd_mm_yyyy(province, busy, client_of):
    sheet = workbook(client_of(province.inspector).get(f"/danh-sach/?state=all&q=%23{busy.late.pk}&format=xlsx"))
    [row] = list(sheet.iter_rows(min_row=2))
    due, completed = row[6], row[9]
    assert due.is_date and due.value.date() == busy.late.due_date and due.number_format == "dd/mm/yyyy"
    assert completed.is_date and completed.value.date() == MORNING.date() - timedelta(days=4)
    assert completed.number_format == "dd/mm/yyyy"


def test_the_export_speaks_vietnamese_even_to_an_english_reader(province, busy, client_of):
    client = client_of(province.inspector)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Work list" in client.get("/danh-sach/").content.decode()
    sheet = workbook(client.get("/danh-sach/?state=all&format=xlsx"))
    assert sheet.cell(1, 2).value == "Công việc"


def test_the_export_holds_only_what_the_official_may_see(province, busy, client_of):
    sheet = workbook(client_of(province.commune_officer).get("/danh-sach/?format=xlsx"))
    ids = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert ids == [busy.fresh_commune.pk]
