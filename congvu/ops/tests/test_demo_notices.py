"""The demo's notices stand up legally (issue 9): every notice it issues is signed by the asking
unit's head or a deputy, numbered in the unit's outgoing register, dated on a working day, and its
.docx passes the Decree 30 layout read back with python-docx. The demo also shows a consultation
sent back, a late reply with its notice, and drafts still waiting for a signature."""

import pytest

from congvu.consult.models import ConsultationRequest, Notice, RequestState
from congvu.documents import notices
from congvu.documents.layout import problems, read_back
from congvu.lib import clock
from congvu.ops.demo import build_demo
from congvu.registry.queries import current_calendar
from congvu.testing import MORNING


@pytest.fixture
def demo(db, media_in_tmp):
    with clock.travel_to(MORNING):
        return build_demo(items=150, seed=2230)


def test_every_notice_the_demo_issues_is_dated_on_a_working_day_and_passes_the_decree_30_layout(demo):
    signed = Notice.objects.filter(number__isnull=False).select_related("unit", "request__unit")
    assert signed.count() >= 3
    calendar = current_calendar()
    for notice in signed:
        assert calendar.is_working_day(notice.issued_on), notice
        assert notice.issued_on > notice.request.consultation.due_date
        letter = read_back(notices.render(notice).file.read())
        assert problems(letter) == [], (notice, problems(letter))
        assert letter.number == notice.number and letter.day == (
            notice.issued_on.day, notice.issued_on.month, notice.issued_on.year)
        assert any(f"{notice.request.unit.name} được coi là đồng ý" in p for p in letter.body)
    deputies = [n for n in signed if n.content["signature_prefix"] == "KT."]
    assert deputies and all(n.content["signature_title"].startswith("PHÓ ") for n in deputies)


def test_one_register_numbers_a_units_letters_and_notices_without_gaps_or_repeats(demo):
    for unit_id in Notice.objects.filter(number__isnull=False).values_list("unit_id", flat=True).distinct():
        numbers = sorted(Notice.objects.filter(unit_id=unit_id, number__isnull=False).values_list("number", flat=True))
        assert len(numbers) == len(set(numbers))


def test_the_demo_shows_a_send_back_a_late_reply_with_its_notice_and_unsigned_drafts(demo):
    sent_back = ConsultationRequest.objects.get(state=RequestState.SENT_BACK)
    assert sent_back.send_back_reason and sent_back.send_back_charged_to_id == sent_back.consultation.asking_unit_id
    late = ConsultationRequest.objects.filter(late=True, state=RequestState.DEEMED_AGREED, notice__isnull=False)
    assert late.exists()
    assert Notice.objects.filter(number__isnull=True).exists()
    assert all(c.proposal for c in sent_back.item.consultations.all())
