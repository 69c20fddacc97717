"""Competence that guides, in a real browser, as the director (issue 9): a commune matter that
reached his department finds the commune pre-selected; if he directs it to his own department
anyway, the refusal names the commune, the transfer to it is the prominent button, the override a
secondary one below it, and one click transfers the work."""

from datetime import date

import pytest

from congvu.org.models import Position, Title
from congvu.testing import Province
from congvu.testing_browser import log_in
from congvu.work import actions
from congvu.work.models import State, WorkItem

pytestmark = pytest.mark.browser


def test_the_director_is_guided_to_the_competent_commune(page, live_server, transactional_db, province: Province):
    from playwright.sync_api import expect

    item = actions.register_incoming(
        actor=province.construction_clerk, unit=province.construction, matter_type=province.land_dispute,
        requester_unit=province.commune, sender="UBND xã An Mỹ",
        subject="Hòa giải tranh chấp ranh giới đất giữa hai hộ dân thôn Phú Long")
    log_in(page, live_server.url, "sxd.head")
    page.goto(f"{live_server.url}/cong-viec/{item.pk}/")
    lead = page.locator("#chi-dao-lead_unit")
    expect(lead.locator("option:checked")).to_have_text("UBND xã An Mỹ")

    # Directed to his own department anyway: refused, with the way forward first.
    page.select_option("#chi-dao-lead_unit", label="Sở Xây dựng")
    page.locator("#action-chi-dao button[type=submit]").click()
    panel = page.locator("#action-chi-dao")
    expect(panel.locator(".cv-refusal")).to_contain_text("Đơn vị có thẩm quyền theo danh mục: UBND xã An Mỹ")
    transfer = panel.locator(".cv-transfer-offer button")
    override = panel.locator("button.cv-override")
    expect(transfer).to_have_text("Chuyển cho UBND xã An Mỹ")
    expect(transfer).to_have_class("btn btn-primary")
    expect(override).to_have_class("btn btn-sm btn-outline-secondary cv-override")
    assert override.bounding_box()["y"] > transfer.bounding_box()["y"]

    transfer.click()
    expect(page.locator(".cv-state")).to_have_text("Đã chuyển đơn vị có thẩm quyền")
    item.refresh_from_db()
    assert item.state == State.TRANSFERRED
    assert WorkItem.objects.get(transferred_from=item).lead_unit == province.commune
    assert page.console_errors == []


def test_registering_for_two_units_the_matter_type_pre_selects_the_competent_one(
    page, live_server, transactional_db, province: Province,
):
    from playwright.sync_api import expect

    # The Construction clerk also keeps Finance's register.
    Position.objects.create(official=province.construction_clerk, unit=province.finance, title=Title.CLERK,
                            valid_from=date(2025, 7, 1))
    log_in(page, live_server.url, "sxd.clerk")
    page.goto(f"{live_server.url}/van-ban-den/moi/")
    page.select_option("#id_unit", label="Sở Tài chính")
    page.select_option("#id_matter_type", label="Cấp giấy phép xây dựng công trình cấp II")
    expect(page.locator("#id_unit option:checked")).to_have_text("Sở Xây dựng")
    assert page.console_errors == []
