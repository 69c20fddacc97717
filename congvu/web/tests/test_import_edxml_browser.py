"""The sender revokes a document Construction registered, in headless Chromium as its clerk does it:
upload the new document, choose the matter type on the preview (a first try without it keeps the
file), register; then upload the revocation, read on the preview what it will do, confirm, and see
the item stopped with the reason, its attachments listed. Clock frozen at 03/03/2026 09:00."""

from pathlib import Path

import pytest

from congvu.testing_browser import log_in
from congvu.work.models import State, WorkItem

pytestmark = pytest.mark.browser
BUSINESS = Path(__file__).parents[2] / "documents" / "tests" / "samples" / "business"
CONFIRM = "form[action='/van-ban-den/nhap-edxml/xac-nhan/'] button[type=submit]"


def upload(page, base: str, name: str) -> None:
    page.goto(f"{base}/van-ban-den/nhap-edxml/")
    page.set_input_files("#id_message", str(BUSINESS / name))
    page.locator("main form[action='/van-ban-den/nhap-edxml/'] button[type=submit]").click()


def test_the_clerk_registers_a_document_then_records_its_revocation(page, live_server, transactional_db, province):
    from playwright.sync_api import expect

    base = live_server.url
    log_in(page, base, "sxd.clerk")
    upload(page, base, "moi.edxml")
    expect(page.locator("section[aria-labelledby=doc-heading]")).to_contain_text("45/STC-QLGCS")
    page.locator(CONFIRM).click()  # no matter type chosen yet: the preview again, the file kept
    expect(page.locator("main .alert-danger")).to_contain_text("moi.edxml")
    page.select_option("#id_matter_type", label="Cấp giấy phép xây dựng công trình cấp II")
    page.locator(CONFIRM).click()
    page.wait_for_url("**/cong-viec/*/")
    expect(page.locator(".cv-attachments")).to_contain_text("bang-tong-hop.pdf")

    upload(page, base, "thu-hoi.edxml")
    expect(page.locator(".cv-edxml-kind")).to_contain_text("nơi gửi thu hồi văn bản đến số 1/2026")
    expect(page.locator("#id_matter_type")).to_have_count(0)
    page.locator(CONFIRM).click()
    page.wait_for_url("**/cong-viec/*/")
    expect(page.locator(".cv-state")).to_have_text("Dừng xử lý: văn bản đã bị nơi gửi thu hồi")
    expect(page.locator(".cv-revoked")).to_contain_text("Văn bản ban hành nhầm đối tượng")
    assert WorkItem.objects.get().state == State.REVOKED
    assert page.console_errors == []
