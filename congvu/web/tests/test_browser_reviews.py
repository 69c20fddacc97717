"""Home Affairs' reviews and commendation in headless Chromium (clauses 1.7, 1.8): a review opened
from an item held by Construction's officer, its meeting, conclusion and discipline decision signed by
the director, in the forms of Decree 172/2025; then a commendation proposed from the candidates'
evidence, approved by Home Affairs and decided by the director. The clock stands at 03/03/2026."""

import pytest

from congvu.testing import working_item
from congvu.testing_browser import log_in, log_out
from congvu.work import actions as work

pytestmark = pytest.mark.browser


def test_a_review_from_evidence_to_a_decision_and_a_commendation_to_its_decision(
        page, live_server, transactional_db, province):
    from playwright.sync_api import expect

    base = live_server.url
    item = working_item(province, subject="Cấp phép xây dựng nhà ở riêng lẻ")
    for n in range(3):
        work.complete(working_item(province, subject=f"Hồ sơ đúng hạn {n}"), actor=province.construction_officer,
                      result="Đã giải quyết")

    log_in(page, base, "snv.inspector")
    page.goto(f"{base}/ky-luat/mo/item/{item.pk}/")
    expect(page.locator("main")).to_contain_text("Hoàng Văn Viên")
    page.get_by_role("button", name="Mở kiểm điểm").click()
    page.wait_for_url("**/ky-luat/*/")
    review_url = page.url
    log_out(page)

    log_in(page, base, "sxd.head")
    page.goto(review_url)
    expect(page.locator("#forms-offered")).to_contain_text("Khiển trách")
    expect(page.locator("#forms-offered")).not_to_contain_text("Hạ bậc lương")
    page.fill("#id_meeting_place", "Phòng họp Sở Xây dựng")
    page.fill("#id_meeting_chair", "Nguyễn Văn Dựng")
    page.fill("#id_parties", "Lãnh đạo Sở, chuyên viên")
    page.fill("#id_self_criticism", "Tôi nhận khuyết điểm để hồ sơ chậm.")
    page.get_by_role("button", name="Ghi biên bản").click()
    expect(page.locator("#meeting")).to_contain_text("Phòng họp Sở Xây dựng")
    page.fill("#id_conclusion", "Vi phạm thời hạn giải quyết.")
    page.select_option("#id_proposed_form", "khien_trach")
    page.fill("#id_violation_on", "15/01/2026")
    page.get_by_role("button", name="Kết luận", exact=True).click()
    page.select_option("#id_form", "khien_trach")
    page.get_by_role("button", name="Ký quyết định", exact=True).click()
    expect(page.locator("#decision")).to_contain_text("01/QĐ-SXD")
    expect(page.locator("#review-state")).to_have_text("Đã quyết định kỷ luật")
    log_out(page)

    log_in(page, base, "snv.inspector")
    page.goto(f"{base}/khen-thuong/?tu=01/01/2026&den=03/03/2026")
    candidate = page.locator("li.cv-candidate", has_text="Hoàng Văn Viên")
    expect(candidate).to_contain_text("100.0%")
    candidate.get_by_role("button", name="Đề nghị").click()
    page.wait_for_url("**/khen-thuong/*/")
    expect(page.locator("main")).to_contain_text("đúng hạn 3")
    page.get_by_role("button", name="Ghi kết quả xét duyệt").click()
    expect(page.locator("#commendation-state")).to_have_text("Đã phê duyệt")
    commendation_url = page.url
    log_out(page)

    log_in(page, base, "sxd.head")
    page.goto(commendation_url)
    page.get_by_role("button", name="Ký quyết định khen thưởng").click()
    expect(page.locator("#decision")).to_contain_text("02/QĐ-SXD")
    page.goto(f"{base}/ho-so/don-vi/{province.construction.pk}/")
    expect(page.locator("#unit-reviews")).to_contain_text("01/QĐ-SXD")
    expect(page.locator("#unit-commendations")).to_contain_text("02/QĐ-SXD")
