"""Home Affairs' and the Province office's findings about authority (clauses 1.4, 2.1): the review of
a head's override, and a return found wrong. Each is an action (`congvu.work.actions.action`): one
transaction, the item locked, an event in its hash-chained trail."""

from congvu.lib import clock
from congvu.lib.refusals import InvalidInput, InvalidState
from congvu.org.models import Official, Role, Unit
from congvu.oversight.models import OverrideReview, Resolution
from congvu.oversight.queries import reviewable_overrides
from congvu.registry.serving import records_province_decisions
from congvu.work.access import deny
from congvu.work.actions import action, lock, save
from congvu.work.models import Event, EventKind, Outcome, State, WorkItem
from congvu.work.trail import append_event

# Who reviews heads' overrides: Home Affairs (the oversight of administrative discipline).
REVIEWERS = (Role.HOME_AFFAIRS,)


def may_review_overrides(official: Official) -> bool:
    return official.role in REVIEWERS


def may_find_return_wrong(official: Official) -> bool:
    """Home Affairs in review, or the Province office: its head or deputy, or the official the
    registry names to record its decisions (not its clerk, who only registers documents)."""
    return official.role == Role.HOME_AFFAIRS or records_province_decisions(official, clock.today())


@action
def resolve_override(override: Event | int, *, actor: Official, resolution: str, note: str = "") -> OverrideReview:
    """Close one entry of the queue: confirm the head's decision, record that the registry was
    corrected, or keep it as evidence for the accountability review."""
    if not may_review_overrides(actor):
        raise deny("xem xét quyết định của thủ trưởng", "review a head's decision")
    event_id = override.pk if isinstance(override, Event) else override
    event = reviewable_overrides().filter(pk=event_id).first()
    if event is None:
        raise InvalidInput("Không có quyết định thực hiện nào như vậy chờ xem xét.",
                           "There is no such head's decision to review.")
    if resolution not in Resolution.values:
        raise InvalidInput("Cần chọn cách xử lý: xác nhận, đã sửa danh mục, hoặc lưu làm căn cứ xem xét trách nhiệm.",
                           "Choose a resolution: confirm, registry corrected, or keep for a review.")
    item = lock(event.item_id)
    if OverrideReview.objects.filter(override=event).exists():
        raise InvalidState("Quyết định này đã được xem xét.", "This decision has already been reviewed.")
    review = OverrideReview.objects.create(
        override=event, item=item, unit_id=event.unit_id, resolution=resolution, note=note.strip(),
        resolved_by=actor, resolved_at=clock.now(),
    )
    append_event(item, EventKind.OVERRIDE_REVIEWED, actor=actor, unit=Unit(pk=event.unit_id),
                 rule_code=event.rule_code, data={"override_seq": event.seq, "resolution": resolution,
                                                  "note": review.note})
    save(item)
    return review


@action
def record_return_found_wrong(item: WorkItem | int, *, actor: Official, explanation: str) -> WorkItem:
    """A returned document's matter was in fact the returning unit's own (decided by Home Affairs in
    review, or by the Province office): the finding goes into the item's trail and the return counts
    against the returning unit."""
    if not may_find_return_wrong(actor):
        raise deny("kết luận việc trả lại văn bản là sai", "find a return wrong")
    if not WorkItem.objects.filter(pk=item.pk if isinstance(item, WorkItem) else item).exists():
        raise InvalidInput("Không có công việc này.", "There is no such item.")
    item = lock(item)
    if item.state != State.RETURNED:
        raise InvalidState("Chỉ kết luận được với văn bản đã bị trả lại.",
                           "Only a returned document can be found wrongly returned.")
    if not explanation.strip():
        raise InvalidInput("Cần ghi căn cứ kết luận.", "The grounds of the finding are required.")
    returned = item.events.filter(kind=EventKind.RETURN, outcome=Outcome.DONE).order_by("-seq").first()
    if returned is None:
        raise InvalidState("Không tìm thấy việc trả lại trong nhật ký.", "No return is in the trail.")
    if item.events.filter(kind=EventKind.RETURN_FOUND_WRONG).exists():
        raise InvalidState("Việc trả lại này đã được kết luận.", "This return has already been found wrong.")
    append_event(item, EventKind.RETURN_FOUND_WRONG, actor=actor, unit=Unit(pk=returned.unit_id),
                 data={"return_seq": returned.seq, "explanation": explanation.strip()})
    save(item)
    return item
