"""Fixtures of the signed-PDF and outgoing-document tests: a test CA with Construction's organisation
certificate (PKCS#12), and a deemed-agreement notice its head signed."""

from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import NameOID

from congvu.consult import sweep as consult_sweep
from congvu.consult.models import Notice
from congvu.lib import clock
from congvu.lib.workdays import TZ
from congvu.testing import consulted_item, sign_drafts

MIDNIGHT = datetime(2026, 3, 11, 0, 0, tzinfo=TZ)
PASSPHRASE = "mat-khau-chung-thu"  # noqa: S105 - the test certificate's passphrase


def name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Ban Cơ yếu Chính phủ (thử nghiệm)"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common)])


def certificate(subject: str, issuer: x509.Name, key, signing_key, *, ca: bool) -> x509.Certificate:
    now = datetime.now(UTC)
    builder = (x509.CertificateBuilder().subject_name(name(subject)).issuer_name(issuer)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=365))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
               .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=not ca, key_cert_sign=ca,
                                            crl_sign=ca, key_encipherment=False, data_encipherment=False,
                                            key_agreement=False, encipher_only=False, decipher_only=False),
                              critical=True))
    return builder.sign(signing_key, hashes.SHA256())


def ca_and_unit_p12(ca_name: str, unit_name: str) -> tuple[x509.Certificate, bytes]:
    """A root CA, and a unit's organisation certificate issued by it as a PKCS#12 (with the CA)."""
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca = certificate(ca_name, name(ca_name), ca_key, ca_key, ca=True)
    unit_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    unit = certificate(unit_name, ca.subject, unit_key, ca_key, ca=False)
    p12 = pkcs12.serialize_key_and_certificates(b"unit", unit_key, unit, [ca],
                                                BestAvailableEncryption(PASSPHRASE.encode()))
    return ca, p12


@pytest.fixture(scope="module")
def test_ca():
    """A root CA and Construction's organisation certificate issued by it, as a PKCS#12."""
    return ca_and_unit_p12("CA thử nghiệm congvu", "Sở Xây dựng")


@pytest.fixture
def notice(province) -> Notice:
    """Finance stayed silent; the sweep drafted Construction's notice and its head signed it the next
    morning (a working day)."""
    consulted_item(province)
    with clock.travel_to(MIDNIGHT):
        consult_sweep.deem_overdue()
    with clock.travel_to(MIDNIGHT.replace(hour=9)):
        sign_drafts(province)
    return Notice.objects.select_related("unit").get()
