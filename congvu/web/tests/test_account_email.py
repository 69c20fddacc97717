"""The official's own choice, beside the password on their account page: "Nhận thông báo qua thư
điện tử" (receive notifications by e-mail). The mails themselves: congvu/org/tests/test_notify_smtp.py."""

import pytest

pytestmark = pytest.mark.django_db
PAGE, CHOICE = "/doi-mat-khau/", "/tai-khoan/thu-dien-tu/"


def test_the_account_page_offers_the_choice_ticked_by_default_with_the_address(province, client_of, settings):
    settings.EMAIL_HOST = ""
    page = client_of(province.construction_officer).get(PAGE).content.decode()
    assert "Nhận thông báo qua thư điện tử" in page and "Thư gửi đến sxd.officer@congvu.test" in page
    assert 'name="receives_email" id="id_receives_email" checked' in page
    assert "congvu chưa được cấu hình gửi thư điện tử" in page  # no SMTP host: said, not hidden


def test_an_official_turns_e_mail_off_and_on_again_for_themselves_only(province, client_of):
    officer, head = province.construction_officer, province.construction_head
    client = client_of(officer)
    answer = client.post(CHOICE, {})
    assert answer.status_code == 302 and answer["Location"] == PAGE
    officer.refresh_from_db()
    head.refresh_from_db()
    assert officer.receives_email is False and head.receives_email is True
    page = client.get(PAGE).content.decode()
    assert "Từ nay bạn không nhận thông báo qua thư điện tử nữa" in page
    assert 'id="id_receives_email">' in page  # unticked

    client.post(CHOICE, {"receives_email": "on"})
    officer.refresh_from_db()
    assert officer.receives_email is True


def test_an_official_without_an_address_is_told_to_ask_the_administrator(province, client_of):
    officer = province.construction_officer
    officer.email = ""
    officer.save(update_fields=["email"])
    page = client_of(officer).get(PAGE).content.decode()
    assert "Bạn chưa có địa chỉ thư điện tử trong congvu" in page


def test_the_choice_is_only_posted(province, client_of):
    assert client_of(province.construction_officer).get(CHOICE).status_code == 405
