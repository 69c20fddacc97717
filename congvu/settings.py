"""The one settings file. Everything that differs between machines comes from the environment.

CONGVU_DATA_DIR   where the SQLite database, media files and the generated secret key live (./var)
DATABASE_URL      e.g. postgres://user@host:5432/congvu; SQLite in CONGVU_DATA_DIR when unset
CONGVU_SECRET_KEY the session signing key; generated once into CONGVU_DATA_DIR when unset
CONGVU_DEBUG      "1" for Django's debug pages (never in production)
CONGVU_ALLOWED_HOSTS comma-separated host names (localhost,127.0.0.1)
CONGVU_EMAIL_HOST SMTP host for notifications, reminders and reset links; unset = notifications stay in
                  the application, and other mail is written to the console log
CONGVU_EMAIL_PORT, CONGVU_EMAIL_USER, CONGVU_EMAIL_PASSWORD, CONGVU_EMAIL_TLS (none, starttls or ssl),
                  CONGVU_EMAIL_FROM, CONGVU_EMAIL_TIMEOUT (seconds, 10) the rest of the SMTP connection
CONGVU_BASE_URL   the address officials open congvu at (https://congvu.example.gov.vn), for the links
                  in e-mails; required with CONGVU_EMAIL_HOST
CONGVU_OIDC_ISSUER, CONGVU_OIDC_CLIENT_ID, CONGVU_OIDC_CLIENT_SECRET single sign-on with the province's
                  identity provider (OpenID Connect), off unless a client id is set; see README
                  "Single sign-on and e-mail" for the other CONGVU_OIDC_* settings
CONGVU_SECURE_COOKIES "1" behind HTTPS: secure cookies, HSTS, and the scheme taken from the proxy's
                  X-Forwarded-Proto header (the proxy MUST set or overwrite it on every request)
CONGVU_HSTS_SECONDS how long browsers must insist on HTTPS once they saw it, when CONGVU_SECURE_COOKIES
                  is on (31536000 = a year; 0 = no HSTS header)
CONGVU_TRUSTED_PROXIES comma-separated addresses or networks of the reverse proxies in front of congvu
                  (e.g. 10.0.0.5,10.1.0.0/24); only through them is X-Forwarded-For believed when
                  sign-in attempts are counted per address (congvu/web/throttle.py). Empty by default
CONGVU_SESSION_IDLE_HOURS a session unused this long is signed out (8)
CONGVU_MAX_UPLOAD_MB the largest file an official may upload (an original, an attachment) (20)
CONGVU_EDXML_MAX_MB, CONGVU_EDXML_MAX_ELEMENTS bounds of one edXML message (20 MB, 20,000 elements)
CONGVU_EDXML_TRUST_STORE a folder of PEM CA certificates; when set, the XML-DSig signature of every
                  received edXML message is verified against them (valid / invalid / unknown signer)
CONGVU_IMPORT_MAX_ROWS the most rows one Excel import may register (1000)
CONGVU_EDXML_OUTBOX the folder where congvu writes edXML messages for the axis gateway to pick up
                  (status messages of incoming documents; $CONGVU_DATA_DIR/outbox)
CONGVU_DIRECTIVE_REMIND_DAYS working days before an official who has not acknowledged a directive is
                  reminded, and again after as many (3)
CONGVU_PUBLIC_REPORT_DAYS working days a unit has to handle a citizen's report Home Affairs assigned (10)
CONGVU_API_TOKEN_DAYS how many days an API token works after it is issued (180)
CONGVU_READ_REPLICA_URL a PostgreSQL streaming replica of DATABASE_URL; the oversight pages, figures and
                  exports read from it (congvu/lib/replica.py). Unset = everything on DATABASE_URL
"""

import ipaddress
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("CONGVU_DATA_DIR", Path.cwd() / "var")).resolve()


def env_flag(name: str, default: bool = False) -> bool:
    """A boolean from the environment; anything but 0/1/true/false is a configuration error."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in ("1", "true", "yes"):
        return True
    if raw.lower() in ("0", "false", "no"):
        return False
    raise ImproperlyConfigured(f"{name} must be 0 or 1, not {raw!r}")


def env_list(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def env_int(name: str, default: int, minimum: int = 0) -> int:
    """A whole number from the environment, at least `minimum`; anything else is a configuration error."""
    raw = os.environ.get(name, "").strip()
    if raw == "":
        return default
    if not raw.isascii() or not raw.isdigit() or int(raw) < minimum:
        raise ImproperlyConfigured(f"{name} must be a whole number of at least {minimum}, not {raw!r}")
    return int(raw)


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    """One of a few words from the environment; any other is a configuration error."""
    value = os.environ.get(name, "").strip().lower() or default
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def env_url(name: str, required: bool = False) -> str:
    """An http(s) address, as written; a missing required one is a configuration error."""
    value = os.environ.get(name, "").strip()
    if value and not value.startswith(("http://", "https://")):
        raise ImproperlyConfigured(f"{name} must start with http:// or https://, not {value!r}")
    if required and not value:
        raise ImproperlyConfigured(f"{name} must be set")
    return value


def env_networks(name: str) -> list[str]:
    """Comma-separated IP addresses or networks; one that is neither is a configuration error."""
    values = env_list(name, "")
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            raise ImproperlyConfigured(f"{name}: {value!r} is not an IP address or network") from None
    return values


def private_dir(path: Path) -> Path:
    """The data folder, created readable by its owner only (it holds the database, the key and the
    officials' files). An existing folder keeps the permissions its installer chose."""
    if not path.exists():
        path.mkdir(mode=0o700, parents=True)
    return path


def secret_key() -> str:
    """The configured key, or one generated once and kept beside the data (never in the repository)."""
    if key := os.environ.get("CONGVU_SECRET_KEY"):
        return key
    path = private_dir(DATA_DIR) / "secret_key"
    if not path.exists():
        # Created 0600 from the first byte (writing then chmod-ing would leave a moment readable).
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as key_file:
            key_file.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def database() -> dict:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'congvu.sqlite3'}"
    # Health checks: a connection kept from an earlier request is tested before it is reused, so after a
    # PostgreSQL restart the next request reconnects instead of failing (congvu/ops/tests/test_restart.py).
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if config["ENGINE"].endswith("sqlite3"):
        private_dir(Path(config["NAME"]).parent)
        if config["NAME"] != ":memory:" and not config["NAME"].startswith("file:"):
            # An empty file is a new database to SQLite; creating it here makes it 0600 whatever the
            # process umask, and SQLite gives its -wal and -shm files the database file's permissions.
            os.close(os.open(config["NAME"], os.O_WRONLY | os.O_CREAT, 0o600))
        # WAL + synchronous=FULL: every committed action survives a power cut, at ~0.35 ms a commit
        # instead of ~1.4 ms in rollback-journal mode (DESIGN §8). IMMEDIATE takes the write lock at
        # BEGIN, so a second writer waits (busy_timeout) instead of failing half-way.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=FULL;PRAGMA foreign_keys=ON",
        }
    return config


SECRET_KEY = secret_key()
DEBUG = env_flag("CONGVU_DEBUG")
ALLOWED_HOSTS = env_list("CONGVU_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CONGVU_CSRF_TRUSTED_ORIGINS", "http://localhost:8000,http://127.0.0.1:8000")
CSRF_FAILURE_VIEW = "congvu.web.errors.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "congvu.org",
    "congvu.registry",
    "congvu.work",
    "congvu.consult",
    "congvu.oversight",
    "congvu.documents",
    "congvu.api",
    "congvu.web",
    "congvu.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "congvu.lib.timing.ServerTimingMiddleware",  # Server-Timing on every page (issue 12), static files aside
    # Django's, but an unchanged session is written again at most once a minute (congvu/web/sessions.py).
    "congvu.web.sessions.IdleSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Vietnamese unless the official (or, signed out, the menu's cookie) chose English: never the browser's
    # Accept-Language (issue 12). After authentication, since it reads the signed-in official's choice.
    "congvu.web.language.ChosenLanguageMiddleware",
    "congvu.registry.middleware.PinnedSnapshotMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "congvu.lib.headers.SecurityHeadersMiddleware",
    # Last, so the CSRF check and the messages come first: a form's second POST is not acted on.
    "congvu.web.once.OncePerFormMiddleware",
]

ROOT_URLCONF = "congvu.urls"
WSGI_APPLICATION = "congvu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "congvu.web.context.official",
                "congvu.web.context.choices",
            ],
            # congvu's {% csrf_token %} also writes the form's one-time token (congvu/web/once.py).
            "builtins": ["congvu.web.templatetags.once"],
        },
    },
]

DATABASES = {"default": database()}
if replica_url := os.environ.get("CONGVU_READ_REPLICA_URL"):
    # Tests run against the primary alone: the replica alias then reads the test database itself.
    DATABASES["replica"] = {**dj_database_url.parse(replica_url, conn_max_age=60, conn_health_checks=True),
                            "TEST": {"MIRROR": "default"}}
    DATABASE_ROUTERS = ["congvu.lib.replica.ReplicaRouter"]
# A cache every worker and server shares (login throttling counts failures across all of them):
# a table in the same database, so there is nothing more to run.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "congvu_cache"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's four validators judge every new password (change page, reset link, createsuperuser).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
FORMAT_MODULE_PATH = ["congvu.formats"]

STATIC_URL = "static/"
STATIC_ROOT = private_dir(DATA_DIR) / "static"
# `congvu serve` fills it (collectstatic); until then WhiteNoise serves from the apps' folders and
# would warn on every request that the folder is missing.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
# Officials' files (originals, attachments, notices) readable by the server's account only.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Content-hashed names with gzip and Brotli copies (congvu/web/static_storage.py).
    "staticfiles": {"BACKEND": "congvu.web.static_storage.HashedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# A file whose name is not hashed (found in an app's folder before collectstatic ran) is cached a day;
# a hashed one ten years, as immutable (WhiteNoise's rule for the names the manifest gave).
WHITENOISE_MAX_AGE = 86400
# How much one upload may make the server read (issue 7). An original or an attachment (MB); an edXML
# message (MB, and elements: a real one has a few hundred); the rows of an Excel list of tasks.
CONGVU_MAX_UPLOAD_MB = env_int("CONGVU_MAX_UPLOAD_MB", 20, minimum=1)
CONGVU_EDXML_MAX_MB = env_int("CONGVU_EDXML_MAX_MB", 20, minimum=1)
CONGVU_EDXML_MAX_ELEMENTS = env_int("CONGVU_EDXML_MAX_ELEMENTS", 20_000, minimum=100)
CONGVU_EDXML_TRUST_STORE = os.environ.get("CONGVU_EDXML_TRUST_STORE", "")
CONGVU_IMPORT_MAX_ROWS = env_int("CONGVU_IMPORT_MAX_ROWS", 1000, minimum=1)
# The outbox the province's axis gateway reads (congvu/documents/outbox.py).
EDXML_OUTBOX = os.environ.get("CONGVU_EDXML_OUTBOX", "")
CONGVU_DIRECTIVE_REMIND_DAYS = env_int("CONGVU_DIRECTIVE_REMIND_DAYS", 3, minimum=1)
CONGVU_PUBLIC_REPORT_DAYS = env_int("CONGVU_PUBLIC_REPORT_DAYS", 10, minimum=1)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_flag("CONGVU_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Idle expiry: a session lives SESSION_COOKIE_AGE after its last request, to within a minute: a
# request saves it again (the stored row's expiry and the cookie's max-age move forward together)
# when its data changed or its stored expiry is a minute or more behind (congvu/web/sessions.py).
# Saved on every request before, the save was an UPDATE and a COMMIT on almost every page view: 3 of
# the list page's 11 queries under the load test (issue 13). On SQLite a save is ~0.75 ms holding
# the one writer lock. Expiry is Django's, in real time (like the cache's and the reset tokens'): an
# official idle in the world is signed out, not one whose tests or demo travel on congvu's clock.
SESSION_COOKIE_AGE = env_int("CONGVU_SESSION_IDLE_HOURS", 8, minimum=1) * 3600
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ENGINE = "congvu.web.sessions"
if SESSION_COOKIE_SECURE:
    # Behind HTTPS the proxy terminates TLS: it tells Django the scheme (it must overwrite any
    # X-Forwarded-Proto the client sent), and browsers are told never to use plain HTTP again.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("CONGVU_HSTS_SECONDS", 31536000)
    # Left off on purpose (`check --deploy` names them): HSTS for subdomains and preloading bind
    # every other site of the province's domain, and redirecting plain HTTP is the proxy's job.
CONGVU_TRUSTED_PROXIES = env_networks("CONGVU_TRUSTED_PROXIES")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

EMAIL_HOST = os.environ.get("CONGVU_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("CONGVU_EMAIL_FROM", "congvu@localhost")
EMAIL_PORT = env_int("CONGVU_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = os.environ.get("CONGVU_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("CONGVU_EMAIL_PASSWORD", "")
_email_tls = env_choice("CONGVU_EMAIL_TLS", ("none", "starttls", "ssl"), "none")
EMAIL_USE_TLS, EMAIL_USE_SSL = _email_tls == "starttls", _email_tls == "ssl"
# Mail leaves after the action committed, inside the official's request: a mail server that does
# not answer must not hold the page for long (the in-application notification is already saved).
EMAIL_TIMEOUT = env_int("CONGVU_EMAIL_TIMEOUT", 10, minimum=1)
# Links in mails must be absolute, and a request is not always at hand (the sweeps send reminders).
CONGVU_BASE_URL = env_url("CONGVU_BASE_URL", required=bool(EMAIL_HOST)).rstrip("/")

# Single sign-on with the province's identity provider (OpenID Connect, congvu/web/sso.py), beside
# the local passwords. Off unless a client id is set. The endpoints come from the issuer's discovery
# document unless set one by one (for a provider without one).
OIDC_RP_CLIENT_ID = os.environ.get("CONGVU_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("CONGVU_OIDC_CLIENT_SECRET", "")
# Exactly as the provider writes it (a trailing slash included): tokens must name this very issuer.
CONGVU_OIDC_ISSUER = env_url("CONGVU_OIDC_ISSUER", required=bool(OIDC_RP_CLIENT_ID))
OIDC_OP_AUTHORIZATION_ENDPOINT = env_url("CONGVU_OIDC_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_url("CONGVU_OIDC_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_url("CONGVU_OIDC_USERINFO_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_url("CONGVU_OIDC_JWKS_ENDPOINT")
OIDC_RP_SIGN_ALGO = os.environ.get("CONGVU_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("CONGVU_OIDC_SCOPES", "openid profile email")
# Which of the official's fields identifies them (their user name or their e-mail), and the claim of
# the provider's answer that holds it.
CONGVU_OIDC_MATCH = env_choice("CONGVU_OIDC_MATCH", ("username", "email"), "username")
CONGVU_OIDC_CLAIM = os.environ.get("CONGVU_OIDC_CLAIM", "") or {
    "username": "preferred_username", "email": "email"}[CONGVU_OIDC_MATCH]
# Never: an official exists because the administrator registered them and gave them positions; an
# identity congvu does not know is refused, not made into an account.
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10  # seconds for each call to the provider, made inside the official's request
OIDC_AUTHENTICATION_CALLBACK_URL = "sso_callback"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend", "congvu.web.sso.OfficialOIDCBackend"]

# A leaked token stops working by itself after this many days; the official is issued a new one.
API_TOKEN_DAYS = env_int("CONGVU_API_TOKEN_DAYS", 180, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CONGVU_LOG_LEVEL", "WARNING")},
}
