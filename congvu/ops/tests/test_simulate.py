"""`congvu simulate`: a two-year history through the real actions, every trail a valid chain."""

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F, Max, Min

from congvu.consult.models import ConsultationRequest, Notice, RequestState
from congvu.ops.replicate import replicate
from congvu.ops.simulate import END, simulate
from congvu.oversight.queries import unit_figures
from congvu.work import trail
from congvu.work.models import Event, IncomingDocument, State, WorkItem


@pytest.mark.django_db(transaction=True)
def test_two_years_of_history_hold_every_path_and_verify():
    # Two items a day over the last 60 days: dense enough that some consultations are still running
    # when the history ends (congvu simulate spreads N over two years).
    result = simulate(120, seed=7, span_days=60)
    assert trail.verify() == []
    assert not WorkItem.objects.filter(event_count=0).exists()  # no empty trails
    assert {State.COMPLETED, State.REGISTERED, State.DIRECTED, State.IN_PROGRESS, State.CONSULTING,
            State.RETURNED, State.TRANSFERRED} <= set(result.states)
    assert result.refused > 0 and result.overridden > 0
    assert Notice.objects.exists() and result.paths["consulted"] > 0
    assert WorkItem.objects.filter(consultations__requests__state=RequestState.DEEMED_AGREED).exists()
    span = WorkItem.objects.aggregate(first=Min("created_at"), last=Max("created_at"))
    assert (span["last"] - span["first"]).days >= 55  # spread over the span


@pytest.mark.django_db
def test_the_command_refuses_a_database_that_has_data(province):
    with pytest.raises(CommandError, match="CSDL đã có dữ liệu"):
        call_command("simulate", "--items", "5")


@pytest.mark.django_db(transaction=True)
def test_the_fast_path_copies_a_real_sample_into_valid_chains_and_consistent_figures():
    """`simulate --fast`: 60 items through the real actions, copied to 300; `audit verify` passes on
    every copy, every state is there, and each unit's figures are exactly five times the sample's."""
    simulate(60, seed=7, span_days=120)
    sample_figures, sample_documents = figures_by_unit(), IncomingDocument.objects.count()
    replicated = replicate(300)
    assert (replicated.sample, replicated.copies, replicated.items) == (60, 5, WorkItem.objects.count())
    call_command("audit", "verify")  # raises CommandError on any broken chain, record or seal
    assert trail.verify() == []
    assert not WorkItem.objects.filter(event_count=0).exists()
    assert {State.COMPLETED, State.REGISTERED, State.DIRECTED, State.IN_PROGRESS, State.CONSULTING,
            State.RETURNED, State.TRANSFERRED} <= set(WorkItem.objects.values_list("state", flat=True))
    assert figures_by_unit() == {unit: [5 * n for n in numbers] for unit, numbers in sample_figures.items()}
    on_time = sum(1 for state, done, legal in WorkItem.objects.values_list("state", "completed_at", "legal_due_at")
                  if state == State.COMPLETED and done <= legal)
    assert on_time == sum(f.completed_on_time for f in unit_figures())
    # The copies are their own rows: their own numbers in each register, their own consultations.
    numbers = list(IncomingDocument.objects.values_list("unit_id", "year", "incoming_number"))
    assert len(numbers) == len(set(numbers)) == 5 * sample_documents  # a transfer keeps its document
    assert RequestState.DEEMED_AGREED in set(ConsultationRequest.objects.values_list("state", flat=True))
    assert ConsultationRequest.objects.exclude(item_id=F("consultation__item_id")).count() == 0


def figures_by_unit() -> dict[int, list[int]]:
    return {f.unit_id: [v for k, v in vars(f).items() if k not in ("unit_id", "unit_name")]
            for f in unit_figures(now=END)}


@pytest.mark.django_db(transaction=True)
def test_a_copied_event_altered_is_found():
    simulate(10, seed=3, span_days=30)
    replicate(30)
    copied = Event.objects.filter(item_id__gt=WorkItem.objects.order_by("id")[9].pk).order_by("id").first()
    Event.objects.filter(pk=copied.pk).update(data={"changed": True})
    assert [f.item_id for f in trail.verify()] == [copied.item_id]
