"""Importing an edXML message in headless Chromium, as Construction's clerk does it: upload, check the
preview (sender, number and notation, subject), confirm, and land on the new item; a broken message
is refused in Vietnamese and registers nothing.

The clock is frozen at Tuesday 03/03/2026 09:00; the live server runs in a thread of this process and
reads the same clock. Chromium is Debian's (/usr/bin/chromium); without it the test is skipped
locally and fails on CI."""

from pathlib import Path

import pytest

from congvu.testing_browser import log_in
from congvu.work.models import IncomingDocument, WorkItem

pytestmark = pytest.mark.browser
SAMPLES = Path(__file__).parents[2] / "documents" / "tests" / "samples"  # the edXML readers' own samples
SUBJECT = "V/v rà soát, đề xuất tháo gỡ vướng mắc trong cấp giấy phép xây dựng trên địa bàn tỉnh"


def upload(page, sample: str) -> None:
    """Only the file: the unit and the matter type are chosen on the preview."""
    page.set_input_files("#id_message", str(SAMPLES / sample))
    page.locator("main form[action='/van-ban-den/nhap-edxml/'] button[type=submit]").click()


def test_the_clerk_imports_an_edxml_message_after_its_preview_and_a_broken_one_registers_nothing(
        page, live_server, transactional_db, province):
    from playwright.sync_api import expect

    base = live_server.url
    log_in(page, base, "sxd.clerk")
    page.goto(f"{base}/van-ban-den/nhap-edxml/")
    upload(page, "ubnd-tinh-giao-nhiem-vu.edxml")

    # The preview: nothing is registered until the clerk confirms.
    page.wait_for_url("**/van-ban-den/nhap-edxml/")
    document = page.locator("section[aria-labelledby=doc-heading]")
    expect(document).to_contain_text("Ủy ban nhân dân tỉnh Phú Yên")
    expect(document).to_contain_text("123/UBND-KT")
    expect(document).to_contain_text(SUBJECT)
    assert IncomingDocument.objects.count() == 0
    expect(page.locator("#id_unit")).to_have_value(str(province.construction.pk))  # the clerk's only register
    page.select_option("#id_matter_type", label="Cấp giấy phép xây dựng công trình cấp II")

    page.locator("form[action='/van-ban-den/nhap-edxml/xac-nhan/'] button[type=submit]").click()
    page.wait_for_url("**/cong-viec/*/")
    expect(page.locator(".cv-item-title")).to_have_text(SUBJECT)
    expect(page.locator(".cv-state")).to_have_text("Đã vào sổ")
    item = WorkItem.objects.get()
    assert page.url == f"{base}/cong-viec/{item.pk}/"
    assert item.incoming.notation == "123/UBND-KT"

    # A message without its subject: the reason in Vietnamese, and the register stays as it was.
    page.goto(f"{base}/van-ban-den/nhap-edxml/")
    upload(page, "broken/missing-subject.edxml")
    error = page.locator("main .cv-refusal")
    expect(error).to_contain_text("thiếu trích yếu văn bản")
    expect(error).to_contain_text("Không có gì được vào sổ.")
    assert IncomingDocument.objects.count() == 1 and WorkItem.objects.count() == 1
    assert page.console_errors == []
