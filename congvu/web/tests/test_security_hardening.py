"""Nothing personal is cached, idle sessions end, HTTPS settings follow CONGVU_SECURE_COOKIES, bad
security settings fail loudly, and what congvu writes to its data folder is readable by its owner only."""

import importlib.util
import os
import stat
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import congvu
from congvu.lib.headers import SecurityHeadersMiddleware
from congvu.web.sessions import IdleSessionMiddleware

pytestmark = pytest.mark.django_db
SETTINGS_FILE = Path(congvu.__file__).parent / "settings.py"


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


# --- Cache-Control ---------------------------------------------------------------------------------

def test_every_answer_to_a_signed_in_official_is_not_stored(province, client_of):
    client = client_of(province.inspector)
    for url in ("/", "/danh-sach/", "/tong-hop/", "/tong-hop/xuat-excel/qua-han/", "/thong-bao-cua-toi/"):
        response = client.get(url)
        assert response.status_code == 200 and no_store(response), url


def test_every_api_answer_is_not_stored(db):
    for url in ("/api/openapi.json", "/api/me"):  # public, and refused (no token)
        assert no_store(Client().get(url)), url


def test_a_download_is_not_stored_even_without_a_session():
    def download(request):
        response = HttpResponse(b"%PDF-1.4", content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="van-ban.pdf"'
        return response

    request = RequestFactory().get("/tai-ve/")
    assert no_store(SecurityHeadersMiddleware(download)(request))
    assert not no_store(SecurityHeadersMiddleware(lambda r: HttpResponse("công khai"))(request))


# --- Idle sessions ---------------------------------------------------------------------------------
# Expiry is Django's and in real time (settings.py says why), so these tests move the stored expiry
# rather than congvu's clock.

def stored_session(client: Client) -> Session:
    return Session.objects.get(session_key=client.cookies["sessionid"].value)


def test_every_request_gives_the_session_another_8_hours(province, client_of):
    client = client_of(province.construction_officer)
    Session.objects.filter(pk=stored_session(client).pk).update(expire_date=timezone.now() + timedelta(minutes=1))
    response = client.get("/")
    assert response.cookies["sessionid"]["max-age"] == 8 * 3600
    assert stored_session(client).expire_date > timezone.now() + timedelta(hours=7, minutes=59)


def test_a_session_saved_within_the_minute_is_not_written_again(province, client_of):
    # Idle expiry to within a minute (congvu/web/sessions.py): no UPDATE and COMMIT on every page.
    client = client_of(province.construction_officer)
    client.get("/")
    saved = stored_session(client).expire_date
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/danh-sach/")
    assert response.status_code == 200 and "sessionid" not in response.cookies
    assert not [q for q in queries.captured_queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    assert stored_session(client).expire_date == saved
    assert "Cookie" in response["Vary"]


def test_a_changed_session_is_saved_even_within_the_minute(province, client_of):
    # e.g. a message to show on the next page: the change must not wait for the minute to pass.
    client = client_of(province.construction_officer)
    client.get("/")
    key = client.cookies["sessionid"].value

    def page_that_changes_the_session(request):
        request.session["probe"] = "đã đổi"
        return HttpResponse("ok")

    request = RequestFactory().get("/", HTTP_COOKIE=f"sessionid={key}")
    middleware = IdleSessionMiddleware(page_that_changes_the_session)
    response = middleware(request)
    assert response.cookies["sessionid"]["max-age"] == 8 * 3600
    assert Session.objects.get(session_key=key).get_decoded()["probe"] == "đã đổi"


def test_a_session_unused_for_its_idle_time_is_signed_out(province, client_of):
    client = client_of(province.construction_officer)
    Session.objects.filter(pk=stored_session(client).pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get("/")["Location"].startswith("/dang-nhap/")


# --- Settings ---------------------------------------------------------------------------------------

def load_settings(monkeypatch, tmp_path, **env):
    """congvu/settings.py evaluated afresh with these environment variables (and a scratch data folder)."""
    monkeypatch.setenv("CONGVU_DATA_DIR", str(tmp_path / "var"))
    for name in ("CONGVU_SECURE_COOKIES", "CONGVU_HSTS_SECONDS", "CONGVU_SESSION_IDLE_HOURS",
                 "CONGVU_TRUSTED_PROXIES"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("congvu_settings_probe", SETTINGS_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_behind_https_browsers_are_told_to_insist_on_it_and_the_proxy_gives_the_scheme(monkeypatch, tmp_path):
    loaded = load_settings(monkeypatch, tmp_path, CONGVU_SECURE_COOKIES="1")
    assert loaded.SECURE_HSTS_SECONDS == 365 * 24 * 3600
    assert loaded.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    assert load_settings(monkeypatch, tmp_path, CONGVU_SECURE_COOKIES="1", CONGVU_HSTS_SECONDS="600") \
        .SECURE_HSTS_SECONDS == 600


def test_without_https_no_hsts_and_no_trusted_scheme_header(monkeypatch, tmp_path):
    loaded = load_settings(monkeypatch, tmp_path)
    assert not hasattr(loaded, "SECURE_HSTS_SECONDS") and not hasattr(loaded, "SECURE_PROXY_SSL_HEADER")


def test_the_idle_hours_set_the_session_age(monkeypatch, tmp_path):
    assert load_settings(monkeypatch, tmp_path).SESSION_COOKIE_AGE == 8 * 3600
    assert load_settings(monkeypatch, tmp_path, CONGVU_SESSION_IDLE_HOURS="12").SESSION_COOKIE_AGE == 12 * 3600


@pytest.mark.parametrize(("name", "value"), [
    ("CONGVU_SESSION_IDLE_HOURS", "tám"), ("CONGVU_SESSION_IDLE_HOURS", "0"), ("CONGVU_SESSION_IDLE_HOURS", "-1"),
    ("CONGVU_SESSION_IDLE_HOURS", "٨"), ("CONGVU_HSTS_SECONDS", "1y"),
    ("CONGVU_TRUSTED_PROXIES", "10.0.0.1,proxy.tinh.gov.vn"), ("CONGVU_TRUSTED_PROXIES", "10.0.0.0/33"),
])
def test_a_bad_security_setting_fails_loudly(monkeypatch, tmp_path, name, value):
    with pytest.raises(ImproperlyConfigured, match=name):
        load_settings(monkeypatch, tmp_path, CONGVU_SECURE_COOKIES="1", **{name: value})


# --- Files ------------------------------------------------------------------------------------------

WRITE_EVERYTHING = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE probe (n integer)")
default_storage.save("web/consult/2026/y-kien.pdf", ContentFile(b"%PDF-1.4"))
"""


def run_on_fresh_data_dir(tmp_path: Path, *command: str) -> Path:
    """Run congvu in a new process, on a data folder that does not exist yet, under the usual umask."""
    data = tmp_path / "fresh"
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "CONGVU_SECRET_KEY", "DJANGO_SETTINGS_MODULE")}
    env["CONGVU_DATA_DIR"] = str(data)
    subprocess.run([sys.executable, *command], env=env, check=True, cwd=tmp_path,
                   preexec_fn=lambda: os.umask(0o022))  # the usual umask, whatever the runner has
    return data


def open_to_others(data: Path) -> list[str]:
    return [f"{path.relative_to(data)} {stat.filemode(path.stat().st_mode)}"
            for path in [data, *data.rglob("*")] if path.stat().st_mode & 0o077]


def test_the_congvu_command_keeps_everything_it_writes_to_its_owner(tmp_path):
    data = run_on_fresh_data_dir(tmp_path, "-c", "from congvu.cli import main; main()",
                                 "shell", "-c", WRITE_EVERYTHING)
    assert {p.name for p in data.iterdir()} >= {"secret_key", "congvu.sqlite3", "media", "static"}
    assert open_to_others(data) == []


def test_the_database_key_and_files_are_private_even_without_the_command(tmp_path):
    """A server started some other way (gunicorn congvu.wsgi) keeps the process's umask: settings and
    storage still create the data folder, the database, the key and media files for the owner only."""
    script = "import django; django.setup()\n" + WRITE_EVERYTHING
    data = run_on_fresh_data_dir(tmp_path, "-c", f"import os; os.environ['DJANGO_SETTINGS_MODULE'] = "
                                 f"'congvu.settings'\nexec({script!r})")
    # The static folder only ever holds the application's public assets.
    assert [entry for entry in open_to_others(data) if not entry.startswith("static")] == []
