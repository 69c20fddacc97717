"""The Province office sends a submission back (clause 1.4, R-1.4-SENT-BACK): with grounds, the work
returns in progress to whoever handled it, the trail says why, and it counts against the unit."""

import pytest

from congvu.consult import actions as consult
from congvu.lib.refusals import AccessDenied, InvalidState
from congvu.oversight.queries import authority_figures
from congvu.work import actions
from congvu.work.models import Event, EventKind, State
from congvu.work.rules import SendBackGrounds
from congvu.work.tests.test_actions import in_progress

pytestmark = pytest.mark.usefixtures("at_morning")


@pytest.fixture
def pushed_up(province):
    """A building permit (Construction's own authority) submitted over the 1.4 refusal by its head."""
    item = in_progress(province, province.building_permit)
    return consult.submit_to_province(item, actor=province.construction_head, summary="Tờ trình",
                                      override_reason="Công trình có ý nghĩa đặc biệt")


def test_the_office_sends_a_submission_back_to_its_handler_and_it_counts_against_the_unit(province, pushed_up):
    p = province
    back = actions.send_back_submission(pushed_up, actor=p.office_head, grounds=SendBackGrounds.OWN_AUTHORITY,
                                        explanation="Cấp phép công trình cấp II thuộc thẩm quyền Giám đốc Sở Xây dựng")
    back.refresh_from_db()
    assert back.state == State.IN_PROGRESS
    assert (back.holder_id, back.holder_unit_id) == (p.construction_officer.pk, p.construction.pk)
    event = Event.objects.filter(item=back).latest("seq")
    assert (event.kind, event.rule_code, event.unit_id) == (EventKind.SEND_BACK, "R-1.4-SENT-BACK", p.construction.pk)
    assert event.data["grounds"] == "own_authority" and "Giám đốc Sở" in event.data["explanation"]
    figures = {f.unit_id: f for f in authority_figures()}
    assert figures[p.construction.pk].sent_back == 1
    # Back at work: the unit can complete what was its own to decide.
    assert actions.complete(back, actor=p.construction_officer, result="Đã cấp phép").state == State.COMPLETED


def test_the_submitting_unit_and_the_office_clerk_may_not_send_back_and_leave_no_event(province, pushed_up):
    before = Event.objects.filter(item=pushed_up).count()
    for who in (province.office_clerk, province.construction_head, province.inspector):
        with pytest.raises(AccessDenied):
            actions.send_back_submission(pushed_up, actor=who, grounds="incomplete", explanation="Thiếu hồ sơ")
    assert Event.objects.filter(item=pushed_up).count() == before


def test_only_a_submission_is_sent_back(province):
    item = in_progress(province, province.building_permit)
    with pytest.raises(InvalidState):
        actions.send_back_submission(item, actor=province.office_head, grounds="incomplete", explanation="Thiếu")


def test_the_send_back_form_is_offered_to_the_office_head_and_works_without_javascript(province, pushed_up, client_of):
    page = f"/cong-viec/{pushed_up.pk}/"
    assert "tra-lai-to-trinh" in client_of(province.office_head).get(page).content.decode()
    assert "tra-lai-to-trinh" not in client_of(province.construction_head).get(page).content.decode()
    posted = client_of(province.office_head).post(f"{page}tra-lai-to-trinh/",
                                                  {"grounds": "incomplete", "explanation": "Thiếu báo cáo thẩm định"})
    assert posted.status_code == 302
    pushed_up.refresh_from_db()
    assert pushed_up.state == State.IN_PROGRESS
    trail = client_of(province.construction_officer).get(page).content.decode()
    assert "Văn phòng UBND tỉnh trả lại tờ trình" in trail and "Hồ sơ chưa đầy đủ" in trail
    assert "Thiếu báo cáo thẩm định" in trail and "R-1.4-SENT-BACK" in trail
