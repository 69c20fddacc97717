"""The documents Home Affairs' cases issue — the inspection's decision and conclusion, discipline and
commendation decisions, the province report — become signed PDFs in a sweep step and go out over the
national axis to the units concerned, as the deemed-agreement notice does (issue 14): each message read
back with congvu's own reader and checked against the standard's required elements, each PDF's PAdES
signature validated by pyHanko against the test CA."""

import os
import shutil
from datetime import date

import pytest
from defusedxml.ElementTree import fromstring
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from congvu.documents import edxml, issued_pdf
from congvu.documents import edxml_write as w
from congvu.documents.edxml import NS
from congvu.documents.edxml_receive import receive_status
from congvu.documents.edxml_status import read
from congvu.documents.models import OutboxKind, OutboxMessage, SignedDocument, SigningCertificate
from congvu.documents.tests.conftest import PASSPHRASE, ca_and_unit_p12
from congvu.documents.tests.test_outgoing import message_of, missing_required, settings_folder
from congvu.documents.tests.test_report_docs import compiled  # noqa: F401 - a fixture
from congvu.documents.tests.test_signed_pdf import validate
from congvu.org.models import Title
from congvu.oversight import commendation, inspections, reviews
from congvu.oversight.record import record_events_of
from congvu.oversight.tests.makers_inspections import opened_with_finding
from congvu.oversight.tests.test_commendation import proposed
from congvu.oversight.tests.test_reviews import met, opened
from congvu.testing import PASSWORD, make_official

pytestmark = [pytest.mark.usefixtures("at_morning"),
              pytest.mark.skipif(not shutil.which("soffice") and os.environ.get("CI") != "true",
                                 reason="needs LibreOffice (libreoffice-writer-nogui, fonts-liberation2)")]


@pytest.fixture
def certified(province, test_ca):
    """Home Affairs and Construction each hold an organisation certificate, each from a test CA."""
    ca, construction_p12 = test_ca
    own_ca, home_p12 = ca_and_unit_p12("CA Sở Nội vụ thử nghiệm", "Sở Nội vụ")  # a second root, also trusted
    for unit, p12 in ((province.home_affairs, home_p12), (province.construction, construction_p12)):
        row = SigningCertificate(unit=unit, passphrase=PASSPHRASE)
        row.p12.save(f"{unit.code}.p12", ContentFile(p12))
    return {"construction": ca, "home_affairs": own_ca}


def pdf_of(made: SignedDocument) -> bytes:
    with made.file.open("rb") as stored:
        return stored.read()


def sent(made: SignedDocument, settings, type_detail: str) -> edxml.IncomingMessage:
    """The message read back with congvu's reader, after checking the standard's required elements and
    its DocumentType (Type 1, administrative; TypeDetail the kind, congvu.documents.edxml_doctypes)."""
    row = OutboxMessage.objects.get(kind=OutboxKind.DOCUMENT, source_model="documents.signeddocument",
                                    source_id=made.pk)
    data = message_of(row, settings_folder(settings))
    assert missing_required(data) == []
    doc_type = fromstring(data).find(f".//{{{NS}}}MessageHeader/{{{NS}}}DocumentType")
    assert (doc_type.findtext(f"{{{NS}}}Type"), doc_type.findtext(f"{{{NS}}}TypeDetail")) == ("1", type_detail)
    return edxml.parse(data)


def test_the_inspections_decision_and_conclusion_go_out_signed_to_the_inspected_units(province, certified, settings):
    p = province
    inspection = opened_with_finding(p)
    inspections.conclude(inspection, actor=p.inspector, conclusion="Yêu cầu chấn chỉnh ngay.")
    assert issued_pdf.make_pending() == 2 and issued_pdf.make_pending() == 0  # the sweep's step, once
    decision = issued_pdf.shown("inspection-decision", inspection)
    conclusion = issued_pdf.shown("inspection-conclusion", inspection)
    assert (decision.made.notation, conclusion.made.notation) == ("01/QĐ-SNV", "02/KL-SNV")
    expected_to = [*inspection.units.order_by("code").values_list("code", flat=True), p.committee.code]
    for shown, type_name, detail in ((decision, "Quyết định", "2"), (conclusion, "Kết luận", "0")):
        assert "Sở Nội vụ" in shown.made.signed_by
        status = validate(pdf_of(shown.made), certified["home_affairs"])
        assert status.bottom_line and status.intact and status.trusted
        message = sent(shown.made, settings, detail)
        assert (message.sender_id, [r.organ_id for r in message.recipients]) == (p.home_affairs.code, expected_to)
        assert (message.notation, message.doc_type_name) == (shown.made.notation, type_name)
        assert message.attachments[0].data == pdf_of(shown.made)
        assert validate(message.attachments[0].data, certified["home_affairs"]).bottom_line
    trail = [e for e in record_events_of(inspection) if e.kind == "sent_over_axis"]
    assert [e.data["notation"] for e in trail] == ["01/QĐ-SNV", "02/KL-SNV"]
    assert issued_pdf.send_pending() == 0


def test_discipline_and_commendation_decisions_go_to_home_affairs_signed_by_the_deciding_unit(
        province, certified, settings):
    p = province
    review = reviews.conclude_review(met(p, opened(p)), actor=p.construction_head, conclusion="Vi phạm thời hạn.",
                                     proposed_form="khien_trach", violation_on=date(2026, 1, 15))
    review = reviews.decide_discipline(review, actor=p.construction_head, form="khien_trach")
    found = commendation.approve_commendation(proposed(p), actor=p.inspector, approve=True)
    found = commendation.decide_commendation(found, actor=p.construction_head)
    assert issued_pdf.make_pending() == 2
    for slug, record in (("discipline-decision", review), ("commendation-decision", found)):
        shown = issued_pdf.shown(slug, record)
        assert shown.made.notation == record.decision_notation and "Sở Xây dựng" in shown.made.signed_by
        assert validate(pdf_of(shown.made), certified["construction"]).bottom_line
        message = sent(shown.made, settings, "2")
        assert [r.organ_id for r in message.recipients] == [p.home_affairs.code]  # the unit issued it itself
        assert message.signer.full_name == p.construction_head.full_name
        assert [e.kind for e in record_events_of(record)][-1] == "sent_over_axis"


def test_a_status_sent_back_attaches_to_the_sending_and_a_stopped_server_sends_next_round(province, certified,
                                                                                        settings):
    p = province
    inspection = opened_with_finding(p)
    assert issued_pdf.make_pending() == 1
    OutboxMessage.objects.all().delete()  # as if the server stopped between the PDF and the sending
    assert issued_pdf.send_pending() == 1 and issued_pdf.send_pending() == 0
    shown = issued_pdf.shown("inspection-decision", inspection)
    answer = w.status(w.StatusToSend(p.construction.code, p.construction.name, "03", p.home_affairs.code,
                                     "01/QĐ-SNV", inspection.decision_on, description="Đã vào sổ"))
    clerk = make_official("snv.clerk", "Đỗ Thị Văn Thư", p.home_affairs, Title.CLERK)  # receives for Home Affairs
    received = receive_status(actor=clerk, status=read(answer), original=ContentFile(answer))
    assert received.status.sent == shown.sending
    assert [s.status_code for s in issued_pdf.shown("inspection-decision", inspection).sending.statuses_received.all()
            ] == ["03"]


def page(official, url: str) -> str:
    client = Client()
    assert client.login(username=official.user.username, password=PASSWORD)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def downloaded(official, url: str) -> bytes:
    client = Client()
    assert client.login(username=official.user.username, password=PASSWORD)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


def test_the_inspection_page_shows_the_signed_pdf_its_sending_and_the_statuses_sent_back(province, certified):
    p = province
    inspection = opened_with_finding(p)
    url = reverse("inspection", args=[inspection.pk])
    assert "cv-issued-pending" in page(p.inspector, url)  # issued; the sweep has not made the PDF yet
    issued_pdf.make_pending()
    answer = w.status(w.StatusToSend(p.construction.code, p.construction.name, "04", p.home_affairs.code,
                                     "01/QĐ-SNV", inspection.decision_on, description="Giao Văn phòng Sở"))
    clerk = make_official("snv.clerk", "Đỗ Thị Văn Thư", p.home_affairs, Title.CLERK)
    receive_status(actor=clerk, status=read(answer), original=ContentFile(answer))
    shown = page(p.inspector, url)
    assert "cv-issued-pending" not in shown and "Số 01/QĐ-SNV (bản PDF ký số)" in shown
    assert "ký bằng chứng thư số của" in shown and "CN=Sở Nội vụ" in shown
    assert "Đã gửi qua Trục liên thông văn bản quốc gia" in shown and 'data-status="04"' in shown
    assert "Giao Văn phòng Sở" in shown
    pdf = downloaded(p.inspector, reverse("inspection_document", args=[inspection.pk, "quyet-dinh"]) + "?dang=pdf")
    assert pdf == pdf_of(issued_pdf.shown("inspection-decision", inspection).made)


def test_the_province_report_goes_to_the_committee_unsigned_without_a_certificate(province, compiled,  # noqa: F811
                                                                                  settings):
    p = province
    assert issued_pdf.make_pending() == 1
    shown = issued_pdf.shown("province-report", compiled)
    assert shown.made.signed_by == "" and shown.made.notation == compiled.notation
    message = sent(shown.made, settings, "14")
    assert [r.organ_id for r in message.recipients] == [p.committee.code]
    assert message.doc_type_name == "Báo cáo" and message.attachments[0].data[:5] == b"%PDF-"
    text = page(p.inspector, reverse("report_period", args=[compiled.period_id]))
    assert "cv-unsigned" in text and "chưa ký số: đơn vị chưa có chứng thư số" in text
    pdf = downloaded(p.inspector, reverse("report_period_download", args=[compiled.period_id, "pdf"]))
    assert pdf == pdf_of(shown.made)


def test_the_decision_pages_offer_the_signed_pdf(province, certified):
    p = province
    review = reviews.conclude_review(met(p, opened(p)), actor=p.construction_head, conclusion="Vi phạm thời hạn.",
                                     proposed_form="khien_trach", violation_on=date(2026, 1, 15))
    review = reviews.decide_discipline(review, actor=p.construction_head, form="khien_trach")
    found = commendation.decide_commendation(
        commendation.approve_commendation(proposed(p), actor=p.inspector, approve=True), actor=p.construction_head)
    issued_pdf.make_pending()
    for url_name, record, slug in (("review", review, "discipline-decision"),
                                   ("commendation", found, "commendation-decision")):
        text = page(p.inspector, reverse(url_name, args=[record.pk]))
        assert f"Số {record.decision_notation} (bản PDF ký số)" in text and "CN=Sở Xây dựng" in text
        pdf = downloaded(p.inspector, reverse(f"{url_name}_file", args=[record.pk]) + "?dang=pdf")
        assert pdf == pdf_of(issued_pdf.shown(slug, record).made)
