"""The XML-DSig signature of a received edXML message, verified against the province's trust store
(`CONGVU_EDXML_TRUST_STORE`: a folder of PEM CA certificates, e.g. the national root CA for public
services and its subordinate CAs). Verified with signxml (pure Python on lxml and cryptography): the
signed references' digests, the signature value, and the signer's certificate (in KeyInfo) chained up
to one of those CAs. Without a trust store nothing is verified and the verdict says so."""

from __future__ import annotations

import base64
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from django.conf import settings
from signxml import XMLVerifier
from signxml.exceptions import InvalidCertificate, InvalidInput, InvalidSignature

from congvu.documents.edxml import DSIG_NS
from congvu.documents.models import SignatureVerdict


@dataclass(frozen=True)
class Checked:
    verdict: SignatureVerdict
    signer: str = ""  # the certificate's subject, when it was read
    detail: str = ""  # why it failed, for the clerk


def trust_store() -> list[Path]:
    folder = settings.CONGVU_EDXML_TRUST_STORE
    if not folder:
        return []
    return sorted(path for path in Path(folder).iterdir() if path.suffix.lower() in (".pem", ".crt"))


def check(data: bytes, signed: bool) -> Checked:
    """The verdict on a message (`signed`: the reader found a ds:Signature in it)."""
    if not signed:
        return Checked(SignatureVerdict.ABSENT)
    authorities = trust_store()
    if not authorities:
        return Checked(SignatureVerdict.NOT_CHECKED)
    with tempfile.NamedTemporaryFile(suffix=".pem") as bundle:
        bundle.write(b"\n".join(path.read_bytes() for path in authorities))
        bundle.flush()
        try:
            result = XMLVerifier().verify(data, ca_pem_file=bundle.name)
        except InvalidCertificate as exc:
            return Checked(SignatureVerdict.UNKNOWN_SIGNER, detail=str(exc)[:300])
        except (InvalidSignature, InvalidInput) as exc:
            return Checked(SignatureVerdict.INVALID, detail=str(exc)[:300])
    verified = result[0] if isinstance(result, list) else result
    return Checked(SignatureVerdict.VALID, signer=_signer(verified.signature_xml))


def _signer(signature) -> str:
    """The subject of the first certificate in the signature's KeyInfo (the signer's own)."""
    text = signature.findtext(f".//{{{DSIG_NS}}}X509Certificate")
    if not text:
        return ""
    certificate = x509.load_der_x509_certificate(base64.b64decode("".join(text.split())))
    return certificate.subject.rfc4514_string()[:300]
