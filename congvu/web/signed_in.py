"""The signed-in official, looked up once per request.

A page asked for it three times, each a query: the language middleware (their chosen language), the
view (`official_required`) and the layout's menu (context processor). The load test's list page made
14 queries, 3 of them this same row; under load each query is also a wait for a PostgreSQL backend
to be scheduled (congvu/ops/loadtest, README "Load test"). Kept on the request with the user's id it
belongs to, so a request that signs someone in or out looks again."""

from django.http import HttpRequest

from congvu.org.models import Official

ATTRIBUTE = "_congvu_signed_in_official"


def signed_in_official(request: HttpRequest) -> Official | None:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    kept = getattr(request, ATTRIBUTE, None)
    if kept is not None and kept[0] == user.pk:
        return kept[1]
    official = Official.objects.filter(user=user).first()
    setattr(request, ATTRIBUTE, (user.pk, official))
    return official
