"""Sign-in throttling (congvu/web/throttle.py): growing waits instead of locks, per account (however it
is typed, wherever it is tried from), per account at one address, and per address; the real client
address behind trusted proxies; the same count at the site's door and the administration's."""

from datetime import datetime, timedelta

import pytest
from django.test import Client, RequestFactory

from congvu.lib import clock
from congvu.testing import MORNING, PASSWORD
from congvu.web.throttle import SignIn, Throttled, client_address

pytestmark = pytest.mark.django_db
SITE, ADMIN = "/dang-nhap/", "/quan-tri/login/"
WRONG = "sai-mat-khau"


def sign_in(username: str, password: str, address: str = "10.0.0.1", url: str = SITE, **meta):
    return Client(REMOTE_ADDR=address, **meta).post(url, {"username": username, "password": password})


def fail(username: str, times: int, address: str = "10.0.0.1", url: str = SITE) -> None:
    for _ in range(times):
        assert sign_in(username, WRONG, address, url).status_code == 200  # evaluated and refused


def at(moment: datetime, seconds: float = 0):
    return clock.travel_to(moment + timedelta(seconds=seconds))


def waited(response) -> bool:
    """Refused before the password was looked at, told in Vietnamese how long to wait."""
    return response.status_code == 429 and "Vui lòng chờ" in response.content.decode()


def expected_wait(failures: int) -> int:
    """The documented schedule for one account at one address: 3 free, then 1, 2, 4 … s, at most 15 min."""
    return 0 if failures <= 3 else min(2 ** (failures - 4), 15 * 60)


def fail_at_pace(username: str, times: int, address: str) -> datetime:
    """Fail as fast as the waits allow; returns the moment of the last failure."""
    moment = MORNING
    for failures in range(1, times + 1):
        with at(moment):
            fail(username, 1, address)
        if failures < times:
            moment += timedelta(seconds=expected_wait(failures))
    return moment


def test_three_mistakes_cost_no_wait(province):
    fail("sxd.clerk", 3)
    assert sign_in("sxd.clerk", PASSWORD).status_code == 302


def test_the_fourth_failure_makes_the_next_attempt_wait_a_second(province):
    fail("sxd.clerk", 4)
    refused = sign_in("sxd.clerk", PASSWORD)
    assert waited(refused) and "1 giây" in refused.content.decode() and refused["Retry-After"] == "1"
    with at(MORNING, 1):
        assert sign_in("sxd.clerk", PASSWORD).status_code == 302


def test_the_failure_that_starts_a_wait_says_how_long(province):
    fail("sxd.clerk", 3)
    page = sign_in("sxd.clerk", WRONG).content.decode()
    assert "Vui lòng chờ 1 giây trước khi thử lại." in page


def test_waits_double_with_each_failure_up_to_15_minutes(province):
    moment = MORNING
    for failures in range(1, 16):
        wait = expected_wait(failures - 1)
        if wait:
            with at(moment, wait - 0.5):
                assert waited(sign_in("sxd.clerk", WRONG))
        moment += timedelta(seconds=wait)
        with at(moment):
            fail("sxd.clerk", 1)
    assert expected_wait(15) == 900
    with at(moment, 899):
        assert waited(sign_in("sxd.clerk", PASSWORD))
    with at(moment, 900):
        assert sign_in("sxd.clerk", PASSWORD).status_code == 302


def test_an_attempt_during_a_wait_is_neither_evaluated_nor_counted(province):
    fail("sxd.clerk", 4)
    client = Client(REMOTE_ADDR="10.0.0.1")
    assert waited(client.post(SITE, {"username": "sxd.clerk", "password": PASSWORD}))  # right, but not looked at
    assert client.get("/")["Location"].startswith(SITE)
    assert waited(sign_in("sxd.clerk", WRONG))
    with at(MORNING, 1):  # had the early wrong guess counted, the wait would now be 2 s
        assert sign_in("sxd.clerk", PASSWORD).status_code == 302


def test_a_stranger_elsewhere_keeps_the_owner_waiting_at_most_a_minute(province):
    last = fail_at_pace("sxd.clerk", 15, address="10.6.6.6")
    with at(last, 59):
        assert waited(sign_in("sxd.clerk", PASSWORD, address="10.0.0.1"))
    with at(last, 60):
        assert waited(sign_in("sxd.clerk", PASSWORD, address="10.6.6.6"))  # the stranger's own wait: 15 min
        assert sign_in("sxd.clerk", PASSWORD, address="10.0.0.1").status_code == 302


def test_guesses_from_many_addresses_are_paced_by_the_account(province):
    for n in range(4):
        assert sign_in("sxd.clerk", WRONG, address=f"10.7.0.{n}").status_code == 200
    assert waited(sign_in("sxd.clerk", WRONG, address="10.7.0.99"))  # a fresh address changes nothing


def test_a_success_clears_the_accounts_count(province):
    fail("sxd.clerk", 4)
    with at(MORNING, 1):
        assert sign_in("sxd.clerk", PASSWORD).status_code == 302
        fail("sxd.clerk", 3)  # seven failures in a row would mean an 8-second wait
        assert sign_in("sxd.clerk", PASSWORD).status_code == 302


def test_the_account_is_counted_however_its_name_is_typed(province):
    fail("SXD.Clerk", 2, address="10.0.0.2")
    fail("ｓｘｄ．ｃｌｅｒｋ", 2, address="10.0.0.3")  # full-width, NFKC-equal to sxd.clerk
    assert waited(sign_in("sxd.clerk", PASSWORD, address="10.0.0.4"))


def test_names_with_no_account_are_throttled_too(province):
    fail("khong.co.ai", 4)
    assert waited(sign_in("KHONG.CO.AI", WRONG, address="10.0.0.5"))


def test_an_incomplete_form_counts_nothing(province):
    for _ in range(6):
        assert sign_in("sxd.clerk", "").status_code == 200
    assert sign_in("sxd.clerk", PASSWORD).status_code == 302


def test_one_address_trying_many_accounts_waits_and_others_do_not(province):
    for n in range(21):
        assert sign_in(f"doan.mo.{n}", WRONG, address="10.6.6.6").status_code == 200
    assert waited(sign_in("sxd.clerk", PASSWORD, address="10.6.6.6"))
    assert sign_in("sxd.clerk", PASSWORD, address="10.0.0.1").status_code == 302


def test_behind_a_trusted_proxy_each_official_is_counted_at_their_own_address(province, settings):
    settings.CONGVU_TRUSTED_PROXIES = ["10.9.0.0/24"]
    stranger = {"HTTP_X_FORWARDED_FOR": "203.0.113.66"}
    for n in range(21):
        assert sign_in(f"doan.mo.{n}", WRONG, address="10.9.0.1", **stranger).status_code == 200
    assert waited(sign_in("sxd.clerk", PASSWORD, address="10.9.0.1", **stranger))
    owner = {"HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    assert sign_in("sxd.clerk", PASSWORD, address="10.9.0.1", **owner).status_code == 302


def test_a_forwarded_header_from_an_untrusted_client_changes_nothing(province):
    for n in range(21):  # a new forged address each time: still counted at 10.6.6.6
        sign_in(f"doan.mo.{n}", WRONG, address="10.6.6.6", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert waited(sign_in("sxd.clerk", PASSWORD, address="10.6.6.6", HTTP_X_FORWARDED_FOR="198.51.100.200"))


@pytest.mark.parametrize(("remote", "forwarded", "client"), [
    ("198.51.100.9", "203.0.113.7", "198.51.100.9"),                 # not a proxy: its header is the client's words
    ("10.9.0.1", "203.0.113.7", "203.0.113.7"),                      # our proxy saw 203.0.113.7
    ("10.9.0.1", "1.2.3.4, 203.0.113.7", "203.0.113.7"),             # 1.2.3.4 was written by the client
    ("10.9.0.1", "1.2.3.4, 203.0.113.7, 10.9.0.2", "203.0.113.7"),   # two proxies of ours
    ("10.9.0.1", "", "10.9.0.1"),                                    # nothing forwarded
    ("10.9.0.1", "10.9.0.3", "10.9.0.1"),                            # only proxies: the nearest
])
def test_the_client_address_is_the_rightmost_one_not_a_trusted_proxy(settings, remote, forwarded, client):
    settings.CONGVU_TRUSTED_PROXIES = ["10.9.0.0/24"]
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == client


def test_a_concurrent_attempt_waits_for_the_one_being_checked(province):
    fail("sxd.clerk", 3)  # from now on every failure costs a wait, so attempts take turns
    request = RequestFactory().post(SITE, REMOTE_ADDR="10.0.0.1")
    with SignIn(request, "sxd.clerk").turn(), pytest.raises(Throttled), SignIn(request, "SXD.CLERK").turn():
        pass
    with SignIn(request, "sxd.clerk").turn():  # the turn is free again
        pass


@pytest.fixture
def staff_head(province):
    user = province.construction_head.user
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def test_failures_at_the_administration_count_against_the_site_sign_in(staff_head):
    fail("sxd.head", 4, url=ADMIN)
    assert waited(sign_in("sxd.head", PASSWORD, url=SITE))


def test_the_administration_sign_in_waits_like_the_site(staff_head):
    fail("sxd.head", 4, url=SITE)
    refused = sign_in("sxd.head", PASSWORD, url=ADMIN)
    assert waited(refused) and 'name="password"' in refused.content.decode()
    with at(MORNING, 1):
        assert sign_in("sxd.head", PASSWORD, url=ADMIN).status_code == 302
