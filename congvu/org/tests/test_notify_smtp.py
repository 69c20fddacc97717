"""Notifications and reminders by e-mail, received by a real SMTP server (aiosmtpd on a free port) and
parsed as a mail reader would: the subject in Vietnamese (RFC 2047 encoded words on the wire), the
absolute link to the item, nothing to an official who turned e-mail off or whose account is closed,
and a mail server that fails leaves the in-application notification standing, with the failure logged."""

import logging
from datetime import timedelta

import pytest
from django.test import Client

from congvu.api.actions import deactivate_account
from congvu.consult import actions as consult
from congvu.consult import sweep
from congvu.lib import clock
from congvu.org.models import Notification
from congvu.org.tests.smtp import Mailbox, smtp_server
from congvu.testing import Province
from congvu.work import actions as work
from congvu.work.models import WorkItem

BASE = "https://congvu.example.gov.vn"
pytestmark = pytest.mark.django_db


@pytest.fixture
def mailbox(settings):
    """congvu configured to send by SMTP to a real server on this machine."""
    with smtp_server() as received:
        use_server(settings, received)
        yield received


def use_server(settings, mailbox: Mailbox) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # pytest-django installs locmem
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", mailbox.port
    settings.DEFAULT_FROM_EMAIL = "congvu@example.gov.vn"
    settings.CONGVU_BASE_URL = BASE


@pytest.fixture
def held_item(province: Province, at_morning) -> WorkItem:
    """A building permit registered, directed and assigned to Construction's officer."""
    p = province
    item = work.register_incoming(actor=p.construction_clerk, unit=p.construction, matter_type=p.building_permit,
                                  sender="Công ty CP Vịnh Xuân Đài",
                                  subject="Cấp phép xây dựng khách sạn Vịnh Xuân Đài")
    work.direct(item, actor=p.construction_head, lead_unit=p.construction)
    work.assign(item, actor=p.construction_head, holder=p.construction_officer)
    return item


def ask_finance(province: Province, item: WorkItem, on_commit) -> None:
    """Construction's officer asks Finance: Finance's head is notified, after the commit."""
    with on_commit(execute=True):
        consult.ask(item, actor=province.construction_officer, units=[province.finance], question="Ý kiến về vốn")


def test_a_consultation_reaches_the_heads_mailbox_in_vietnamese_with_the_items_link(
        province, held_item, mailbox, django_capture_on_commit_callbacks):
    ask_finance(province, held_item, django_capture_on_commit_callbacks)

    [mail] = mailbox.received
    assert mail.recipients == ["stc.head@congvu.test"] and mail.sender == "congvu@example.gov.vn"
    subject = "[congvu] Sở Xây dựng xin ý kiến về “Cấp phép xây dựng khách sạn Vịnh Xuân Đài”"
    assert mail.subject.startswith(subject)
    assert mail.raw_subject.startswith("=?utf-8?")  # RFC 2047: non-ASCII never travels bare in a header
    body = mail.message.get_content()
    assert f"{BASE}/cong-viec/{held_item.pk}/" in body
    assert f"{BASE}/doi-mat-khau/" in body and "Nhận thông báo qua thư điện tử" in body  # how to stop them
    assert mail.message["Auto-Submitted"] == "auto-generated"


def test_a_reminder_before_the_deadline_and_the_deemed_agreement_after_it_are_mailed(
        province, held_item, mailbox, django_capture_on_commit_callbacks):
    ask_finance(province, held_item, django_capture_on_commit_callbacks)
    request = held_item.consultations.get().requests.get()
    consult.assign_request(request, actor=province.finance_head, holder=province.finance_officer)

    with clock.travel_to(request.due_at - timedelta(hours=1)), django_capture_on_commit_callbacks(execute=True):
        sweep.remind()
    [reminder] = mailbox.to("stc.officer@congvu.test")
    assert reminder.subject.startswith("[congvu] Nhắc hạn: trả lời xin ý kiến về")

    with clock.travel_to(request.due_at + timedelta(minutes=1)), django_capture_on_commit_callbacks(execute=True):
        sweep.deem_overdue()
    deemed = [m for m in mailbox.received if "được coi là đồng ý" in m.subject]
    assert {address for m in deemed for address in m.recipients} == {
        "sxd.head@congvu.test", "sxd.officer@congvu.test", "stc.head@congvu.test", "stc.officer@congvu.test"}
    assert all(f"{BASE}/cong-viec/{held_item.pk}/" in m.message.get_content() for m in deemed)


def test_an_official_who_turned_e_mail_off_gets_the_notification_in_congvu_only(
        province, held_item, mailbox, django_capture_on_commit_callbacks):
    finance_head = province.finance_head
    client = Client()
    client.force_login(finance_head.user)
    client.post("/tai-khoan/thu-dien-tu/", {})  # the box unticked on the account page

    ask_finance(province, held_item, django_capture_on_commit_callbacks)
    assert mailbox.received == []
    assert Notification.objects.filter(official=finance_head, url=f"/cong-viec/{held_item.pk}/").exists()


def test_a_deactivated_official_gets_no_mail(province, held_item, mailbox, django_capture_on_commit_callbacks):
    deactivate_account(province.finance_head.user, actor=None)
    ask_finance(province, held_item, django_capture_on_commit_callbacks)
    assert mailbox.received == []


def test_a_mail_server_that_refuses_leaves_the_notification_and_logs_it(
        province, held_item, settings, caplog, django_capture_on_commit_callbacks):
    with smtp_server(refuse_with="554 5.7.1 Thư bị từ chối") as refusing:
        use_server(settings, refusing)
        with caplog.at_level(logging.ERROR, logger="congvu.notify"):
            ask_finance(province, held_item, django_capture_on_commit_callbacks)
    assert refusing.received == []
    assert Notification.objects.filter(official=province.finance_head, url=f"/cong-viec/{held_item.pk}/").exists()
    assert "e-mail notification to stc.head@congvu.test failed" in caplog.text


def test_a_mail_server_that_cannot_be_reached_leaves_the_notification_and_logs_it(
        province, held_item, settings, caplog, django_capture_on_commit_callbacks):
    with smtp_server() as stopped:
        use_server(settings, stopped)
    # The server is gone: its port refuses connections.
    with caplog.at_level(logging.ERROR, logger="congvu.notify"):
        ask_finance(province, held_item, django_capture_on_commit_callbacks)
    assert Notification.objects.filter(official=province.finance_head).exists()
    assert "the mail server cannot be reached" in caplog.text


def test_the_smtp_account_is_used_when_configured(province, held_item, mailbox, settings,
                                                  django_capture_on_commit_callbacks):
    settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = "congvu", "mat-khau-smtp"
    ask_finance(province, held_item, django_capture_on_commit_callbacks)
    assert mailbox.logins == [("congvu", "mat-khau-smtp")] and len(mailbox.received) == 1
