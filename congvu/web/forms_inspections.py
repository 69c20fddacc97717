"""The forms of the inspection pages: a routine or thematic plan, a surprise draw, a finding from
evidence, a measure, a conclusion, a follow-up."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congvu.org.models import Official, Role
from congvu.oversight.inspections import MAX_MEASURE_DAYS, MAX_SAMPLE
from congvu.oversight.models_inspections import FindingCategory, InspectionKind, MeasureKind, MeasureStatus
from congvu.web.forms import IdChoiceField, IdsChoiceField, TextField, UnitChoiceField, VNDateField, active_units

PLANNED_KINDS = [(k, label) for k, label in InspectionKind.choices if k != InspectionKind.SURPRISE]


def ids(text: str) -> list[int]:
    """"12, 15 17" → [12, 15, 17]; anything else is a form error."""
    words = text.replace(",", " ").split()
    if not all(w.isdigit() for w in words):
        raise forms.ValidationError(_("Write the numbers separated by commas."))
    return [int(w) for w in words]


class TeamMixin(forms.Form):
    team = IdsChoiceField(label=_("Inspection team (the first is its head)"), queryset=None,
                                          required=False, widget=forms.SelectMultiple(attrs={"size": 5}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Official.objects.filter(role=Role.HOME_AFFAIRS).order_by("full_name")


class PlanForm(TeamMixin):
    kind = forms.ChoiceField(label=_("Kind"), choices=PLANNED_KINDS)
    title = TextField(label=_("Title"), max_length=300)
    theme = TextField(label=_("Theme (thematic inspection)"), max_length=300, required=False)
    period_from = VNDateField(label=_("Period from"))
    period_to = VNDateField(label=_("Period to"))
    units = IdsChoiceField(label=_("Units in scope"), queryset=None,
                                           widget=forms.SelectMultiple(attrs={"size": 8}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = active_units()
        self.fields["units"].label_from_instance = UnitChoiceField.label_from_instance.__get__(self.fields["units"])


class DrawForm(TeamMixin):
    title = TextField(label=_("Title"), max_length=300)
    period_from = VNDateField(label=_("Period from"))
    period_to = VNDateField(label=_("Period to"))
    units = forms.IntegerField(label=_("Units to draw"), min_value=1, max_value=MAX_SAMPLE, initial=3)
    officials = forms.IntegerField(label=_("Officials to draw"), min_value=0, max_value=MAX_SAMPLE, initial=5)
    items = forms.IntegerField(label=_("Items to draw"), min_value=0, max_value=MAX_SAMPLE, initial=20)
    seed = TextField(label=_("Seed (empty: a new one is drawn)"), max_length=64, required=False)


class FindingForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=FindingCategory.choices)
    unit = UnitChoiceField(label=_("Unit"), queryset=None)
    official = IdChoiceField(label=_("Official (empty: the unit)"), queryset=None, required=False)
    summary = TextField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 3}))
    items = TextField(label=_("Evidence: item numbers"), required=False)
    events = TextField(label=_("Evidence: event numbers in their trail"), required=False)

    def __init__(self, inspection, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = inspection.units.order_by("name")
        self.fields["official"].queryset = Official.objects.filter(
            positions__unit__in=inspection.units.all()).distinct().order_by("full_name")
        self.fields["official"].label_from_instance = lambda o: o.full_name

    def clean_items(self) -> list[int]:
        return ids(self.cleaned_data["items"])

    def clean_events(self) -> list[int]:
        return ids(self.cleaned_data["events"])


class MeasureForm(forms.Form):
    finding = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Measure"), choices=MeasureKind.choices)
    days = forms.IntegerField(label=_("Follow-up within (working days)"), min_value=1, max_value=MAX_MEASURE_DAYS,
                              initial=10)
    note = TextField(label=_("Note"), required=False)


class ConclusionForm(forms.Form):
    conclusion = TextField(label=_("Conclusion"), widget=forms.Textarea(attrs={"rows": 4}))


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[c for c in MeasureStatus.choices
                                                            if c[0] != MeasureStatus.PENDING])
    note = TextField(label=_("Note"), required=False)
