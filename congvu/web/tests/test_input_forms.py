"""The forms refuse a pasted control character beside the field that holds it, and an upload over
`CONGVU_MAX_UPLOAD_MB`; the original of a registration goes to storage without being read whole."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile

from congvu import web
from congvu.web.forms import IdChoiceField, IdsChoiceField, TextField, UploadField
from congvu.web.tests.helpers import act, direct_and_assign, register, register_form
from congvu.work.models import IncomingDocument, State

pytestmark = pytest.mark.django_db
# Every forms module of the site, those added later (oversight rooms, reports, the public's form) too.
FORM_MODULES = tuple(importlib.import_module(f"congvu.web.{info.name}") for info in pkgutil.iter_modules(web.__path__)
                     if info.name == "forms" or info.name.startswith("forms_"))


def all_forms() -> list[type[forms.Form]]:
    return [cls for module in FORM_MODULES for _, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__]


@pytest.mark.parametrize("form", all_forms(), ids=lambda form: form.__name__)
def test_every_text_field_of_every_form_refuses_control_characters(form):
    loose = [name for name, field in form.base_fields.items()
             if isinstance(field, forms.CharField) and not isinstance(field, TextField)]
    assert loose == [], f"{form.__name__}: make these TextField so a control character is refused: {loose}"


def test_every_form_module_of_the_site_is_checked():
    assert {module.__name__.rsplit(".", 1)[1] for module in FORM_MODULES} >= {
        "forms", "forms_consult", "forms_imports", "forms_backlog", "forms_directives", "forms_inspections",
        "forms_public", "forms_reports", "forms_reviews"}


@pytest.mark.parametrize("form", all_forms(), ids=lambda form: form.__name__)
def test_every_choice_of_an_object_reads_its_id_strictly(form):
    """A huge id answered 500 in a multiple choice (Django's `pk__in` is not guarded against it) and
    "٣" picked object #3 in a single one: every such field reads ids as congvu.lib.ids does."""
    loose = [name for name, field in form.base_fields.items()
             if isinstance(field, forms.ModelChoiceField) and not isinstance(field, IdChoiceField | IdsChoiceField)]
    assert loose == [], f"{form.__name__}: make these IdChoiceField or IdsChoiceField: {loose}"


@pytest.mark.parametrize("given", ["99999999999999999999999", "٣", "-1", "1e3"])
def test_a_unit_to_consult_that_no_database_could_hold_is_refused_beside_the_field(province, client_of, given):
    item = direct_and_assign(client_of(province.construction_head), register(client_of(province.construction_clerk),
                                                                               province), province)
    response = client_of(province.construction_officer).post(
        f"/cong-viec/{item.pk}/xin-y-kien/", {"units": [given], "question": "Ý kiến?", "reply_days": "5"})
    assert response.status_code == 200
    assert "Chọn trong danh sách đơn vị." in response.content.decode()
    assert item.consultations.count() == 0


def test_the_register_form_names_the_field_holding_a_control_character(province, client_of):
    response = client_of(province.construction_clerk).post(
        "/van-ban-den/moi/", register_form(province, subject="Đề nghị cấp phép\x1b[31m xây dựng"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Trường «Trích yếu» chứa ký tự điều khiển không hợp lệ" in html
    assert not IncomingDocument.objects.exists()


def test_an_action_form_names_the_field_holding_a_control_character(province, client_of):
    head = client_of(province.construction_head)
    item = direct_and_assign(head, register(client_of(province.construction_clerk), province), province)
    response = act(client_of(province.construction_officer), item, "hoan-thanh", {"result": "Đã cấp\x0c phép"})
    assert "Trường «Kết quả giải quyết» chứa ký tự điều khiển không hợp lệ" in response.content.decode()
    item.refresh_from_db()
    assert item.state == State.IN_PROGRESS


def test_an_original_over_the_upload_limit_is_refused_beside_its_field(province, client_of, settings):
    settings.CONGVU_MAX_UPLOAD_MB = 1
    data = register_form(province, original=SimpleUploadedFile("scan.pdf", b"x" * (1024 * 1024 + 1)))
    html = client_of(province.construction_clerk).post("/van-ban-den/moi/", data).content.decode()
    assert "Tệp lớn hơn 1 MB." in html
    assert not IncomingDocument.objects.exists()


# The imports' own files are bounded by their forms' clean methods (congvu.web.forms_imports: an edXML
# message to CONGVU_EDXML_MAX_MB, a sheet to MAX_FILE_BYTES) and then in elements, columns and rows.
BOUNDED_ON_THEIR_OWN = {("EdxmlUploadForm", "message"), ("ExcelUploadForm", "sheet")}


@pytest.mark.parametrize("form", all_forms(), ids=lambda form: form.__name__)
def test_every_upload_field_is_held_to_the_limit(form):
    loose = [name for name, field in form.base_fields.items() if isinstance(field, forms.FileField)
             and not isinstance(field, UploadField) and (form.__name__, name) not in BOUNDED_ON_THEIR_OWN]
    assert loose == [], f"{form.__name__}: make these UploadField so the upload limit holds: {loose}"


def test_the_original_goes_to_storage_without_being_read_whole(province, client_of, settings, monkeypatch):
    # As every upload over 2.5 MB is in production: spooled by Django to a temporary file.
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    reads: list[tuple] = []

    def spying_read(self):
        def read(*size):
            reads.append(size)
            return self.file.read(*size)
        return read

    monkeypatch.setattr(TemporaryUploadedFile, "read", property(spying_read))
    content = b"%PDF-1.4 " + b"x" * 300_000
    data = register_form(province, original=SimpleUploadedFile("ho-so.pdf", content))
    response = client_of(province.construction_clerk).post("/van-ban-den/moi/", data)
    assert response.status_code == 302
    assert all(size and 0 < size[0] <= 1024 * 1024 for size in reads), reads  # chunks, never read()
    with IncomingDocument.objects.get().original.open("rb") as stored:
        assert stored.read() == content


@pytest.mark.parametrize(("name", "served_as"), [
    ("don.pdf", "application/pdf"), ("trang.html", "application/octet-stream"), ("anh.svg", "application/octet-stream"),
])
def test_an_original_is_served_with_its_allow_listed_type_and_never_as_a_page(province, client_of, name, served_as):
    clerk = client_of(province.construction_clerk)
    clerk.post("/van-ban-den/moi/", register_form(province, original=SimpleUploadedFile(name, b"<script>1</script>")))
    document = IncomingDocument.objects.get()
    response = clerk.get(f"/van-ban-den/{document.pk}/tep-goc/")
    assert response.status_code == 200
    assert response["Content-Type"] == served_as
    assert response["Content-Disposition"].startswith("attachment")
