from django.http import HttpRequest

from congvu.org.models import Official


def official(request: HttpRequest) -> dict:
    """The signed-in official (or None), for the layout's menu."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"official": None}
    return {"official": Official.objects.filter(user=user).first()}
