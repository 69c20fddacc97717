"""The forms of the review and commendation pages (clauses 1.7, 1.8). The actions check everything
again; these only read the text typed (dates as dd/mm/yyyy) and offer the choices in force."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congvu.oversight.commendation_forms import AWARD_FORMS
from congvu.oversight.discipline import Form
from congvu.oversight.models_reviews import ReviewSubject
from congvu.web.forms import TextField, VNDateField

TEXT = forms.Textarea(attrs={"rows": 3})


class OpenReviewForm(forms.Form):
    subject = forms.ChoiceField(label=_("Review"), choices=ReviewSubject.choices, widget=forms.RadioSelect)
    reason = TextField(label=_("Why the review is opened"), max_length=2000, widget=TEXT, required=False)


class MeetingForm(forms.Form):
    meeting_on = VNDateField(label=_("Meeting date"))
    meeting_place = TextField(label=_("Meeting place"), max_length=200)
    meeting_chair = TextField(label=_("Chaired by"), max_length=200)
    parties = TextField(label=_("Parties"), max_length=2000, widget=TEXT)
    self_criticism = TextField(label=_("Self-criticism"), max_length=5000, widget=TEXT)


def form_choices(forms_offered: tuple[Form, ...]) -> list[tuple[str, str]]:
    return [(f.code, f.name_vi) for f in forms_offered]


class ConclusionForm(forms.Form):
    conclusion = TextField(label=_("Conclusion"), max_length=5000, widget=TEXT)
    proposed_form = forms.ChoiceField(label=_("Discipline proposed"), required=False)
    violation_on = VNDateField(label=_("Day of the violation"), required=False)

    def __init__(self, *args, forms_offered: tuple[Form, ...] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposed_form"].choices = [("", _("No discipline"))] + form_choices(forms_offered)


class DecisionForm(forms.Form):
    form = forms.ChoiceField(label=_("Form of discipline"))

    def __init__(self, *args, forms_offered: tuple[Form, ...] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["form"].choices = form_choices(forms_offered)


class ExtendForm(forms.Form):
    reason = TextField(label=_("Why the time limit is extended"), max_length=2000)


class PeriodForm(forms.Form):
    tu = VNDateField(label=_("From"))
    den = VNDateField(label=_("To"))


class ProposeForm(forms.Form):
    unit = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    official = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    period_start = VNDateField(widget=forms.HiddenInput)
    period_end = VNDateField(widget=forms.HiddenInput)
    form = forms.ChoiceField(label=_("Form"), choices=[(f.code, f.name_vi) for f in AWARD_FORMS.values()])
    reason = TextField(label=_("Achievements"), max_length=5000, widget=TEXT)


class ApprovalForm(forms.Form):
    approve = forms.TypedChoiceField(label=_("Approval"), coerce=lambda v: v == "yes",
                                     choices=[("yes", _("Approve")), ("no", _("Do not approve"))])
    note = TextField(label=_("Note"), max_length=2000, required=False)
