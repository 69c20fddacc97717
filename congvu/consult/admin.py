"""The outgoing registers at /quan-tri/: the administrator sets the next number of a unit's yearly
series, so congvu follows the paper register the unit already keeps (numbers only go forward)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from congvu.consult.models import OutgoingRegister


class OutgoingRegisterForm(forms.ModelForm):
    next_number = forms.IntegerField(label=_("next number"), min_value=1)

    class Meta:
        model = OutgoingRegister
        fields = ["unit", "year"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["next_number"].initial = self.instance.last + 1 if self.instance.pk else 1

    def clean_next_number(self) -> int:
        number = self.cleaned_data["next_number"]
        if self.instance.pk and number <= self.instance.last:
            # A number already given out would be given twice.
            raise forms.ValidationError(_("Numbers up to %(last)s are already used.") % {"last": self.instance.last})
        return number

    def save(self, commit: bool = True) -> OutgoingRegister:
        register = super().save(commit=False)
        register.series = OutgoingRegister.SERIES
        register.last = self.cleaned_data["next_number"] - 1
        if commit:
            register.save()
        return register


@admin.register(OutgoingRegister)
class OutgoingRegisterAdmin(admin.ModelAdmin):
    form = OutgoingRegisterForm
    list_display = ["unit", "year", "next_number"]
    list_filter = ["year"]
    autocomplete_fields = ["unit"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(series=OutgoingRegister.SERIES)

    @admin.display(description=_("next number"))
    def next_number(self, register: OutgoingRegister) -> int:
        return register.next_number
