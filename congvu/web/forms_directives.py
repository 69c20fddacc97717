"""The forms of the directives' pages: register a directive, send it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congvu.oversight.models_directives import DirectiveKind
from congvu.web.forms import IdsChoiceField, TextField, UnitChoiceField, UploadField, VNDateField, active_units


class DirectiveForm(forms.Form):
    notation = TextField(label=_("Number and notation"), max_length=60)
    title = TextField(label=_("Subject"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind"), choices=DirectiveKind.choices)
    issuer = TextField(label=_("Issuer"), max_length=200)
    issued_on = VNDateField(label=_("Date issued"))
    file = UploadField(label=_("File of the directive"), required=False)


class SendForm(forms.Form):
    everyone = forms.BooleanField(label=_("Send to every official"), required=False)
    units = IdsChoiceField(label=_("Or to these units"), queryset=None, required=False,
                                           widget=forms.SelectMultiple(attrs={"size": 8}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = active_units()
        self.fields["units"].label_from_instance = UnitChoiceField.label_from_instance.__get__(self.fields["units"])

    def clean(self) -> dict:
        cleaned = super().clean()
        if not cleaned.get("everyone") and not cleaned.get("units"):
            raise forms.ValidationError(_("Choose at least one unit, or send it to every official."))
        return cleaned
