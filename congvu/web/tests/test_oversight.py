"""The province overview (/tong-hop/): the Government Office's figures per unit, each number opening
the list of exactly the items it counts; the overdue work; the deemed agreements; the refusals and
overrides; each as .xlsx; only for Home Affairs, the Province office and administrators."""

import io
import re

import pytest
from openpyxl import load_workbook

from congvu.consult.models import Responsibility
from congvu.oversight.queries import unit_figures

pytestmark = pytest.mark.django_db
FIGURE_LINK = re.compile(r'<a href="([^"]+)" class="cv-figure[^"]*" data-bucket="(\w+)">(\d+)</a>')
ITEM_LINK = re.compile(r'<a href="/cong-viec/(\d+)/" class="cv-item-link">')


def list_ids(client, url: str) -> list[int]:
    """Every item id the list shows, over all its pages."""
    ids, page = [], 1
    while True:
        html = client.get(url.replace("&amp;", "&") + f"&page={page}").content.decode()
        ids += [int(i) for i in ITEM_LINK.findall(html)]
        if 'rel="next"' not in html:
            return ids
        page += 1


def test_every_number_of_the_figures_opens_a_list_with_exactly_that_many_items(province, busy, client_of):
    inspector = client_of(province.inspector)
    html = inspector.get("/tong-hop/").content.decode()
    links = FIGURE_LINK.findall(html)
    # 3 units with work (Construction, Finance, the commune) × 6 numbers, and the province's 6 totals.
    assert len(links) == 24
    assert {bucket for _, bucket, _ in links} == {"assigned", "on_time", "extended", "late", "within", "overdue"}
    for url, bucket, number in links:
        ids = list_ids(inspector, url)
        assert len(ids) == int(number), (url, bucket)
        assert len(set(ids)) == len(ids)


def test_the_overview_lists_overdue_work_deemed_agreements_and_overrides(province, busy, client_of):
    # The deemed agreement (February) and the override (January) are in the first quarter's lists.
    html = client_of(province.inspector).get("/tong-hop/?ky=quy&quy=1&nam=2026").content.decode()
    overdue = html.split('id="overdue-work"')[1].split("</section>")[0]
    assert busy.overdue.title in overdue and busy.submitted.title in overdue
    assert busy.on_time.title not in overdue and busy.fresh_finance.title not in overdue
    deemed = html.split('id="deemed-agreements"')[1].split("</section>")[0]
    responsibility = Responsibility.objects.get()
    assert "Sở Giao thông vận tải" in deemed and "Lý Văn Đường" in deemed and busy.consulted.title in deemed
    notice = responsibility.request.notice
    assert f"{notice.number:02d}/TB-SXD, {notice.issued_on:%d/%m/%Y}" in deemed
    assert f'href="/thong-bao/{notice.pk}/tai-ve/"' in deemed
    signals = html.split('id="signals"')[1].split("</section>")[0]
    assert "R-1.4-OWN-AUTHORITY-SUBMISSION" in signals and "Công trình có ý nghĩa đặc biệt" in signals
    assert "R-2.1-OWN-COMPETENCE-TRANSFER" in signals


@pytest.mark.parametrize("persona", ["inspector", "office_head"])
def test_home_affairs_and_the_province_office_see_the_overview(province, client_of, persona):
    assert client_of(getattr(province, persona)).get("/tong-hop/").status_code == 200


@pytest.mark.parametrize("persona", ["construction_head", "construction_officer", "chairman", "outsider"])
def test_others_are_refused_the_overview_and_its_exports(province, client_of, persona):
    client = client_of(getattr(province, persona))
    page = client.get("/tong-hop/")
    assert page.status_code == 403 and "Sở Nội vụ" in page.content.decode()
    assert client.get("/tong-hop/xuat-excel/so-lieu/").status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in_from_the_overview_exports(province):
    from django.test import Client

    assert Client().get("/tong-hop/xuat-excel/so-lieu/")["Location"].startswith("/dang-nhap/")


def sheet_of(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content)).active


def test_the_figures_export_has_one_row_per_unit_and_the_province_total(province, busy, client_of):
    sheet = sheet_of(client_of(province.inspector).get("/tong-hop/xuat-excel/so-lieu/"))
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Đơn vị", "Được giao", "Hoàn thành đúng hạn")
    construction = next(r for r in rows if r[0] == "Sở Xây dựng")
    assert construction[1:7] == (8, 1, 0, 1, 2, 4)  # on time after extension in the third column
    assert rows[-1][0] == "Toàn tỉnh" and rows[-1][1] == sum(f.assigned for f in unit_figures())


def test_the_overdue_and_deemed_exports_carry_real_dates(province, busy, client_of):
    inspector = client_of(province.inspector)
    overdue = sheet_of(inspector.get("/tong-hop/xuat-excel/qua-han/"))
    rows = list(overdue.iter_rows(min_row=2))
    assert len(rows) == 4  # Construction's 4 and nobody else's
    due = rows[0][5]
    assert due.is_date and due.number_format == "dd/mm/yyyy"
    deemed = sheet_of(inspector.get("/tong-hop/xuat-excel/coi-nhu-dong-y/"))
    [row] = list(deemed.iter_rows(min_row=2, values_only=True))
    assert row[0] == "Sở Giao thông vận tải" and row[2] == busy.consulted.pk and row[6] == "R-2.2-DEEMED-AGREEMENT"
    signals = sheet_of(inspector.get("/tong-hop/xuat-excel/tu-choi-thu-truong-quyet-dinh/"))
    codes = [r[3] for r in signals.iter_rows(min_row=2, values_only=True)]
    assert "R-1.4-OWN-AUTHORITY-SUBMISSION" in codes and "R-2.1-OWN-COMPETENCE-TRANSFER" in codes


def test_an_unknown_export_is_not_found(province, client_of):
    assert client_of(province.inspector).get("/tong-hop/xuat-excel/khong-co/").status_code == 404
