"""The item page's next step in front (issue 12), in headless Chromium, as the role concerned: the
head directs and names the officer in one step, picking co-operating units from a searchable list;
the officer finds "Complete" in front on a phone; a director whose unit owes a reply to a
consultation answers it on the item page. The item page keeps no serious accessibility violation,
and every answer carries its server time (the browser tests' timing report reads it)."""

import pytest

from congvu.consult import actions as consult
from congvu.consult.models import ConsultationRequest, ReplyPosition, RequestState
from congvu.testing import working_item
from congvu.testing_browser import DESKTOP, PHONE, log_in, screenshot_folder
from congvu.web.tests.test_accessibility_browser import AXE, SERIOUS
from congvu.work import actions as work
from congvu.work.models import Event, EventKind, State, WorkItem

pytestmark = pytest.mark.browser


def registered(province, subject: str) -> WorkItem:
    return work.register_incoming(actor=province.construction_clerk, unit=province.construction,
                                  matter_type=province.building_permit, sender="Công ty CP Sông Đà", subject=subject)


def test_the_head_finds_directing_in_front_and_directs_and_assigns_in_one_step(
        page, live_server, transactional_db, province, tmp_path):
    from playwright.sync_api import expect

    base = live_server.url
    item = registered(province, "Cấp phép xây dựng trụ sở Công ty CP Sông Đà")
    log_in(page, base, "sxd.head")
    answer = page.goto(f"{base}/cong-viec/{item.pk}/")
    assert answer.headers["server-timing"].startswith("app;dur=")  # read by the timing report

    expect(page.locator("#next-step-title")).to_have_text("Bước tiếp theo: Cho ý kiến chỉ đạo")
    expect(page.locator("#next-step #action-chi-dao details")).to_have_attribute("open", "")
    more = page.locator("#more-actions")
    expect(more.locator("> summary")).to_have_text("Thao tác khác")
    expect(more).not_to_have_attribute("open", "")
    expect(more.locator("#action-chuyen")).to_be_attached()
    expect(more.locator("#action-chuyen summary")).not_to_be_visible()
    page.screenshot(path=str(screenshot_folder(tmp_path) / "item-next-step.png"), full_page=True)
    # Playwright's screenshot leaves `style=""` on the form fields, which htmx's settling would copy
    # into the swapped item (refused by the Content-Security-Policy): start again from a fresh page.
    page.reload()

    # Co-operating units: check boxes a search box filters, accents optional (no Ctrl-click).
    page.fill("#chi-dao-cooperating-tim", "tai chinh")
    finance = page.locator("#action-chi-dao").get_by_label("Sở Tài chính", exact=True)
    expect(finance).to_be_visible()
    expect(page.locator("#action-chi-dao").get_by_label("Sở Giao thông vận tải", exact=True)).not_to_be_visible()
    finance.check()
    page.fill("#chi-dao-cooperating-tim", "")

    page.select_option("#chi-dao-holder", label="Hoàng Văn Viên")
    page.fill("#chi-dao-note", "Thẩm định hồ sơ, trình ký trong tuần.")
    page.locator("#action-chi-dao button[type=submit]").click()
    expect(page.locator(".cv-state")).to_have_text("Đang xử lý")
    expect(page.locator("#item-body .alert-success")).to_contain_text("đã chỉ đạo và phân công cho Hoàng Văn Viên")

    item.refresh_from_db()
    assert (item.state, item.holder, list(item.cooperating_units.all())) == (
        State.IN_PROGRESS, province.construction_officer, [province.finance])
    kinds = list(Event.objects.filter(item=item).order_by("seq").values_list("kind", flat=True))
    assert kinds[-2:] == [EventKind.DIRECT, EventKind.ASSIGN]
    # Nothing waits on the head now: no step in front, the rest folded away.
    expect(page.locator("#next-step")).to_have_count(0)
    assert page.console_errors == []


def test_naming_an_officer_of_another_unit_is_refused_beside_the_field(
        page, live_server, transactional_db, province):
    from playwright.sync_api import expect

    item = registered(province, "Cấp phép xây dựng nhà kho Công ty CP Sông Đà")
    log_in(page, live_server.url, "sxd.head")
    page.goto(f"{live_server.url}/cong-viec/{item.pk}/")
    page.select_option("#chi-dao-lead_unit", label="Sở Tài chính")
    page.select_option("#chi-dao-holder", label="Hoàng Văn Viên")
    page.locator("#action-chi-dao button[type=submit]").click()
    expect(page.locator("#chi-dao-holder_error")).to_contain_text("cán bộ của đơn vị chủ trì")
    assert WorkItem.objects.get(pk=item.pk).state == State.REGISTERED


def test_the_officer_finds_completing_in_front_on_a_phone(page, live_server, transactional_db, province):
    from playwright.sync_api import expect

    item = working_item(province, province.building_permit, subject="Cấp phép xây dựng nhà văn hóa thôn 3")
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url, "sxd.officer")
    page.goto(f"{live_server.url}/cong-viec/{item.pk}/")
    expect(page.locator("#next-step-title")).to_have_text("Bước tiếp theo: Hoàn thành")
    page.fill("#hoan-thanh-result", "Đã cấp Giấy phép xây dựng số 40/GPXD.")
    page.locator("#action-hoan-thanh button[type=submit]").click()
    expect(page.locator(".cv-state")).to_have_text("Hoàn thành")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]  # nothing cut off or scrolled sideways
    assert page.console_errors == []


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_a_director_whose_unit_owes_a_reply_answers_it_on_the_item_page(
        browser, live_server, transactional_db, province, tmp_path, viewport):
    from playwright.sync_api import expect

    # Finance co-operates on the item (so its head sees it whole) and is asked for its opinion.
    item = working_item(province, subject="Quy hoạch chi tiết khu dân cư Nam Tuy Hòa", cooperating=[province.finance])
    consult.ask(item, actor=province.construction_officer, units=[province.finance],
                question="Đề nghị cho ý kiến về nguồn vốn đầu tư hạ tầng")
    request = ConsultationRequest.objects.get(item=item)

    context = browser.new_context(viewport=PHONE if viewport == "phone" else DESKTOP, locale="vi-VN",
                                  timezone_id="Asia/Ho_Chi_Minh")
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    log_in(page, live_server.url, "stc.head")
    page.goto(f"{live_server.url}/cong-viec/{item.pk}/")
    expect(page.locator("#next-step-title")).to_have_text("Bước tiếp theo: Trả lời xin ý kiến")
    owed = page.locator(f"#reply-owed-{request.pk}")
    expect(owed).to_contain_text("Đề nghị cho ý kiến về nguồn vốn đầu tư hạ tầng")
    assert page.evaluate(SERIOUS) == []
    if viewport == "desktop":
        page.screenshot(path=str(screenshot_folder(tmp_path) / "item-reply-owed.png"), full_page=True)

    owed.get_by_label("Đồng ý", exact=True).check()
    owed.locator("button[type=submit]").click()
    expect(page.locator("#item-body .alert-success")).to_have_text("Đã ghi nhận ý kiến trả lời.")
    expect(page.locator("#next-step")).to_have_count(0)
    request.refresh_from_db()
    assert (request.state, request.position, request.replied_by) == (
        RequestState.ANSWERED, ReplyPosition.AGREE, province.finance_head)
    context.close()


def test_the_item_page_with_its_next_step_has_no_serious_accessibility_violation(
        browser, live_server, transactional_db, province):
    item = registered(province, "Cấp phép xây dựng trường mầm non Hoa Sen")
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    log_in(page, live_server.url, "sxd.head")
    page.goto(f"{live_server.url}/cong-viec/{item.pk}/")
    page.locator("#more-actions > summary").click()
    assert page.evaluate(SERIOUS) == []
    context.close()
