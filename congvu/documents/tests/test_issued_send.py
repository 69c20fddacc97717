"""Sending the issued documents' PDFs over the axis needs no LibreOffice (the PDF is already made): a
document with no recipient registered stays unsent without holding back the ones that can go."""

from datetime import date

import pytest
from django.core.files.base import ContentFile

from congvu.documents import issued_pdf
from congvu.documents.issued_kinds import KINDS
from congvu.documents.models import SignedDocument
from congvu.documents.tests.test_report_docs import compiled  # noqa: F401 - a fixture
from congvu.lib import clock
from congvu.oversight.tests.makers_inspections import opened_with_finding

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def made_without_libreoffice(slug: str, record) -> SignedDocument:
    kind = KINDS[slug]
    made = SignedDocument(source_model=record._meta.label_lower, source_id=record.pk, kind=slug,
                          unit=kind.issuer(record)[0], notation=issued_pdf.notation_of(kind, record),
                          created_at=clock.now())
    made.file.save(issued_pdf.pdf_name(kind, record), ContentFile(PDF))
    return made


@pytest.mark.django_db
def test_a_report_with_no_committee_to_send_to_does_not_hold_back_the_next_document(province, compiled):  # noqa: F811
    province.committee.valid_to = date(2025, 12, 31)  # merged away: the report has nobody to go to
    province.committee.save()
    report = made_without_libreoffice("province-report", compiled)
    decision = made_without_libreoffice("inspection-decision", opened_with_finding(province))
    assert report.pk < decision.pk
    assert issued_pdf.send_pending(limit=1) == 1
    assert issued_pdf.shown("inspection-decision", decision_source(decision)).sending is not None
    assert issued_pdf.shown("province-report", compiled).sending is None


def decision_source(made: SignedDocument):
    return KINDS[made.kind].model.objects.get(pk=made.source_id)
