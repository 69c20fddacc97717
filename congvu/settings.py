"""The one settings file. Everything that differs between machines comes from the environment.

CONGVU_DATA_DIR   where the SQLite database, media files and the generated secret key live (./var)
DATABASE_URL      e.g. postgres://user@host:5432/congvu; SQLite in CONGVU_DATA_DIR when unset
CONGVU_SECRET_KEY the session signing key; generated once into CONGVU_DATA_DIR when unset
CONGVU_DEBUG      "1" for Django's debug pages (never in production)
CONGVU_ALLOWED_HOSTS comma-separated host names (localhost,127.0.0.1)
CONGVU_EMAIL_HOST SMTP host for reminders; unset = e-mail written to the console log
CONGVU_API_TOKEN_DAYS how many days an API token works after it is issued (180)
"""

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


def secret_key() -> str:
    """The configured key, or one generated once and kept beside the data (never in the repository)."""
    if key := os.environ.get("CONGVU_SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def database() -> dict:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'congvu.sqlite3'}"
    config = dj_database_url.parse(url, conn_max_age=60)
    if config["ENGINE"].endswith("sqlite3"):
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
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
    "congvu.documents",
    "congvu.api",
    "congvu.web",
    "congvu.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "congvu.web.middleware.SecurityHeadersMiddleware",
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
            ],
        },
    },
]

DATABASES = {"default": database()}
# A cache every worker and server shares (login throttling counts failures across all of them):
# a table in the same database, so there is nothing more to run.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "congvu_cache"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
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
STATIC_ROOT = DATA_DIR / "static"
# `congvu serve` fills it (collectstatic); until then WhiteNoise serves from the apps' folders and
# would warn on every request that the folder is missing.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_flag("CONGVU_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

EMAIL_HOST = os.environ.get("CONGVU_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("CONGVU_EMAIL_FROM", "congvu@localhost")

# A leaked token stops working by itself after this many days; the official is issued a new one.
_token_days = os.environ.get("CONGVU_API_TOKEN_DAYS", "180")
if not (_token_days.isascii() and _token_days.isdigit() and int(_token_days) > 0):
    raise ImproperlyConfigured(f"CONGVU_API_TOKEN_DAYS must be a positive number of days, not {_token_days!r}")
API_TOKEN_DAYS = int(_token_days)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CONGVU_LOG_LEVEL", "WARNING")},
}
