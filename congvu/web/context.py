from django.http import HttpRequest

from congvu.consult.models import MeetingOutcome, RequestState
from congvu.web.signed_in import signed_in_official
from congvu.work.models import Outcome, State

# The enums templates compare stored values with (`{% if r.request.state == RequestState.PENDING %}`),
# so no page spells a stored value out. `Choices` are not called by templates (do_not_call_in_templates).
CHOICES = {"State": State, "RequestState": RequestState, "Outcome": Outcome, "MeetingOutcome": MeetingOutcome}


def official(request: HttpRequest) -> dict:
    """The signed-in official (or None), for the layout's menu."""
    return {"official": signed_in_official(request)}


def choices(request: HttpRequest) -> dict:
    return CHOICES
