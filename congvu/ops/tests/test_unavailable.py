"""When the database cannot answer — restarting, unreachable, its disk full — every request gets a
clean 503 with Retry-After: JSON under /api/, a page in Vietnamese elsewhere; a bug stays a 500.
(The real thing, a PostgreSQL server stopped under load, is congvu/ops/tests/test_restart.py.)"""

from unittest import mock

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import InterfaceError, OperationalError
from django.test import Client

from congvu.api.actions import issue_token
from congvu.lib.unavailable import RETRY_AFTER_SECONDS

DOWN = OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')
FULL = OperationalError("database or disk is full")


def session_fails(error: Exception):
    """Reading the signed-in official's session — the first query of every page — raises `error`."""
    return mock.patch.object(SessionStore, "_get_session_from_db", side_effect=error)


def token_lookup_fails(error: Exception):
    return mock.patch("congvu.api.auth.active_token", side_effect=error)


@pytest.fixture
def signed_in(province):
    client = Client(raise_request_exception=False)
    client.force_login(province.construction_officer.user)
    return client


@pytest.fixture
def api_caller(province):
    token = issue_token(official=province.construction_clerk, name="pytest")[1]
    return Client(raise_request_exception=False, headers={"Authorization": f"Bearer {token}"})


def test_a_page_says_in_vietnamese_to_try_again_later_when_the_database_is_down(signed_in):
    with session_fails(DOWN):
        response = signed_in.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "Tạm thời gián đoạn" in page and "Cơ sở dữ liệu tạm thời không truy cập được" in page
    assert "no-store" in response["Cache-Control"]


def test_a_connection_already_closed_is_also_a_503(signed_in):
    with session_fails(InterfaceError("connection already closed")):
        assert signed_in.get("/").status_code == 503


def test_the_api_answers_503_in_its_json_with_retry_after(api_caller):
    with token_lookup_fails(DOWN):
        response = api_caller.post("/api/incoming", {}, content_type="application/json")
    assert response.status_code == 503 and response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    body = response.json()
    assert body["code"] == "SERVICE-UNAVAILABLE" and body["errors"] == []
    assert body["message"] == body["message_vi"] and "thử lại" in body["message_vi"]
    assert "Try again" in body["message_en"]


def test_an_api_request_whose_session_fails_before_the_api_runs_is_still_answered_in_json(province):
    client = Client(raise_request_exception=False)
    client.force_login(province.inspector.user)
    with session_fails(DOWN):
        response = client.get("/api/figures")
    assert response.status_code == 503 and response.json()["code"] == "SERVICE-UNAVAILABLE"


def test_a_full_disk_is_named_as_such(api_caller, signed_in):
    with token_lookup_fails(FULL):
        body = api_caller.get("/api/me").json()
    assert "hết chỗ lưu trữ" in body["message_vi"] and "storage is full" in body["message_en"]
    with session_fails(FULL):
        assert "hết chỗ lưu trữ" in signed_in.get("/").content.decode()


def test_postgresql_saying_disk_full_by_its_sqlstate_is_named_as_such(api_caller):
    class DiskFull(Exception):
        sqlstate = "53100"  # what psycopg's DiskFull carries, whatever the server's language

    error = OperationalError("không thể mở rộng tệp")
    error.__cause__ = DiskFull()
    with token_lookup_fails(error):
        assert "storage is full" in api_caller.get("/api/me").json()["message_en"]


def test_a_bug_is_still_a_server_error_not_a_503(signed_in, api_caller):
    with session_fails(ValueError("a bug")):
        assert signed_in.get("/").status_code == 500
    with token_lookup_fails(ValueError("a bug")):
        assert api_caller.get("/api/me").status_code == 500
