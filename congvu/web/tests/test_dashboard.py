"""The dashboard (/tong-hop/) by period: the period switch, the unit filter, the charts' data, the
top-10 tables with "Xem tất cả", the signals with their evidence, a unit head's own signals."""

import json
import re

import pytest

from congvu.oversight.periods import quarter
from congvu.oversight.signals import evidence, signals_by_unit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("at_morning")]
Q1 = "ky=quy&quy=1&nam=2026"
SIGNAL_LINK = re.compile(r'<a class="cv-signal" data-signal="(\w+)" href="([^"]+)">(\d+)</a>')
ITEM_LINK = re.compile(r'<a href="/cong-viec/(\d+)/" class="cv-item-link">')


def chart_data(html: str) -> dict:
    return json.loads(html.split('id="cv-chart-data" type="application/json">')[1].split("</script>")[0])


def test_the_default_period_is_the_current_month_and_the_switch_changes_the_numbers(province, busy, client_of):
    inspector = client_of(province.inspector)
    march = inspector.get("/tong-hop/").content.decode()
    assert "Tháng 03/2026" in march
    quarter_page = inspector.get(f"/tong-hop/?{Q1}").content.decode()
    assert "Quý I/2026" in quarter_page and 'id="period-previous" href="?ky=quy&amp;quy=4&amp;nam=2025"' in quarter_page
    assert len(chart_data(quarter_page)["trend"]["labels"]) == 3  # January to March
    assert len(chart_data(march)["trend"]["labels"]) == 12  # a month: the twelve months up to it
    assert 'src="/static/vendor/chartjs-4.6.1/chart.umd.min.js"' in march and "<script>" not in march


def test_a_period_that_cannot_be_read_says_so_and_shows_the_current_month(province, client_of):
    page = client_of(province.inspector).get("/tong-hop/?ky=tuan").content.decode()
    assert "tuan" in page and "Tháng 03/2026" in page


def test_a_period_without_work_says_so_and_links_the_previous_one(province, busy, client_of):
    """On the 1st of a month the current month is still empty: the page says why its charts are blank."""
    inspector = client_of(province.inspector)
    empty = inspector.get("/tong-hop/?ky=thang&thang=1&nam=2020").content.decode()
    assert 'id="empty-period"' in empty and 'href="?ky=thang&amp;thang=12&amp;nam=2019"' in empty
    assert 'id="empty-period"' not in inspector.get(f"/tong-hop/?{Q1}").content.decode()


def test_the_unit_filter_narrows_every_table(province, busy, client_of):
    page = client_of(province.inspector).get(f"/tong-hop/?{Q1}&don-vi={province.construction.pk}").content.decode()
    figures = page.split('id="figures"')[1].split("</section>")[0]
    assert "Sở Xây dựng" in figures and "Sở Tài chính" not in figures


def test_each_signal_number_opens_exactly_its_evidence(province, busy, client_of):
    inspector = client_of(province.inspector)
    page = inspector.get(f"/tong-hop/dau-hieu/?{Q1}").content.decode()
    links = SIGNAL_LINK.findall(page)
    assert {code for code, _, _ in links} >= {"own_transfer", "upward", "deemed", "extension_self", "step_delay"}
    for code, url, number in links:
        listed = inspector.get(url.replace("&amp;", "&")).content.decode()
        assert f'<span class="cv-evidence-number">{number}</span>' in listed, (code, url)
    own = evidence("own_transfer", quarter(2026, 1), province.construction.pk)
    assert own and f"/cong-viec/{busy.refused.pk}/" in inspector.get(
        f"/tong-hop/dau-hieu/chuyen-viec-cua-minh/?{Q1}&don-vi={province.construction.pk}").content.decode()


def test_the_index_formula_and_weights_are_on_the_page(province, busy, client_of):
    page = client_of(province.inspector).get(f"/tong-hop/?{Q1}").content.decode()
    formula = page.split('id="avoidance-formula"')[1].split("</details>")[0]
    assert "100 ×" in formula and "<td class=\"text-end\">40</td>" in formula  # returns found wrong weigh 40
    index = signals_by_unit(quarter(2026, 1))[0].index
    assert f'<td class="text-end fw-semibold cv-index">{index:.1f}'.replace(".", ",") in page


def test_see_all_opens_the_full_tables(province, busy, client_of):
    inspector = client_of(province.inspector)
    page = inspector.get(f"/tong-hop/?{Q1}").content.decode()
    assert f'href="/tong-hop/dau-hieu/?{Q1.replace("&", "&amp;")}"' in page
    assert f'href="/tong-hop/tu-choi/?{Q1.replace("&", "&amp;")}"' in page
    refusals = inspector.get(f"/tong-hop/tu-choi/?{Q1}").content.decode()
    assert "R-2.1-OWN-COMPETENCE-TRANSFER" in refusals and "R-1.4-OWN-AUTHORITY-SUBMISSION" in refusals


def test_a_unit_head_sees_only_their_own_units_signals(province, busy, client_of):
    head = client_of(province.construction_head)
    page = head.get(f"/tong-hop/dau-hieu/?{Q1}").content.decode()
    table = page.split('id="avoidance-signals"')[1].split("</section>")[0]
    assert "Sở Xây dựng" in table and "Sở Giao thông vận tải" not in table
    other = head.get(f"/tong-hop/dau-hieu/coi-nhu-dong-y/?{Q1}&don-vi={province.transport.pk}").content.decode()
    assert busy.consulted.title not in other  # Transport's deemed agreement is not Construction's to see
    assert head.get("/tong-hop/").status_code == 403
    assert client_of(province.construction_officer).get("/tong-hop/dau-hieu/").status_code == 403
