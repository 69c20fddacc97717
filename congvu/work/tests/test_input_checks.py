"""Every action refuses, at its one door, a text holding a C0 control character and a file over the
upload limit, naming the field in Vietnamese: the web, the API, the imports and the CLI all come
through here, so none of them can store what would break the .xlsx and .docx writers."""

import importlib
import typing

import pytest
from django.core.files.base import ContentFile

from congvu.consult import actions as consult
from congvu.consult.models import Consultation
from congvu.lib.refusals import InvalidInput
from congvu.oversight.models_public import ReportAbout, ReportKind
from congvu.oversight.public_reports import file_report
from congvu.work import actions
from congvu.work.actions import FIELD_LABELS, action
from congvu.work.models import Event, IncomingDocument, WorkItem

pytestmark = pytest.mark.usefixtures("at_morning")


def register(p, **changes):
    fields = {"sender": "Công ty TNHH Xây dựng Hòa Bình", "subject": "Đề nghị cấp phép xây dựng nhà xưởng",
              **changes}
    return actions.register_incoming(actor=p.construction_clerk, unit=p.construction,
                                     matter_type=p.planning_approval, **fields)


@pytest.mark.parametrize(("field", "label_vi", "label_en"), [
    ("subject", "trích yếu", "subject"),
    ("sender", "nơi gửi", "sender"),
    ("notation", "số, ký hiệu", "number and notation"),
])
@pytest.mark.parametrize("character", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f"])
def test_registering_refuses_a_control_character_naming_the_field(province, field, label_vi, label_en, character):
    with pytest.raises(InvalidInput) as refused:
        register(province, **{field: f"Văn bản{character} số 12"})
    assert f"“{label_vi}”" in refused.value.message_vi and "ký tự điều khiển" in refused.value.message_vi
    assert f"“{label_en}”" in refused.value.message_en
    assert not IncomingDocument.objects.exists() and not WorkItem.objects.exists()


def test_tabs_and_line_breaks_are_ordinary_text(province):
    item = register(province, subject="Đề nghị cấp phép\r\n\tnhà xưởng số 2")
    assert item.title == "Đề nghị cấp phép\r\n\tnhà xưởng số 2"


def test_a_consultation_question_with_a_control_character_is_refused_before_anything_is_asked(province):
    item = register(province)
    actions.direct(item, actor=province.construction_head, lead_unit=province.construction)
    actions.assign(item, actor=province.construction_head, holder=province.construction_officer)
    with pytest.raises(InvalidInput, match="“nội dung xin ý kiến”"):
        consult.ask(item, actor=province.construction_officer, units=[province.finance],
                    question="Đề nghị cho ý kiến\x07")
    assert not Consultation.objects.exists()
    assert not Event.objects.filter(item=item, kind="refused").exists()  # bad input, not a rule refusal


def test_completing_with_a_control_character_in_the_result_is_refused(province):
    item = register(province)
    actions.direct(item, actor=province.construction_head, lead_unit=province.construction)
    actions.assign(item, actor=province.construction_head, holder=province.construction_officer)
    with pytest.raises(InvalidInput, match="“kết quả giải quyết”"):
        actions.complete(item, actor=province.construction_officer, result="Đã trả lời\x1a")
    item.refresh_from_db()
    assert item.completed_at is None


ACTION_MODULES = ("congvu.work.actions", "congvu.work.direct_assign", "congvu.consult.actions",
                  "congvu.documents.actions", "congvu.documents.edxml_receive",
                  *(f"congvu.oversight.{name}" for name in ("actions", "backlog", "commendation", "directives",
                                                              "inspections", "public_reports", "reports", "reviews")))


def every_action() -> list:
    wrapped = action(lambda: None).__code__
    return [fn for module in map(importlib.import_module, ACTION_MODULES) for fn in vars(module).values()
            if getattr(fn, "__code__", None) is wrapped and fn.__module__ == module.__name__]


def takes_text(annotation) -> bool:
    return annotation is str or str in typing.get_args(annotation)


def test_every_text_an_action_takes_is_named_in_vietnamese_when_refused():
    """The actions added after the check (oversight rooms, directives, periodic and public reports)
    named a field holding a control character by its Python name ("meeting_place")."""
    assert len(every_action()) > 40
    unnamed = sorted({f"{fn.__module__}.{fn.__name__}({name})" for fn in every_action()
                      for name, annotation in typing.get_type_hints(fn.__wrapped__).items()
                      if takes_text(annotation) and name not in FIELD_LABELS})
    assert unnamed == []


@pytest.mark.django_db
def test_a_public_report_holding_a_control_character_is_refused_naming_the_field():
    with pytest.raises(InvalidInput, match="“nội dung phản ánh”"):
        file_report(kind=ReportKind.values[0], about=ReportAbout.UNIT, description="Chậm\x1b trễ")


@pytest.mark.django_db
def test_a_parameter_without_a_label_is_named_by_its_own_name():
    @action
    def remark(*, actor, memo: str) -> str:
        return memo

    with pytest.raises(InvalidInput, match="“memo”"):
        remark(actor=None, memo="ghi chú\x02")
    assert remark(actor=None, memo="ghi chú") == "ghi chú"


def test_an_original_over_the_upload_limit_is_refused_naming_it(province, settings):
    settings.CONGVU_MAX_UPLOAD_MB = 1
    with pytest.raises(InvalidInput) as refused:
        register(province, original=ContentFile(b"x" * (1024 * 1024 + 1)), original_name="scan.pdf")
    assert "“văn bản gốc”" in refused.value.message_vi and "1 MB" in refused.value.message_vi
    assert not IncomingDocument.objects.exists()
    item = register(province, original=ContentFile(b"x" * 1024 * 1024), original_name="scan.pdf")
    assert item.incoming.original.size == 1024 * 1024
