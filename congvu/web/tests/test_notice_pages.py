"""The consultation pages for issue 9: the ask form carries the proposal and offers only units that
decide matters; a head signs the drafted notice on the item page (a refusal on a day off shown with
its code); Home Affairs lists the notices not signed yet."""

from datetime import datetime

import pytest

from congvu.consult import sweep as consult_sweep
from congvu.consult.models import Consultation, Notice
from congvu.lib import clock
from congvu.lib.workdays import TZ
from congvu.testing import QUESTION, consulted_item, working_item

pytestmark = pytest.mark.usefixtures("at_morning")
MIDNIGHT = datetime(2026, 3, 11, 0, 0, tzinfo=TZ)
SATURDAY = datetime(2026, 3, 14, 9, 0, tzinfo=TZ)


def html(response) -> str:
    return response.content.decode()


def test_the_ask_form_takes_the_proposal_and_offers_no_unit_that_does_not_decide_matters(province, client_of):
    item = working_item(province)
    officer = client_of(province.construction_officer)
    form = html(officer.get(f"/cong-viec/{item.pk}/"))
    form = form[form.index('id="consult-ask"'):]
    assert "Đề xuất được lấy ý kiến" in form and "Sở Tài chính" in form and "UBND xã An Mỹ" in form
    assert "Văn phòng UBND tỉnh" not in form and "Ủy ban nhân dân tỉnh Phú Yên" not in form
    proposal = "Giữ chỉ tiêu mật độ xây dựng 40%"
    answer = officer.post(f"/cong-viec/{item.pk}/xin-y-kien/", {
        "units": [province.finance.pk], "question": QUESTION, "proposal": proposal, "reply_days": "5"})
    assert answer.status_code == 302
    assert Consultation.objects.get(item=item).proposal == proposal


@pytest.fixture
def drafted(province):
    item, request = consulted_item(province)
    with clock.travel_to(MIDNIGHT):
        consult_sweep.deem_overdue()
    return item, Notice.objects.get(request=request)


def test_a_day_off_refusal_is_shown_on_the_item_page_and_nothing_is_signed(province, client_of, drafted):
    item, notice = drafted
    head = client_of(province.construction_head)
    with clock.travel_to(SATURDAY):
        page = head.post(f"/thong-bao/{notice.pk}/ky-ban-hanh/", follow=True)
    assert "R-2.2-NOTICE-WORKING-DAY" in html(page) and "16/03/2026" in html(page)
    assert not Notice.objects.get(pk=notice.pk).is_signed
    assert client_of(province.construction_officer).get(f"/thong-bao/{notice.pk}/tai-ve/").status_code == 404


def test_home_affairs_lists_the_unsigned_notices(province, client_of, drafted):
    item, notice = drafted
    assert 'href="/thong-bao/chua-ky/"' in html(client_of(province.inspector).get("/tong-hop/"))
    listing = html(client_of(province.inspector).get("/thong-bao/chua-ky/"))
    assert item.title in listing and "Sở Tài chính" in listing and "11/03/2026" in listing
    with clock.travel_to(datetime(2026, 3, 11, 9, 0, tzinfo=TZ)):
        assert client_of(province.construction_head).post(f"/thong-bao/{notice.pk}/ky-ban-hanh/").status_code == 302
    listing = html(client_of(province.inspector).get("/thong-bao/chua-ky/"))
    assert item.title not in listing and "Mọi thông báo đã được ký ban hành" in listing
    assert client_of(province.construction_head).get("/thong-bao/chua-ky/").status_code == 403
