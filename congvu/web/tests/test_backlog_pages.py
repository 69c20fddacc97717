"""The backlog review's pages: Home Affairs opens a round and sees progress per unit; the holding
unit's head records a plan for each listed item; the official named sees the plan; the trail's XES
export is offered to Home Affairs."""

from datetime import date

import pytest

from congvu.oversight.models_backlog import BacklogEntry, BacklogRound
from congvu.oversight.tests.makers_backlog import opened_round

pytestmark = pytest.mark.django_db


def test_home_affairs_opens_a_round_from_the_page(province, busy, at_morning, client_of):
    response = client_of(province.inspector).post("/ra-soat-ton-dong/mo-dot/", {
        "title": "Rà soát quý I/2026", "cutoff": "03/03/2026", "plans_due": "10/03/2026", "long_running_days": "30"})
    round_ = BacklogRound.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/ra-soat-ton-dong/{round_.pk}/"
    assert round_.entries.filter(item=busy.overdue).exists()
    page = client_of(province.inspector).get(response["Location"]).content.decode()
    assert "Sở Xây dựng" in page and 'id="backlog-progress"' in page


def test_a_bad_date_is_refused_beside_its_field_and_nothing_is_opened(province, busy, at_morning, client_of):
    response = client_of(province.inspector).post("/ra-soat-ton-dong/mo-dot/", {
        "title": "Rà soát", "cutoff": "31/02/2026", "plans_due": "10/03/2026", "long_running_days": "30"})
    assert response.status_code == 400 and not BacklogRound.objects.exists()


def test_the_head_records_a_plan_and_the_named_official_sees_it(province, busy, at_morning, client_of):
    round_ = opened_round(province)
    entry = round_.entries.get(item=busy.overdue)
    head = client_of(province.construction_head)
    page = head.get(f"/ra-soat-ton-dong/{round_.pk}/").content.decode()
    assert f'action="/ra-soat-ton-dong/muc/{entry.pk}/ke-hoach/"' in page
    prefix = f"e{entry.pk}-"
    response = head.post(f"/ra-soat-ton-dong/muc/{entry.pk}/ke-hoach/", {
        prefix + "decision_date": "20/03/2026", prefix + "cause": "dossier",
        prefix + "responsible": province.construction_officer.pk, prefix + "note": "Chờ chủ đầu tư bổ sung"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.decision_date == date(2026, 3, 20) and entry.responsible == province.construction_officer
    officer_page = client_of(province.construction_officer).get(f"/ra-soat-ton-dong/{round_.pk}/").content.decode()
    assert "Chờ chủ đầu tư bổ sung" in officer_page and "ke-hoach" not in officer_page
    assert client_of(province.finance_head).get(f"/ra-soat-ton-dong/{round_.pk}/").status_code == 404


def test_a_plan_with_a_past_date_comes_back_with_the_reason(province, busy, at_morning, client_of):
    round_ = opened_round(province)
    entry = round_.entries.get(item=busy.overdue)
    prefix = f"e{entry.pk}-"
    response = client_of(province.construction_head).post(f"/ra-soat-ton-dong/muc/{entry.pk}/ke-hoach/", {
        prefix + "decision_date": "01/03/2026", prefix + "cause": "workload",
        prefix + "responsible": province.construction_officer.pk})
    assert response.status_code == 400 and "không được trước hôm nay" in response.content.decode()
    assert not BacklogEntry.objects.get(pk=entry.pk).has_plan


def test_home_affairs_downloads_the_trail_as_xes(province, busy, at_morning, client_of):
    response = client_of(province.inspector).get("/tong-hop/nhat-ky.xes?from=01/01/2026&to=03/03/2026")
    body = b"".join(response.streaming_content).decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    assert 'filename="congvu-nhat-ky-20260101-20260303.xes"' in response["Content-Disposition"]
    assert "<trace>" in body and province.construction_officer.full_name not in body
    assert client_of(province.inspector).get("/tong-hop/nhat-ky.xes?from=hom-qua").status_code == 400
    assert 'id="xes-link"' in client_of(province.inspector).get("/tong-hop/").content.decode()
