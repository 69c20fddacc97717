"""The queue "Thủ trưởng quyết định thực hiện — chờ xem xét" (/tong-hop/quyet-dinh-thuc-hien/): linked from
the overview, resolved by Home Affairs, read-only for the Province office, closed to the units; and
the Province office's send-back on the item page. In headless Chromium as the roles that use them."""

import pytest

from congvu.consult import actions as consult
from congvu.oversight.models import OverrideReview, Resolution
from congvu.testing import working_item
from congvu.testing_browser import log_in, open_form, screenshot_folder
from congvu.work.models import Event, EventKind, Outcome, State, WorkItem

QUEUE = "/tong-hop/quyet-dinh-thuc-hien/"


def pushed_up(p, subject="Cấp phép xây dựng trụ sở ngân hàng"):
    item = working_item(p, p.building_permit, subject=subject)
    consult.submit_to_province(item, actor=p.construction_head, summary="Xin ý kiến UBND tỉnh",
                               override_reason="Công trình có ý nghĩa đặc biệt")
    return item


@pytest.mark.django_db
def test_the_queue_is_for_oversight_and_only_home_affairs_resolves(province, at_morning, client_of):
    item = pushed_up(province)
    override = Event.objects.get(item=item, outcome=Outcome.OVERRIDE)
    assert client_of(province.construction_head).get(QUEUE).status_code == 403
    overview = client_of(province.inspector).get("/tong-hop/").content.decode()
    assert QUEUE in overview
    office_page = client_of(province.office_head).get(QUEUE).content.decode()
    assert item.title in office_page and "cv-resolve-form" not in office_page
    refused = client_of(province.office_head).post(f"{QUEUE}{override.pk}/", {"resolution": "confirmed"})
    assert refused.status_code == 403 and not OverrideReview.objects.exists()
    done = client_of(province.inspector).post(f"{QUEUE}{override.pk}/", {"resolution": "registry_corrected"})
    assert done.status_code == 302
    assert OverrideReview.objects.get().resolution == Resolution.REGISTRY_CORRECTED


@pytest.mark.browser
def test_the_inspector_opens_the_queue_from_the_overview_and_resolves_each_way(
        page, live_server, transactional_db, province, tmp_path):
    from playwright.sync_api import expect

    base = live_server.url
    items = [pushed_up(province, f"Cấp phép xây dựng công trình số {n}") for n in range(3)]
    log_in(page, base, "snv.inspector")
    page.goto(f"{base}/tong-hop/")
    page.locator("#authority-queue-link").click()
    page.wait_for_url(f"**{QUEUE}")
    expect(page.locator("tr.cv-override-row")).to_have_count(3)
    page.screenshot(path=str(screenshot_folder(tmp_path) / "overrides-queue.png"), full_page=True)
    for item, resolution in zip(items, Resolution.values, strict=True):
        row = page.locator("tr.cv-override-row", has_text=item.title)
        row.locator("textarea[name=note]").fill("Đã xem xét")
        row.locator(f"button[value={resolution}]").click()
        page.wait_for_url(f"**{QUEUE}")
    expect(page.locator("tr.cv-override-row")).to_have_count(0)
    expect(page.locator("tr.cv-reviewed-row")).to_have_count(3)
    construction = page.locator(f"#authority-figures tr[data-unit='{province.construction.pk}']")
    expect(construction.locator("[data-figure=overrides_kept]")).to_have_text("1")
    expect(construction.locator("[data-figure=overrides_confirmed]")).to_have_text("1")
    trail = Event.objects.filter(item=items[2], kind=EventKind.OVERRIDE_REVIEWED).get()
    assert trail.data["resolution"] == "kept_for_review"
    assert page.console_errors == []


@pytest.mark.browser
def test_the_province_office_sends_a_submission_back_on_the_item_page(page, live_server, transactional_db, province):
    from playwright.sync_api import expect

    base = live_server.url
    item = pushed_up(province, "Cấp phép xây dựng nhà văn hóa phường Phú Lâm")
    log_in(page, base, "vp.head")
    page.goto(f"{base}/cong-viec/{item.pk}/")
    expect(page.locator(".cv-state")).to_have_text("Đã trình UBND tỉnh")
    open_form(page, "#action-tra-lai-to-trinh")
    page.select_option("#tra-lai-to-trinh-grounds", "own_authority")
    page.fill("#tra-lai-to-trinh-explanation", "Cấp phép công trình cấp II thuộc thẩm quyền Giám đốc Sở Xây dựng")
    page.locator("#action-tra-lai-to-trinh button[type=submit]").click()
    expect(page.locator(".cv-state")).to_have_text("Đang xử lý")
    expect(page.locator("#item-trail")).to_contain_text("Văn phòng UBND tỉnh trả lại tờ trình")
    assert WorkItem.objects.get(pk=item.pk).state == State.IN_PROGRESS
    assert page.console_errors == []
