"""The record trail of Home Affairs' cases: every change to a directive or a citizen's report is an
event chained by hash, sealed by the sweep, and `congvu audit verify` names a case whose record was
altered or cut short — as it does for a work item's trail."""

import pytest
from django.core.management import CommandError, call_command

from congvu.oversight import directives, public_reports
from congvu.oversight.models_record import Record, RecordEvent
from congvu.oversight.record import record_events_of, seal_records, verify_records
from congvu.oversight.tests.makers import assigned_report, sent_directive


def test_a_directive_keeps_its_registration_sending_and_each_acknowledgement_in_one_chain(province, at_morning):
    directive = sent_directive(province)
    directives.acknowledge(directive, actor=province.construction_officer)
    events = list(record_events_of(directive))
    assert [e.kind for e in events] == ["directive_registered", "directive_sent", "directive_acknowledged"]
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[1].prev_hash == events[0].hash and events[2].prev_hash == events[1].hash
    assert events[2].actor == province.construction_officer and events[2].unit == province.construction
    assert list(verify_records()) == []


def test_a_citizens_report_keeps_each_step_but_never_the_reporters_contact(province, at_morning):
    report = assigned_report(province)
    public_reports.answer_report(report, actor=province.construction_head, answer="Đã chấn chỉnh cán bộ một cửa.")
    events = list(record_events_of(report))
    assert [e.data["state"] for e in events] == ["received", "assigned", "answered"]
    assert all("0905" not in str(e.data) and "Nguyễn Thị Dân" not in str(e.data) for e in events)


def test_an_edited_event_is_named_by_verify_and_by_the_audit_command(province, at_morning):
    directive = sent_directive(province)
    RecordEvent.objects.filter(record__subject_id=directive.pk, seq=1).update(data={"notation": "khác"})
    assert [f.problem for f in verify_records()] == ["nội dung sự kiện số 1 đã bị sửa"]
    with pytest.raises(CommandError, match="oversight.directive"):
        call_command("audit", "verify")


def test_a_last_event_cut_off_is_caught_by_the_head_and_a_rewritten_head_by_the_seal(province, at_morning):
    directive = sent_directive(province)
    assert seal_records() is not None and seal_records() is None  # nothing moved since
    RecordEvent.objects.filter(record__subject_id=directive.pk, seq=2).delete()
    assert any("đầu chuỗi ghi 2 sự kiện nhưng chuỗi có 1" in f.problem for f in verify_records())
    head = Record.objects.get(subject_id=directive.pk)
    Record.objects.filter(pk=head.pk).update(event_count=1, last_hash=RecordEvent.objects.get(record=head).hash)
    assert [f.problem for f in verify_records()] == ["sự kiện số 2 đã niêm phong không còn nguyên vẹn"]


def test_two_cases_keep_two_chains(province, at_morning):
    first, second = sent_directive(province), sent_directive(province)
    assert Record.objects.count() == 2
    assert [e.seq for e in record_events_of(second)] == [1, 2]
    assert record_events_of(first)[0].hash != record_events_of(second)[0].hash
