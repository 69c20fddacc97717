"""Who sees the oversight figures of every unit (DESIGN §1): Home Affairs, the Province office and
administrators. The overview pages and the API's figures ask here."""

from congvu.org.models import Official, Role

OVERSIGHT_ROLES = (Role.HOME_AFFAIRS, Role.PROVINCE_OFFICE, Role.ADMINISTRATOR)


def sees_figures(official: Official) -> bool:
    return official.role in OVERSIGHT_ROLES
