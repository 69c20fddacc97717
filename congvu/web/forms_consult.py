"""The consultation forms, in the reader's language.

A form only checks the shape of the input (a chosen unit, a number, a real date). What clause 2.2
and 2.3 require — related units only, a clear position with reasons, the heads' meeting — is the
actions' to refuse, so the page shows the same rule code and clause the API and the trail do."""

from django import forms
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from congvu.consult.actions import ANY_UNIT, REPLY_DAYS
from congvu.consult.models import ConsultationRequest, MeetingOutcome, ReplyPosition
from congvu.consult.rules import CONSULTABLE_KINDS
from congvu.lib.clock import today
from congvu.org.models import Official, Unit
from congvu.registry.queries import parameter, related_unit_ids
from congvu.registry.serving import officers_of
from congvu.web.forms import (
    IdChoiceField,
    IdsChoiceField,
    OverrideMixin,
    TextField,
    UploadField,
    VNDateField,
    active_units,
)
from congvu.work.models import WorkItem

# Django has no Vietnamese for "Select a valid choice", so the forms say it themselves.
CHOOSE_LISTED = _("Choose one of the listed options.")


class UnitsToAskField(IdsChoiceField):
    """Units as check boxes, the ones whose functions relate to the matter type first and marked."""

    widget = forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.related_ids: set[int] = set()

    def label_from_instance(self, obj: Unit) -> str:
        if obj.pk in self.related_ids:
            related = _("related to this matter type")
            return f"★ {obj.name} ({related})"
        return obj.name


def units_to_ask(item: WorkItem, related_ids: set[int]) -> QuerySet[Unit]:
    related_first = Case(When(pk__in=related_ids, then=Value(0)), default=Value(1), output_field=IntegerField())
    units = active_units().exclude(pk=item.lead_unit_id).exclude(parent_id=item.lead_unit_id)
    if parameter(ANY_UNIT).value != 1:  # clause 2.2: units that decide matters, unless the registry widens it
        units = units.filter(kind__in=CONSULTABLE_KINDS)
    return units.order_by(related_first, "name")


class AskForm(OverrideMixin):
    units = UnitsToAskField(label=_("Units to consult"), queryset=Unit.objects.none(), error_messages={
        "required": _("Choose at least one unit to consult."), "invalid_choice": _("Choose from the listed units."),
        "invalid_pk_value": _("Choose from the listed units."),
    })
    question = TextField(label=_("Question"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("What exactly the consulted units must give their opinion on."))
    proposal = TextField(label=_("Proposal consulted on"), max_length=10000, required=False,
                         widget=forms.Textarea(attrs={"rows": 3}),
                         help_text=_("The draft or position the units are asked to agree with; a unit that does "
                                     "not reply in time is deemed to agree with it."))
    reply_days = forms.IntegerField(label=_("Reply within (working days)"), error_messages={
        "invalid": _("Enter the number of working days as a whole number."),
        "required": _("Enter the number of working days."),
    })
    attachment = UploadField(label=_("Attachment (optional)"), required=False)
    shares_original = forms.BooleanField(
        label=_("Also send the incoming original"), required=False,
        help_text=_("The consulted units see the question and the attachment; the original only if ticked."))

    def __init__(self, *args, item: WorkItem, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not (item.incoming_id and item.incoming.original):
            del self.fields["shares_original"]  # nothing to share
        related = set(related_unit_ids(item.matter_type_id))  # the registry snapshot: no query
        self.fields["units"].related_ids = related
        self.fields["units"].queryset = units_to_ask(item, related)
        setting = parameter(REPLY_DAYS)
        bounds = {"min": setting.minimum, "max": setting.maximum}
        out_of_range = _("The reply period must be %(min)s to %(max)s working days under the working regulation.")
        days = self.fields["reply_days"]
        days.initial = setting.value
        days.validators = [lambda value: _check_range(value, setting.minimum, setting.maximum, out_of_range)]
        days.widget.attrs.update({"min": setting.minimum, "max": setting.maximum})
        days.help_text = _("Default %(value)s; the working regulation allows %(min)s to %(max)s.") % {
            "value": setting.value, **bounds}


def _check_range(value: int | None, minimum: int, maximum: int, message) -> None:
    if value is not None and not minimum <= value <= maximum:
        raise forms.ValidationError(message, params={"min": minimum, "max": maximum}, code="out_of_range")


class AssignRequestForm(forms.Form):
    holder = IdChoiceField(label=_("Official who prepares the reply"), queryset=Official.objects.none(),
                                    error_messages={"invalid_choice": _("Choose one of the unit's officials listed.")})

    def __init__(self, *args, request: ConsultationRequest, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        people = officers_of(request.unit_id, today())
        self.fields["holder"].queryset = Official.objects.filter(pk__in=[p.pk for p in people]).order_by("full_name")
        self.fields["holder"].initial = request.holder_id


class ReplyForm(forms.Form):
    # Neither field is required here: an empty position or missing reasons is refused by the action
    # under R-2.2-CLEAR-POSITION, so the official sees the rule and its clause, not a generic error.
    position = forms.ChoiceField(
        label=_("Position"), required=False, widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        choices=ReplyPosition.choices, error_messages={"invalid_choice": CHOOSE_LISTED},
    )
    reasons = TextField(
        label=_("Reasons and specific opinion"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required unless you simply agree."),
    )

    def __init__(self, *args, request: ConsultationRequest, **kwargs) -> None:
        super().__init__(*args, **kwargs)


class ReconcileForm(forms.Form):
    held_on = VNDateField(label=_("Date of the heads' meeting"))
    attendees = TextField(label=_("Attendees"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    outcome = forms.ChoiceField(label=_("Outcome"), choices=MeetingOutcome.choices,
                                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                                error_messages={"invalid_choice": CHOOSE_LISTED})
    lead_view = TextField(label=_("The lead unit's view"), required=False, max_length=5000,
                                widget=forms.Textarea(attrs={"rows": 2}))
    other_view = TextField(label=_("The other unit's view"), required=False, max_length=5000,
                                 widget=forms.Textarea(attrs={"rows": 2}),
                                 help_text=_("When they still differ, both views go with the submission."))

    def __init__(self, *args, request: ConsultationRequest, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = today()
