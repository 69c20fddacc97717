"""The web forms: each parses what one action needs, with errors shown next to their field.

A form only checks the shape of the input (a real date, a chosen unit, text without control
characters, a file within the upload limit); the rules of 2230/UBND-NC are the actions' to check,
so that the web, the API and the CLI refuse the same things. Every free-text field of a form is a
`TextField` and every upload an `UploadField` (a test holds every form to it)."""

import re
from datetime import date

from django import forms
from django.conf import settings
from django.core import validators
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from congvu.lib import clock
from congvu.lib.clock import today
from congvu.lib.ids import parse_id
from congvu.lib.text import has_control_chars
from congvu.lib.uploads import max_upload_bytes
from congvu.lib.workdays import parse_vn_date
from congvu.org.models import Official, Unit
from congvu.registry.competent_unit import competent_unit_for
from congvu.registry.models import MatterType
from congvu.registry.serving import officers_of, serves_in
from congvu.work.models import DelayCause, Priority
from congvu.work.rules import ReturnGrounds, SendBackGrounds

_DATE_SHAPE = re.compile(r"\s*[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}\s*")


class VNDateField(forms.Field):
    """A date typed as dd/mm/yyyy, the way Vietnamese documents write it; "31/02/2026" is refused
    with a message saying the day does not exist, not a generic "invalid"."""

    widget = forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"})
    default_error_messages = {
        "format": _("“%(value)s” is not a date in the dd/mm/yyyy format (for example 08/02/2024)."),
        "no_such_day": _("“%(value)s” is not a real calendar date."),
    }

    def to_python(self, value: object) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value
        text = str(value)
        if not _DATE_SHAPE.fullmatch(text):
            raise forms.ValidationError(self.error_messages["format"], code="format", params={"value": text})
        try:
            return parse_vn_date(text)
        except ValueError:
            raise forms.ValidationError(
                self.error_messages["no_such_day"], code="no_such_day", params={"value": text.strip()}
            ) from None

    def prepare_value(self, value: object) -> object:
        return value.strftime("%d/%m/%Y") if isinstance(value, date) else value


TEXT_MAX_DEFAULT = 2000
LONG_TEXT_MAX = 10_000  # a result, a decision, a submission's summary (the API's bound too)


class TextField(forms.CharField):
    """Text an official types. A C0 control character (pasted from another program) is refused here,
    beside the field, with the field's name; the action would refuse it too (`check_inputs`)."""

    default_error_messages = {
        "control_chars": _("“%(field)s” contains an invalid control character (a hidden character pasted "
                           "from another program): type the text again."),
        "too_long": _("“%(field)s” is too long: at most %(limit)s characters (it has %(length)s)."),
    }

    def __init__(self, *args, **kwargs) -> None:
        # Every free text is bounded (issue 12: a 100,000-character note made a page 23,000 px tall); a
        # note or a reason 2,000 characters unless the field says otherwise, as the API's inputs.
        kwargs.setdefault("max_length", TEXT_MAX_DEFAULT)
        super().__init__(*args, **kwargs)
        # The length is judged in `validate`, with a message that names the field.
        self.validators = [v for v in self.validators if not isinstance(v, validators.MaxLengthValidator)]

    def validate(self, value: str) -> None:
        super().validate(value)
        if value and len(value) > self.max_length:
            raise forms.ValidationError(self.error_messages["too_long"], code="too_long", params={
                "field": self.label or "", "limit": f"{self.max_length:,}".replace(",", "."),
                "length": f"{len(value):,}".replace(",", ".")})
        if value and has_control_chars(value):
            raise forms.ValidationError(self.error_messages["control_chars"], code="control_chars",
                                        params={"field": self.label or ""})


class UploadField(forms.FileField):
    """A file no larger than `CONGVU_MAX_UPLOAD_MB`. Django has already spooled it to a temporary
    file in 64 KB chunks; this refuses it before anything else reads it."""

    default_error_messages = {"too_large": _("The file is larger than %(mb)s MB.")}

    def validate(self, value: UploadedFile | None) -> None:
        super().validate(value)
        if value and value.size > max_upload_bytes():
            raise forms.ValidationError(self.error_messages["too_large"], code="too_large",
                                        params={"mb": settings.CONGVU_MAX_UPLOAD_MB})


def active_units():
    on = today()
    return Unit.objects.filter(valid_from__lte=on).exclude(valid_to__lt=on).order_by("name")


class StrictIdMixin:
    """Only an id written in ASCII digits within a bigint picks an object: Python would read "٣" as 3
    (another unit than the one written) and the database fails on 99999999999999999999 (congvu.lib.ids)."""

    def to_python(self, value: object) -> object:
        if value not in self.empty_values and parse_id(str(value)) is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                        params={"value": value})
        return super().to_python(value)


class IdChoiceField(StrictIdMixin, forms.ModelChoiceField):
    """One object of the queryset, named by its id as the select's option sends it."""


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """Several objects of the queryset. Django reads each id with int() and looks them up with
    `pk__in`, which (unlike `pk=`) is not guarded against ids beyond a bigint: one such id answered 500."""

    def _check_values(self, value):
        for each in value:
            if parse_id(str(each)) is None:
                raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                            params={"value": each})
        return super()._check_values(value)


class UnitChoiceField(IdChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class OverrideMixin(forms.Form):
    """A head may override an overridable refusal with a written reason; the field is shown only
    once the action was refused (see the action panel template)."""

    override_reason = TextField(
        label=_("Override reason"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Recorded in the trail and visible to Home Affairs."),
    )


class MatterTypeSelect(forms.Select):
    """Each matter type's option names the unit the registry makes competent for it
    (`data-competent-unit`), so the page can pre-select that unit among those the clerk registers for."""

    competent: dict[int, int] = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None) -> dict:
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        unit_id = self.competent.get(getattr(value, "value", value))
        if unit_id:
            option["attrs"]["data-competent-unit"] = unit_id
        return option


def competent_units(units) -> dict[int, int]:
    """Matter type id → the id of the unit competent for it, among `units` (a clerk's own units)."""
    on, ids = today(), {u.pk: u for u in units}
    found = {}
    for matter in MatterType.objects.all():
        # Where the work arises decides for commune matters: try each unit the clerk registers for.
        for unit in ids.values():
            competent = competent_unit_for(matter, on, unit)
            if competent is not None and competent.id in ids:
                found[matter.pk] = competent.id
                break
    return found


class RegisterIncomingForm(forms.Form):
    unit = UnitChoiceField(label=_("Receiving unit"), queryset=Unit.objects.none())
    matter_type = IdChoiceField(label=_("Matter type"), queryset=MatterType.objects.order_by("name"),
                                         widget=MatterTypeSelect)
    sender = TextField(label=_("Sender"), max_length=250)
    notation = TextField(label=_("Number and notation"), max_length=80, required=False,
                               widget=forms.TextInput(attrs={"placeholder": "12/UBND-VX"}))
    issued_on = VNDateField(label=_("Date of the document"), required=False)
    doc_type = TextField(label=_("Document type"), max_length=60, initial="Công văn")
    subject = TextField(label=_("Subject"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
    reply_due = VNDateField(label=_("Reply requested by"), required=False)
    priority = forms.ChoiceField(label=_("Priority"), initial=Priority.NORMAL,
                                 choices=Priority.choices)
    requester_unit = UnitChoiceField(label=_("Requesting unit (if another unit asks for an opinion)"),
                                     queryset=Unit.objects.none(), required=False)
    original = UploadField(label=_("Original document (optional)"), required=False)

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if units.count() == 1:
            self.fields["unit"].initial = units.first()
        else:  # the page pre-selects the competent one as the matter type is chosen (app.js)
            self.fields["matter_type"].widget.competent = competent_units(units)
        self.fields["requester_unit"].queryset = active_units()


class UnitChecklist(forms.CheckboxSelectMultiple):
    """Units as check boxes in a scrolled list a search box filters (issue 12: no Ctrl-click)."""

    def __init__(self) -> None:
        super().__init__(attrs={"class": "form-check-input"})


class DirectForm(OverrideMixin):
    lead_unit = UnitChoiceField(label=_("Lead unit"), queryset=Unit.objects.none())
    cooperating = IdsChoiceField(
        label=_("Co-operating units"), queryset=Unit.objects.none(), required=False, widget=UnitChecklist(),
    )
    holder = forms.TypedChoiceField(
        label=_("Officer who will handle it (optional)"), required=False, coerce=int, empty_value=None,
        help_text=_("Named here, the work is assigned to this officer of the lead unit in the same step."),
    )
    due_date = VNDateField(label=_("Deadline (empty: the legal time limit)"), required=False)
    note = TextField(label=_("Direction"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    field_order = ["lead_unit", "holder", "cooperating", "due_date", "note", "override_reason"]

    def __init__(self, *args, item, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = active_units()
        self.fields["cooperating"].queryset = active_units()
        self.fields["holder"].choices = [("", "—"), *officer_choices(self._units_to_name_from(item))]

    def _units_to_name_from(self, item) -> list[int]:
        """The officers of the unit the direction goes to by default and of the directing unit."""
        lead = self.initial.get("lead_unit")
        return list(dict.fromkeys(u for u in (lead, item.holder_unit_id) if u))

    def clean(self) -> dict:
        data = super().clean()
        holder, lead = data.get("holder"), data.get("lead_unit")
        if holder is None:
            return data
        official = Official.objects.filter(pk=holder).first()
        if official is None or lead is None or not serves_in(official, lead.pk, today()):
            # Clause 1.3: the step is held by an official of the lead unit (R-1.3-STEP-HOLDER).
            self.add_error("holder", _("Choose an officer of the lead unit, or leave the field empty."))
        else:
            data["holder"] = official
        return data


def officer_choices(unit_ids: list[int]) -> list[tuple[str, list[tuple[int, str]]]]:
    """The officers of each unit, grouped under its name."""
    on = today()
    units = {u.pk: u.name for u in Unit.objects.filter(pk__in=unit_ids)}
    return [(units[pk], [(o.pk, o.full_name) for o in officers_of(pk, on)]) for pk in unit_ids if pk in units]


class AssignForm(forms.Form):
    holder = IdChoiceField(label=_("Officer who will handle it"), queryset=Official.objects.none())
    due_date = VNDateField(label=_("Due date of this step (empty: the item's)"), required=False)
    note = TextField(label=_("Instructions"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, item, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        people = officers_of(item.lead_unit_id, today())
        self.fields["holder"].queryset = Official.objects.filter(pk__in=[p.pk for p in people])


class TransferForm(OverrideMixin):
    to_unit = UnitChoiceField(label=_("Competent unit"), queryset=Unit.objects.none())
    reason = TextField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, item, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = active_units().exclude(pk=item.holder_unit_id)


class ReturnForm(OverrideMixin):
    grounds = forms.ChoiceField(label=_("Legal grounds for the return"),
                                choices=ReturnGrounds.choices)
    named_unit = UnitChoiceField(label=_("Competent unit (when the matter is not ours)"),
                                 queryset=Unit.objects.none(), required=False)
    reason = TextField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, item, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["named_unit"].queryset = active_units().exclude(pk=item.holder_unit_id)


class SubmitForm(OverrideMixin):
    summary = TextField(label=_("Summary of the submission"), required=False, max_length=LONG_TEXT_MAX,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, item, **kwargs) -> None:
        super().__init__(*args, **kwargs)


class DecisionForm(forms.Form):
    decision = TextField(label=_("The Province's decision"), max_length=LONG_TEXT_MAX,
                         widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, item, **kwargs) -> None:
        super().__init__(*args, **kwargs)


class SendBackForm(forms.Form):
    grounds = forms.ChoiceField(label=_("Grounds for sending it back"), choices=SendBackGrounds.choices)
    explanation = TextField(label=_("Specific explanation"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, item, **kwargs) -> None:
        super().__init__(*args, **kwargs)


class CompleteForm(OverrideMixin):
    result = TextField(label=_("Result"), max_length=LONG_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("E.g. the number of the permit or reply issued."))

    def __init__(self, *args, item, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if clock.now() > item.legal_due_at:
            # Clause 1.5: work past its legal deadline names the cause of the delay. Not required
            # here: the action refuses a missing cause with its rule code (R-1.5-DELAY-CAUSE).
            self.fields["delay_cause"] = forms.ChoiceField(
                label=_("Cause of the delay"), required=False, choices=[("", "—"), *DelayCause.choices])
            self.fields["delay_note"] = TextField(
                label=_("Details of the delay"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("The work is past its legal deadline: the cause is recorded and counted."))


class ExtensionDecisionForm(forms.Form):
    """The level above approves or refuses an extension the lead unit requested (clause 1.5)."""

    approve = forms.TypedChoiceField(
        label=_("Decision"), coerce=lambda v: v == "yes", widget=forms.RadioSelect,
        choices=[("yes", _("Approve the extension")), ("no", _("Refuse the extension"))],
    )
    reason = TextField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ExtendForm(forms.Form):
    new_due = VNDateField(label=_("New deadline"))
    reason = TextField(label=_("Reason for the extension"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, item, **kwargs) -> None:
        super().__init__(*args, **kwargs)
