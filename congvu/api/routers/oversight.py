"""Home Affairs' review of heads' decisions (the queue "Thủ trưởng quyết định thực hiện — chờ xem xét"),
the finding that a return was wrong, and what counts against each unit for its use of authority
(clauses 1.4, 2.1). The same actions as the page /tong-hop/quyet-dinh-thuc-hien/."""

from typing import Literal

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema
from pydantic import create_model

from congvu.api import serialize
from congvu.api.errors import ACTION, AUTH, FILTERED, not_found
from congvu.api.fields import MAX_ID, LocalDateTime, Text
from congvu.api.routers.common import answers, caller
from congvu.api.schemas import ItemDetail, fields_of
from congvu.lib.refusals import AccessDenied
from congvu.oversight import actions
from congvu.oversight.access import sees_figures
from congvu.oversight.models import Resolution
from congvu.oversight.queries import (
    AuthorityFigures,
    authority_figures,
    overrides_to_review,
    reviewable_overrides,
    reviewed_overrides,
)
from congvu.work.models import Event, WorkItem

router = Router(tags=["Giám sát"])


class OverrideOut(Schema):
    id: int = Field(description="Số hiệu của sự kiện quyết định thực hiện trong nhật ký")
    item_id: int
    item_title: str
    unit_id: int | None
    unit_name: str
    official_name: str
    rule_code: str
    reason: str
    at: LocalDateTime
    resolution: Resolution | None = None
    resolution_label: str = ""
    note: str = ""
    resolved_by: str = ""
    resolved_at: LocalDateTime | None = None


class OverrideFilter(Schema):
    state: Literal["open", "reviewed"] = Field("open", description="open: chờ xem xét; reviewed: đã xem xét")


class ResolveIn(Schema):
    resolution: Resolution
    note: Text(2000) = ""


class FindingIn(Schema):
    explanation: Text(2000, required=True)


AuthorityFiguresOut = create_model("AuthorityFiguresOut", __base__=Schema, **fields_of(AuthorityFigures, {}))


def require_oversight(request: HttpRequest) -> None:
    if not sees_figures(caller(request)):
        raise AccessDenied("Chỉ Sở Nội vụ và Văn phòng UBND tỉnh xem số liệu của mọi đơn vị.",
                           "Only Home Affairs and the Province office see the figures of every unit.")


def override_row(event: Event) -> dict:
    review = getattr(event, "review", None)
    return {
        "id": event.pk, "item_id": event.item_id, "item_title": event.item.title, "unit_id": event.unit_id,
        "unit_name": event.unit.name if event.unit else "",
        "official_name": event.actor.full_name if event.actor else "",
        "rule_code": event.rule_code, "reason": event.data.get("reason", ""), "at": event.at,
        **({"resolution": review.resolution, "resolution_label": str(review.get_resolution_display()),
            "note": review.note, "resolved_by": review.resolved_by.full_name, "resolved_at": review.resolved_at}
           if review else {}),
    }


@router.get("/oversight/overrides", response=answers(list[OverrideOut], FILTERED),
            summary="Thủ trưởng quyết định thực hiện — chờ xem xét (Sở Nội vụ)")
def list_overrides(request: HttpRequest, filters: Query[OverrideFilter]):
    require_oversight(request)
    events = overrides_to_review() if filters.state == "open" else reviewed_overrides()
    return [override_row(e) for e in events[:500]]


@router.post("/oversight/overrides/{event_id}/resolve", response=answers(OverrideOut, ACTION),
             summary="Sở Nội vụ xem xét: xác nhận, đã sửa danh mục, hoặc lưu làm căn cứ xem xét trách nhiệm")
def resolve_override(request: HttpRequest, payload: ResolveIn,
                     event_id: int = Path(..., ge=1, le=MAX_ID, description="Số hiệu sự kiện")):
    if actions.may_review_overrides(caller(request)) and not reviewable_overrides().filter(pk=event_id).exists():
        raise not_found("quyết định thực hiện", "head's decision", event_id)
    review = actions.resolve_override(event_id, actor=caller(request), resolution=payload.resolution,
                                      note=payload.note)
    return override_row(reviewed_overrides().get(pk=review.override_id))


@router.post("/items/{item_id}/return-found-wrong", response=answers(ItemDetail, ACTION),
             summary="Kết luận việc trả lại văn bản là sai: tính cho đơn vị đã trả lại (Mục 2.1)")
def return_found_wrong(request: HttpRequest, payload: FindingIn,
                       item_id: int = Path(..., ge=1, le=MAX_ID, description="Số hiệu công việc")):
    if actions.may_find_return_wrong(caller(request)) and not WorkItem.objects.filter(pk=item_id).exists():
        raise not_found("công việc", "item", item_id)
    actions.record_return_found_wrong(item_id, actor=caller(request), explanation=payload.explanation)
    return serialize.item_detail(item_id, caller(request))


@router.get("/oversight/authority-figures", response=answers(list[AuthorityFiguresOut], AUTH),
            summary="Tính cho từng đơn vị: tờ trình bị trả lại, trả lại sai, quyết định thực hiện của thủ trưởng")
def authority_figures_per_unit(request: HttpRequest):
    require_oversight(request)
    return [vars(f) for f in authority_figures()]
