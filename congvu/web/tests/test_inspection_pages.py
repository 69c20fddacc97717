"""The inspection pages (clause 1.6) as Home Affairs, the inspected unit's head and the official a
finding is about: the draw shows its seed and how to reproduce it, the inspected unit sees nothing
before the decision, a finding is recorded from the items of the trail."""

from datetime import datetime, time, timedelta

import pytest

from congvu.documents.layout import problems, read_back
from congvu.lib import clock
from congvu.lib.workdays import TZ
from congvu.oversight import inspections
from congvu.oversight.models_inspections import Inspection, MeasureKind
from congvu.oversight.tests.makers_inspections import drawn_surprise, opened_with_finding
from congvu.testing import working_item

pytestmark = pytest.mark.django_db


def test_home_affairs_draws_a_surprise_inspection_and_the_page_shows_how_to_reproduce_it(province, client_of,
                                                                                         at_morning):
    client = client_of(province.inspector)
    assert "draw-form" in client.get("/kiem-tra/dot-xuat/").text
    response = client.post("/kiem-tra/dot-xuat/", {
        "title": "Kiểm tra đột xuất tháng 3", "period_from": "01/01/2026", "period_to": "28/02/2026",
        "units": "2", "officials": "2", "items": "3", "seed": "c0ffee"})
    inspection = Inspection.objects.get()
    assert response.status_code == 302 and response.url == f"/kiem-tra/{inspection.pk}/"
    page = client.get(response.url).text
    assert 'id="draw-seed">c0ffee<' in page and inspection.population_digest in page
    assert "--seed c0ffee --units 2 --officials 2 --items 3" in page
    population = client.get(f"/kiem-tra/{inspection.pk}/quan-the/")
    assert population.status_code == 200 and "units\t" in population.content.decode()


def test_the_inspected_head_finds_nothing_before_the_decision_and_the_inspection_after(province, client_of,
                                                                                       at_morning):
    inspection = drawn_surprise(province)
    head = client_of(province.construction_head)
    assert head.get(f"/kiem-tra/{inspection.pk}/").status_code == 404
    assert inspection.title not in head.get("/kiem-tra/").text
    assert client_of(province.inspector).post(f"/kiem-tra/{inspection.pk}/mo/").status_code == 302
    page = head.get(f"/kiem-tra/{inspection.pk}/").text
    assert "Quyết định số 01/QĐ-SNV" in page and "draw-seed" not in page
    assert head.get(f"/kiem-tra/{inspection.pk}/quan-the/").status_code == 404
    decision = head.get(f"/kiem-tra/{inspection.pk}/van-ban/quyet-dinh/")
    assert decision.status_code == 200 and problems(read_back(decision.content)) == []


def test_a_finding_is_recorded_from_items_of_the_trail_and_its_official_sees_it(province, client_of, at_morning):
    inspection = opened_with_finding(province)
    item = working_item(province, subject="Hồ sơ chậm")
    client = client_of(province.inspector)
    refused = client.post(f"/kiem-tra/{inspection.pk}/phat-hien/", {
        "category": "avoiding", "unit": province.construction.pk, "summary": "Đùn đẩy", "items": "abc"})
    assert refused.status_code == 400
    done = client.post(f"/kiem-tra/{inspection.pk}/phat-hien/", {
        "category": "avoiding", "unit": province.construction.pk, "official": province.construction_head.pk,
        "summary": "Chuyển việc thuộc thẩm quyền", "items": f"{item.pk}"})
    assert done.status_code == 302
    page = client.get(done.url).text
    assert f'href="/cong-viec/{item.pk}/"' in page and "Chuyển việc thuộc thẩm quyền" in page
    officer_page = client_of(province.construction_officer).get(f"/kiem-tra/{inspection.pk}/").text
    assert "Giữ hồ sơ quá hạn không báo cáo" in officer_page and "Chuyển việc thuộc thẩm quyền" not in officer_page
    assert "Phát hiện về đồng chí" in client_of(province.construction_officer).get("/kiem-tra/").text


def test_a_measure_past_its_follow_up_deadline_is_flagged_with_a_labelled_form(province, client_of, at_morning):
    """After the conclusion Home Affairs chases the measures: one still pending after its deadline
    says so, and the follow-up form says what to write."""
    inspection = opened_with_finding(province)
    measure = inspections.decide_measure(inspection.findings.get(), actor=province.inspector,
                                         kind=MeasureKind.REMINDER, days=10)
    inspections.conclude(inspection, actor=province.inspector, conclusion="Chấn chỉnh việc giữ hồ sơ.")
    on_time = client_of(province.inspector).get(f"/kiem-tra/{inspection.pk}/").text
    assert "cv-follow-up-late" not in on_time and 'placeholder="Kết quả thực hiện"' in on_time
    with clock.travel_to(datetime.combine(measure.due_on + timedelta(days=1), time(9), tzinfo=TZ)):
        late = client_of(province.inspector).get(f"/kiem-tra/{inspection.pk}/").text
    assert "Quá hạn theo dõi" in late


def test_only_home_affairs_acts_on_an_inspection(province, client_of, at_morning):
    inspection = opened_with_finding(province)
    head = client_of(province.construction_head)
    assert head.post(f"/kiem-tra/{inspection.pk}/ket-luan/", {"conclusion": "x"}).status_code == 403
    assert head.get("/kiem-tra/dot-xuat/").status_code == 403
    inspector = client_of(province.inspector)
    assert inspector.post(f"/kiem-tra/{inspection.pk}/ket-luan/", {"conclusion": "Kết luận"}).status_code == 302
    conclusion = inspector.get(f"/kiem-tra/{inspection.pk}/van-ban/ket-luan/")
    assert conclusion.status_code == 200 and problems(read_back(conclusion.content)) == []


def test_home_affairs_has_the_inspections_in_its_menu(province, client_of, at_morning):
    def nav(official) -> str:
        return client_of(official).get("/").text.split('id="cv-nav"')[1].split('class="navbar-text')[0]

    assert 'href="/kiem-tra/"' in nav(province.inspector)
    assert 'href="/kiem-tra/"' not in nav(province.construction_officer)


def test_a_unit_head_finds_their_units_signals_and_inspections_in_the_menu(province, client_of, at_morning):
    """Issue 10: a head follows their own unit's signals and inspections; an officer has their record."""
    def nav(official) -> str:
        return client_of(official).get("/").text.split('id="cv-nav"')[1].split('class="navbar-text')[0]

    head = nav(province.construction_head)
    assert 'href="/tong-hop/dau-hieu/"' in head and 'href="/kiem-tra/"' in head
    assert client_of(province.construction_head).get("/tong-hop/dau-hieu/").status_code == 200
    assert 'href="/tong-hop/dau-hieu/"' not in nav(province.construction_officer)
