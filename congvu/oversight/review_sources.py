"""What an accountability review may open from (clause 1.7): a small registry of source kinds, each a
function from a row's id to the unit, the official and the evidence it names. Pluggable on purpose:
new kinds of evidence are added with `register_source` (the inspections' findings are the latest).

Each function refuses (InvalidInput) an id that is not evidence of its kind, e.g. an override that
Home Affairs did not keep for review, or an item that is not overdue."""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from django.db.models import Q
from django.urls import reverse

from congvu.consult.models import Responsibility
from congvu.lib.refusals import InvalidInput
from congvu.lib.workdays import TZ
from congvu.org.models import Official, Unit
from congvu.oversight.models import OverrideReview, Resolution
from congvu.oversight.models_inspections import Finding, FindingCategory
from congvu.oversight.models_public import PublicReport
from congvu.oversight.queries import figure_conditions
from congvu.work.models import WorkItem


@dataclass(frozen=True)
class Source:
    unit: Unit
    official: Official | None
    summary: str
    evidence: list[dict] = field(default_factory=list)  # {"label": ..., "url": ...}


@dataclass(frozen=True)
class SourceKind:
    key: str
    label_vi: str
    label_en: str
    resolve: Callable[[int], Source]


SOURCES: dict[str, SourceKind] = {}


def register_source(key: str, label_vi: str, label_en: str, resolve: Callable[[int], Source]) -> None:
    SOURCES[key] = SourceKind(key, label_vi, label_en, resolve)


def source(kind: str, pk: int) -> Source:
    if kind not in SOURCES:
        raise InvalidInput("Không có loại căn cứ này để mở kiểm điểm.", "There is no such kind of evidence.")
    return SOURCES[kind].resolve(pk)


def _item_evidence(item: WorkItem) -> dict:
    return {"label": f"Công việc #{item.pk}: {item.title} (hạn {item.due_date:%d/%m/%Y})",
            "url": reverse("item", args=[item.pk])}


def _missing(what_vi: str, what_en: str) -> InvalidInput:
    return InvalidInput(f"Không có {what_vi} như vậy làm căn cứ.", f"There is no such {what_en} to review.")


def deemed_agreement(pk: int) -> Source:
    found = Responsibility.objects.select_related("unit", "head", "holder", "request__item").filter(pk=pk).first()
    if found is None:
        raise _missing("trường hợp coi như đồng ý", "deemed agreement")
    item = found.request.item
    return Source(found.unit, found.holder or found.head,
                  f"{found.unit.name} không trả lời xin ý kiến đúng hạn (coi như đồng ý) về “{item.title}”",
                  [_item_evidence(item), {"label": f"Trách nhiệm do không trả lời đúng hạn ({found.rule_code})",
                                          "url": reverse("item", args=[item.pk])}])


def overdue_item(pk: int) -> Source:
    item = (WorkItem.objects.filter(figure_conditions()["overdue"], pk=pk)
            .select_related("holder_unit", "holder").first())
    if item is None:
        raise _missing("công việc quá hạn", "overdue item")
    return Source(item.holder_unit, item.holder, f"Công việc quá hạn: “{item.title}”", [_item_evidence(item)])


def kept_override(pk: int) -> Source:
    found = (OverrideReview.objects.select_related("unit", "item", "override__actor")
             .filter(pk=pk, resolution=Resolution.KEPT_FOR_REVIEW).first())
    if found is None:
        raise _missing("quyết định của thủ trưởng được lưu để xem xét", "override kept for review")
    return Source(found.unit, found.override.actor,
                  f"Thủ trưởng quyết định thực hiện khi quy tắc {found.override.rule_code} từ chối",
                  [_item_evidence(found.item), {"label": f"Kết quả xem xét: {found.get_resolution_display()}. "
                                                         f"{found.note}".strip(),
                                                "url": reverse("authority_queue")}])


def public_report(pk: int) -> Source:
    """A citizen's report (clause 1.7): the unit it names, or, for a report about an official or a
    dossier, the unit Home Affairs assigned it to; Home Affairs names the official."""
    found = (PublicReport.objects.select_related("unit", "assigned_unit")
             .filter(Q(unit__isnull=False) | Q(assigned_unit__isnull=False), pk=pk).first())
    if found is None:
        raise _missing("phản ánh của người dân về đơn vị", "public report about a unit")
    summary = f"Phản ánh của người dân ({found.get_kind_display()}): {found.description[:200]}"
    return Source(found.unit or found.assigned_unit, None, summary,
                  [{"label": f"Phản ánh mã {found.code} ngày {found.received_at.astimezone(TZ):%d/%m/%Y}",
                    "url": reverse("public_report_detail", args=[found.pk])}])


def any_item(pk: int) -> Source:
    item = WorkItem.objects.select_related("holder_unit", "holder").filter(pk=pk).first()
    if item is None:
        raise _missing("công việc", "item")
    return Source(item.holder_unit, item.holder, f"Công việc “{item.title}”", [_item_evidence(item)])


def from_plain(data: dict) -> Source:
    """A source from plain data, as the inspections give a finding (`finding_as_review_source`:
    unit_id, official_id, summary, item_ids, found_on). At merge the lead registers it in one line:
    register_source("inspection_finding", "Kết luận kiểm tra", "Inspection finding",
                    lambda pk: from_plain(finding_as_review_source(<the finding pk>)))."""
    unit = Unit.objects.filter(pk=data.get("unit_id")).first()
    if unit is None:
        raise _missing("kết luận kiểm tra nêu đơn vị", "finding naming a unit")
    official = Official.objects.filter(pk=data["official_id"]).first() if data.get("official_id") else None
    items = WorkItem.objects.filter(pk__in=data.get("item_ids", [])).order_by("pk")
    found_on = f" ngày {date.fromisoformat(data['found_on']):%d/%m/%Y}" if data.get("found_on") else ""
    return Source(unit, official, f"Kết luận kiểm tra{found_on}: {data.get('summary', '')}".strip(),
                  [_item_evidence(item) for item in items])


def inspection_finding(pk: int) -> Source:
    """A fault an inspection found (clause 1.6 -> 1.7): the inspection itself is the first evidence,
    then the items the finding cites. A positive finding is no ground for a review."""
    faults = Finding.objects.exclude(category=FindingCategory.POSITIVE).select_related("inspection")
    finding = faults.filter(pk=pk).first()
    if finding is None:
        raise _missing("kết luận kiểm tra nêu sai phạm", "inspection finding of a fault")
    found = from_plain(finding_as_review_source(finding))
    inspection = {"label": f"Kiểm tra: {finding.inspection.title}",
                  "url": reverse("inspection", args=[finding.inspection_id])}
    return replace(found, evidence=[inspection, *found.evidence])


register_source("deemed_agreement", "Coi như đồng ý (không trả lời đúng hạn)", "Deemed agreement", deemed_agreement)
register_source("overdue_item", "Công việc quá hạn", "Overdue work", overdue_item)
register_source("kept_override", "Quyết định của thủ trưởng lưu để xem xét trách nhiệm", "Override kept for review",
                kept_override)
register_source("item", "Công việc", "Work item", any_item)
register_source("public_report", "Phản ánh của người dân", "Public report", public_report)
register_source("inspection_finding", "Kết luận kiểm tra", "Inspection finding", inspection_finding)


def finding_as_review_source(finding: Finding) -> dict:
    """What an accountability review opened from this finding starts from (helper "review" builds the
    review; "Mở kiểm điểm" from a finding is wired at merge): plain data, no model."""
    return {
        "source": "inspection_finding", "finding_id": finding.pk, "inspection_id": finding.inspection_id,
        "unit_id": finding.unit_id, "official_id": finding.official_id, "category": finding.category,
        "summary": finding.summary, "item_ids": list(finding.item_ids), "event_ids": list(finding.event_ids),
        "found_on": finding.recorded_at.date().isoformat(),
    }
