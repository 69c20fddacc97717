"""In a real browser: a form posted with htmx by someone the action refuses for who they are (here, a
head whose position ended after the page was loaded) shows the access-refused message in place of
the page, rather than nothing at all (htmx swaps no error answer by itself).

Chromium is Debian's (/usr/bin/chromium); without it the test is skipped locally and fails on CI."""

from datetime import date

import pytest

from congvu.testing_browser import log_in
from congvu.work import actions
from congvu.work.models import Event

pytestmark = pytest.mark.browser


def test_an_htmx_post_refused_for_who_you_are_shows_the_refusal_page(page, live_server, transactional_db, province):
    from playwright.sync_api import expect

    item = actions.register_incoming(actor=province.construction_clerk, unit=province.construction,
                                     matter_type=province.building_permit, sender="Công ty A",
                                     subject="Đề nghị cấp phép xây dựng nhà xưởng")
    log_in(page, live_server.url, "sxd.head")
    page.goto(f"{live_server.url}/cong-viec/{item.pk}/")
    expect(page.locator("#action-chi-dao button[type=submit]")).to_be_visible()

    position = province.construction_head.positions.get()
    position.valid_to = date(2020, 1, 1)  # the head left the post while the page was open
    position.save()
    page.locator("#action-chi-dao button[type=submit]").click()

    expect(page.locator("main h1")).to_have_text("Không có quyền truy cập")
    expect(page.locator("main")).to_contain_text("Bạn không có quyền cho ý kiến chỉ đạo công việc này.")
    assert Event.objects.filter(item=item).count() == 1
