"""The demo's signing certificate: a demo CA (clearly named as such) issues the Department of
Construction's organisation certificate, given to congvu as a PKCS#12 the way an administrator does in
/quan-tri/ (Chứng thư số ký văn bản). A real province uploads the unit's certificate from the
government CA instead; nothing here is trusted outside the demo."""

from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import NameOID
from django.core.files.base import ContentFile

from congvu.documents.models import SigningCertificate
from congvu.documents.signing import subject_of
from congvu.org.models import Unit

PASSPHRASE = "du-lieu-mau"  # noqa: S105 - the demo certificate's passphrase, shown in the README
CA_NAME = "CA DỮ LIỆU MẪU congvu (không dùng thật)"
VALID_DAYS = 3 * 365


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "congvu — dữ liệu mẫu"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(subject: x509.Name, issuer: x509.Name, key, signing_key, *, ca: bool) -> x509.Certificate:
    now = datetime.now(UTC)  # real time, not the demo's clock: signature validators check against it
    usage = x509.KeyUsage(digital_signature=True, content_commitment=not ca, key_cert_sign=ca, crl_sign=ca,
                          key_encipherment=False, data_encipherment=False, key_agreement=False,
                          encipher_only=False, decipher_only=False)
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=VALID_DAYS))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
            .add_extension(usage, critical=True).sign(signing_key, hashes.SHA256()))


def give_certificate(unit: Unit) -> SigningCertificate:
    """`unit`'s organisation certificate, issued by the demo CA, stored as the administrator would."""
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca = _certificate(_name(CA_NAME), _name(CA_NAME), ca_key, ca_key, ca=True)
    unit_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    certificate = _certificate(_name(unit.name), ca.subject, unit_key, ca_key, ca=False)
    p12 = pkcs12.serialize_key_and_certificates(unit.abbrev.lower().encode(), unit_key, certificate, [ca],
                                                BestAvailableEncryption(PASSPHRASE.encode()))
    row = SigningCertificate(unit=unit, passphrase=PASSPHRASE, subject=subject_of(p12, PASSPHRASE))
    row.p12.save(f"{unit.code}.p12", ContentFile(p12), save=False)
    row.save()
    return row
