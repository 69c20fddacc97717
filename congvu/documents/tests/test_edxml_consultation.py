"""An edXML letter asking the unit for its opinion by a `DueDate` is a consultation request (issue 9,
clause 2.2), whatever the sender's organ calls itself: the axis names the sender by its organ code
(`From/OrganId`, the code the administrator gives the unit), and its name carries the province
("Sở Tài chính tỉnh Phú Yên"), so matching by name alone missed every real message."""

from datetime import date, datetime

import pytest
from django.core.files.base import ContentFile

from congvu.consult import sweep as consult_sweep
from congvu.consult.models import ConsultationRequest, Notice, RequestState, Responsibility
from congvu.consult.queries import requests_to_unit
from congvu.documents.edxml_receive import receive_document
from congvu.documents.edxml_status import read
from congvu.documents.tests.test_edxml_receive import data
from congvu.lib import clock
from congvu.lib.workdays import TZ

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("at_morning")]
FINANCE_ORGAN = "000.00.07.H48"  # From/OrganId of the samples in samples/business/


def receive(p, name: str, province_of_sender: str = "Phú Yên"):
    raw = data(name).replace("tỉnh Phú Yên".encode(), f"tỉnh {province_of_sender}".encode())
    return receive_document(actor=p.construction_clerk, message=read(raw), original=ContentFile(raw),
                            original_name=name, unit=p.construction, matter_type=p.building_permit)


@pytest.fixture
def finance_on_the_axis(province):
    province.finance.code = FINANCE_ORGAN
    province.finance.save(update_fields=["code"])
    return province


def test_a_letter_with_a_due_date_from_a_registry_organ_is_a_consultation_request(finance_on_the_axis):
    p = finance_on_the_axis
    received = receive(p, "moi.edxml")
    request = ConsultationRequest.objects.get(item=received.item)
    consultation = request.consultation
    assert (consultation.asking_unit, consultation.due_date, consultation.letter_notation) == (
        p.finance, date(2026, 3, 20), "45/STC-QLGCS")
    assert (request.unit, request.state) == (p.construction, RequestState.PENDING)
    assert request in requests_to_unit({p.construction.pk})
    with clock.travel_to(datetime(2026, 3, 21, 0, 0, tzinfo=TZ)):  # 24:00 of the DueDate
        assert consult_sweep.deem_overdue() == 1
    assert Notice.objects.get(request=request).unit == p.finance
    assert Responsibility.objects.get(request=request).unit == p.construction


def test_a_second_message_about_the_same_letter_opens_no_second_request(finance_on_the_axis):
    receive(finance_on_the_axis, "moi.edxml")
    assert ConsultationRequest.objects.count() == 1


def test_an_update_that_moves_the_due_date_moves_the_pending_requests_deadline(finance_on_the_axis):
    first = receive(finance_on_the_axis, "moi.edxml")
    receive(finance_on_the_axis, "cap-nhat.edxml")  # DueDate 20/03 → 27/03
    request = ConsultationRequest.objects.select_related("consultation").get(item=first.item)
    assert request.consultation.due_date == date(2026, 3, 27)
    assert request.due_at == request.consultation.due_at == datetime(2026, 3, 28, 0, 0, tzinfo=TZ)
    assert first.item.events.get(kind="amend").data["requests_moved"] == 1  # the trail says the deadline moved
    with clock.travel_to(datetime(2026, 3, 21, 0, 0, tzinfo=TZ)):  # the first date has passed: nothing deemed
        assert consult_sweep.deem_overdue() == 0


def test_an_organ_outside_the_registry_asks_nothing_of_the_unit(province):
    # No unit carries 000.00.07.H48, and "Sở Tài chính tỉnh Khánh Hòa" is another province's department.
    receive(province, "moi.edxml", province_of_sender="Khánh Hòa")
    assert not ConsultationRequest.objects.exists()


def test_without_organ_codes_the_axis_name_of_this_provinces_department_names_the_asking_unit(province):
    request = ConsultationRequest.objects.select_related("consultation").get(item=receive(province, "moi.edxml").item)
    assert request.consultation.asking_unit == province.finance


def test_a_revoked_letter_withdraws_its_pending_request_and_nothing_is_deemed(finance_on_the_axis):
    p = finance_on_the_axis
    item = receive(p, "moi.edxml").item
    receive(p, "thu-hoi.edxml")
    request = ConsultationRequest.objects.get(item=item)
    assert request.state == RequestState.WITHDRAWN
    assert item.events.get(kind="revoke").data["requests_withdrawn"] == 1
    with clock.travel_to(datetime(2026, 3, 21, 0, 0, tzinfo=TZ)):  # past the DueDate: no agreement deemed
        assert consult_sweep.deem_overdue() == 0
    assert not Notice.objects.exists() and not Responsibility.objects.exists()
