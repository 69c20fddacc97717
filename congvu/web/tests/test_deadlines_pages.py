"""Clause 1.5 on the item page (issue 9): the legal deadline and the extended one shown apart, the
cause of the delay asked only of overdue work, and an extension past the unit's own limit decided
by the Province office. Through HTTP here; the same paths in Chromium in test_deadlines_browser.py."""

from datetime import date, datetime

import pytest

from congvu.lib import clock
from congvu.lib.workdays import TZ
from congvu.registry.queries import current_calendar
from congvu.testing import Province
from congvu.web.tests.helpers import act
from congvu.work import actions
from congvu.work.models import EventKind, ExtensionRequest, ExtensionStatus, State, WorkItem

pytestmark = pytest.mark.django_db


def overdue_item(p: Province) -> WorkItem:
    """A building permit Construction's officer has held since January, due 23/01/2026: overdue now."""
    with clock.travel_to(datetime(2026, 1, 12, 9, 0, tzinfo=TZ)):
        item = actions.register_incoming(actor=p.construction_clerk, unit=p.construction,
                                         matter_type=p.building_permit, sender="UBND xã An Mỹ",
                                         subject="Đề nghị cấp phép xây dựng trạm biến áp 110kV")
        actions.direct(item, actor=p.construction_head, lead_unit=p.construction, due_date=date(2026, 1, 23))
        return actions.assign(item, actor=p.construction_head, holder=p.construction_officer)


def planning_in_progress(p: Province) -> WorkItem:
    item = actions.register_incoming(actor=p.construction_clerk, unit=p.construction,
                                     matter_type=p.planning_approval, sender="UBND tỉnh",
                                     subject="Phê duyệt quy hoạch chi tiết khu dân cư Nam Tuy Hòa")
    actions.direct(item, actor=p.construction_head, lead_unit=p.construction)
    return actions.assign(item, actor=p.construction_head, holder=p.construction_officer)


def test_the_complete_form_asks_the_cause_only_of_overdue_work(province, client_of):
    officer = client_of(province.construction_officer)
    overdue = overdue_item(province)
    assert 'id="hoan-thanh-delay_cause"' in officer.get(f"/cong-viec/{overdue.pk}/").content.decode()
    timely = planning_in_progress(province)
    assert 'id="hoan-thanh-delay_cause"' not in officer.get(f"/cong-viec/{timely.pk}/").content.decode()


def test_completing_overdue_work_without_a_cause_is_refused_in_vietnamese_with_the_rule_code(province, client_of):
    officer = client_of(province.construction_officer)
    item = overdue_item(province)
    page = act(officer, item, "hoan-thanh", {"result": "Đã cấp phép", "delay_cause": "", "delay_note": ""})
    html = page.content.decode()
    assert page.status_code == 200 and "R-1.5-DELAY-CAUSE" in html and "phải nêu nguyên nhân chậm trễ" in html
    assert WorkItem.objects.get(pk=item.pk).state == State.IN_PROGRESS
    response = act(officer, item, "hoan-thanh", {"result": "Đã cấp phép", "delay_cause": "waiting",
                                                 "delay_note": "Chờ ý kiến Sở Tài chính"})
    assert response.status_code == 302
    page = officer.get(f"/cong-viec/{item.pk}/").content.decode()
    assert "Nguyên nhân chậm trễ" in page and "Chờ ý kiến, kết quả của đơn vị khác: Chờ ý kiến Sở Tài chính" in page


def test_the_page_shows_the_legal_deadline_and_the_extended_one_apart(province, client_of):
    head = client_of(province.construction_head)
    item = planning_in_progress(province)
    new_due = current_calendar().add_working_days(item.due_date, 4)
    response = act(head, item, "gia-han", {"new_due": f"{new_due:%d/%m/%Y}", "reason": "Họp liên ngành"},
                   follow=True)
    assert "đã gửi đề nghị cấp trên phê duyệt" in response.content.decode()
    request = ExtensionRequest.objects.get(item=item)
    page = head.get(f"/cong-viec/{item.pk}/").content.decode()
    assert "Đề nghị gia hạn chờ cấp trên phê duyệt" in page and 'name="approve"' not in page  # not his to decide

    office = client_of(province.office_head)
    assert 'name="approve"' in office.get(f"/cong-viec/{item.pk}/").content.decode()
    url = f"/cong-viec/{item.pk}/gia-han/{request.pk}/quyet-dinh/"
    refused = office.post(url, {"approve": "yes", "reason": ""}).content.decode()
    assert "R-1.5-EXTENSION-DECISION" in refused
    assert office.post(url, {"approve": "yes", "reason": "Đồng ý, thừa lệnh Chủ tịch"}).status_code == 302
    page = head.get(f"/cong-viec/{item.pk}/").content.decode()
    assert "Hạn theo quy định" in page and f"{item.legal_due_date:%d/%m/%Y}" in page
    assert "Cấp trên đã phê duyệt" in page and "Lý do vượt quyền" not in page  # the trail: no override here
    assert "Hạn sau gia hạn" in page and f"{new_due:%d/%m/%Y}" in page
    assert ExtensionRequest.objects.get(pk=request.pk).status == ExtensionStatus.APPROVED
    assert item.events.order_by("-seq").first().kind == EventKind.EXTEND


def test_the_lead_units_head_cannot_decide_his_own_request_by_posting(province, client_of):
    item = planning_in_progress(province)
    actions.extend_deadline(item, actor=province.construction_head, reason="Họp liên ngành",
                            new_due=current_calendar().add_working_days(item.due_date, 4))
    request = ExtensionRequest.objects.get(item=item)
    response = client_of(province.construction_head).post(
        f"/cong-viec/{item.pk}/gia-han/{request.pk}/quyet-dinh/", {"approve": "yes", "reason": "Tự duyệt"})
    assert response.status_code == 403
    assert ExtensionRequest.objects.get(pk=request.pk).status == ExtensionStatus.PENDING


def test_home_affairs_sees_days_held_extensions_step_delays_and_causes_on_the_overview(province, client_of):
    transferred = actions.register_incoming(actor=province.finance_head, unit=province.finance,
                                            matter_type=province.building_permit, sender="Kho bạc",
                                            subject="Cấp phép xây dựng kho lưu trữ")
    with clock.travel_to(datetime(2026, 3, 6, 10, 0, tzinfo=TZ)):
        actions.transfer(transferred, actor=province.finance_head, to_unit=province.construction, reason="Sai nơi")
    item = overdue_item(province)  # its officer's step was due 23/01: charged to him
    with clock.travel_to(datetime(2026, 3, 9, 10, 0, tzinfo=TZ)):
        actions.complete(item, actor=province.construction_officer, result="Đã cấp phép",
                         delay_cause="legal", delay_note="Chờ hướng dẫn áp dụng luật")
        html = client_of(province.inspector).get("/tong-hop/?tu=01/01/2026&den=31/03/2026").content.decode()
    held = html[html.index('id="held-and-extended"'):html.index('id="step-delays"')]
    assert "Sở Tài chính" in held and "Đã chuyển, trả lại" in held
    assert '<td class="text-end">3</td>' in held  # 03/03 → 06/03: three working days held by Finance
    delays = html[html.index('id="step-delays"'):html.index('id="delay-causes"')]
    assert "01/01/2026 – 31/03/2026" in delays and "Hoàng Văn Viên" in delays and "Ngô Văn Tài" in delays
    causes = html[html.index('id="delay-causes"'):]
    assert "Vướng mắc, phức tạp về pháp lý" in causes


def test_the_province_office_finds_the_extensions_waiting_for_it_on_its_home(province, client_of):
    item = planning_in_progress(province)
    actions.extend_deadline(item, actor=province.construction_head, reason="Họp liên ngành",
                            new_due=current_calendar().add_working_days(item.due_date, 4))
    html = client_of(province.office_head).get("/").content.decode()
    waiting = html[html.index('id="extension-requests"'):]
    assert "Phê duyệt quy hoạch chi tiết khu dân cư Nam Tuy Hòa" in waiting and "Sở Xây dựng" in waiting
    assert f'href="/cong-viec/{item.pk}/#extension-request"' in waiting
