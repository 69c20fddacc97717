"""Competence that guides (clause 2.1, issue 9): the registry's competent unit is pre-selected at
direction, a FOREIGN-COMPETENCE refusal names it and offers the transfer to it in one click (the API
body carries its id), and the head's override is the secondary action."""

import pytest

from congvu.web.tests.helpers import act
from congvu.work import actions
from congvu.work.models import State, WorkItem

pytestmark = pytest.mark.django_db


def land_dispute_at_construction(p) -> WorkItem:
    """A commune matter (land dispute) that a commune sent to the Department of Construction by mistake."""
    return actions.register_incoming(
        actor=p.construction_clerk, unit=p.construction, matter_type=p.land_dispute, requester_unit=p.commune,
        sender="UBND xã An Mỹ", subject="Hòa giải tranh chấp ranh giới đất giữa hai hộ dân thôn Phú Long")


def construction_matter_at_finance(p) -> WorkItem:
    return actions.register_incoming(actor=p.finance_head, unit=p.finance, matter_type=p.building_permit,
                                     sender="Công ty TNHH Sông Cầu", subject="Đề nghị cấp giấy phép xây dựng nhà xưởng")


def selected_lead_unit(html: str) -> str:
    select = html.split('id="chi-dao-lead_unit"', 1)[1].split("</select>", 1)[0]
    chosen = [part for part in select.split("<option")[1:] if " selected" in part.split(">", 1)[0]]
    return chosen[0].split(">", 1)[1].split("<", 1)[0] if chosen else ""


def test_direction_pre_selects_the_commune_for_a_commune_matter_not_the_directors_department(province, client_of):
    item = land_dispute_at_construction(province)
    html = client_of(province.construction_head).get(f"/cong-viec/{item.pk}/").content.decode()
    assert selected_lead_unit(html) == "UBND xã An Mỹ"


def test_direction_pre_selects_the_competent_department(province, client_of):
    item = construction_matter_at_finance(province)
    html = client_of(province.finance_head).get(f"/cong-viec/{item.pk}/").content.decode()
    assert selected_lead_unit(html) == "Sở Xây dựng"


def test_own_competent_department_stays_pre_selected(province, client_of):
    item = actions.register_incoming(actor=province.construction_clerk, unit=province.construction,
                                     matter_type=province.building_permit, sender="Công ty TNHH Sông Cầu",
                                     subject="Đề nghị cấp giấy phép xây dựng nhà xưởng")
    html = client_of(province.construction_head).get(f"/cong-viec/{item.pk}/").content.decode()
    assert selected_lead_unit(html) == "Sở Xây dựng"


def test_the_refusal_names_the_competent_unit_offers_the_transfer_and_puts_the_override_second(province, client_of):
    head = client_of(province.construction_head)
    item = land_dispute_at_construction(province)
    html = act(head, item, "chi-dao", {"lead_unit": province.construction.pk, "due_date": "", "note": ""}
               ).content.decode()
    assert "R-2.1-FOREIGN-COMPETENCE" in html and "Đơn vị có thẩm quyền theo danh mục: UBND xã An Mỹ" in html
    panel = html.split('id="action-chi-dao"', 1)[1]
    offer = panel.index("cv-transfer-offer")
    override = panel.index("cv-override")
    assert offer < override  # the transfer first, the override below it
    assert f'name="to_unit" value="{province.commune.pk}"' in panel
    assert "btn-outline-secondary cv-override" in panel and "btn-warning" not in panel
    # One click on the offer transfers the work to the commune.
    form = panel[offer:].split("</form>", 1)[0]
    reason = form.split('name="reason" value="', 1)[1].split('"', 1)[0]
    response = act(head, item, "chuyen", {"to_unit": province.commune.pk, "reason": reason})
    assert response.status_code == 302
    item.refresh_from_db()
    successor = WorkItem.objects.get(transferred_from=item)
    assert item.state == State.TRANSFERRED and successor.lead_unit == province.commune


def test_no_transfer_is_offered_to_one_who_may_not_transfer(province, client_of):
    # The officer completing another unit's work is refused, but transferring is the head's to do.
    item = actions.register_incoming(actor=province.finance_head, unit=province.finance,
                                     matter_type=province.building_permit, sender="Công ty TNHH Sông Cầu",
                                     subject="Đề nghị cấp giấy phép xây dựng nhà xưởng")
    actions.direct(item, actor=province.finance_head, lead_unit=province.finance, override_reason="Đã thống nhất")
    actions.assign(item, actor=province.finance_head, holder=province.finance_officer)
    html = act(client_of(province.finance_officer), item, "hoan-thanh", {"result": "Đã xử lý"}).content.decode()
    assert "R-2.1-FOREIGN-COMPETENCE" in html and "Sở Xây dựng" in html
    assert "cv-transfer-offer" not in html

