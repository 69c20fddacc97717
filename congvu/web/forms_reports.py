"""The forms of the periodic reports' pages (clause 3): Home Affairs opens a period; a unit writes
its narrative, each part capped as the action caps it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congvu.oversight.models_reports import PeriodKind
from congvu.oversight.report_rules import NARRATIVE_CAPS
from congvu.web.forms import TextField, VNDateField


class OpenPeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of period"), choices=PeriodKind.choices)
    number = forms.IntegerField(label=_("Number within the year (month, quarter or half)"), min_value=1,
                                max_value=12, initial=1)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    due_on = VNDateField(label=_("Units report by"))


class NarrativeForm(forms.Form):
    results = TextField(label=_("Results"), max_length=NARRATIVE_CAPS["results"], required=False,
                        widget=forms.Textarea(attrs={"rows": 6}))
    difficulties = TextField(label=_("Difficulties and obstacles"), max_length=NARRATIVE_CAPS["difficulties"],
                             required=False, widget=forms.Textarea(attrs={"rows": 4}))
    proposals = TextField(label=_("Proposals and recommendations"), max_length=NARRATIVE_CAPS["proposals"],
                          required=False, widget=forms.Textarea(attrs={"rows": 4}))
