from django.http import HttpRequest

from congvu.consult.models import MeetingOutcome, RequestState
from congvu.org.models import Official
from congvu.work.models import Outcome, State

# The enums templates compare stored values with (`{% if r.request.state == RequestState.PENDING %}`),
# so no page spells a stored value out. `Choices` are not called by templates (do_not_call_in_templates).
CHOICES = {"State": State, "RequestState": RequestState, "Outcome": Outcome, "MeetingOutcome": MeetingOutcome}


def official(request: HttpRequest) -> dict:
    """The signed-in official (or None), for the layout's menu."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"official": None}
    return {"official": Official.objects.filter(user=user).first()}


def choices(request: HttpRequest) -> dict:
    return CHOICES
