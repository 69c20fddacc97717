"""One bad row cannot stop the province's sweeps: each part runs on its own, each row of a part on
its own; the failure is logged and reported (`congvu sweep` exits non-zero), and everything else of
the round is done — deemed agreements, notice files, reminders and the trail seal."""

import io
from datetime import datetime

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from congvu.consult import actions as consult
from congvu.consult import sweep as consult_sweep
from congvu.consult.models import Consultation, ConsultationRequest, Notice, RequestState
from congvu.documents import notices
from congvu.documents.letters import render_docx
from congvu.lib import clock
from congvu.lib.isolation import RowsFailed
from congvu.lib.workdays import TZ
from congvu.ops.sweep import run_all
from congvu.testing import MORNING, working_item  # MORNING: asked then, due 10/03 24:00
from congvu.work import trail
from congvu.work.models import Seal

EARLIER = datetime(2026, 2, 24, 9, 0, tzinfo=TZ)    # asked then, the replies were due by 03/03 24:00
MONDAY = datetime(2026, 3, 9, 8, 0, tzinfo=TZ)      # the round: two to deem, one to remind
POISON = "GÂY LỖI"


def consulted(p, question: str, units=None) -> Consultation:
    item = working_item(p, subject=question)
    return consult.ask(item, actor=p.construction_officer, units=units or [p.finance], question=question)


@pytest.fixture
def round_due(province):
    """Two consultations past their deadline (one poisoned by the test) and one to remind about."""
    with clock.travel_to(EARLIER):
        good = consulted(province, "Ý kiến về chỉ tiêu sử dụng đất")
        poisoned = consulted(province, f"Ý kiến về giá đất {POISON}")
    with clock.travel_to(MORNING):
        to_remind = consulted(province, "Ý kiến về hạ tầng giao thông", [province.transport])
    return good, poisoned, to_remind


def request_of(consultation: Consultation) -> ConsultationRequest:
    return ConsultationRequest.objects.get(consultation=consultation)


def deem_and_sign(p) -> None:
    """The round's deemed agreements, their drafts signed by Construction's head that morning."""
    with clock.travel_to(MONDAY):
        consult_sweep.deem_overdue()
        for notice in Notice.objects.order_by("id"):
            consult.sign_notice(notice, actor=p.construction_head)


def sweep_command() -> tuple[list[str], CommandError | None]:
    out = io.StringIO()
    try:
        call_command("sweep", stdout=out)
        error = None
    except CommandError as failed:
        error = failed
    return out.getvalue().splitlines(), error


def test_a_notice_that_cannot_be_rendered_stops_neither_reminders_nor_the_seal(province, round_due, monkeypatch):
    good, poisoned, to_remind = round_due

    def renderer_failing_on_the_poisoned(letter):
        if any(POISON in paragraph for paragraph in letter.paragraphs):
            raise RuntimeError("the renderer fails on this one")
        return render_docx(letter)

    monkeypatch.setattr(notices, "render_docx", renderer_failing_on_the_poisoned)
    deem_and_sign(province)
    with clock.travel_to(MONDAY):
        lines, error = sweep_command()
    failed_notice = Notice.objects.get(request__consultation=poisoned)
    assert error is not None and error.returncode == 1
    assert lines[0] == "coi như đồng ý: 0 yêu cầu"
    # The round's notice step writes both signed files: the good one, and not the poisoned one.
    assert lines[1].startswith("LỖI tạo tệp thông báo: 1 xong, LỖI 1") and f"thông báo #{failed_notice.pk}" in lines[1]
    assert lines[2].startswith("thông báo PDF đã ký: ") and lines[3].startswith("thông báo gửi trục: ")
    assert lines[4].startswith("văn bản ban hành PDF đã ký: ") and lines[5] == "văn bản ban hành gửi trục: 0"
    assert lines[6] == "trạng thái edXML gửi trục: 0"
    assert lines[7] == "nhắc hạn xin ý kiến: 1" and lines[8] == "nhắc ký thông báo: 0"
    assert lines[9].startswith("niêm phong #")
    assert Notice.objects.get(request__consultation=good).file and not failed_notice.file
    assert request_of(to_remind).reminded_at is not None
    assert Seal.objects.exists()


def test_a_part_that_fails_whole_is_reported_and_the_parts_after_it_still_run(province, round_due, monkeypatch):
    def broken() -> int:
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(consult_sweep, "deem_overdue", broken)
    with clock.travel_to(MONDAY):
        lines, error = sweep_command()
    assert error is not None
    assert lines[0] == "LỖI deem_agreements: RuntimeError: database hiccup"
    assert lines[2].startswith("thông báo PDF đã ký: ") and lines[3].startswith("thông báo gửi trục: ")
    assert lines[4].startswith("văn bản ban hành PDF đã ký: ") and lines[5] == "văn bản ban hành gửi trục: 0"
    assert lines[6] == "trạng thái edXML gửi trục: 0"
    assert lines[7] == "nhắc hạn xin ý kiến: 1" and lines[9].startswith("niêm phong #")
    assert lines[11].startswith("số liệu theo kỳ tính sẵn: ")  # the figure rollups, before the published figures
    assert lines[12].startswith("dấu hiệu theo ngày tính sẵn: ")  # the signals' day counters
    assert all(line.startswith("LỖI") == (index == 0) for index, line in enumerate(lines))


def test_a_request_that_cannot_be_settled_leaves_the_others_of_its_batch_deemed_agreed(
        province, round_due, monkeypatch):
    good, poisoned, _ = round_due
    real = consult_sweep.responsibility_row

    def responsibility_failing_on_the_poisoned(request, *args, **kwargs):
        if request.item_id == poisoned.item_id:  # the sweep passes rows of requests, not instances
            raise RuntimeError("cannot record this responsibility")
        return real(request, *args, **kwargs)

    monkeypatch.setattr(consult_sweep, "responsibility_row", responsibility_failing_on_the_poisoned)
    with clock.travel_to(MONDAY), pytest.raises(RowsFailed) as partial:
        consult_sweep.deem_overdue()
    assert partial.value.done == 1 and partial.value.failed == [f"công việc #{poisoned.item_id}"]
    assert request_of(good).state == RequestState.DEEMED_AGREED
    assert request_of(poisoned).state == RequestState.PENDING  # rolled back whole, tried again next round
    assert Notice.objects.get().request == request_of(good)  # the poisoned one left no draft
    assert trail.verify() == []  # the good item's chain was written from its true head
    monkeypatch.setattr(consult_sweep, "responsibility_row", real)
    with clock.travel_to(MONDAY):
        assert consult_sweep.deem_overdue() == 1
    assert request_of(poisoned).state == RequestState.DEEMED_AGREED and trail.verify() == []


def test_a_reminder_that_fails_is_rolled_back_and_the_others_are_sent(province, monkeypatch):
    with clock.travel_to(MORNING):
        good = consulted(province, "Ý kiến về chỉ tiêu sử dụng đất")
        poisoned = consulted(province, f"Ý kiến về giá đất {POISON}")
    real = consult_sweep.notify

    def notify_failing_on_the_poisoned(officials, text, url=""):
        if POISON in text:
            raise RuntimeError("mail header")
        real(officials, text, url)

    monkeypatch.setattr(consult_sweep, "notify", notify_failing_on_the_poisoned)
    with clock.travel_to(MONDAY), pytest.raises(RowsFailed) as partial:
        consult_sweep.remind()
    assert partial.value.done == 1 and partial.value.failed == [f"yêu cầu #{request_of(poisoned).pk}"]
    assert request_of(good).reminded_at is not None and request_of(poisoned).reminded_at is None


def test_a_question_holding_a_control_character_no_longer_breaks_the_round(province, round_due):
    # Stored before the entry check existed: written behind the actions' back.
    _, poisoned, _ = round_due
    Consultation.objects.filter(pk=poisoned.pk).update(question="Ý kiến về giá đất\x01 khu\x1b tái định cư")
    deem_and_sign(province)
    with clock.travel_to(MONDAY):
        reports = run_all()
    assert all(report.ok for report in reports), [report.line for report in reports]
    notice = Notice.objects.get(request__consultation=poisoned)
    text = "\n".join(p.text for p in Document(io.BytesIO(notice.file.read())).paragraphs)
    assert "Ý kiến về giá đất khu tái định cư" in text
