"""What every router shares: the documented error answers and the caller."""

from django.http import HttpRequest
from ninja import Schema

from congvu.api.errors import ErrorOut
from congvu.org.models import Official


def answers(schema: type[Schema] | type[list], errors: frozenset[int], status: int = 200) -> dict:
    """The success answer, and the error body for each error status this operation can give
    (congvu.api.errors: AUTH, FILTERED, ONE_OBJECT, ACTION)."""
    return {status: schema, errors: ErrorOut}


def caller(request: HttpRequest) -> Official:
    """The official the authentication admitted (see congvu.api.auth)."""
    return request.official
