"""The demo's cases of clause 1.5 and of the days held (issue 9): plans of their own, played with
every other plan in the order the days come (congvu/ops/demo/activity.py), on fixed working days
before the last finished one, so the build stays the same on every run:

- a building permit the Construction department extends by itself (counted), completes after its
  legal deadline but by the extended one ("on time after extension"), naming the cause of the delay;
- a medical practice licence whose extension goes past what the Health department may grant itself:
  its head requests it, the Province office approves it on the Chairman's behalf;
- a building permit sent to the Industry and Trade department by mistake, held four working days and
  then transferred to Construction: those days stay in that department's figures."""

from congvu.lib.clock import today
from congvu.ops.demo import catalog
from congvu.ops.demo.moves import Move, Numbers, Op, Plan
from congvu.ops.demo.structure import Cast
from congvu.ops.demo.timeline import Timeline
from congvu.org.models import Official, Unit
from congvu.registry.queries import current_calendar
from congvu.registry.serving import head_of
from congvu.work import actions
from congvu.work.models import DelayCause, ExtensionRequest

# How many working days before the last finished one each case starts (the window has ~60).
SELF_EXTENSION_START = 30
EXTENSION_ABOVE_START = 15
TRANSFER_START = 10


def deadline_plans(cast: Cast, timeline: Timeline, first_no: int) -> list[Plan]:
    """The three cases as plans numbered from `first_no`; none in a province younger than the cases."""
    if timeline.end < SELF_EXTENSION_START + 2:
        return []
    cases = (_self_extension_completed_after_the_legal_deadline(cast, timeline.end - SELF_EXTENSION_START),
             _extension_above_the_limit_approved_by_the_province_office(cast, timeline.end - EXTENSION_ABOVE_START),
             _transfer_whose_days_stay_with_the_first_unit(cast, timeline.end - TRANSFER_START))
    plans = []
    for no, (scenario, unit_code, home_code, matter_code, moves) in enumerate(cases, start=first_no):
        staff = cast.staff[home_code]
        plans.append(Plan(no=no, scenario=scenario, matter=cast.matters[matter_code][1],
                          unit=cast.units[unit_code], home=staff.unit, officer=staff.officers[0], moves=moves))
    return plans


def _head(unit: Unit) -> Official:
    return head_of(unit, today())


def _register(sender: str, subject: str) -> Op:
    """The receiving unit's head enters the document in its register (the head may, as its clerk)."""
    def run(plan: Plan, numbers: Numbers) -> None:
        plan.item = actions.register_incoming(actor=_head(plan.unit), unit=plan.unit, matter_type=plan.matter,
                                              sender=sender, subject=subject)
    return run


def _direct_and_assign(plan: Plan, numbers: Numbers) -> None:
    head = _head(plan.home)
    actions.direct(plan.item, actor=head, lead_unit=plan.home, note="Giao phòng chuyên môn thẩm định.")
    actions.assign(plan.item, actor=head, holder=plan.officer)


def _extend(working_days_past_legal: int, reason: str) -> Op:
    def run(plan: Plan, numbers: Numbers) -> None:
        item = plan.item
        new_due = current_calendar().add_working_days(item.legal_due_date, working_days_past_legal)
        actions.extend_deadline(item, actor=_head(plan.home), new_due=new_due, reason=reason)
    return run


def _self_extension_completed_after_the_legal_deadline(cast: Cast, start: int) -> tuple:
    def complete(plan: Plan, numbers: Numbers) -> None:
        actions.complete(plan.item, actor=plan.officer, result="Đã cấp Giấy phép xây dựng số 41/GPXD-SXD.",
                         delay_cause=DelayCause.INCOMPLETE_DOSSIER,
                         delay_note="Chủ đầu tư nộp bổ sung hồ sơ phòng cháy, chữa cháy sau 5 ngày làm việc.")

    moves = [
        Move(start, _register("Công ty CP Đầu tư Phú Thịnh",
                              "Đề nghị cấp giấy phép xây dựng nhà xưởng chế biến nông sản Phú Thịnh"), "vào sổ"),
        Move(start, _direct_and_assign, "chỉ đạo, phân công"),
        Move(start + 17, _extend(5, "Chủ đầu tư bổ sung hồ sơ thiết kế phòng cháy; cần thêm thời gian thẩm định."),
             "tự gia hạn"),
        Move(start + 22, complete, "hoàn thành sau hạn theo quy định, trong hạn sau gia hạn"),
    ]
    return "deadline_self_extension", "sxd", "sxd", "cap-phep-xay-dung", moves


def _extension_above_the_limit_approved_by_the_province_office(cast: Cast, start: int) -> tuple:
    office_head = cast.staff[catalog.OFFICE.code].head

    def approve(plan: Plan, numbers: Numbers) -> None:
        actions.decide_extension(ExtensionRequest.objects.get(item=plan.item), actor=office_head, approve=True,
                                 reason="Thừa lệnh Chủ tịch UBND tỉnh đồng ý gia hạn: "
                                        "có căn cứ chờ kết quả xác minh văn bằng.")

    moves = [
        Move(start, _register("Bác sĩ Nguyễn Thị Hồng Nhung",
                              "Đề nghị cấp giấy phép hành nghề khám bệnh, chữa bệnh chuyên khoa nhi"), "vào sổ"),
        Move(start, _direct_and_assign, "chỉ đạo, phân công"),
        # Past the 10 working days the department may extend by itself: requested of the Province office.
        Move(start + 8, _extend(15, "Phải xác minh văn bằng đào tạo ở nước ngoài với cơ sở cấp bằng."),
             "đề nghị gia hạn vượt mức tự gia hạn"),
        Move(start + 9, approve, "Văn phòng UBND tỉnh đồng ý gia hạn"),
    ]
    return "deadline_extension_above", "syt", "syt", "giay-phep-hanh-nghe-kcb", moves


def _transfer_whose_days_stay_with_the_first_unit(cast: Cast, start: int) -> tuple:
    def transfer(plan: Plan, numbers: Numbers) -> None:
        plan.item = actions.transfer(plan.item, actor=_head(plan.unit), to_unit=plan.home,
                                     reason="Cấp giấy phép xây dựng thuộc thẩm quyền Sở Xây dựng.")

    moves = [
        Move(start, _register("Hộ kinh doanh Trần Văn Lộc",
                              "Đề nghị cấp giấy phép xây dựng cửa hàng xăng dầu ven Quốc lộ 25"), "vào sổ"),
        Move(start + 4, transfer, "chuyển sau bốn ngày làm việc: quá thời hạn chuyển"),
    ]
    return "deadline_transfer_held", "sct", "sxd", "cap-phep-xay-dung", moves
