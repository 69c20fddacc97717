"""Issue 11 in headless Chromium: a citizen files a report with no account and follows it with the
code (on a phone's screen, the page in Vietnamese though the browser asks for English); an official
acknowledges a directive from the home page; Home Affairs registers a directive, sends it to two
units and sees the completion per unit. No console error: the pages pass the Content-Security-Policy."""

import re

import pytest

from congvu.oversight import public_reports
from congvu.oversight.models_public import PublicReport, ReportState
from congvu.oversight.tests.makers import sent_directive
from congvu.testing_browser import PHONE, log_in, screenshot_folder

pytestmark = pytest.mark.browser


def solve(page) -> None:
    a, b = map(int, re.findall(r"\d+", page.locator("#challenge-question").inner_text()))
    page.fill("#id_answer", str(a + b))


def test_a_citizen_files_a_report_anonymously_and_follows_it_with_the_code(
        browser, live_server, transactional_db, province, tmp_path):
    from playwright.sync_api import expect

    context = browser.new_context(viewport=PHONE, locale="en-US", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    base = live_server.url
    page.goto(f"{base}/cong-khai/phan-anh/")
    expect(page.locator("h1")).to_have_text("Gửi phản ánh")
    page.select_option("#id_kind", "harassment")
    page.check("input[name=about][value=dossier]")
    page.fill("#id_description", "Cán bộ tiếp nhận gợi ý nộp thêm tiền để hồ sơ được giải quyết sớm.")
    page.fill("#id_reporter_contact", "0905 000 111")
    solve(page)
    page.locator("main form button[type=submit]").click()
    # No dossier reference: refused in Vietnamese, what was typed is still there, a new sum to do.
    expect(page.locator("#id_dossier_reference + .invalid-feedback, .invalid-feedback").first).to_contain_text(
        "Hãy ghi số biên nhận hồ sơ")
    expect(page.locator("#id_description")).to_have_value(
        "Cán bộ tiếp nhận gợi ý nộp thêm tiền để hồ sơ được giải quyết sớm.")
    page.fill("#id_dossier_reference", "000.00.12.H45-260303-0007")
    solve(page)
    page.locator("main form button[type=submit]").click()
    code = page.locator("#tracking-code").inner_text().strip()
    assert len(code) == 10
    page.screenshot(path=str(screenshot_folder(tmp_path) / "public-report-phone.png"), full_page=True)

    report = PublicReport.objects.get(code=code)
    public_reports.assign_report(report, actor=province.inspector, unit=province.construction)
    public_reports.answer_report(report, actor=province.construction_head, answer="Đã kiểm điểm cán bộ.")
    public_reports.close_report(report, actor=province.inspector, public_answer="Sở Xây dựng đã kiểm điểm cán bộ.")

    page.goto(f"{base}/cong-khai/phan-anh/tra-cuu/")
    page.fill("#id_ma", code.lower())
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#report-state")).to_have_text("Đã xử lý xong")
    expect(page.locator("#report-answer")).to_have_text("Sở Xây dựng đã kiểm điểm cán bộ.")
    expect(page.locator("main")).not_to_contain_text("0905 000 111")
    assert PublicReport.objects.get(code=code).state == ReportState.CLOSED
    # The refused form answered 400 on purpose; nothing else (no CSP refusal) may be in the console.
    assert [e for e in errors if "status of 400" not in e] == []
    context.close()


def test_an_official_acknowledges_a_directive_from_the_home_page(page, live_server, transactional_db, province):
    from playwright.sync_api import expect

    directive = sent_directive(province)
    base = live_server.url
    log_in(page, base, "sxd.officer")
    pending = page.locator("#directives-pending")
    expect(pending).to_contain_text("Văn bản chỉ đạo cần quán triệt")
    expect(pending).to_contain_text("280/CĐ-TTg")
    pending.get_by_role("button", name="Đã đọc và quán triệt").click()
    page.wait_for_url(f"{base}/")
    expect(page.locator("#directives-pending")).to_have_count(0)
    page.goto(f"{base}/chi-dao/{directive.pk}/")
    expect(page.locator("#my-acknowledgement")).to_contain_text("03/03/2026")
    assert page.console_errors == []


def test_home_affairs_registers_sends_and_sees_completion_per_unit(page, live_server, transactional_db, province):
    from playwright.sync_api import expect

    base = live_server.url
    log_in(page, base, "snv.inspector")
    page.get_by_role("link", name="Văn bản chỉ đạo").first.click()
    page.get_by_role("link", name="Vào sổ văn bản chỉ đạo").click()
    page.fill("#id_notation", "2230/UBND-NC")
    page.fill("#id_issued_on", "20/10/2025")
    page.select_option("#id_kind", "province")
    page.fill("#id_title", "Triển khai Công điện 280/CĐ-TTg về chấn chỉnh đùn đẩy, né tránh")
    page.fill("#id_issuer", "UBND tỉnh")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/chi-dao/\d+/$"))
    page.select_option("#id_units", label=["Sở Xây dựng", "Sở Tài chính"])
    page.locator("#send button[type=submit]").click()
    expect(page.locator("#completion tbody tr")).to_have_count(2)
    directive_url = page.url

    from congvu.oversight import directives
    from congvu.oversight.models_directives import Directive
    directive = Directive.objects.get(notation="2230/UBND-NC")
    directives.acknowledge(directive, actor=province.finance_head)
    directives.acknowledge(directive, actor=province.finance_officer)
    directives.acknowledge(directive, actor=province.construction_officer)
    page.goto(directive_url)
    finance = page.locator("#completion tr", has=page.locator("th", has_text="Sở Tài chính"))
    expect(finance.locator("td").nth(2)).to_have_text("100")
    construction = page.locator("#completion tr", has=page.locator("th", has_text="Sở Xây dựng"))
    expect(construction.locator("td")).to_have_text(["4", "1", "25"])
    assert page.console_errors == []
