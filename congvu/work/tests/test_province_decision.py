"""Who records the Province's decision on a submission: the Province office's head or deputy, or an
official whose position in the office the registry names for it; not its clerk, not an officer the
registry did not name, not someone named in another unit, not after the position ended."""

from datetime import date

import pytest

from congvu.consult import actions as consult
from congvu.lib.refusals import AccessDenied
from congvu.org.models import Position, Title
from congvu.registry.serving import records_province_decisions
from congvu.testing import SINCE, make_official
from congvu.work import actions
from congvu.work.models import Event, State
from congvu.work.tests.test_actions import in_progress

pytestmark = pytest.mark.usefixtures("at_morning")
TODAY = date(2026, 3, 3)


@pytest.fixture
def submitted(province):
    item = in_progress(province, province.planning_approval)
    return consult.submit_to_province(item, actor=province.construction_officer, summary="Tờ trình 15/TTr-SXD")


def office_officer(province, *, named: bool, unit=None):
    official = make_official("vp.officer", "Đinh Văn Tổng", None, None)
    Position.objects.create(official=official, unit=unit or province.office, title=Title.OFFICER,
                            valid_from=SINCE, records_decisions=named)
    return official


def test_the_province_offices_clerk_may_not_record_the_decision_and_leaves_no_trail(province, submitted):
    before = Event.objects.filter(item=submitted).count()
    with pytest.raises(AccessDenied):
        actions.record_province_decision(submitted, actor=province.office_clerk, decision="Đồng ý")
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED and Event.objects.filter(item=submitted).count() == before


def test_the_province_offices_deputy_records_the_decision(province, submitted):
    deputy = make_official("vp.deputy", "Phan Thị Phó", province.office, Title.DEPUTY)
    decided = actions.record_province_decision(submitted, actor=deputy, decision="Quyết định 501/QĐ-UBND")
    assert decided.state == State.DECIDED_BY_PROVINCE


def test_an_office_officer_the_registry_names_records_the_decision(province, submitted):
    named = office_officer(province, named=True)
    decided = actions.record_province_decision(submitted, actor=named, decision="Đồng ý")
    assert decided.state == State.DECIDED_BY_PROVINCE


def test_an_office_officer_the_registry_does_not_name_may_not(province, submitted):
    with pytest.raises(AccessDenied):
        actions.record_province_decision(submitted, actor=office_officer(province, named=False), decision="Đồng ý")


def test_being_named_in_another_unit_does_not_count(province):
    assert not records_province_decisions(office_officer(province, named=True, unit=province.construction), TODAY)


def test_a_named_position_that_ended_no_longer_counts(province):
    named = office_officer(province, named=True)
    assert records_province_decisions(named, TODAY)
    position = named.positions.get()
    position.valid_to = date(2026, 3, 2)
    position.save()  # through the model, so the registry snapshot is told (an update() would not be)
    assert not records_province_decisions(named, TODAY)


def test_the_decision_form_is_offered_to_the_office_head_not_to_its_clerk(province, submitted, client_of):
    page = f"/cong-viec/{submitted.pk}/"
    assert "Ghi nhận quyết định của Chủ tịch UBND tỉnh" in client_of(province.office_head).get(page).content.decode()
    clerk_page = client_of(province.office_clerk).get(page).content.decode()
    assert "Ghi nhận quyết định của Chủ tịch UBND tỉnh" not in clerk_page
    refused = client_of(province.office_clerk).post(f"{page}quyet-dinh-tinh/", {"decision": "Đồng ý"})
    assert refused.status_code == 403
    assert "Bạn không có quyền ghi nhận quyết định của Chủ tịch UBND tỉnh" in refused.content.decode()
