"""An official changes their own password (Django's validators, in Vietnamese, in the site's layout),
and an administrator sends a one-time reset link: e-mailed, or shown once when there is no address."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from congvu.org.models import Official
from congvu.testing import PASSWORD

pytestmark = pytest.mark.django_db
NEW = "Cau-truc-moi-7319"
CHANGE = "/doi-mat-khau/"


def change(client: Client, old: str, new: str, again: str | None = None):
    return client.post(CHANGE, {"old_password": old, "new_password1": new, "new_password2": again or new})


def test_the_change_page_is_in_vietnamese_in_the_sites_layout(province, client_of):
    page = client_of(province.construction_officer).get(CHANGE).content.decode()
    assert "Đổi mật khẩu" in page and "Mật khẩu cũ" in page and "Xác nhận mật khẩu mới" in page
    assert "Hoàng Văn Viên" in page  # the layout's signed-in header


def test_the_user_menu_links_to_the_change_page(province, client_of):
    assert f'href="{CHANGE}"' in client_of(province.construction_officer).get("/").content.decode()


def test_the_change_page_needs_a_signed_in_official():
    assert Client().get(CHANGE)["Location"].startswith("/dang-nhap/")


def test_a_wrong_old_password_is_refused_in_vietnamese(province, client_of):
    page = change(client_of(province.construction_officer), "khong-phai-mat-khau", NEW)
    assert page.status_code == 200 and "Mật khẩu cũ không chính xác" in page.content.decode()
    province.construction_officer.user.refresh_from_db()
    assert province.construction_officer.user.check_password(PASSWORD)


@pytest.mark.parametrize(("weak", "reason"), [
    ("Ab1-x", "Mật khẩu quá ngắn"),
    ("password123", "Mật khẩu này quá phổ biến"),
    ("73190582", "Mật khẩu này hoàn toàn là số"),
    ("sxd.officer1", "Mật khẩu quá giống với"),
])
def test_a_weak_new_password_is_refused_with_the_reason(province, client_of, weak, reason):
    page = change(client_of(province.construction_officer), PASSWORD, weak)
    assert page.status_code == 200 and reason in page.content.decode()
    province.construction_officer.user.refresh_from_db()
    assert province.construction_officer.user.check_password(PASSWORD)


def test_a_good_new_password_is_set_and_this_session_stays_signed_in(province, client_of):
    client = client_of(province.construction_officer)
    assert change(client, PASSWORD, NEW)["Location"] == "/"
    province.construction_officer.user.refresh_from_db()
    assert province.construction_officer.user.check_password(NEW)
    home = client.get("/")
    assert home.status_code == 200 and "Đã đổi mật khẩu." in home.content.decode()


# --- The administrator's reset link --------------------------------------------------------------

@pytest.fixture
def admin_client(db) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("quantri", password=PASSWORD))
    return client


def send_links(admin_client: Client, *officials: Official):
    return admin_client.post("/quan-tri/org/official/", {
        "action": "send_password_reset_links", "_selected_action": [o.pk for o in officials]})


def link_on(page) -> str:
    return re.search(r'<code class="cv-reset-link">http://testserver(/dat-lai-mat-khau/[^<]+)</code>',
                     page.content.decode()).group(1)


def without_email(official: Official) -> Official:
    """No address on the official's record, nor on their login (the link would go to either)."""
    Official.objects.filter(pk=official.pk).update(email="")
    get_user_model().objects.filter(pk=official.user_id).update(email="")
    return Official.objects.get(pk=official.pk)


def test_the_action_is_offered_in_vietnamese(province, admin_client):
    assert "Gửi liên kết đặt lại mật khẩu" in admin_client.get("/quan-tri/org/official/").content.decode()


def test_an_official_with_an_address_is_e_mailed_the_link_in_vietnamese(province, admin_client):
    page = send_links(admin_client, province.construction_clerk)
    assert page.status_code == 200 and "Đã gửi thư tới sxd.clerk@congvu.test" in page.content.decode()
    assert "/dat-lai-mat-khau/" not in page.content.decode()  # the link went to its owner only
    (message,) = mail.outbox
    assert message.to == ["sxd.clerk@congvu.test"] and "đặt lại mật khẩu" in message.subject
    assert "Kính gửi đồng chí Bùi Thị Sổ" in message.body and "http://testserver/dat-lai-mat-khau/" in message.body


def test_without_an_address_the_link_is_shown_to_the_administrator(province, admin_client):
    page = send_links(admin_client, without_email(province.construction_clerk))
    assert "Cán bộ chưa có địa chỉ thư điện tử" in page.content.decode() and link_on(page)
    assert "no-store" in page["Cache-Control"] and not mail.outbox  # shown once, kept by no cache


def test_a_deactivated_account_gets_no_link(province, admin_client):
    get_user_model().objects.filter(pk=province.construction_clerk.user_id).update(is_active=False)
    page = send_links(admin_client, province.construction_clerk).content.decode()
    assert "Tài khoản đã bị khóa" in page and "/dat-lai-mat-khau/" not in page and not mail.outbox


def test_the_reset_link_sets_a_new_password_once(province, admin_client):
    link = link_on(send_links(admin_client, without_email(province.construction_clerk)))
    visitor = Client()
    form_url = visitor.get(link)["Location"]  # Django moves the token out of the address bar
    form = visitor.get(form_url).content.decode()
    assert "Đặt mật khẩu mới" in form and "Xác nhận mật khẩu mới" in form
    weak = visitor.post(form_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert "Mật khẩu này hoàn toàn là số" in weak.content.decode()
    done = visitor.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    assert done["Location"] == "/dang-nhap/"
    assert "Đã đặt mật khẩu mới" in visitor.get("/dang-nhap/").content.decode()
    province.construction_clerk.user.refresh_from_db()
    assert province.construction_clerk.user.check_password(NEW)
    again = Client().get(link, follow=True).content.decode()
    assert "Liên kết này không còn hiệu lực" in again and 'name="new_password1"' not in again
