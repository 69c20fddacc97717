from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from congvu.documents.models import OutboxMessage, SigningCertificate
from congvu.lib.refusals import InvalidInput


class SigningCertificateForm(forms.ModelForm):
    passphrase = forms.CharField(label=_("passphrase"), required=False, widget=forms.PasswordInput(render_value=True))

    class Meta:
        model = SigningCertificate
        fields = ["unit", "p12", "passphrase"]

    def clean(self):
        """Read the PKCS#12 with its passphrase now, so a wrong file fails here and not at the first notice."""
        data = super().clean()
        upload = data.get("p12")
        if upload:
            # Here, not at the top: this module is imported by Django's start (admin autodiscovery) in
            # every command, and pyHanko's import is most of that start (~1 s of CPU of ~2.3 s,
            # `python -X importtime`), paid by `audit verify` and every sweep for a form rarely shown.
            from congvu.documents.signing import subject_of  # noqa: PLC0415

            upload.seek(0)
            try:
                self.instance.subject = subject_of(upload.read(), data.get("passphrase") or "")
            except InvalidInput as refusal:
                raise forms.ValidationError(refusal.message_vi) from None
            upload.seek(0)
        return data


@admin.register(SigningCertificate)
class SigningCertificateAdmin(admin.ModelAdmin):
    form = SigningCertificateForm
    list_display = ["unit", "subject"]
    readonly_fields = ["subject"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "unit", "document", "notation", "status_code", "to_organ_id", "file_name"]
    list_filter = ["kind", "status_code", "unit"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
