"""The single sign-on and e-mail settings, read from the environment as congvu/settings.py does:
off by default, and a bad or missing value fails loudly at start, not at the first sign-in or mail."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from congvu.web.tests.test_security_hardening import load_settings

OURS = ("CONGVU_EMAIL_HOST", "CONGVU_EMAIL_PORT", "CONGVU_EMAIL_USER", "CONGVU_EMAIL_PASSWORD", "CONGVU_EMAIL_TLS",
        "CONGVU_BASE_URL", "CONGVU_OIDC_CLIENT_ID", "CONGVU_OIDC_CLIENT_SECRET", "CONGVU_OIDC_ISSUER",
        "CONGVU_OIDC_MATCH", "CONGVU_OIDC_CLAIM")


def loaded(monkeypatch, tmp_path, **env):
    for name in OURS:
        monkeypatch.delenv(name, raising=False)
    return load_settings(monkeypatch, tmp_path, **env)


def test_by_default_no_single_sign_on_and_no_mail(monkeypatch, tmp_path):
    settings = loaded(monkeypatch, tmp_path)
    assert settings.OIDC_RP_CLIENT_ID == "" and settings.EMAIL_HOST == ""
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"
    assert settings.OIDC_CREATE_USER is False and settings.OIDC_USE_PKCE is True


def test_the_smtp_connection_settings(monkeypatch, tmp_path):
    settings = loaded(monkeypatch, tmp_path, CONGVU_EMAIL_HOST="mail.tinh.gov.vn", CONGVU_EMAIL_PORT="587",
                      CONGVU_EMAIL_USER="congvu", CONGVU_EMAIL_PASSWORD="bi-mat", CONGVU_EMAIL_TLS="starttls",
                      CONGVU_BASE_URL="https://congvu.tinh.gov.vn/")
    assert (settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD) == (
        "mail.tinh.gov.vn", 587, "congvu", "bi-mat")
    assert settings.EMAIL_USE_TLS and not settings.EMAIL_USE_SSL
    assert settings.CONGVU_BASE_URL == "https://congvu.tinh.gov.vn"  # links append /cong-viec/…
    ssl = loaded(monkeypatch, tmp_path, CONGVU_EMAIL_TLS="ssl")
    assert ssl.EMAIL_USE_SSL and not ssl.EMAIL_USE_TLS


def test_matching_by_e_mail_reads_the_email_claim_unless_another_is_named(monkeypatch, tmp_path):
    assert loaded(monkeypatch, tmp_path).CONGVU_OIDC_CLAIM == "preferred_username"
    assert loaded(monkeypatch, tmp_path, CONGVU_OIDC_MATCH="email").CONGVU_OIDC_CLAIM == "email"
    assert loaded(monkeypatch, tmp_path, CONGVU_OIDC_MATCH="email", CONGVU_OIDC_CLAIM="upn").CONGVU_OIDC_CLAIM == "upn"


def test_the_issuer_is_kept_exactly_as_the_provider_writes_it(monkeypatch, tmp_path):
    """Tokens must name this very issuer, trailing slash and all (some providers end theirs with one)."""
    settings = loaded(monkeypatch, tmp_path, CONGVU_OIDC_CLIENT_ID="congvu", CONGVU_OIDC_ISSUER="https://id.tinh.vn/")
    assert settings.CONGVU_OIDC_ISSUER == "https://id.tinh.vn/"


@pytest.mark.parametrize(("env", "named"), [
    ({"CONGVU_EMAIL_HOST": "mail.tinh.gov.vn"}, "CONGVU_BASE_URL"),  # mails must link somewhere
    ({"CONGVU_BASE_URL": "congvu.tinh.gov.vn"}, "CONGVU_BASE_URL"),
    ({"CONGVU_EMAIL_TLS": "tls1.3"}, "CONGVU_EMAIL_TLS"),
    ({"CONGVU_EMAIL_PORT": "cổng 25"}, "CONGVU_EMAIL_PORT"),
    ({"CONGVU_OIDC_CLIENT_ID": "congvu"}, "CONGVU_OIDC_ISSUER"),
    ({"CONGVU_OIDC_MATCH": "phone"}, "CONGVU_OIDC_MATCH"),
])
def test_a_bad_or_missing_setting_fails_loudly(monkeypatch, tmp_path, env, named):
    with pytest.raises(ImproperlyConfigured, match=named):
        loaded(monkeypatch, tmp_path, **env)
