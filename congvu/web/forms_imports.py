"""The import pages' forms: a file, the receiving unit (only the official's own registers) and, for edXML,
the matter type the clerk classifies the document as. The file's content is checked by the readers
(congvu.documents.edxml, congvu.documents.excel_import), not here."""

from pathlib import PurePath

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from congvu.documents.edxml import max_message_bytes
from congvu.documents.excel_import import MAX_FILE_BYTES
from congvu.org.models import Unit
from congvu.registry.models import MatterType
from congvu.web.forms import IdChoiceField, TextField, UnitChoiceField


class _ReceivingUnitForm(forms.Form):
    unit = UnitChoiceField(label=_("Receiving unit"), queryset=Unit.objects.none())

    def __init__(self, *args, units: QuerySet[Unit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if len(units) == 1:
            self.fields["unit"].initial = units[0]


def _matter_type_field() -> IdChoiceField:
    return IdChoiceField(label=_("Matter type"), queryset=MatterType.objects.order_by("name"),
                                  help_text=_("Sets the legal time limit, counted from today."))


def _checked_upload(upload: UploadedFile, suffixes: tuple[str, ...], max_bytes: int, wrong_kind: str) -> UploadedFile:
    if PurePath(upload.name or "").suffix.lower() not in suffixes:
        raise forms.ValidationError(wrong_kind, code="suffix")
    if upload.size > max_bytes:
        raise forms.ValidationError(_("The file is larger than %(mb)s MB."),
                                    params={"mb": max_bytes // (1024 * 1024)}, code="size")
    return upload


class EdxmlUploadForm(forms.Form):
    """Only the file: the message is read first; the unit and the matter type are chosen on the
    preview, knowing what the document is (issue 12, "The import pages")."""

    message = forms.FileField(label=_("edXML message (.edxml or .xml)"))

    def __init__(self, *args, units: QuerySet[Unit] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)

    def clean_message(self) -> UploadedFile:
        return _checked_upload(self.cleaned_data["message"], (".edxml", ".xml"), max_message_bytes(),
                               _("Choose an edXML message: a .edxml or .xml file."))


class EdxmlConfirmForm(_ReceivingUnitForm):
    """The preview's form: the pending upload (a signed token) and, for a document to register (new or
    replacement), the receiving unit and the matter type; a revocation, an update or a status message
    acts on what is already recorded and needs neither."""

    token = TextField(widget=forms.HiddenInput)
    matter_type = _matter_type_field()

    def __init__(self, *args, registers: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.registers = registers
        if not registers:
            self.fields["unit"].required = self.fields["matter_type"].required = False


class ExcelUploadForm(_ReceivingUnitForm):
    sheet = forms.FileField(label=_("Excel file (.xlsx)"))

    def clean_sheet(self) -> UploadedFile:
        return _checked_upload(self.cleaned_data["sheet"], (".xlsx",), MAX_FILE_BYTES, _(
            "Only .xlsx files are accepted: open a .xls, .csv or .ods file in Excel and save it as .xlsx."))
