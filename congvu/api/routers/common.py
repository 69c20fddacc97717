"""What every router shares: the documented error answers and the caller."""

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja import Schema

from congvu.api.errors import ErrorOut, not_found
from congvu.org.models import Official


def answers(schema: type[Schema] | type[list], errors: frozenset[int], status: int = 200) -> dict:
    """The success answer, and the error body for each error status this operation can give
    (congvu.api.errors: AUTH, FILTERED, ONE_OBJECT, ACTION)."""
    return {status: schema, errors: ErrorOut}


def then(status: int, parameter: str, value: str, operations: tuple[str, ...]) -> dict:
    """OpenAPI links (an operation's `openapi_extra`): what a client may do next with the object this
    answer returns — e.g. the new item's id, `$response.body#/id`, is the `item_id` of each action on it.
    Generated clients and Swagger UI show them; schemathesis follows them to test whole sequences."""
    links = {name: {"operationId": name, "parameters": {parameter: value}} for name in operations}
    return {"responses": {status: {"links": links}}}


def caller(request: HttpRequest) -> Official:
    """The official the authentication admitted (see congvu.api.auth)."""
    return request.official


def one_visible(visible: QuerySet, pk: int, what_vi: str, what_en: str) -> Model:
    """The row `pk` among those the caller may see; otherwise the same 404 whether it exists or not."""
    found = visible.filter(pk=pk).first()
    if found is None:
        raise not_found(what_vi, what_en, pk)
    return found
