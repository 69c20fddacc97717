"""The trail exported as XES (IEEE 1849-2016) is read back by a real process-mining library (PM4Py):
one case per item, its events in order with activity, time and pseudonymous resource; no names."""

from datetime import date

import pytest

from congvu.documents.xes import Selection, write_xes
from congvu.work.models import Event

pytestmark = pytest.mark.django_db
pm4py = pytest.importorskip("pm4py")

MONTHS = Selection(date(2026, 1, 1), date(2026, 3, 31))


def exported(tmp_path, selection: Selection = MONTHS):
    path = tmp_path / "log.xes"
    path.write_text("".join(write_xes(selection)), encoding="utf-8")
    return path


def test_pm4py_reads_one_case_per_item_with_its_events_in_order(province, busy, at_morning, tmp_path):
    log = pm4py.read_xes(str(exported(tmp_path)))
    assert set(log["case:concept:name"]) == {str(pk) for pk in
                                             Event.objects.values_list("item_id", flat=True).distinct()}
    overdue = log[log["case:concept:name"] == str(busy.overdue.pk)]
    trail = list(Event.objects.filter(item=busy.overdue).order_by("seq"))
    assert list(overdue["concept:name"]) == [e.kind for e in trail]
    assert [t.to_pydatetime() for t in overdue["time:timestamp"]] == [e.at for e in trail]
    assert set(overdue["org:resource"].dropna()) <= {f"CB-{e.actor_id}" for e in trail}
    assert set(overdue["org:group"]) == {"Sở Xây dựng"}


def test_a_refused_attempt_is_an_aborted_event_with_its_rule(province, busy, at_morning, tmp_path):
    log = pm4py.read_xes(str(exported(tmp_path)))
    refused = log[(log["case:concept:name"] == str(busy.refused.pk)) & (log["concept:name"] == "refused")]
    assert list(refused["lifecycle:transition"]) == ["ate_abort"]
    assert list(refused["rule"]) == ["R-2.1-OWN-COMPETENCE-TRANSFER"]


def test_a_units_log_holds_only_the_work_it_leads_and_no_names(province, busy, at_morning, tmp_path):
    path = exported(tmp_path, Selection(date(2026, 1, 1), date(2026, 3, 31), province.finance))
    text = path.read_text(encoding="utf-8")
    log = pm4py.read_xes(str(path))
    assert set(log["case:concept:name"]) == {str(busy.fresh_finance.pk)}
    for official in (province.finance_head, province.construction_officer, province.inspector):
        assert official.full_name not in text


def test_a_period_without_work_is_a_valid_empty_log(province, tmp_path):
    text = exported(tmp_path, Selection(date(2020, 1, 1), date(2020, 1, 31))).read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>') and "<trace>" not in text
    assert text.rstrip().endswith("</log>")


def test_the_command_writes_the_same_log_for_a_long_period(province, busy, at_morning, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "nam.xes"
    call_command("xes", "--from", "01/01/2026", "--to", "03/03/2026", "--unit", "sxd", "--output", str(path))
    log = pm4py.read_xes(str(path))
    assert str(busy.overdue.pk) in set(log["case:concept:name"])
    assert str(busy.fresh_finance.pk) not in set(log["case:concept:name"])
