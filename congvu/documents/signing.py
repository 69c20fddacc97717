"""PAdES signatures on the PDFs congvu issues, with the issuing unit's certificate (pyHanko).

The administrator gives each unit that signs electronically its PKCS#12 (the unit's organisation
certificate from the government CA) and passphrase in /quan-tri/ (`SigningCertificate`). A unit
without one still gets its PDF, unsigned, and the page says so: a notice must not wait for a
certificate to take effect (deemed agreement runs from the deadline)."""

import io
from dataclasses import dataclass

from asn1crypto import x509
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from congvu.documents.models import SigningCertificate
from congvu.lib.refusals import InvalidInput


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
    out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), metadata, signer=signer)
    return Signed(out.getvalue(), bundle.cert.certificate.subject.rfc4514_string())

