"""A province two months into the year, built through the real actions (no test helper saves a model):
work finished on time and late, overdue and within its deadline, returned, submitted to the Province
(once over a refusal), a refused transfer, an extension, a consultation answered by one unit and left
silent by another (deemed agreed by the sweep), and a request still waiting for Finance's answer.

Shared by the home, list and oversight tests; it holds no test itself."""

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from congvu.consult import actions as consult
from congvu.consult import sweep
from congvu.consult.models import ConsultationRequest, ReplyPosition
from congvu.lib import clock
from congvu.lib.refusals import RuleViolation
from congvu.lib.workdays import TZ
from congvu.testing import Province
from congvu.work import actions
from congvu.work.models import WorkItem

JANUARY = datetime(2026, 1, 5, 9, 0, tzinfo=TZ)     # a Monday: the older work arrives
FEBRUARY = datetime(2026, 2, 4, 9, 0, tzinfo=TZ)
LATE_FEBRUARY = datetime(2026, 2, 27, 9, 0, tzinfo=TZ)
NOW = datetime(2026, 3, 3, 9, 0, tzinfo=TZ)          # the web tests' frozen morning


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # the personas' passwords are not under test


@dataclass
class Busy:
    overdue: WorkItem            # construction, in progress, past its (extended) deadline
    on_time: WorkItem            # completed before its deadline; Transport co-operated
    late: WorkItem               # completed after it
    returned: WorkItem           # sent back: not Construction's work, not counted
    submitted: WorkItem          # planning approval: really the Province's to decide
    pushed_up: WorkItem          # building permit submitted over the own-authority refusal
    refused: WorkItem            # a transfer of own work was refused on it (still open, registered)
    consulted: WorkItem          # Finance answered, Transport stayed silent: deemed agreed
    waiting_answer: WorkItem     # Finance has not answered yet; its officer prepares the reply
    fresh_finance: WorkItem      # registered this morning at Finance
    fresh_commune: WorkItem      # registered this morning at the commune


def start(p: Province, subject: str, matter=None, holder=None, cooperating=()) -> WorkItem:
    item = actions.register_incoming(actor=p.construction_clerk, unit=p.construction,
                                     matter_type=matter or p.building_permit, sender="Công ty TNHH Sông Cầu",
                                     subject=subject, notation=f"{sum(map(ord, subject)) % 900 + 100}/2026/CV-SC")
    actions.direct(item, actor=p.construction_head, lead_unit=p.construction, cooperating=cooperating)
    return actions.assign(item, actor=p.construction_head, holder=holder or p.construction_officer)


def build_busy_province(p: Province) -> Busy:
    with clock.travel_to(JANUARY):
        overdue = start(p, "Cấp phép xây dựng nhà xưởng Hòa Hiệp")
        on_time = start(p, "Cấp phép xây dựng trường mầm non An Phú", cooperating=[p.transport])
        late = start(p, "Cấp phép xây dựng chợ Tuy Hòa")
        returned = actions.register_incoming(actor=p.construction_clerk, unit=p.construction,
                                             matter_type=p.land_dispute, sender="Hộ ông Nguyễn Văn Đất",
                                             subject="Đề nghị hòa giải tranh chấp ranh giới thửa đất")
        actions.return_document(returned, actor=p.construction_head, grounds="not_ours", named_unit=p.commune)
        submitted = start(p, "Phê duyệt quy hoạch chi tiết khu dân cư Bắc Hòa", p.planning_approval)
        consult.submit_to_province(submitted, actor=p.construction_officer, summary="Tờ trình phê duyệt")
        pushed_up = start(p, "Cấp phép xây dựng trụ sở ngân hàng")
        consult.submit_to_province(pushed_up, actor=p.construction_head, summary="Xin ý kiến UBND tỉnh",
                                   override_reason="Công trình có ý nghĩa đặc biệt, cần UBND tỉnh cho ý kiến")
        consulted = start(p, "Phê duyệt quy hoạch khu công nghiệp Hòa Tâm", p.planning_approval)
        asked = consult.ask(consulted, actor=p.construction_officer, units=[p.finance, p.transport],
                            question="Đề nghị cho ý kiến về chỉ tiêu sử dụng đất")
        consult.reply(asked.requests.get(unit=p.finance), actor=p.finance_head, position=ReplyPosition.AGREE)
    with clock.travel_to(JANUARY + timedelta(days=10)):
        actions.complete(on_time, actor=p.construction_officer, result="Đã cấp giấy phép số 12/GPXD")
    with clock.travel_to(FEBRUARY):
        sweep.deem_overdue()
        actions.extend_deadline(overdue, actor=p.construction_head, new_due=overdue.due_date + timedelta(days=7),
                                reason="Chờ bổ sung hồ sơ thiết kế")
    with clock.travel_to(LATE_FEBRUARY):
        actions.complete(late, actor=p.construction_officer, result="Đã cấp giấy phép số 15/GPXD")
        waiting_answer = start(p, "Thẩm định giá đất khu tái định cư", p.planning_approval)
        request = consult.ask(waiting_answer, actor=p.construction_officer, units=[p.finance],
                              question="Đề nghị cho ý kiến về giá đất").requests.get()
        consult.assign_request(request, actor=p.finance_head, holder=p.finance_officer)
    with clock.travel_to(NOW):
        refused = actions.register_incoming(actor=p.construction_clerk, unit=p.construction,
                                            matter_type=p.building_permit, sender="Công ty CP Phú Yên",
                                            subject="Cấp phép xây dựng khách sạn ven biển")
        with pytest.raises(RuleViolation):
            actions.transfer(refused, actor=p.construction_head, to_unit=p.finance)
        fresh_finance = actions.register_incoming(actor=p.finance_head, unit=p.finance,
                                                  matter_type=p.building_permit, sender="Kho bạc Nhà nước",
                                                  subject="Đề nghị thẩm tra quyết toán dự án đường ven biển")
        fresh_commune = actions.register_incoming(actor=p.commune_head, unit=p.commune,
                                                  matter_type=p.land_dispute, sender="Hộ bà Trần Thị Ranh",
                                                  subject="Hòa giải tranh chấp lối đi chung")
    items = dict(overdue=overdue, on_time=on_time, late=late, returned=returned, submitted=submitted,
                 pushed_up=pushed_up, refused=refused, consulted=consulted, waiting_answer=waiting_answer,
                 fresh_finance=fresh_finance, fresh_commune=fresh_commune)
    return Busy(**{name: WorkItem.objects.get(pk=item.pk) for name, item in items.items()})


def pending_request_of(item: WorkItem) -> ConsultationRequest:
    return ConsultationRequest.objects.get(item=item, state="pending")
