"""Clause 2.2 end to end in a real browser (headless Chromium via Playwright): Construction's officer
asks Finance and Transport from the item page; Finance's head agrees on the unit's requests page;
Transport stays silent; past its deadline the sweep deems it to agree, the item page says so, and
the notice downloads as a .docx that says so too.

The live server runs in a thread of this process and reads the same module clock, so the pages after
the deadline are viewed with the clock moved as well. The consultation panel's screenshot goes to
docs/screenshots/ only when CONGVU_SCREENSHOTS=1 (so ordinary runs leave tracked files alone).
Chromium is Debian's (/usr/bin/chromium); without it the test is skipped locally and fails on CI."""

from datetime import datetime
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from congvu.consult import sweep as consult_sweep
from congvu.consult.models import ConsultationRequest, RequestState
from congvu.documents.layout import problems, read_back
from congvu.lib import clock
from congvu.lib.workdays import TZ
from congvu.testing import working_item
from congvu.testing_browser import log_in, log_out, open_form, screenshot_folder

# Asked on Tuesday 03/03/2026 for 5 working days: the last day is Tuesday 10/03; Wednesday morning is past it.
AFTER_DEADLINE = datetime(2026, 3, 11, 8, 30, tzinfo=TZ)
QUESTION = "Đề nghị cho ý kiến về chỉ tiêu sử dụng đất và đấu nối giao thông của đồ án"

pytestmark = pytest.mark.browser


def docx_text(path: Path) -> str:
    document = Document(str(path))
    return "\n".join(p.text for p in document.paragraphs)


def test_a_silent_unit_is_deemed_to_agree_and_its_notice_downloads_in_a_browser(
        page, live_server, transactional_db, province, tmp_path):
    from playwright.sync_api import expect

    base = live_server.url
    item = working_item(province, sender="UBND tỉnh Phú Yên", subject="Quy hoạch chi tiết 1/500 khu dân cư Bắc Hòa")
    item_url = f"{base}/cong-viec/{item.pk}/"

    # Construction's officer asks the two units related to a planning approval.
    log_in(page, base, "sxd.officer")
    page.goto(item_url)
    open_form(page, "#consult-ask")
    page.get_by_label("★ Sở Tài chính", exact=False).check()
    page.get_by_label("★ Sở Giao thông vận tải", exact=False).check()
    page.fill("#xin-y-kien-question", QUESTION)
    expect(page.locator("#xin-y-kien-reply_days")).to_have_value("5")
    page.locator("#consult-ask button[type=submit]").click()
    expect(page.locator(".cv-state")).to_have_text("Đang xin ý kiến")
    panel = page.locator("#consultation-panel")
    expect(panel).to_contain_text(QUESTION)
    expect(panel).to_contain_text("Hạn trả lời 10/03/2026 (5 ngày làm việc)")
    expect(panel.locator(".cv-request-pending")).to_have_count(2)
    log_out(page)

    # Finance's head agrees, on the unit's requests page.
    finance = ConsultationRequest.objects.get(item=item, unit=province.finance)
    log_in(page, base, "stc.head")
    page.goto(f"{base}/xin-y-kien/")
    card = page.locator(f"#yeu-cau-{finance.pk}")
    expect(card).to_contain_text(QUESTION)
    card.get_by_label("Đồng ý", exact=True).check()
    card.locator("button", has_text="Gửi ý kiến trả lời").click()
    expect(page.locator(f"#yeu-cau-{finance.pk} .alert-success")).to_contain_text("Đã ghi nhận ý kiến trả lời")
    expect(page.locator(f"#yeu-cau-{finance.pk} .cv-request-state")).to_have_text("Đã trả lời")
    log_out(page)

    # Transport stays silent. Past the end of its last day the sweep deems it to agree; the pages are
    # then viewed at that later time too.
    with clock.travel_to(AFTER_DEADLINE):
        assert consult_sweep.deem_overdue() == 1
        transport = ConsultationRequest.objects.get(item=item, unit=province.transport)
        assert transport.state == RequestState.DEEMED_AGREED

        log_in(page, base, "sxd.officer")
        page.goto(item_url)
        expect(page.locator(".cv-state")).to_have_text("Đang xử lý")
        row = page.locator(f"#yeu-cau-{transport.pk}")
        expect(row.locator(".cv-request-state")).to_have_text("Coi như đồng ý")
        expect(row).to_contain_text("từ 24:00 ngày 10/03/2026")
        expect(page.locator(f"#yeu-cau-{finance.pk} .cv-request-state")).to_have_text("Đã trả lời")
        # The sweep drafted the notice; the officer sees the draft, not a button to sign it.
        expect(row.locator(".cv-notice-draft summary")).to_have_text("Dự thảo thông báo chờ ký ban hành")
        expect(row.locator(".cv-sign-notice")).to_have_count(0)
        log_out(page)

        # Construction's head signs it in one click on the item page.
        log_in(page, base, "sxd.head")
        page.goto(item_url)
        row = page.locator(f"#yeu-cau-{transport.pk}")
        row.locator(".cv-notice-draft summary").click()
        expect(row.locator(".cv-notice-draft")).to_contain_text("Sở Giao thông vận tải không có ý kiến trả lời")
        row.locator(".cv-sign-notice").click()
        expect(page.locator(".alert-success")).to_contain_text("Đã ký ban hành Thông báo số 02/TB-SXD ngày 11/03/2026")
        row = page.locator(f"#yeu-cau-{transport.pk}")
        expect(row.locator(".cv-sign-notice")).to_have_count(0)
        page.locator("#consultation-panel").screenshot(path=str(screenshot_folder(tmp_path) / "consultation.png"))

        with page.expect_download() as caught:
            row.locator(".cv-notice-link").click()
        # The notice is downloaded as its PDF (signed when the unit has a certificate: test_signed_pdf.py).
        # 01 of Construction's outgoing register is the consultation letter itself.
        assert caught.value.suggested_filename == "thong-bao-02-TB-SXD-2026.pdf"
        pdf = tmp_path / "notice.pdf"
        caught.value.save_as(pdf)
        assert "được coi là đồng ý" in PdfReader(pdf).pages[0].extract_text()
        with page.expect_download() as caught:
            row.locator(".cv-notice-docx").click()
        download = caught.value
        assert download.suggested_filename == "thong-bao-02-TB-SXD-2026.docx"
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
        text = docx_text(saved)
        assert "Sở Giao thông vận tải được coi là đồng ý" in text
        letter = read_back(saved.read_bytes())
        assert letter.number_line == "Số: 02/TB-SXD" and letter.date_line == "Phú Yên, ngày 11 tháng 3 năm 2026"
        assert letter.signature == ["GIÁM ĐỐC", province.construction_head.full_name] and problems(letter) == []

    assert page.console_errors == []
