"""What every router shares: the documented error answers, the caller, and the endpoint of an action
on one object (`post_action`)."""

from collections.abc import Callable
from inspect import Parameter, Signature
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from congvu.api.errors import ErrorOut
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


def post_action(router: Router, path: str, *, name: str, summary: str, body: type[Schema] | None,
                object_id: tuple[str, Any], find: Callable, act: Callable, answer: Callable, **options) -> None:
    """POST `path`: the one shape of an action on one object, written once (the items' and the
    consultation requests' actions had it a dozen times). `find(caller, id)` resolves the object as
    the caller sees it (404 otherwise), `act(object, caller, payload)` calls the one action (which
    checks access and rules), `answer(object, caller)` is the object as it now stands. `name` is the
    operation's id (answers link to it), `object_id` the path parameter and its `ninja.Path`;
    `options` go to `router.post` (response, openapi_extra)."""
    id_name, id_param = object_id

    def endpoint(request: HttpRequest, payload: Schema | None = None, **path_params: int):
        official = caller(request)
        found = find(official, path_params[id_name])
        act(found, official, payload)
        return answer(found, official)

    # ninja reads the parameters from the signature: the body's schema and the object's id, by name.
    body_param = [Parameter("payload", Parameter.KEYWORD_ONLY, annotation=body)] if body else []
    endpoint.__signature__ = Signature([
        Parameter("request", Parameter.POSITIONAL_OR_KEYWORD, annotation=HttpRequest), *body_param,
        Parameter(id_name, Parameter.KEYWORD_ONLY, annotation=int, default=id_param)])
    endpoint.__name__ = endpoint.__qualname__ = name
    router.post(path, summary=summary, **options)(endpoint)
