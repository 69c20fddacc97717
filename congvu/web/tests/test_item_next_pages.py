"""The item page's next step through HTTP (issue 12): directing and assigning in one POST, the reply a
unit owes answered from the item page (with and without htmx), and the timing report's grouping."""

import pytest

from congvu.consult import actions as consult
from congvu.consult.models import ConsultationRequest, RequestState
from congvu.lib.timing import Timing
from congvu.testing import working_item
from congvu.testing_timings import per_page
from congvu.web.tests.helpers import act, register
from congvu.work.models import Event, EventKind, State

pytestmark = pytest.mark.django_db


def test_a_head_naming_the_officer_directs_and_assigns_in_one_post(province, client_of):
    item = register(client_of(province.construction_clerk), province)
    head = client_of(province.construction_head)
    page = head.get(f"/cong-viec/{item.pk}/").content.decode()
    assert "Bước tiếp theo: Cho ý kiến chỉ đạo" in page and "Thao tác khác" in page

    response = act(head, item, "chi-dao", {
        "lead_unit": province.construction.pk, "holder": province.construction_officer.pk,
        "cooperating": [province.finance.pk], "due_date": "", "note": ""})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.state, item.holder) == (State.IN_PROGRESS, province.construction_officer)
    kinds = list(Event.objects.filter(item=item).order_by("seq").values_list("kind", flat=True))
    assert kinds[-2:] == [EventKind.DIRECT, EventKind.ASSIGN]


def test_directing_without_an_officer_leaves_the_assignment_to_the_lead_units_head(province, client_of):
    item = register(client_of(province.construction_clerk), province)
    head = client_of(province.construction_head)
    assert act(head, item, "chi-dao", {"lead_unit": province.construction.pk, "due_date": ""}).status_code == 302
    item.refresh_from_db()
    assert item.state == State.DIRECTED
    assert "Bước tiếp theo: Phân công xử lý" in head.get(f"/cong-viec/{item.pk}/").content.decode()


def test_an_officer_outside_the_lead_unit_is_refused_and_nothing_changes(province, client_of):
    item = register(client_of(province.construction_clerk), province)
    response = act(client_of(province.construction_head), item, "chi-dao", {
        "lead_unit": province.finance.pk, "holder": province.construction_officer.pk, "due_date": ""})
    assert response.status_code == 200
    assert "Hãy chọn một cán bộ của đơn vị chủ trì" in response.content.decode()
    item.refresh_from_db()
    assert item.state == State.REGISTERED


def owed(province):
    item = working_item(province, cooperating=[province.finance])
    consult.ask(item, actor=province.construction_officer, units=[province.finance], question="Ý kiến về nguồn vốn")
    return item, ConsultationRequest.objects.get(item=item)


def test_a_director_whose_unit_owes_a_reply_has_it_in_front_and_is_sent_back_to_the_item(province, client_of):
    item, request = owed(province)
    finance = client_of(province.finance_head)
    page = finance.get(f"/cong-viec/{item.pk}/").content.decode()
    assert "Bước tiếp theo: Trả lời xin ý kiến" in page and f'id="reply-owed-{request.pk}"' in page
    assert "bạn không có thao tác nào" not in page

    response = finance.post(f"/xin-y-kien/{request.pk}/tra-loi/", {"position": "agree", "reasons": "",
                                                                    "tu-trang": "cong-viec"})
    assert response.status_code == 302 and response["Location"] == f"/cong-viec/{item.pk}/"
    request.refresh_from_db()
    assert request.state == RequestState.ANSWERED


def test_a_reply_without_a_position_comes_back_on_the_item_page_with_its_error(province, client_of):
    item, request = owed(province)
    finance = client_of(province.finance_head)
    url = f"/xin-y-kien/{request.pk}/tra-loi/"
    swapped = finance.post(url, {"reasons": "", "tu-trang": "cong-viec"}, HTTP_HX_REQUEST="true")
    assert swapped.content.decode().startswith(f'<article id="reply-owed-{request.pk}"')
    whole = finance.post(url, {"reasons": "", "tu-trang": "cong-viec"}).content.decode()
    assert "Bước tiếp theo: Trả lời xin ý kiến" in whole and "R-2.2-CLEAR-POSITION" in whole
    request.refresh_from_db()
    assert request.state == RequestState.PENDING


def timing(view: str, ms: float, **changes) -> Timing:
    seen = {"method": "GET", "path": f"/{view}/", "view": view, "status": 200,
            "content_type": "text/html; charset=utf-8", "htmx": False, "host": "localhost", "ms": ms}
    return Timing(**{**seen, **changes})


def test_the_timing_report_groups_the_browsers_pages_and_leaves_out_the_rest():
    rows = per_page([
        timing("item", 100), timing("item", 400), timing("item", 350), timing("home", 50),
        timing("item", 900, htmx=True), timing("item", 900, method="POST"), timing("home", 900, host="testserver"),
        timing("original", 900, content_type="application/pdf"),
    ])
    assert [(r["page"], r["visits"], r["median_ms"], r["max_ms"], r["over_budget"]) for r in rows] == [
        ("item", 3, 350.0, 400.0, True), ("home", 1, 50.0, 50.0, False)]
