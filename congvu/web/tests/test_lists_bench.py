"""The list benchmark's synthetic province (`congvu listbench`) is valid data — the timings would mean
nothing on rows the list could not show — and the measured pages answer with rows."""

import pytest

from congvu.lib import clock
from congvu.ops import listbench
from congvu.ops.province import build_synthetic
from congvu.work.access import visible_items
from congvu.work.models import OPEN_STATES, IncomingDocument, State, Step, WorkItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def synthetic():
    with clock.travel_to(listbench.NOW):
        org = build_synthetic(inspectors=1)
        listbench.fill(org, 400)
        yield org, org.inspectors[0]


def test_every_synthetic_item_has_its_document_and_exactly_one_step(synthetic):
    assert WorkItem.objects.count() == Step.objects.count() == IncomingDocument.objects.count() == 400
    assert not WorkItem.objects.filter(incoming__isnull=True).exists()
    open_steps = Step.objects.filter(ended_at__isnull=True)
    assert open_steps.count() == WorkItem.objects.filter(state__in=OPEN_STATES).count()
    assert not WorkItem.objects.filter(state=State.COMPLETED, completed_at__isnull=True).exists()
    assert not WorkItem.objects.exclude(holder_unit_id__in=[u.pk for u in synthetic[0].units]).exists()


def test_the_synthetic_deadlines_are_the_end_of_their_due_day(synthetic):
    from congvu.work.deadlines import end_of_local_day

    for item in WorkItem.objects.all()[:50]:
        assert item.due_at == end_of_local_day(item.due_date)


def test_the_id_sequences_continue_after_the_bulk_insert(synthetic):
    org, _ = synthetic
    from congvu.work import actions

    with clock.travel_to(listbench.NOW):
        item = actions.register_incoming(actor=org.clerks[0], unit=org.units[0], matter_type=org.matter_types[0],
                                         sender="Công ty", subject="Hồ sơ mới sau khi nạp dữ liệu")
    assert item.pk == 401


def test_the_measured_pages_answer_with_rows_for_both_readers(synthetic):
    org, inspector = synthetic
    officer, unit = org.officers[7][0], org.units[7]
    with clock.travel_to(listbench.NOW):
        for official, visible in ((officer, visible_items(officer).count()), (inspector, 400)):
            wall, cpu, rows = listbench.measure(official, unit, visible)
            assert rows["first_page"] == min(25, visible) and rows["deep_page"] > 0 and rows["open_list"] > 0
            assert rows["common_word"] > 0 and rows["middle_page"] > 0
            assert all(ms > 0 for ms in wall.values()) and set(cpu) == set(wall)


def test_the_existing_database_is_measured_with_words_and_dates_that_find_rows(synthetic):
    with clock.travel_to(listbench.NOW):
        result = listbench.on_existing()
    assert set(result.rows) == {"officer", "home_affairs"}
    assert set(result.pages["dashboard"]) == {"tong_hop", "so_lieu"}
    assert all(count > 0 for page in result.rows.values() for count in page.values()), result.rows
