"""The error pages as production shows them (DEBUG off): in Vietnamese (English when the official chose
it), inside the site's layout, each with a way home; the 500 page even when the database is gone."""

import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError, connection
from django.http import HttpRequest
from django.test import Client, RequestFactory
from django.urls import path

from congvu import urls as site_urls
from congvu.web.errors import server_error

HOME_LINK = 'href="/"'
NAVBAR = "cv-navbar"


def database_gone(execute, sql, params, many, context):
    raise OperationalError("the database went away")


def crash_after_the_database_went_away(request: HttpRequest):
    """A signed-in page whose database fails half-way: from here on every query fails."""
    assert request.user.is_authenticated  # as every page does first (the menu needs the official)
    connection.execute_wrappers.append(database_gone)
    raise OperationalError("the database went away")


# The site's own addresses and handlers, plus one page that fails (pytest.mark.urls below).
urlpatterns = [path("hong/", crash_after_the_database_went_away), *site_urls.urlpatterns]
handler500 = site_urls.handler500


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


@pytest.fixture
def anonymous() -> Client:
    return Client()


def test_an_unknown_address_answers_the_vietnamese_404_page(anonymous, db):
    response = anonymous.get("/khong-co/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Không tìm thấy trang" in page and NAVBAR in page and HOME_LINK in page
    assert "Not Found" not in page


def test_a_signed_in_official_keeps_the_menu_on_the_404_page(client_of, province):
    page = client_of(province.construction_officer).get("/khong-co/").content.decode()
    assert "Không tìm thấy trang" in page
    assert "Việc của tôi" in page and province.construction_officer.full_name in page


def test_the_404_page_is_in_english_when_the_official_chose_english(client_of, province):
    client = client_of(province.construction_officer)
    client.cookies["django_language"] = "en"
    page = client.get("/khong-co/").content.decode()
    assert "Page not found" in page and "Back to my work" in page


def test_a_staff_account_without_the_permission_gets_the_vietnamese_403_page(db):
    clerk = get_user_model().objects.create_user("thuky", is_staff=True)  # may enter /quan-tri/, see nothing
    client = Client()
    client.force_login(clerk)
    response = client.get("/quan-tri/org/unit/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Không có quyền truy cập" in page and NAVBAR in page and HOME_LINK in page


def test_a_request_for_an_unknown_host_gets_the_vietnamese_400_page(anonymous, db):
    response = anonymous.get("/", HTTP_HOST="gia-mao.example")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Yêu cầu không hợp lệ" in page and NAVBAR in page and HOME_LINK in page


def test_a_form_sent_without_its_token_gets_the_vietnamese_csrf_page(province):
    client = Client(enforce_csrf_checks=True)
    client.force_login(province.construction_officer.user)
    response = client.post("/dang-xuat/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Biểu mẫu đã hết hiệu lực" in page and HOME_LINK in page
    assert "Việc của tôi" in page  # the official's menu, and a fresh token for the language form
    assert 'name="csrfmiddlewaretoken"' in page


@pytest.mark.urls(__name__)
def test_a_crash_with_the_database_gone_gets_the_vietnamese_503_page(province):
    # The database failing is no bug of the page: 503 with Retry-After (congvu/lib/unavailable.py).
    client = Client(raise_request_exception=False)
    client.force_login(province.construction_officer.user)
    try:
        response = client.get("/hong/")
    finally:
        connection.execute_wrappers.remove(database_gone)
    assert response.status_code == 503 and response["Retry-After"]
    page = response.content.decode()
    assert "Tạm thời gián đoạn" in page and NAVBAR in page and HOME_LINK in page
    assert 'name="csrfmiddlewaretoken"' in page  # the language form still works


def test_the_500_page_renders_without_any_database_access():
    # No django_db mark: pytest-django refuses every query, so a page that made one would fail here.
    request = RequestFactory().get("/cong-viec/1/")
    request.user = get_user_model()(pk=1, username="chuyenvien.sxd")  # signed in: the menu would need a query
    response = server_error(request)
    assert response.status_code == 500
    assert "Lỗi máy chủ" in response.content.decode() and HOME_LINK in response.content.decode()
