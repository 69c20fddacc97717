"""What every router shares: the documented error answers and the caller."""

from django.http import HttpRequest
from ninja import Schema

from congvu.api.errors import ERROR_STATUSES, ErrorOut
from congvu.org.models import Official


def answers(schema: type[Schema] | type[list], status: int = 200) -> dict:
    """The success answer, and the error body for every error status the API gives."""
    return {status: schema, ERROR_STATUSES: ErrorOut}


def caller(request: HttpRequest) -> Official:
    """The official the authentication admitted (see congvu.api.auth)."""
    return request.official
