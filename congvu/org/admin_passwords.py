"""The administrator's way back in for an official who lost their password: an admin action on
officials that makes a one-time reset link (Django's token generator: the link dies once the password
is set or the official signs in, and after PASSWORD_RESET_TIMEOUT). It is e-mailed when the official
has an address, and otherwise shown once on the page that answers the action — never stored."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congvu.org.models import Official

logger = logging.getLogger(__name__)
SECONDS_A_DAY = 86400


@dataclass
class ResetLink:
    official: Official
    emailed_to: str = ""
    link: str = ""  # shown to the administrator when it was not e-mailed
    note: str = ""


@admin.action(description=gettext_lazy("Send a password reset link"), permissions=["change"])
def send_password_reset_links(modeladmin: admin.ModelAdmin, request: HttpRequest,
                              queryset: QuerySet[Official]) -> TemplateResponse:
    links = [reset_link_for(request, official) for official in queryset.select_related("user")]
    context = {**modeladmin.admin_site.each_context(request), "opts": modeladmin.model._meta,
               "title": _("Password reset links"), "links": links}
    return TemplateResponse(request, "admin/org/official/password_reset_links.html", context)


def reset_link_for(request: HttpRequest, official: Official) -> ResetLink:
    user = official.user
    if not user.is_active:
        return ResetLink(official, note=_("The account is deactivated: no link was made."))
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)})
    link = request.build_absolute_uri(path)
    address = official.email or user.email
    if not address:
        return ResetLink(official, link=link, note=_("No e-mail address: give the official this link yourself."))
    try:
        mail_reset_link(official, address, link)
    except OSError:  # smtplib's errors are OSErrors too
        logger.exception("password reset link for %s not e-mailed", user.get_username())
        note = _("The e-mail could not be sent: give the official this link yourself.")
        return ResetLink(official, link=link, note=note)
    return ResetLink(official, emailed_to=address)


def mail_reset_link(official: Official, address: str, link: str) -> None:
    """In Vietnamese, whatever language the administrator reads the site in."""
    with translation.override("vi"):
        subject = _("congvu: set a new password")
        body = _(
            "Dear %(name)s,\n\nThe administrator of congvu has started a password reset for your account "
            "%(username)s. Open this link to set a new password (it works once, within %(days)d days):\n\n"
            "%(link)s\n\nIf you did not expect this, tell the administrator."
        ) % {"name": official.full_name, "username": official.user.get_username(),
             "days": settings.PASSWORD_RESET_TIMEOUT // SECONDS_A_DAY, "link": link}
    send_mail(subject, body, None, [address])
