"""The demo's authority cases (clauses 1.4, 2.1), played through the actions once the three months of
work are done: Home Affairs reviews heads' decisions (one of each resolution, the rest left waiting
in the queue), the Province office sends a submission back, a return is found wrong, and the
registry carries a phân cấp to every commune beside the catalogue's ủy quyền with their end dates.
Deterministic: every choice is the first by id of what the build made."""

from datetime import date

from congvu.consult import actions as consult
from congvu.ops.demo import catalog
from congvu.org.models import Official, Unit, UnitKind
from congvu.oversight import actions as oversight
from congvu.oversight.models import Resolution
from congvu.oversight.queries import overrides_to_review
from congvu.registry.models import Authority, Delegation, DelegationKind, MatterType
from congvu.work import actions
from congvu.work.models import EventKind, State, WorkItem
from congvu.work.rules import SendBackGrounds

PUSHED_UP = "Công trình có ý nghĩa đặc biệt đối với du lịch của tỉnh, cần UBND tỉnh cho ý kiến trước khi cấp phép."
SENT_BACK = ("Việc cấp phép này thuộc thẩm quyền của Giám đốc Sở theo danh mục; đề nghị Sở xem xét, "
             "quyết định theo thẩm quyền, không trình UBND tỉnh.")
FOUND_WRONG = ("Qua rà soát hồ sơ, nội dung văn bản thuộc thẩm quyền giải quyết của chính đơn vị đã trả lại; "
               "việc trả lại không đúng căn cứ tại Mục 2.1 Văn bản 2230/UBND-NC.")
REVIEW_NOTES = {
    Resolution.CONFIRMED: "Danh mục ghi đúng nhưng tình huống đặc biệt; quyết định của thủ trưởng có căn cứ.",
    Resolution.REGISTRY_CORRECTED: "Danh mục thẩm quyền ghi nhầm đơn vị; đã đề nghị quản trị sửa danh mục.",
    Resolution.KEPT_FOR_REVIEW: "Quyết định thực hiện lặp lại, không có căn cứ; lưu làm căn cứ xem xét trách nhiệm.",
}


def play_authority_cases() -> None:
    office_head = Official.objects.get(user__username=catalog.OFFICE_HEAD_LOGIN)
    inspector = Official.objects.get(user__username=catalog.INSPECTOR_LOGIN)
    sent_back = _send_back_a_submission(office_head)
    _review_overrides(inspector, sent_back)
    _find_a_return_wrong(office_head)
    _decentralise_to_every_commune()


def _send_back_a_submission(office_head: Official) -> WorkItem:
    """Construction's director pushes a permit his department decides up to the Province over the 1.4
    refusal, with a reason; the Province office sends it back: the matter is the department's own."""
    construction = Unit.objects.get(code="sxd")
    clerk, head, officer = (Official.objects.get(user__username=name)
                            for name in ("vanthu.sxd", "giamdoc.sxd", "chuyenvien.sxd"))
    matter = MatterType.objects.filter(competent_unit=construction, authority=Authority.UNIT_HEAD).order_by("id")[0]
    item = actions.register_incoming(
        actor=clerk, unit=construction, matter_type=matter, sender="Công ty CP Đầu tư Hồ Lắk",
        subject="Đề nghị cấp giấy phép xây dựng khu nhà điều hành Hồ Lắk", notation="27/2026/CV-HL",
    )
    actions.direct(item, actor=head, lead_unit=construction)
    actions.assign(item, actor=head, holder=officer)
    consult.submit_to_province(item, actor=head, summary="Kính trình UBND tỉnh xem xét cấp phép",
                               override_reason=PUSHED_UP)
    return actions.send_back_submission(item, actor=office_head, grounds=SendBackGrounds.OWN_AUTHORITY,
                                        explanation=SENT_BACK)


def _review_overrides(inspector: Official, sent_back: WorkItem) -> None:
    """The submission sent back is kept for the review; one more entry is confirmed and one records a
    registry correction, when the build made that many; the last stays waiting in the queue."""
    waiting = list(overrides_to_review())
    kept = next(e for e in waiting if e.item_id == sent_back.pk)
    waiting.remove(kept)
    oversight.resolve_override(kept, actor=inspector, resolution=Resolution.KEPT_FOR_REVIEW,
                               note=REVIEW_NOTES[Resolution.KEPT_FOR_REVIEW])
    others = (Resolution.CONFIRMED, Resolution.REGISTRY_CORRECTED)
    for event, resolution in zip(waiting[:-1], others, strict=False):
        oversight.resolve_override(event, actor=inspector, resolution=resolution, note=REVIEW_NOTES[resolution])


def _find_a_return_wrong(office_head: Official) -> None:
    returned = WorkItem.objects.filter(state=State.RETURNED).exclude(
        events__kind=EventKind.RETURN_FOUND_WRONG).order_by("id").first()
    if returned is not None:
        oversight.record_return_found_wrong(returned, actor=office_head, explanation=FOUND_WRONG)


def _decentralise_to_every_commune() -> None:
    """A Province matter decentralised to every commune (each on its own territory), by resolution of
    the People's Council; beside it, an ended authorisation kept in the history."""
    culture = Unit.objects.get(code="svhttdl")
    karaoke = MatterType.objects.create(
        code="karaoke-vu-truong", name="Cấp giấy phép đủ điều kiện kinh doanh dịch vụ karaoke",
        field="Văn hóa", competent_unit=culture, authority=Authority.PROVINCE_CHAIRMAN,
        legal_basis="Nghị định 54/2019/NĐ-CP", time_limit_days=5,
    )
    committee = Unit.objects.filter(kind=UnitKind.PROVINCE_COMMITTEE, valid_to__isnull=True).order_by("id").first()
    Delegation.objects.create(
        matter_type=karaoke, kind=DelegationKind.AUTHORISATION, to_unit=culture, from_unit=committee,
        legal_basis="Quyết định 09/2024/QĐ-UBND (ủy quyền cấp giấy phép karaoke)", document_number="09/2024/QĐ-UBND",
        valid_from=date(2024, 3, 1), valid_to=date(2025, 6, 30),  # ended with the two-tier reform
    )
    Delegation.objects.create(
        matter_type=karaoke, kind=DelegationKind.DECENTRALISATION, to_kind=UnitKind.COMMUNE,
        legal_basis="Nghị quyết 12/2025/NQ-HĐND (phân cấp cấp giấy phép karaoke cho UBND cấp xã)",
        document_number="12/2025/NQ-HĐND", valid_from=catalog.REFORM_DAY,
    )
