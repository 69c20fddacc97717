"""Bad input never gives a 500, on every page of the site, including those added after the first
probe (the oversight rooms, the periodic reports, the published figures, the citizens' report form):
every named address of the URL configuration (congvu/web/tests/test_access_walk.py's PAGES) is
visited with its ids too large for the database, with every query parameter a page reads set to a
value it cannot use (an out-of-range or impossible date, a huge id, digits that are not 0–9), and,
for a form's address, with each of its date and number fields set the same way, as the anonymous
visitor, a unit's head and Home Affairs (who between them may open every page)."""

import re

import pytest
from django.test import Client

from congvu.testing import PERSONAS, walked_item
from congvu.web.tests.test_access_walk import PAGES, filled

pytestmark = pytest.mark.django_db
HUGE = "99999999999999999999999"
ARABIC_TWELVE = "١٢"
WHO = ("anonymous", "head", "Home Affairs")

# Every query parameter a page reads (web/*.py, oversight/periods.py), each with values it cannot use.
QUERIES = [
    {"ky": "tuy-chon", "tu": "31/12/9999", "den": "01/01/0001"},
    {"ky": "tuy-chon", "tu": "00/00/0000", "den": "31/02/2026"},
    {"ky": "tuy-chon", "tu": "9999-12-31", "den": "2026-02-30"},
    {"ky": "thang", "thang": "13/99999", "nam": HUGE},
    {"ky": "quy", "quy": ARABIC_TWELVE, "nam": "٢٠٢٦"},
    {"ky": "nam", "nam": "-1"},
    {"ky": "\u0000", "thang": "１２"},
    {"unit": HUGE, "don-vi": HUGE, "can-bo": HUGE, "cong-viec": HUGE, "holder": HUGE, "matter_type": HUGE,
     "page": HUGE, "trang": HUGE, "bucket": HUGE, "format": "xlsx", "dang": "docx", "ma": HUGE, "tep": "1"},
    {"unit": ARABIC_TWELVE, "don-vi": ARABIC_TWELVE, "can-bo": ARABIC_TWELVE, "cong-viec": ARABIC_TWELVE,
     "page": ARABIC_TWELVE, "trang": "-1", "due_from": "31/12/9999", "due_to": "01/01/0001", "ai": "\u0001"},
]
# Every date and number a form of the site takes (web/forms*.py), each with values it cannot use.
DATE_FIELDS = ("due_date", "new_due", "issued_on", "reply_due", "held_on", "period_from", "period_to", "tu", "den",
               "period_start", "period_end", "violation_on", "plans_due", "meeting_on", "due_on",
               "decision_date", "cutoff")
NUMBER_FIELDS = ("days", "year", "units", "unit", "official", "officials", "items", "number", "reply_days",
                 "long_running_days", "finding", "holder", "responsible", "matter_type", "lead_unit", "to_unit",
                 "named_unit", "quy", "thang", "nam")
FORMS = [
    {**dict.fromkeys(DATE_FIELDS, "31/12/9999"), **dict.fromkeys(NUMBER_FIELDS, HUGE)},
    {**dict.fromkeys(DATE_FIELDS, "01/01/0001"), **dict.fromkeys(NUMBER_FIELDS, ARABIC_TWELVE)},
    {**dict.fromkeys(DATE_FIELDS, "00/00/0000"), **dict.fromkeys(NUMBER_FIELDS, "-1")},
    {**dict.fromkeys(DATE_FIELDS, "31/02/2026"), **dict.fromkeys(NUMBER_FIELDS, "1e3")},
]


def with_huge_ids(url: str) -> str:
    return re.sub(r"/\d+/", f"/{HUGE}/", url)


def visit(who: str, method: str, url: str, data: dict, province):
    client = Client()
    if who != "anonymous":
        client.force_login(getattr(province, PERSONAS[who]).user)
    return client.post(url, data) if method == "post" else client.get(url, data)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_page_answers_bad_input_with_a_server_error(province, name):
    method, template, data, _expected = PAGES[name]
    walked = walked_item(province)
    url = filled(template, walked, province)
    failures = []
    tries = [(url, query) for query in QUERIES] if method == "get" else \
        [(url, {**(data or {}), **form}) for form in FORMS]
    if with_huge_ids(url) != url:
        tries.append((with_huge_ids(url), {}))
    for who in WHO:
        for address, values in tries:
            values = {k: fill_value(v, walked, province) for k, v in values.items()}
            status = visit(who, method, address, values, province).status_code
            if status >= 500:
                failures.append((who, method, address, values, status))
    assert not failures, failures


def fill_value(value, walked, province):
    if isinstance(value, list):
        return [fill_value(v, walked, province) for v in value]
    return filled(value, walked, province) if isinstance(value, str) and "{" in value else value
