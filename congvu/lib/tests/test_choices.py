"""A stored value's label reads in the reader's language, or as stored when no choice has it."""

from django.utils import translation

from congvu.lib.choices import in_language, label_of
from congvu.work.models import State


def test_a_label_reads_in_the_active_language_and_an_unknown_value_as_stored():
    with translation.override("en"):
        assert label_of(State, "in_progress") == "In progress"
        assert label_of(State, "archived") == "archived"
    with translation.override("vi"):
        assert label_of(State, "in_progress") == "Đang xử lý"


def test_a_label_in_a_chosen_language_whatever_the_readers():
    with translation.override("en"):
        assert in_language("vi", State.COMPLETED.label) == "Hoàn thành"
    assert in_language("en", State.COMPLETED.label) == "Completed"
