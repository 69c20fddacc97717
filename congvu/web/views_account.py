"""An official's own password: changing it (signed in), and setting a new one from a reset link an
administrator sent (`congvu.org.admin.send_password_reset_links`). Django's views, validators and
one-time tokens; congvu's layout and messages."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.forms import Form
from django.http import HttpResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext as _


class PasswordChangeView(auth_views.PasswordChangeView):
    """Old password, new password twice; AUTH_PASSWORD_VALIDATORS judge the new one. The session
    stays signed in; every other session of the account is signed out (its password hash moved)."""

    template_name = "web/password_change.html"
    success_url = reverse_lazy("home")

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
