"""Clauses 2.2 and 2.3 as pure checks: who may be consulted, what a reply must say, and that a
disagreement is reconciled by the heads before the matter goes to the Province."""

from collections.abc import Collection
from datetime import date

from congvu.consult.models import ReplyPosition, SendBackGrounds
from congvu.lib.refusals import Detail, InvalidInput, Rule
from congvu.org.models import UnitKind

UNRELATED_CONSULTATION = Rule(
    "R-2.2-UNRELATED-CONSULTATION", "2.2",
    "Không xin ý kiến đơn vị không liên quan, không cần thiết: {unit} không có chức năng liên quan đến loại việc này",
    "Do not consult units that are unrelated or unnecessary: {unit} has no function related to this matter type",
)
CLEAR_POSITION = Rule(
    "R-2.2-CLEAR-POSITION", "2.2",
    "Ý kiến trả lời phải rõ ràng: {detail}",
    "A reply must state a clear position: {detail}",
)
DEEMED_AGREEMENT = Rule(
    "R-2.2-DEEMED-AGREEMENT", "2.2",
    "Quá thời hạn mà không trả lời thì được coi là đồng ý",
    "A unit that does not reply by the deadline is deemed to agree",
)
RECONCILE_FIRST = Rule(
    "R-2.3-RECONCILE-FIRST", "2.3",
    "Còn ý kiến không đồng ý của {units}: thủ trưởng đơn vị chủ trì phải trực tiếp làm việc với thủ trưởng "
    "đơn vị có ý kiến khác trước khi trình UBND tỉnh",
    "{units} still disagree: the lead unit's head must meet the head of each differing unit before "
    "submitting to the Province",
)


NOT_CONSULTABLE = Rule(
    "R-2.2-NOT-CONSULTABLE", "2.2",
    "Chỉ xin ý kiến các cơ quan, đơn vị có thẩm quyền giải quyết công việc (sở, ngành, UBND cấp xã): {unit} {detail}",
    "Only units that decide matters (departments, communes) are consulted: {unit} {detail}",
)
SEND_BACK_GROUNDS = Rule(
    "R-2.2-SEND-BACK-GROUNDS", "2.2",
    "Trả lại yêu cầu xin ý kiến phải nêu căn cứ (không liên quan, hoặc là việc của chính đơn vị xin ý kiến) "
    "và lý do cụ thể",
    "Sending a consultation back needs grounds (not related, or the asking unit's own matter) and reasons",
)
NOTICE_ON_WORKING_DAY = Rule(
    "R-2.2-NOTICE-WORKING-DAY", "2.2",
    "Thông báo được ký ban hành và ghi ngày vào ngày làm việc; hôm nay ({day}) là ngày nghỉ, "
    "đề nghị ký vào ngày làm việc tiếp theo ({next_day})",
    "A notice is signed and dated on a working day; today ({day}) is a day off, sign on the next working "
    "day ({next_day})",
)
# Units that decide matters: consulted by default (clause 2.2 asks "cơ quan, đơn vị liên quan").
CONSULTABLE_KINDS = frozenset({UnitKind.DEPARTMENT, UnitKind.COMMUNE})


def check_consultable(unit_name: str, kind: str, is_own_division: bool, widened: bool) -> None:
    """Departments and communes; the registry's `consultation_any_unit` widens this to any other unit,
    but a unit never consults its own divisions (it directs them)."""
    if is_own_division:
        raise NOT_CONSULTABLE.violation(unit=unit_name, detail=Detail(
            "là đơn vị trực thuộc của chính đơn vị xin ý kiến", "is a division of the asking unit itself"))
    if kind not in CONSULTABLE_KINDS and not widened:
        raise NOT_CONSULTABLE.violation(unit=unit_name, detail=Detail(
            "không phải cơ quan, đơn vị giải quyết công việc", "is not a unit that decides matters"))


def check_send_back(grounds: str, reason: str) -> None:
    if grounds not in SendBackGrounds.values or not reason.strip():
        raise SEND_BACK_GROUNDS.violation()


def check_signing_day(day: date, is_working_day: bool, next_working_day: date) -> None:
    if not is_working_day:
        raise NOTICE_ON_WORKING_DAY.violation(day=f"{day:%d/%m/%Y}", next_day=f"{next_working_day:%d/%m/%Y}")


def check_related(unit_id: int, unit_name: str, related_ids: Collection[int]) -> None:
    if unit_id not in related_ids:
        raise UNRELATED_CONSULTATION.violation(unit=unit_name)


def check_clear_position(position: str, reasons: str) -> None:
    if position not in ReplyPosition.values:
        raise CLEAR_POSITION.violation(Detail("phải chọn đồng ý, đồng ý có bổ sung, hoặc không đồng ý",
                                              "choose agree, agree with amendments, or disagree"))
    if position != ReplyPosition.AGREE and not reasons.strip():
        raise CLEAR_POSITION.violation(Detail("ý kiến bổ sung hoặc không đồng ý phải nêu rõ lý do",
                                              "amendments or a disagreement must give their reasons"))


def check_reconciled(unreconciled_unit_names: Collection[str]) -> None:
    if unreconciled_unit_names:
        raise RECONCILE_FIRST.violation(units=", ".join(sorted(unreconciled_unit_names)))


def check_reply_days(days: int, minimum: int, maximum: int) -> None:
    if not minimum <= days <= maximum:
        raise InvalidInput(
            f"Thời hạn trả lời phải từ {minimum} đến {maximum} ngày làm việc theo Quy chế làm việc.",
            f"The reply period must be {minimum} to {maximum} working days under the working regulation.",
        )


def check_units_to_ask(unit_ids: Collection[int], lead_unit_id: int) -> None:
    if not unit_ids:
        raise InvalidInput("Chọn ít nhất một đơn vị được xin ý kiến.", "Choose at least one unit to consult.")
    if lead_unit_id in unit_ids:
        raise InvalidInput("Đơn vị chủ trì không tự xin ý kiến chính mình.", "The lead unit does not consult itself.")
