"""The demo's documents Home Affairs issued over the national axis (issue 14): the first inspection's
decision as a PDF signed with Home Affairs' certificate from the demo CA, sent to the inspected units
and the Province committee, so its page shows the signed PDF and the sending. Only where LibreOffice is
installed (as in production, a server without it keeps the .docx); the other decisions, conclusions
and reports are signed and sent by the sweep's "văn bản ban hành" steps once the server runs."""

from congvu.documents import issued_pdf
from congvu.documents.issued_kinds import KINDS
from congvu.documents.pdf import PdfUnavailable, soffice
from congvu.ops.demo.signing_ca import give_certificate
from congvu.org.models import Unit
from congvu.oversight.models_inspections import Inspection


def send_first_inspection_decision() -> None:
    try:
        soffice()
    except PdfUnavailable:
        return
    kind = KINDS["inspection-decision"]
    first = Inspection.objects.filter(kind.issued).order_by("decision_on", "title").first()
    home = Unit.objects.filter(is_home_affairs=True, valid_to__isnull=True).order_by("code").first()
    if first is None or home is None:
        return
    if not hasattr(home, "signing_certificate"):
        give_certificate(home)
    issued_pdf.make(kind, first)
