"""A token's life: issued for CONGVU_API_TOKEN_DAYS, recorded (who, when), listed and revoked from
/quan-tri/ and the command line, dead at once when its official's account is deactivated."""

import io
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import CommandError, call_command
from django.test import Client

from congvu.api.actions import deactivate_account, issue_token, revoke_token
from congvu.api.models import ApiToken
from congvu.api.tests.helpers import ApiClient
from congvu.lib import clock
from congvu.lib.refusals import InvalidState
from congvu.testing import MORNING

pytestmark = pytest.mark.django_db


def command(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("apitoken", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


# Deactivation

def test_a_deactivated_officials_token_stops_reading_and_acting_at_once(province):
    _, clear = issue_token(official=province.construction_clerk, name="e-office")
    client = ApiClient(clear)
    assert client.get("/api/me").status_code == 200
    user = province.construction_clerk.user
    user.is_active = False
    user.save(update_fields=["is_active"])  # not through deactivate_account: the token is still live
    assert ApiToken.objects.get().revoked_at is None
    assert client.get("/api/me").status_code == 401
    refused = client.post("/api/incoming", {"unit": province.construction.pk, "matter_type": 1,
                                            "sender": "A", "subject": "B"})
    assert refused.status_code == 401 and refused.json()["code"] == "UNAUTHENTICATED"


def test_a_deactivated_officials_session_is_refused_too(province):
    client = Client()
    client.force_login(province.construction_clerk.user)
    province.construction_clerk.user.is_active = False
    province.construction_clerk.user.save(update_fields=["is_active"])
    assert client.get("/api/me").status_code == 401


def test_deactivating_an_account_revokes_its_live_tokens_for_good(province, admin_user):
    live, clear = issue_token(official=province.construction_officer, name="e-office")
    old, _ = issue_token(official=province.construction_officer, name="cũ")
    revoke_token(old, actor=None)
    other, other_clear = issue_token(official=province.finance_head, name="e-office")
    assert deactivate_account(province.construction_officer.user, actor=admin_user) == 1
    live.refresh_from_db()
    assert live.revoked_at == MORNING and live.revoked_by == "quản trị: admin (khóa tài khoản)"
    assert not province.construction_officer.user.is_active
    # Switched back on, the account does not bring its tokens back.
    province.construction_officer.user.is_active = True
    province.construction_officer.user.save(update_fields=["is_active"])
    assert ApiClient(clear).get("/api/me").status_code == 401
    assert ApiClient(other_clear).get("/api/me").status_code == 200


def test_no_token_is_issued_to_a_deactivated_account(province, admin_user):
    deactivate_account(province.construction_clerk.user, actor=admin_user)
    with pytest.raises(InvalidState):
        issue_token(official=province.construction_clerk, name="e-office")


def test_unticking_active_in_the_user_admin_revokes_the_tokens(province, admin_client):
    token, clear = issue_token(official=province.construction_clerk, name="e-office")
    user = province.construction_clerk.user
    page = f"/quan-tri/auth/user/{user.pk}/change/"
    form = {"username": user.username, "date_joined_0": "2026-03-01", "date_joined_1": "08:00:00",
            "initial-date_joined_0": "2026-03-01", "initial-date_joined_1": "08:00:00"}
    response = admin_client.post(page, form)  # "is_active" left out: the box unticked
    assert response.status_code == 302, response.content.decode()[:2000]
    token.refresh_from_db()
    user.refresh_from_db()
    assert not user.is_active and token.revoked_by == "quản trị: admin (khóa tài khoản)"
    assert ApiClient(clear).get("/api/me").status_code == 401


def test_the_officials_admin_action_locks_the_account_out_and_logs_it(province, admin_client):
    token, _ = issue_token(official=province.construction_clerk, name="e-office")
    admin_client.post("/quan-tri/org/official/", {"action": "deactivate_officials",
                                                  "_selected_action": [province.construction_clerk.pk]})
    token.refresh_from_db()
    province.construction_clerk.user.refresh_from_db()
    assert token.revoked_at is not None and not province.construction_clerk.user.is_active
    logged = LogEntry.objects.get(object_id=str(province.construction_clerk.pk))
    assert "thu hồi 1 token" in logged.get_change_message()


# Expiry

def test_a_token_expires_after_the_configured_days(province, settings):
    settings.API_TOKEN_DAYS = 30
    token, clear = issue_token(official=province.construction_clerk, name="e-office")
    assert token.expires_at == MORNING + timedelta(days=30)
    with clock.travel_to(MORNING + timedelta(days=30) - timedelta(seconds=1)):
        assert ApiClient(clear).get("/api/me").status_code == 200
    with clock.travel_to(MORNING + timedelta(days=30)):
        assert ApiClient(clear).get("/api/me").status_code == 401


def test_tokens_last_180_days_by_default(province):
    token, _ = issue_token(official=province.construction_clerk, name="e-office")
    assert token.expires_at - token.created_at == timedelta(days=180)


# The record: who issued, who revoked

def test_issuing_and_revoking_record_who_and_when(province, admin_user):
    token, _ = issue_token(official=province.construction_clerk, name="e-office", actor=admin_user)
    assert (token.issued_by, token.created_at) == ("quản trị: admin", MORNING)
    revoked = revoke_token(token, actor=None)
    assert revoked.revoked_at == MORNING and revoked.revoked_by.startswith("dòng lệnh")


# The command line

def test_the_command_issues_lists_and_revokes_by_prefix_or_id(province):
    clear, note = command("sxd.officer", "--name", "Phần mềm văn bản")
    clear = clear.strip()
    assert "hết hạn 30/08/2026 09:00" in note
    token = ApiToken.objects.get()
    assert token.issued_by.startswith("dòng lệnh")
    command("stc.head")
    listing, _ = command("--list")
    assert len(listing.splitlines()) == 2 and token.prefix in listing and "còn hiệu lực" in listing
    mine, _ = command("--list", "sxd.officer")
    assert mine.splitlines() == [line for line in listing.splitlines() if "sxd.officer" in line]
    revoked, _ = command("--revoke", token.prefix + "…")
    assert "đã thu hồi" in revoked and "dòng lệnh" in revoked
    assert ApiClient(clear).get("/api/me").status_code == 401
    other = ApiToken.objects.exclude(pk=token.pk).get()
    command("--revoke", str(other.pk))
    other.refresh_from_db()
    assert other.revoked_at is not None


def test_the_command_revokes_a_leaked_token_given_whole_and_refuses_twice(province):
    clear = command("sxd.officer")[0].strip()
    command("--revoke", clear)
    with pytest.raises(CommandError, match="đã bị thu hồi"):
        command("--revoke", clear)


@pytest.mark.parametrize("args", [(), ("--revoke", "cv_khongco"), ("--revoke", "99999999999999999999"),
                                  ("--revoke", "9223372036854775808"), ("--revoke", "1", "--list"),
                                  ("--list", "khong-co-ai"), ("khong-co-ai",)])
def test_the_command_refuses_what_it_cannot_do(province, args):
    with pytest.raises(CommandError):
        command(*args)


def test_the_command_says_when_a_prefix_is_ambiguous(province):
    for _ in range(2):
        issue_token(official=province.construction_clerk, name="e-office")
    with pytest.raises(CommandError, match="Nhiều token"):
        command("--revoke", "cv_")


def test_the_command_lists_expired_tokens_as_expired(province):
    command("sxd.officer")
    with clock.travel_to(MORNING + timedelta(days=181)):
        assert "hết hạn" in command("--list")[0].split("…")[1][:16]


# The administrator's pages

def test_the_admin_filters_tokens_by_state_and_logs_a_revocation(province, admin_client):
    live, _ = issue_token(official=province.construction_clerk, name="sống")
    gone, _ = issue_token(official=province.construction_clerk, name="đã thu hồi")
    revoke_token(gone)
    page = admin_client.get("/quan-tri/api/apitoken/", {"tinh_trang": "live"}).content.decode()
    assert "sống" in page and "đã thu hồi</a>" not in page and "Còn hiệu lực" in page
    admin_client.post("/quan-tri/api/apitoken/", {"action": "revoke", "_selected_action": [live.pk]})
    live.refresh_from_db()
    assert live.revoked_by == "quản trị: admin"
    assert LogEntry.objects.get(object_id=str(live.pk)).get_change_message() == "Thu hồi token API"


# The migration

@pytest.mark.django_db(transaction=True)
def test_tokens_issued_before_expiry_existed_expire_180_days_after_their_issue():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("api", "0001_initial")])
    old_apps = executor.loader.project_state([("api", "0001_initial")]).apps
    user = old_apps.get_model("auth", "User").objects.create(username="legacy")
    official = old_apps.get_model("org", "Official").objects.create(user=user, full_name="Người Cũ")
    old_apps.get_model("api", "ApiToken").objects.create(official=official, name="e-office", key_hash="0" * 64,
                                                         prefix="cv_0000000", created_at=MORNING)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    token = ApiToken.objects.get()
    assert token.expires_at == MORNING + timedelta(days=180) and token.issued_by == ""
