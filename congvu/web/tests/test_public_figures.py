"""The published figures (`/cong-khai/`): anyone, without signing in, sees each unit's figures for the
last closed month, quarter or year, the ranking with its formula, and the directives' register, as a
page, CSV and JSON — and no official's name anywhere."""

import json
from datetime import date
from unittest import mock

import pytest
from django.test import Client

from congvu.org.models import Official
from congvu.oversight import public_figures
from congvu.oversight.periods import Period
from congvu.oversight.public_figures import index_of, last_closed, published
from congvu.oversight.tests.makers import sent_directive

pytestmark = pytest.mark.django_db
FEBRUARY = Period("month", date(2026, 2, 1), date(2026, 2, 28))
JANUARY = Period("month", date(2026, 1, 1), date(2026, 1, 31))


@pytest.mark.parametrize(("kind", "today", "since", "until", "label"), [
    ("month", date(2026, 3, 3), date(2026, 2, 1), date(2026, 2, 28), "Tháng 02/2026"),
    ("month", date(2026, 1, 1), date(2025, 12, 1), date(2025, 12, 31), "Tháng 12/2025"),
    ("quarter", date(2026, 3, 3), date(2025, 10, 1), date(2025, 12, 31), "Quý IV/2025"),
    ("quarter", date(2026, 8, 20), date(2026, 4, 1), date(2026, 6, 30), "Quý II/2026"),
    ("year", date(2026, 3, 3), date(2025, 1, 1), date(2025, 12, 31), "Năm 2025"),
])
def test_the_last_closed_period_ended_before_today(kind, today, since, until, label):
    period = last_closed(kind, today)
    assert (period.start, period.end, period.label_vi) == (since, until, label)


def test_the_index_weighs_on_time_overdue_and_replies_as_the_page_says():
    assert index_of(on_time=3, late=1, overdue=0, received=4, deemed=0, due=0) == 87.5  # 50×¾ + 30 + 20
    assert index_of(on_time=0, late=0, overdue=2, received=2, deemed=1, due=2) == 60.0  # 50 + 0 + 10
    assert index_of(on_time=0, late=0, overdue=0, received=0, deemed=0, due=0) == 100.0


def test_each_unit_counts_the_work_it_received_in_the_month_as_it_stood_at_the_months_end(
        province, busy, at_morning):
    january = {f.unit_id: f for f in published(JANUARY)}
    construction = january[province.construction.pk]
    # registered in January: the school permit was completed on 15/01; the rest were open on 31/01
    assert construction.on_time == 1 and construction.late == 0
    c = construction
    assert c.received == c.on_time + c.late + c.within + c.overdue
    assert january[province.transport.pk].deemed == 1  # silent on the industrial park, due in January
    assert (january[province.finance.pk].deemed, january[province.finance.pk].consultations_due) == (0, 1)
    assert january[province.finance.pk].index > january[province.transport.pk].index
    february = {f.unit_id: f for f in published(FEBRUARY)}
    assert february[province.construction.pk].received == 1  # the land-price appraisal, 27/02
    ranks = [f.rank for f in published(JANUARY)]
    assert ranks == sorted(ranks) and ranks[0] == 1


def test_a_closed_periods_figures_are_computed_once_and_then_read_from_the_cache(province, busy, at_morning):
    with mock.patch.object(public_figures, "compute", wraps=public_figures.compute) as computed:
        first = published(FEBRUARY)
        again = published(FEBRUARY)
    assert computed.call_count == 1 and first == again


def test_the_sweep_computes_the_periods_that_closed_once_and_pages_then_only_read(province, busy, at_morning):
    from congvu.ops.sweep import warm_public_figures

    assert warm_public_figures() == "số liệu công khai tính sẵn: 3 kỳ"
    assert warm_public_figures() == "số liệu công khai tính sẵn: 0 kỳ"
    with mock.patch.object(public_figures, "compute") as computed:
        assert Client().get("/cong-khai/?ky=quy").status_code == 200
    computed.assert_not_called()


@pytest.mark.parametrize("kind", ["thang", "quy", "nam"])
def test_anyone_sees_the_page_csv_and_json_and_no_officials_name_is_in_them(province, busy, at_morning, kind):
    sent_directive(province)
    client = Client()
    page = client.get(f"/cong-khai/?ky={kind}")
    csv_file = client.get(f"/cong-khai/so-lieu.csv?ky={kind}")
    data = client.get(f"/cong-khai/so-lieu.json?ky={kind}")
    assert page.status_code == csv_file.status_code == data.status_code == 200
    texts = [page.content.decode(), csv_file.content.decode("utf-8-sig"), data.content.decode()]
    assert "280/CĐ-TTg" in texts[0] and "Cách tính chỉ số" in texts[0]
    for official in Official.objects.all():
        for text in texts:
            assert official.full_name not in text
    assert json.loads(texts[2])["period"]["kind"] == kind


def test_the_page_names_february_and_its_units_in_vietnamese(province, busy, at_morning):
    page = Client().get("/cong-khai/", headers={"Accept-Language": "en"})
    text = page.content.decode()
    assert page["Content-Language"] == "vi" and "Tháng 02/2026" in text and "Sở Xây dựng" in text
    assert 'id="public-figures-data"' in text and "public_charts" in text
    assert "public" in page["Cache-Control"]


def test_the_json_carries_every_column_and_the_formula(province, busy, at_morning):
    body = Client().get("/cong-khai/so-lieu.json").json()
    assert body["period"] == {"kind": "thang", "label": "Tháng 02/2026", "from": "2026-02-01", "to": "2026-02-28"}
    construction = next(u for u in body["units"] if u["unit_id"] == province.construction.pk)
    assert set(construction) >= {"unit_name", "received", "on_time", "late", "within", "overdue", "deemed", "index",
                                 "rank"}
    assert "Chỉ số" in body["formula"]


def test_a_directives_file_is_published_with_the_register(province, at_morning):
    directive = sent_directive(province)
    response = Client().get(f"/cong-khai/chi-dao/{directive.pk}/tep/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
