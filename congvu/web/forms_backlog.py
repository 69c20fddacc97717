"""The forms of the backlog review: Home Affairs opens a round; a unit's head records a plan."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congvu.lib.clock import today
from congvu.org.models import Official
from congvu.oversight.backlog import LONG_RUNNING_DAYS
from congvu.oversight.models_backlog import BacklogCause
from congvu.registry.serving import officers_of
from congvu.web.forms import IdChoiceField, TextField, VNDateField


class OpenRoundForm(forms.Form):
    title = TextField(label=_("Title of the round"), max_length=200)
    cutoff = VNDateField(label=_("Cutoff date"))
    plans_due = VNDateField(label=_("Deadline for the plans"))
    long_running_days = forms.IntegerField(label=_("Also list items open longer than (days)"), min_value=1,
                                           max_value=3650, initial=LONG_RUNNING_DAYS)


class PlanForm(forms.Form):
    decision_date = VNDateField(label=_("To be decided by"))
    cause = forms.ChoiceField(label=_("Cause"), choices=BacklogCause.choices)
    responsible = IdChoiceField(label=_("Responsible official"), queryset=Official.objects.none())
    note = TextField(label=_("Plan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, unit_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        people = officers_of(unit_id, today())
        self.fields["responsible"].queryset = Official.objects.filter(pk__in=[p.pk for p in people])
