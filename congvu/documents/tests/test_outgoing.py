"""Documents congvu issues go out over the national axis (issue 14, edXML sending): the signed notice
as an edXML message with its PDF, read back with congvu's own reader and checked against the
elements QCVN 102:2016 requires; any other issued document through the same `send_outgoing`; a
status a recipient sends back attaches to the sending."""

import io
import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring
from django.core.files.base import ContentFile
from django.test import Client
from pyhanko.pdf_utils.reader import PdfFileReader

from congvu.documents import edxml, notice_pdf
from congvu.documents import edxml_write as w
from congvu.documents.edxml import NS, BusinessType
from congvu.documents.edxml_receive import UnknownDocument, receive_status
from congvu.documents.edxml_status import read
from congvu.documents.letters import Letter
from congvu.documents.models import OutboxKind, OutboxMessage, SigningCertificate
from congvu.documents.outgoing import Issued, send_outgoing, sending_of, signer_of
from congvu.documents.tests.conftest import PASSPHRASE
from congvu.documents.tests.test_letters import COMMUNE_DEPUTY
from congvu.documents.tests.test_signed_pdf import validate
from congvu.ops import sweep
from congvu.oversight.record import record_events_of
from congvu.testing import PASSWORD

pytestmark = pytest.mark.usefixtures("at_morning")
needs_libreoffice = pytest.mark.skipif(not shutil.which("soffice") and os.environ.get("CI") != "true",
                                       reason="needs LibreOffice (libreoffice-writer-nogui, fonts-liberation2)")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# What QCVN 102:2016 requires of a document message's header, by path under MessageHeader.
REQUIRED = ("From/OrganId", "From/OrganName", "To/OrganId", "To/OrganName", "DocumentId", "Code/CodeNumber",
            "Code/CodeNotation", "PromulgationInfo/Place", "PromulgationInfo/PromulgationDate", "DocumentType/Type",
            "DocumentType/TypeName", "Subject", "SignerInfo/Competence", "SignerInfo/Position", "SignerInfo/FullName",
            "OtherInfo/Priority", "SteeringType")


def settings_folder(settings) -> Path:
    return Path(settings.EDXML_OUTBOX)


def message_of(row: OutboxMessage, folder) -> bytes:
    return (folder / row.file_name).read_bytes()


def missing_required(data: bytes) -> list[str]:
    root = fromstring(data)
    assert root.tag == f"{{{NS}}}edXMLEnvelope"
    header = root.find(f"{{{NS}}}edXMLHeader/{{{NS}}}MessageHeader")
    missing = [path for path in REQUIRED
               if header.find("/".join(f"{{{NS}}}{part}" for part in path.split("/"))) is None]
    body = root.find(f"{{{NS}}}edXMLBody")
    if body is None or body.find(f"{{{NS}}}edXMLManifest/{{{NS}}}Reference") is None:
        missing.append("edXMLBody/edXMLManifest/Reference")
    if root.find(f"{{{NS}}}edXMLHeader/{{{NS}}}TraceHeaderList/{{{NS}}}TraceHeader/{{{NS}}}OrganId") is None:
        missing.append("TraceHeaderList/TraceHeader/OrganId")
    return missing


@needs_libreoffice
def test_the_signed_notice_goes_out_as_an_edxml_message_with_its_signed_pdf(province, notice, test_ca, settings):
    p, (ca, p12) = province, test_ca
    certificate = SigningCertificate(unit=p.construction, passphrase=PASSPHRASE)
    certificate.p12.save("sxd.p12", ContentFile(p12))
    notice_pdf.make(notice)
    row = OutboxMessage.objects.get(kind=OutboxKind.DOCUMENT)
    data = message_of(row, settings_folder(settings))
    assert missing_required(data) == []
    sent = edxml.parse(data)  # congvu's own reader
    assert (sent.sender_id, sent.sender_name) == (p.construction.code, p.construction.name)
    assert [r.organ_id for r in sent.recipients] == [p.finance.code, p.home_affairs.code]
    assert (sent.notation, sent.promulgated_on) == ("02/TB-SXD", notice.issued_on) == (row.notation, row.issued_on)
    assert sent.document_id == f"{p.construction.code},{notice.issued_on:%Y/%m/%d},02/TB-SXD"
    assert sent.doc_type_name == "Thông báo" and "được coi là đồng ý" in sent.subject
    assert sent.signer.full_name == p.construction_head.full_name and sent.business.doc_type is BusinessType.NEW
    [pdf] = sent.attachments
    assert (pdf.name, pdf.content_type) == (notice_pdf.pdf_name(notice), "application/pdf")
    assert validate(pdf.data, ca).bottom_line  # the attached PDF's PAdES signature validates
    assert [line for line in (r.line for r in sweep.run_all()) if "gửi trục" in line][0] == "thông báo gửi trục: 0"
    head = Client()
    assert head.login(username=p.construction_head.user.username, password=PASSWORD)
    page = head.get(f"/cong-viec/{notice.request.item_id}/").content.decode()
    assert "cv-notice-sent" in page and "Đã gửi qua Trục liên thông văn bản quốc gia" in page


@needs_libreoffice
def test_a_notice_made_before_sending_existed_is_sent_by_the_sweep_and_listed_for_the_gateway(province, notice,
                                                                                           settings):
    made = notice_pdf.make(notice)
    OutboxMessage.objects.all().delete()  # as if the server stopped between the PDF and the sending
    assert notice_pdf.send_pending() == 1 and notice_pdf.send_pending() == 0
    client = Client()
    assert client.login(username=province.construction_clerk.user.username, password=PASSWORD)
    [listed] = [m for m in client.get("/api/outbox").json() if m["kind"] == "document"]
    assert (listed["notation"], listed["status_code"], listed["event_id"]) == ("02/TB-SXD", "", None)
    fetched = b"".join(client.get(f"/api/outbox/{listed['id']}").streaming_content)
    assert edxml.parse(fetched).attachments[0].data == made.file.open("rb").read()
    assert PdfFileReader(io.BytesIO(edxml.parse(fetched).attachments[0].data)).embedded_signatures == []


def decision(number: int = 3) -> Letter:
    return Letter(issuing_parent="UBND TỈNH PHÚ YÊN", issuing_body="SỞ TÀI CHÍNH", number=number, type_abbrev="QĐ",
                  body_abbrev="STC", place="Phú Yên", issued_on=date(2026, 3, 11), doc_type_title="QUYẾT ĐỊNH",
                  subject="Về việc thanh tra công vụ tại Sở Xây dựng", paragraphs=("Điều 1. …", "Điều 2. …"),
                  recipients=("Sở Xây dựng;",), signature_prefix="KT.", signature_authority="GIÁM ĐỐC",
                  signature_title="PHÓ GIÁM ĐỐC", signer_name="Lê Văn Thanh")


def test_any_issued_document_goes_out_once_and_the_statuses_sent_back_attach_to_it(province, settings):
    p = province
    source = p.construction  # any saved record stands for the decision the document was issued from
    issued = Issued(source=source, unit=p.finance, letter=decision(), file_name="quyet-dinh-03-QD-STC.pdf",
                    due_on=date(2026, 3, 25), priority="urgent")
    row = send_outgoing(issued, PDF, [p.construction], actor=p.finance_head, record_trail=True)
    assert send_outgoing(issued, PDF, [p.construction], actor=p.finance_head, record_trail=True).pk == row.pk  # once
    [recorded] = record_events_of(source)  # a Home Affairs case's record trail says it went out, once
    assert (recorded.kind, recorded.data["notation"], recorded.data["to"]) == (
        "sent_over_axis", "03/QĐ-STC", [p.construction.code])
    data = message_of(row, settings_folder(settings))
    assert missing_required(data) == []
    sent = edxml.parse(data)
    assert (sent.notation, sent.doc_type_name, sent.due_on, sent.priority) == (
        "03/QĐ-STC", "Quyết định", date(2026, 3, 25), "urgent")
    assert (sent.signer.competence, sent.signer.position) == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    assert sent.attachments[0].data == PDF and row.sent_by == p.finance_head
    answer = w.status(w.StatusToSend(p.construction.code, p.construction.name, "03", p.finance.code,
                                     "03/QĐ-STC", date(2026, 3, 11), description="Đã vào sổ"))
    received = receive_status(actor=p.finance_head, status=read(answer), original=ContentFile(answer))
    assert received.status.sent == row and received.status.notice is None
    assert [st.status_code for st in sending_of(source).statuses_received.all()] == ["03"]  # for its page
    with pytest.raises(UnknownDocument):
        unknown = w.status(w.StatusToSend(p.construction.code, p.construction.name, "03", p.finance.code,
                                          "04/QĐ-STC", date(2026, 3, 11)))
        receive_status(actor=p.finance_head, status=read(unknown), original=ContentFile(unknown))


def test_a_document_sent_to_nobody_is_the_callers_mistake(province):
    issued = Issued(source=province.construction, unit=province.finance, letter=decision(), file_name="qd.pdf")
    with pytest.raises(ValueError, match="recipient"):
        send_outgoing(issued, PDF, [], actor=None)
    assert not OutboxMessage.objects.exists()


def test_a_commune_deputys_signer_info_carries_both_authority_lines():
    """SignerInfo/Competence as printed above the title: for the committee, and for its chairman."""
    signer = signer_of(COMMUNE_DEPUTY)
    assert (signer.competence, signer.position) == ("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
