"""PAdES signatures on the PDFs congvu issues, with the issuing unit's certificate (pyHanko).

The administrator gives each unit that signs electronically its PKCS#12 (the unit's organisation
certificate from the government CA) and passphrase in /quan-tri/ (`SigningCertificate`). A unit
without one still gets its PDF, unsigned, and the page says so: a notice must not wait for a
certificate to take effect (deemed agreement runs from the deadline).

`issue_pdf(docx, unit, reason=…)` is the one path from any .docx congvu issues to the PDF that is
downloaded and sent over the axis: converted (congvu.documents.pdf), then signed with `unit`'s
certificate when it has one. The notices go through it (congvu.documents.notice_pdf); so should every
other issued document (decisions, reports): store `IssuedPdf.data`, show `IssuedPdf.signed_by`, and
send it with `congvu.documents.outgoing.send_outgoing`."""

import asyncio
import io
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from asn1crypto import x509
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from congvu.documents.models import SigningCertificate
from congvu.documents.pdf import docx_to_pdf
from congvu.lib.refusals import InvalidInput
from congvu.org.models import Unit

T = TypeVar("T")


@dataclass(frozen=True)
class Signed:
    data: bytes
    subject: str  # the certificate's subject, as shown beside the download


def read_pkcs12(data: bytes, passphrase: str) -> pkcs12.PKCS12KeyAndCertificates:
    """The key and certificates of a PKCS#12, or a refusal the administrator can act on."""
    try:
        bundle = pkcs12.load_pkcs12(data, passphrase.encode() or None)
    except ValueError:
        raise InvalidInput("Tệp chứng thư số (PKCS#12) không đọc được hoặc sai mật khẩu.",
                           "The certificate file (PKCS#12) cannot be read or the passphrase is wrong.") from None
    if bundle.key is None or bundle.cert is None:
        raise InvalidInput("Tệp PKCS#12 phải chứa khóa bí mật và chứng thư số của đơn vị.",
                           "The PKCS#12 must hold the unit's private key and certificate.")
    return bundle


def subject_of(data: bytes, passphrase: str) -> str:
    return read_pkcs12(data, passphrase).cert.certificate.subject.rfc4514_string()


def sign(pdf: bytes, certificate: SigningCertificate, *, reason: str, location: str) -> Signed:
    with certificate.p12.open("rb") as stored:
        p12 = stored.read()
    bundle = read_pkcs12(p12, certificate.passphrase)
    chain = [x509.Certificate.load(c.certificate.public_bytes(Encoding.DER)) for c in bundle.additional_certs]
    signer = signers.SimpleSigner.load_pkcs12_data(p12, other_certs=chain,
                                                   passphrase=certificate.passphrase.encode() or None)
    metadata = signers.PdfSignatureMetadata(
        field_name="ChuKyDonVi", md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason, location=location, name=certificate.unit.name,
    )
    out = outside_any_event_loop(
        lambda: signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), metadata, signer=signer))
    return Signed(out.getvalue(), bundle.cert.certificate.subject.rfc4514_string())


def outside_any_event_loop(work: Callable[[], T]) -> T:
    """pyHanko's `sign_pdf` starts an event loop of its own (asyncio.run), which fails where one is
    already running in this thread (a caller driven by an async framework; the browser tests, whose
    Playwright keeps one, building the demo). There it runs in a short-lived thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()



@dataclass(frozen=True)
class IssuedPdf:
    data: bytes
    signed_by: str  # the certificate's subject; "" when the unit has no certificate (unsigned)


def certificate_of(unit: Unit | int) -> SigningCertificate | None:
    unit_id = unit if isinstance(unit, int) else unit.pk
    return SigningCertificate.objects.select_related("unit").filter(unit_id=unit_id).first()


def issue_pdf(docx: bytes, unit: Unit | int, *, reason: str, location: str = "") -> IssuedPdf:
    """The issued .docx as the PDF of record, signed (PAdES) with the issuing unit's certificate when
    the administrator gave it one, unsigned otherwise.

    Contract: `docx` is the final .docx (numbered and dated; rendered by congvu.documents.letters);
    `unit` the issuing unit; `reason` what the signature says it is for ("Ban hành 05/TB-SXD").
    Raises `PdfUnavailable` on a server without LibreOffice (the caller keeps the .docx and retries),
    `InvalidInput` when the stored certificate can no longer be read. Pure of the database apart from
    reading the certificate: the caller stores the result (once: the content never changes)."""
    pdf = docx_to_pdf(docx)
    certificate = certificate_of(unit)
    if certificate is None:
        return IssuedPdf(pdf, "")
    signed = sign(pdf, certificate, reason=reason, location=location or certificate.unit.name)
    return IssuedPdf(signed.data, signed.subject)
