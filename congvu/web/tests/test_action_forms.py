"""The action forms on the item page, end to end through HTTP: what an official does, what the
rules refuse (with code and clause), and what a head's written override lets through."""

import pytest

from congvu.web.tests.helpers import act, direct_and_assign, register, register_form
from congvu.work.models import Event, IncomingDocument, Outcome, State, WorkItem

pytestmark = pytest.mark.django_db


def test_register_direct_assign_complete_through_the_pages(province, client_of):
    clerk, head = client_of(province.construction_clerk), client_of(province.construction_head)
    item = register(clerk, province)
    assert item.state == State.REGISTERED and item.holder == province.construction_head
    assert item.incoming.incoming_number == 1 and item.incoming.original

    assert "Gửi ý kiến chỉ đạo" in head.get(f"/cong-viec/{item.pk}/").content.decode()
    item = direct_and_assign(head, item, province)
    assert item.state == State.IN_PROGRESS and item.holder == province.construction_officer
    assert list(item.cooperating_units.all()) == [province.finance]

    officer = client_of(province.construction_officer)
    response = act(officer, item, "hoan-thanh", {"result": "Đã cấp Giấy phép xây dựng số 25/GPXD"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == State.COMPLETED and item.result.startswith("Đã cấp")
    page = officer.get(response["Location"]).content.decode()
    assert "Hoàn thành" in page and "Đúng hạn" in page


def test_with_htmx_a_successful_action_re_renders_the_whole_item(province, client_of):
    item = register(client_of(province.construction_clerk), province)
    response = act(client_of(province.construction_head), item, "chi-dao",
                   {"lead_unit": province.construction.pk, "due_date": "", "note": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#item-body"
    html = response.content.decode()
    assert html.startswith('<div id="item-body">') and "Đã có ý kiến chỉ đạo" in html and "<html" not in html


def test_a_transfer_of_own_work_is_refused_with_its_rule_code_and_clause(province, client_of):
    head = client_of(province.construction_head)
    item = direct_and_assign(head, register(client_of(province.construction_clerk), province), province)
    page = act(head, item, "chuyen", {"to_unit": province.finance.pk, "reason": "Liên quan tài chính"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "R-2.1-OWN-COMPETENCE-TRANSFER" in html and "Mục 2.1" in html
    assert "Không được chuyển công việc thuộc thẩm quyền của đơn vị mình" in html
    assert "Lý do Thủ trưởng quyết định thực hiện" in html  # the head is offered the override
    item.refresh_from_db()
    assert item.state == State.IN_PROGRESS
    assert Event.objects.filter(item=item, outcome=Outcome.REFUSED, rule_code="R-2.1-OWN-COMPETENCE-TRANSFER").exists()


def test_with_htmx_a_refusal_comes_back_as_the_form_panel_only(province, client_of):
    head = client_of(province.construction_head)
    item = direct_and_assign(head, register(client_of(province.construction_clerk), province), province)
    response = act(head, item, "chuyen", {"to_unit": province.finance.pk}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.startswith('<div id="action-chuyen"') and "R-2.1-OWN-COMPETENCE-TRANSFER" in html
    assert "Lý do Thủ trưởng quyết định thực hiện" in html and "HX-Retarget" not in response
    assert 'id="item-trail" class="card cv-card" aria-labelledby="events-title" hx-swap-oob="true"' in html


def test_a_heads_override_with_a_written_reason_goes_through_and_shows_in_the_trail(province, client_of):
    head = client_of(province.construction_head)
    item = direct_and_assign(head, register(client_of(province.construction_clerk), province), province)
    act(head, item, "chuyen", {"to_unit": province.finance.pk})
    reason = "Chủ đầu tư là doanh nghiệp nhà nước do Sở Tài chính quản lý vốn"
    response = act(head, item, "chuyen", {"to_unit": province.finance.pk, "override_reason": reason})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == State.TRANSFERRED
    successor = WorkItem.objects.get(transferred_from=item)
    assert successor.lead_unit == province.finance
    page = head.get(f"/cong-viec/{item.pk}/").content.decode()
    assert "Thủ trưởng quyết định" in page and reason in page and "cv-event-override" in page
    assert "cv-event-refused" in page and f"#{successor.pk}" in page


def test_an_officer_is_not_offered_the_override(province, client_of):
    head = client_of(province.construction_head)
    item = direct_and_assign(head, register(client_of(province.construction_clerk), province), province)
    officer = client_of(province.construction_officer)
    # An officer holding the work is not offered a transfer at all; posting one anyway is refused.
    assert "action-chuyen" not in officer.get(f"/cong-viec/{item.pk}/").content.decode()
    html = act(officer, item, "chuyen", {"to_unit": province.finance.pk}).content.decode()
    assert "Bạn không có quyền chuyển công việc này." in html and "Lý do Thủ trưởng quyết định thực hiện" not in html


def test_a_date_that_does_not_exist_is_refused_next_to_its_field_and_nothing_changes(province, client_of):
    item = register(client_of(province.construction_clerk), province)
    page = act(client_of(province.construction_head), item, "chi-dao",
               {"lead_unit": province.construction.pk, "due_date": "31/02/2026"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "«31/02/2026» không phải là ngày có thật" in html and "is-invalid" in html
    item.refresh_from_db()
    assert item.state == State.REGISTERED and item.event_count == 1


def test_a_badly_written_date_on_the_register_form_saves_nothing(province, client_of):
    clerk = client_of(province.construction_clerk)
    page = clerk.post("/van-ban-den/moi/", register_form(province, issued_on="2026-13-45"))
    html = page.content.decode()
    assert page.status_code == 200 and "không đúng định dạng dd/mm/yyyy" in html
    assert not IncomingDocument.objects.exists() and not WorkItem.objects.exists()


def test_the_register_form_offers_only_the_clerks_own_units(province, client_of):
    clerk = client_of(province.construction_clerk)
    page = clerk.get("/van-ban-den/moi/").content.decode()
    assert "Sở Xây dựng" in page
    response = clerk.post("/van-ban-den/moi/", register_form(province, unit=province.finance.pk))
    assert response.status_code == 200 and not WorkItem.objects.exists()


def test_submit_to_the_province_and_record_its_decision(province, client_of):
    head = client_of(province.construction_head)
    item = register(client_of(province.construction_clerk), province, matter_type=province.planning_approval.pk)
    item = direct_and_assign(head, item, province)
    officer = client_of(province.construction_officer)
    assert act(officer, item, "trinh-tinh", {"summary": "Tờ trình phê duyệt quy hoạch"}).status_code == 302
    item.refresh_from_db()
    assert item.state == State.SUBMITTED
    office = client_of(province.office_head)
    assert "Ghi nhận quyết định của Chủ tịch UBND tỉnh" in office.get(f"/cong-viec/{item.pk}/").content.decode()
    assert act(office, item, "quyet-dinh-tinh", {"decision": "Đồng ý phê duyệt"}).status_code == 302
    item.refresh_from_db()
    assert item.state == State.DECIDED_BY_PROVINCE and item.holder == province.construction_officer


def test_submitting_own_authority_work_is_refused_under_clause_1_4(province, client_of):
    head = client_of(province.construction_head)
    item = direct_and_assign(head, register(client_of(province.construction_clerk), province), province)
    html = act(head, item, "trinh-tinh", {"summary": ""}).content.decode()
    assert "R-1.4-OWN-AUTHORITY-SUBMISSION" in html and "Mục 1.4" in html
    assert "Lý do Thủ trưởng quyết định thực hiện" in html


def test_extend_the_deadline_with_a_reason(province, client_of):
    head = client_of(province.construction_head)
    item = direct_and_assign(head, register(client_of(province.construction_clerk), province), province)
    # A building permit: its legal deadline is 31/03/2026, and Construction may extend by 10 working days.
    response = act(head, item, "gia-han", {"new_due": "14/04/2026", "reason": "Chờ bổ sung hồ sơ"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.due_date.strftime("%d/%m/%Y") == "14/04/2026"
    assert "Gia hạn" in head.get(f"/cong-viec/{item.pk}/").content.decode()


def test_an_extension_needs_a_reason(province, client_of):
    head = client_of(province.construction_head)
    item = register(client_of(province.construction_clerk), province)
    html = act(head, item, "gia-han", {"new_due": "15/04/2026", "reason": ""}).content.decode()
    assert "Trường này là bắt buộc" in html
    item.refresh_from_db()
    assert item.event_count == 1


def test_return_a_document_that_is_not_ours_naming_the_competent_unit(province, client_of):
    head = client_of(province.construction_head)
    item = register(client_of(province.construction_clerk), province, matter_type=province.land_dispute.pk)
    response = act(head, item, "tra-lai", {"grounds": "not_ours", "named_unit": province.commune.pk, "reason": ""})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == State.RETURNED


def test_returning_own_work_is_refused_with_its_rule(province, client_of):
    head = client_of(province.construction_head)
    item = register(client_of(province.construction_clerk), province)
    html = act(head, item, "tra-lai", {"grounds": "not_ours", "named_unit": province.finance.pk}).content.decode()
    assert "R-2.1-RETURN-GROUNDS" in html and "Mục 2.1" in html


def test_the_forms_speak_english_after_switching(province, client_of):
    head = client_of(province.construction_head)
    item = direct_and_assign(head, register(client_of(province.construction_clerk), province), province)
    head.post("/i18n/setlang/", {"language": "en"})
    html = act(head, item, "chuyen", {"to_unit": province.finance.pk}).content.decode()
    assert "Clause 2.1" in html and "may not be transferred" in html and "Override reason" in html


def test_every_form_field_has_a_label(province, client_of):
    item = register(client_of(province.construction_clerk), province)
    html = client_of(province.construction_head).get(f"/cong-viec/{item.pk}/").content.decode()
    for slug in ("chi-dao-lead_unit", "chi-dao-due_date", "chuyen-to_unit", "tra-lai-grounds"):
        assert f'for="{slug}"' in html and f'id="{slug}"' in html
