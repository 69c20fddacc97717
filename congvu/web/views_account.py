"""An official's own account: signing in (with congvu's password, or the province's account when
single sign-on is on: `congvu.web.sso`), changing the password, setting a new one from a reset link
an administrator sent (`congvu.org.admin.send_password_reset_links`), and whether notifications also
come by e-mail. Django's views, validators and one-time tokens; congvu's layout and messages."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congvu.org import actions
from congvu.web import sso
from congvu.web.pages import official_required


class LoginView(auth_views.LoginView):
    """congvu's password, and the button to the province's sign-in page when single sign-on is on."""

    template_name = "web/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), "sso_enabled": sso.enabled()}


class PasswordChangeView(auth_views.PasswordChangeView):
    """Old password, new password twice; AUTH_PASSWORD_VALIDATORS judge the new one. The session
    stays signed in; every other session of the account is signed out (its password hash moved)."""

    template_name = "web/password_change.html"
    success_url = reverse_lazy("home")

    def get_context_data(self, **kwargs) -> dict:
        # Beside the password, the official's choice of e-mail notifications (`email_notifications`).
        return {**super().get_context_data(**kwargs), "mail_configured": bool(settings.EMAIL_HOST)}

    def form_valid(self, form: Form) -> HttpResponse:
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The page a reset link opens. The token is Django's: it dies once the password is set (or the
    official signs in), and after PASSWORD_RESET_TIMEOUT."""

    template_name = "web/password_reset_confirm.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form: Form) -> HttpResponse:
        messages.success(self.request, _("Your new password is set. Please sign in with it."))
        return super().form_valid(form)


@require_POST
@official_required
def email_notifications(request: HttpRequest) -> HttpResponse:
    """The official's own choice: notifications by e-mail too, or only in congvu."""
    receives = request.POST.get("receives_email") == "on"
    actions.set_email_notifications(actor=request.official, receives=receives)
    if receives:
        messages.success(request, _("You will also receive your notifications by e-mail."))
    else:
        messages.success(request, _("You will no longer receive notifications by e-mail, only in congvu."))
    return redirect("password_change")
