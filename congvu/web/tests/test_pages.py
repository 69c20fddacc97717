"""Every page: signed-in officials see it in Vietnamese (English after switching), anonymous
visitors are sent to the login page, outsiders are refused with a reason, never a 500."""

import pytest
from django.test import Client

from congvu.testing import PASSWORD
from congvu.web.item_actions import ITEM_ACTIONS
from congvu.web.tests.helpers import direct_and_assign, register

pytestmark = pytest.mark.django_db


def test_an_official_signs_in_with_their_password_and_lands_on_their_work(province):
    client = Client()
    page = client.get("/dang-nhap/")
    assert "Đăng nhập" in page.content.decode()
    response = client.post("/dang-nhap/", {"username": "sxd.clerk", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert "Bùi Thị Sổ" in client.get("/").content.decode()


def test_a_wrong_password_is_refused_in_vietnamese(province):
    page = Client().post("/dang-nhap/", {"username": "sxd.clerk", "password": "wrong"})
    assert page.status_code == 200
    assert "Vui lòng" in page.content.decode() or "không đúng" in page.content.decode()


def test_signing_out_is_a_post_and_ends_the_session(province, client_of):
    client = client_of(province.construction_clerk)
    assert client.post("/dang-xuat/").status_code == 302
    assert client.get("/")["Location"].startswith("/dang-nhap/")


@pytest.mark.parametrize("url", ["/", "/van-ban-den/", "/van-ban-den/moi/", "/tong-hop/", "/cong-viec/1/"])
def test_an_anonymous_visitor_is_sent_to_the_login_page(province, url):
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/?next=")


def pages_of(province, client_of) -> list[tuple[Client, str, str, str]]:
    """(client, url, a Vietnamese string, the same in English) for every page."""
    clerk = client_of(province.construction_clerk)
    item = register(clerk, province)
    return [
        (Client(), "/dang-nhap/", "Đăng nhập", "Sign in"),
        (clerk, "/", "Việc của tôi", "My work"),
        (clerk, "/van-ban-den/", "Sổ văn bản đến", "Incoming register"),
        (clerk, "/van-ban-den/moi/", "Vào sổ văn bản đến", "Register an incoming document"),
        (clerk, f"/cong-viec/{item.pk}/", "Nhật ký", "Trail"),
        (client_of(province.construction_head), "/", "Chờ bạn chỉ đạo, phân công", "Waiting for your direction"),
        (client_of(province.inspector), "/tong-hop/", "Tỷ lệ quá hạn", "Overdue rate"),
    ]


def test_every_page_speaks_vietnamese_by_default_and_english_after_switching(province, client_of):
    for client, url, vietnamese, english in pages_of(province, client_of):
        page = client.get(url)
        assert page.status_code == 200, url
        assert vietnamese in page.content.decode(), url
        switched = client.post("/i18n/setlang/", {"language": "en", "next": url})
        assert switched.status_code == 302
        assert english in client.get(url).content.decode(), url
        client.post("/i18n/setlang/", {"language": "vi", "next": url})


def test_the_item_page_shows_the_matter_its_legal_basis_and_dates_as_dd_mm_yyyy(province, client_of):
    item = register(client_of(province.construction_clerk), province)
    page = client_of(province.construction_head).get(f"/cong-viec/{item.pk}/").content.decode()
    assert "Cấp giấy phép xây dựng công trình cấp II" in page
    assert "Luật Xây dựng 2014 (sửa đổi 2020)" in page and "20 ngày làm việc" in page
    assert item.due_date.strftime("%d/%m/%Y") in page
    assert "03/03/2026 09:00" in page  # the step started at 09:00 Viet Nam time, not UTC
    assert "Đã vào sổ" in page and "Nguyễn Văn Dựng" in page
    assert "Tải văn bản gốc" in page


def test_the_original_document_downloads_for_the_unit_and_not_for_an_outsider(province, client_of):
    item = register(client_of(province.construction_clerk), province)
    url = f"/van-ban-den/{item.incoming_id}/tep-goc/"
    response = client_of(province.construction_officer).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 original"
    assert client_of(province.outsider).get(url).status_code == 403


def test_an_outsider_is_refused_the_item_page_in_vietnamese(province, client_of):
    item = register(client_of(province.construction_clerk), province)
    page = client_of(province.outsider).get(f"/cong-viec/{item.pk}/")
    assert page.status_code == 403
    assert "Bạn không có quyền xem công việc này." in page.content.decode()


def test_an_outsider_is_refused_every_action_and_nothing_changes(province, client_of):
    item = register(client_of(province.construction_clerk), province)
    outsider = client_of(province.outsider)
    for action in ITEM_ACTIONS:
        data = {"result": "x", "to_unit": province.finance.pk}
        response = outsider.post(f"/cong-viec/{item.pk}/{action.slug}/", data)
        assert response.status_code == 403, action.slug
    item.refresh_from_db()
    assert item.event_count == 1


def test_an_item_that_does_not_exist_is_refused_like_one_that_is_not_yours(province, client_of):
    assert client_of(province.construction_head).get("/cong-viec/999999/").status_code == 403


def test_only_oversight_roles_see_the_figures_of_every_unit(province, client_of):
    assert client_of(province.construction_head).get("/tong-hop/").status_code == 403
    assert client_of(province.office_head).get("/tong-hop/").status_code == 200


def test_the_overview_counts_work_per_lead_unit(province, client_of):
    register(client_of(province.construction_clerk), province)
    page = client_of(province.inspector).get("/tong-hop/").content.decode()
    assert "Sở Xây dựng" in page and "0,0 %" in page


def test_my_work_lists_what_i_hold_and_the_clerk_sees_the_register_button(province, client_of):
    clerk = client_of(province.construction_clerk)
    item = register(clerk, province)
    assert "Vào sổ văn bản đến" in clerk.get("/").content.decode()
    head_page = client_of(province.construction_head).get("/").content.decode()
    assert item.title in head_page
    item = direct_and_assign(client_of(province.construction_head), item, province)
    officer_page = client_of(province.construction_officer).get("/").content.decode()
    assert item.title in officer_page and "Vào sổ văn bản đến" not in officer_page


def test_the_register_lists_the_units_documents_only(province, client_of):
    item = register(client_of(province.construction_clerk), province)
    own = client_of(province.construction_officer).get("/van-ban-den/").content.decode()
    assert item.incoming.subject in own and f"/cong-viec/{item.pk}/" in own
    other = client_of(province.finance_officer).get("/van-ban-den/").content.decode()
    assert item.incoming.subject not in other


def test_an_officer_may_not_open_the_register_form(province, client_of):
    page = client_of(province.construction_officer).get("/van-ban-den/moi/")
    assert page.status_code == 403


def test_staff_see_the_administration_link_and_others_do_not(province, client_of):
    head = province.construction_head
    assert "/quan-tri/" not in client_of(head).get("/").content.decode()
    head.user.is_staff = True
    head.user.save(update_fields=["is_staff"])
    assert "/quan-tri/" in client_of(head).get("/").content.decode()


def test_pages_load_no_inline_script_or_style(province, client_of):
    item = register(client_of(province.construction_clerk), province)
    page = client_of(province.construction_head).get(f"/cong-viec/{item.pk}/")
    html = page.content.decode()
    assert "script-src 'self'" in page["Content-Security-Policy"]
    assert "<script>" not in html and "style=" not in html and "<style" not in html
