"""Clause 1.5 in a real browser (headless Chromium): the officer completing overdue work is asked
the cause of the delay and refused with its rule code without it; the head's extension past the
unit's own limit goes to the Province office, whose head approves it on the item page, which then
shows the legal deadline and the deadline after extension apart."""

import pytest

from congvu.registry.queries import current_calendar
from congvu.testing_browser import log_in, log_out, open_form
from congvu.web.tests.test_deadlines_pages import overdue_item, planning_in_progress

pytestmark = pytest.mark.browser


def test_the_cause_of_delay_and_the_extension_approval_in_a_browser(page, live_server, transactional_db, province):
    from playwright.sync_api import expect

    base = live_server.url
    late = overdue_item(province)
    planning = planning_in_progress(province)

    # The officer completes overdue work: the form asks the cause; without it, the rule refuses.
    log_in(page, base, "sxd.officer")
    page.goto(f"{base}/cong-viec/{late.pk}/")
    # The complete form is the holder's likely next step: it is open already.
    expect(page.locator("#hoan-thanh-delay_cause")).to_be_visible()
    page.fill("#hoan-thanh-result", "Đã cấp Giấy phép xây dựng số 32/GPXD.")
    page.locator("#action-hoan-thanh button[type=submit]").click()
    refusal = page.locator("#action-hoan-thanh .cv-refusal")
    expect(refusal).to_contain_text("R-1.5-DELAY-CAUSE")
    expect(refusal).to_contain_text("phải nêu nguyên nhân chậm trễ")
    page.select_option("#hoan-thanh-delay_cause", label="Hồ sơ của tổ chức, công dân chưa đầy đủ")
    page.fill("#hoan-thanh-delay_note", "Chủ đầu tư nộp bổ sung hồ sơ thiết kế sau hạn.")
    page.locator("#action-hoan-thanh button[type=submit]").click()
    expect(page.locator(".cv-state")).to_have_text("Hoàn thành")
    expect(page.locator(".cv-delay-cause")).to_contain_text("Hồ sơ của tổ chức, công dân chưa đầy đủ")
    log_out(page)

    # The head extends past what Construction may grant itself: a request to the level above.
    new_due = current_calendar().add_working_days(planning.due_date, 4)
    log_in(page, base, "sxd.head")
    page.goto(f"{base}/cong-viec/{planning.pk}/")
    open_form(page, "#action-gia-han")
    page.fill("#gia-han-new_due", f"{new_due:%d/%m/%Y}")
    page.fill("#gia-han-reason", "Cần họp liên ngành về chỉ tiêu sử dụng đất.")
    page.locator("#action-gia-han button[type=submit]").click()
    expect(page.locator("#extension-request")).to_contain_text("Đề nghị gia hạn chờ cấp trên phê duyệt")
    expect(page.locator("#extension-request form")).to_have_count(0)  # not his to decide
    expect(page.locator(".cv-extended-due")).to_have_count(0)
    log_out(page)

    # The Province office's head approves it with reasons; the legal deadline stays.
    log_in(page, base, "vp.head")
    page.goto(f"{base}/cong-viec/{planning.pk}/")
    page.locator("#gia-han-duyet-approve_0").check()
    page.fill("#gia-han-duyet-reason", "Thừa lệnh Chủ tịch UBND tỉnh đồng ý gia hạn.")
    page.locator("#extension-request button[type=submit]").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã đồng ý gia hạn")
    expect(page.locator(".cv-legal-due")).to_contain_text(f"{planning.legal_due_date:%d/%m/%Y}")
    expect(page.locator(".cv-extended-due")).to_contain_text(f"{new_due:%d/%m/%Y}")
    expect(page.locator("#extension-request")).to_have_count(0)
    assert page.console_errors == []
