"""What the tests are made of, in one place (congvu/conftest.py offers it as fixtures).

- A small province with named personas (the way healthchecks' tests speak): the Construction
  department's head, deputy, officer and clerk; the Finance department's; a commune; the Province
  office; Home Affairs; an outsider with no position anywhere. Built by the one province builder.
- `working_item`, `consulted_item`, `consulted_by_two`: an item in Construction's officer's hands,
  and one on which Finance (or Finance and Transport) was asked, through the real actions.
- The access walks' item (`walked_item`), and the busy province two months into the year
  (`build_busy_province`) that the home, list and oversight tests read.

Every item is made through the actions: no test helper saves a work model."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

import pytest
from django.core.files.base import ContentFile

from congvu.consult import actions as consult
from congvu.consult import sweep
from congvu.consult.models import Consultation, ConsultationRequest, Notice, ReplyPosition
from congvu.lib import clock
from congvu.lib.refusals import RuleViolation
from congvu.lib.workdays import TZ
from congvu.ops import province
from congvu.ops.province import Delegated, MatterPlan, Person, Plan, Post, UnitPlan
from congvu.org.models import Notification, Official, Role, Title, Unit, UnitKind
from congvu.registry.models import Authority, DelegationKind, MatterType
from congvu.work import actions as work
from congvu.work.models import IncomingDocument, WorkItem

SINCE = date(2020, 1, 1)
PASSWORD = "congvu-test-2026"  # noqa: S105 - the test personas' password, not a secret
# Tuesday 03/03/2026, 09:00 in Hà Nội: an ordinary working morning, far from any holiday. The tests'
# "now" (the `province` and `at_morning` fixtures).
MORNING = datetime(2026, 3, 3, 9, 0, tzinfo=TZ)

D = UnitKind.DEPARTMENT
XD_BASIS = "Luật Xây dựng 2014 (sửa đổi 2020)"
# The province as data for the one builder (congvu/ops/province.py), by the Province attribute of each row.
UNITS = {
    "committee": UnitPlan("ubnd", "Ủy ban nhân dân tỉnh Phú Yên", "UBND", UnitKind.PROVINCE_COMMITTEE),
    "office": UnitPlan("vp", "Văn phòng UBND tỉnh", "VP", UnitKind.PROVINCE_OFFICE, "ubnd"),
    "home_affairs": UnitPlan("snv", "Sở Nội vụ", "SNV", D, "ubnd", is_home_affairs=True),
    "construction": UnitPlan("sxd", "Sở Xây dựng", "SXD", D, "ubnd"),
    "finance": UnitPlan("stc", "Sở Tài chính", "STC", D, "ubnd"),
    "transport": UnitPlan("sgtvt", "Sở Giao thông vận tải", "SGTVT", D, "ubnd"),
    "commune": UnitPlan("xa-an-my", "UBND xã An Mỹ", "UBND", UnitKind.COMMUNE, "ubnd"),
}


def _person(username: str, full_name: str, unit: str | None, title: str, role: str = Role.OFFICIAL) -> Person:
    return Person(username, full_name, role, (Post(unit, title),) if unit else ())


PEOPLE = {
    "chairman": _person("chutich", "Trần Văn Chủ", "ubnd", Title.HEAD),
    "office_head": _person("vp.head", "Lê Thị Văn", "vp", Title.HEAD, Role.PROVINCE_OFFICE),
    "office_clerk": _person("vp.clerk", "Phạm Thị Thư", "vp", Title.CLERK, Role.PROVINCE_OFFICE),
    "inspector": _person("snv.inspector", "Võ Văn Tra", "snv", Title.OFFICER, Role.HOME_AFFAIRS),
    "construction_head": _person("sxd.head", "Nguyễn Văn Dựng", "sxd", Title.HEAD),
    "construction_deputy": _person("sxd.deputy", "Đỗ Thị Phó", "sxd", Title.DEPUTY),
    "construction_officer": _person("sxd.officer", "Hoàng Văn Viên", "sxd", Title.OFFICER),
    "construction_clerk": _person("sxd.clerk", "Bùi Thị Sổ", "sxd", Title.CLERK),
    "finance_head": _person("stc.head", "Ngô Văn Tài", "stc", Title.HEAD),
    "finance_officer": _person("stc.officer", "Đặng Thị Chính", "stc", Title.OFFICER),
    "transport_head": _person("sgtvt.head", "Lý Văn Đường", "sgtvt", Title.HEAD),
    "commune_head": _person("anmy.head", "Huỳnh Văn Xã", "xa-an-my", Title.HEAD),
    "commune_officer": _person("anmy.officer", "Mai Thị Địa", "xa-an-my", Title.OFFICER),
    "outsider": _person("outsider", "Người Ngoài", None, ""),
}
MATTERS = {
    "building_permit": MatterPlan("cap-phep-xay-dung", "Cấp giấy phép xây dựng công trình cấp II", "Xây dựng", "sxd",
                                  Authority.UNIT_HEAD, XD_BASIS, 20, related=("stc",), extension_days=10),
    "planning_approval": MatterPlan("phe-duyet-quy-hoach", "Phê duyệt quy hoạch chi tiết 1/500", "Xây dựng", "sxd",
                                    Authority.PROVINCE_CHAIRMAN, XD_BASIS, 25, related=("stc", "sgtvt")),
    "delegated_matter": MatterPlan("dieu-chinh-gia-vat-lieu", "Công bố giá vật liệu xây dựng", "Xây dựng", "sxd",
                                   Authority.PROVINCE_CHAIRMAN, XD_BASIS, 10,
                                   delegated=Delegated(DelegationKind.AUTHORISATION, "Quyết định 12/2024/QĐ-UBND",
                                                       valid_to=date(2030, 12, 31))),
    "land_dispute": MatterPlan("hoa-giai-dat-dai", "Hòa giải tranh chấp đất đai", "Đất đai", UnitKind.COMMUNE,
                               Authority.UNIT_HEAD, "Luật Đất đai 2024, Điều 235", 30),
}
PLAN = Plan(tuple(UNITS.values()), tuple(PEOPLE.values()), tuple(MATTERS.values()), since=SINCE, password=PASSWORD,
            email_domain="congvu.test")


@dataclass
class Province:
    committee: Unit
    office: Unit
    home_affairs: Unit
    construction: Unit
    finance: Unit
    transport: Unit
    commune: Unit
    chairman: Official
    office_head: Official
    office_clerk: Official
    inspector: Official
    construction_head: Official
    construction_deputy: Official
    construction_officer: Official
    construction_clerk: Official
    finance_head: Official
    finance_officer: Official
    transport_head: Official
    commune_head: Official
    commune_officer: Official
    outsider: Official
    building_permit: MatterType       # decided by Construction's head
    planning_approval: MatterType     # decided by the Province chairman, advised by Construction
    delegated_matter: MatterType      # the Province's, delegated to Construction
    land_dispute: MatterType          # decided by each commune on its own territory


def build_province() -> Province:
    built = province.build(PLAN)
    return Province(**{name: built.units[unit.code] for name, unit in UNITS.items()},
                    **{name: built.officials[person.username] for name, person in PEOPLE.items()},
                    **{name: built.matters[matter.code] for name, matter in MATTERS.items()})


def make_official(username: str, full_name: str, unit: Unit | None, title: str | None,
                  role: str = Role.OFFICIAL) -> Official:
    """One more official of the province, serving in `unit` as `title` (or nowhere)."""
    person = _person(username, full_name, unit.code if unit and title else None, title or "", role)
    return province.add_people([person], [unit] if unit else [], PLAN)[username]


# Items through the actions ------------------------------------------------------------------------

def working_item(p: Province, matter: MatterType | None = None, *, sender: str = "UBND tỉnh",
                 subject: str = "Quy hoạch chi tiết khu dân cư Bắc Hòa", cooperating=(), **document) -> WorkItem:
    """A planning approval (or `matter`) registered by Construction's clerk, directed by its head (with
    any co-operating units) and assigned to its officer. `document`: more of the incoming letter."""
    item = work.register_incoming(actor=p.construction_clerk, unit=p.construction,
                                  matter_type=matter or p.planning_approval, sender=sender, subject=subject, **document)
    work.direct(item, actor=p.construction_head, lead_unit=p.construction, cooperating=cooperating)
    return work.assign(item, actor=p.construction_head, holder=p.construction_officer)


class Consulted(NamedTuple):
    item: WorkItem
    finance: ConsultationRequest
    transport: ConsultationRequest


QUESTION = "Đề nghị cho ý kiến về chỉ tiêu sử dụng đất của đồ án"


def consulted_by_two(p: Province) -> Consulted:
    """A working item on which Construction's officer asked Finance and Transport; both requests pending."""
    item = working_item(p)
    consult.ask(item, actor=p.construction_officer, units=[p.finance, p.transport], question=QUESTION)
    requests = ConsultationRequest.objects.filter(item=item)
    return Consulted(item, requests.get(unit=p.finance), requests.get(unit=p.transport))


def consulted_item(p: Province) -> tuple[WorkItem, ConsultationRequest]:
    """A working item on which Construction's officer asked Finance; returns the item and Finance's request."""
    item = working_item(p)
    consultation = consult.ask(item, actor=p.construction_officer, units=[p.finance], question="Ý kiến về nguồn vốn")
    return item, consultation.requests.get()


# The personas the access walks (congvu/web/tests/test_access_walk.py, congvu/api/tests/test_access_walk.py)
# visit every page and endpoint as, by the Province attribute each one is.
PERSONAS = {
    "outsider": "outsider",
    "consulted unit": "finance_head",  # Finance is asked for its opinion on the walked item
    "clerk": "construction_clerk",
    "officer": "construction_officer",  # holds the walked item
    "head": "construction_head",
    "Province office": "office_head",
    "Home Affairs": "inspector",
}


@dataclass
class Walked:
    """One item with something behind every page and endpoint that takes an id."""

    item: WorkItem
    document: IncomingDocument        # its incoming document, with an original
    deemed: ConsultationRequest       # Transport stayed silent in January: deemed agreed, with a notice
    notice: Notice
    asked: Consultation               # Finance is asked now, with an attachment and the original shared
    request: ConsultationRequest      # Finance's pending request
    notification: Notification        # one of Finance's head's


def sign_drafts(p: Province) -> None:
    """Construction's head signs its deemed-agreement notices the sweep drafted (a working day)."""
    for notice in Notice.objects.filter(number__isnull=True, unit=p.construction).order_by("id"):
        consult.sign_notice(notice, actor=p.construction_head)


WALK_JANUARY = datetime(2026, 1, 12, 9, 0, tzinfo=TZ)  # a Monday, far from Tết


def walked_item(p: Province) -> Walked:
    """Construction registers a planning approval (with its original), directs and assigns it to its
    officer, asks Transport in January (silent: deemed agreed by the sweep), then asks Finance, sharing
    an attachment and the original. Run on the clock of the test (the walks freeze it at MORNING)."""
    with clock.travel_to(WALK_JANUARY):
        item = working_item(p, original=ContentFile(b"%PDF-1.4 original"), original_name="to-trinh.pdf")
        silent = consult.ask(item, actor=p.construction_officer, units=[p.transport], question="Ý kiến về giao thông")
    sweep.deem_overdue()
    sign_drafts(p)
    asked = consult.ask(item, actor=p.construction_officer, units=[p.finance], question="Ý kiến về nguồn vốn",
                        attachment=ContentFile(b"%PDF-1.4 attachment"), attachment_name="du-toan.pdf",
                        shares_original=True)
    deemed = silent.requests.get()
    item.refresh_from_db()
    return Walked(item=item, document=item.incoming, deemed=deemed, notice=deemed.notice, asked=asked,
                  request=asked.requests.get(), notification=p.finance_head.notifications.latest("id"))


# The busy province ---------------------------------------------------------------------------------

BUSY_JANUARY = datetime(2026, 1, 5, 9, 0, tzinfo=TZ)     # a Monday: the older work arrives
BUSY_FEBRUARY = datetime(2026, 2, 4, 9, 0, tzinfo=TZ)
BUSY_LATE_FEBRUARY = datetime(2026, 2, 27, 9, 0, tzinfo=TZ)


@dataclass
class Busy:
    """A province two months into the year (at MORNING): work finished on time and late, overdue and
    within its deadline, returned, submitted to the Province (once over a refusal), a refused transfer,
    an extension, a consultation answered by one unit and left silent by another (deemed agreed by the
    sweep), and a request still waiting for Finance's answer. The home, list and oversight tests read it."""

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


def _busy_item(p: Province, subject: str, matter: MatterType | None = None, cooperating=()) -> WorkItem:
    return working_item(p, matter or p.building_permit, subject=subject, sender="Công ty TNHH Sông Cầu",
                        notation=f"{sum(map(ord, subject)) % 900 + 100}/2026/CV-SC", cooperating=cooperating)


def build_busy_province(p: Province) -> Busy:
    with clock.travel_to(BUSY_JANUARY):
        overdue = _busy_item(p, "Cấp phép xây dựng nhà xưởng Hòa Hiệp")
        on_time = _busy_item(p, "Cấp phép xây dựng trường mầm non An Phú", cooperating=[p.transport])
        late = _busy_item(p, "Cấp phép xây dựng chợ Tuy Hòa")
        returned = work.register_incoming(actor=p.construction_clerk, unit=p.construction,
                                          matter_type=p.land_dispute, sender="Hộ ông Nguyễn Văn Đất",
                                          subject="Đề nghị hòa giải tranh chấp ranh giới thửa đất")
        work.return_document(returned, actor=p.construction_head, grounds="not_ours", named_unit=p.commune)
        submitted = _busy_item(p, "Phê duyệt quy hoạch chi tiết khu dân cư Bắc Hòa", p.planning_approval)
        consult.submit_to_province(submitted, actor=p.construction_officer, summary="Tờ trình phê duyệt")
        pushed_up = _busy_item(p, "Cấp phép xây dựng trụ sở ngân hàng")
        consult.submit_to_province(pushed_up, actor=p.construction_head, summary="Xin ý kiến UBND tỉnh",
                                   override_reason="Công trình có ý nghĩa đặc biệt, cần UBND tỉnh cho ý kiến")
        consulted = _busy_item(p, "Phê duyệt quy hoạch khu công nghiệp Hòa Tâm", p.planning_approval)
        asked = consult.ask(consulted, actor=p.construction_officer, units=[p.finance, p.transport],
                            question="Đề nghị cho ý kiến về chỉ tiêu sử dụng đất")
        consult.reply(asked.requests.get(unit=p.finance), actor=p.finance_head, position=ReplyPosition.AGREE)
    with clock.travel_to(BUSY_JANUARY + timedelta(days=10)):
        work.complete(on_time, actor=p.construction_officer, result="Đã cấp giấy phép số 12/GPXD")
    with clock.travel_to(BUSY_FEBRUARY):
        sweep.deem_overdue()
        sign_drafts(p)
        work.extend_deadline(overdue, actor=p.construction_head, new_due=overdue.due_date + timedelta(days=7),
                             reason="Chờ bổ sung hồ sơ thiết kế")
    with clock.travel_to(BUSY_LATE_FEBRUARY):
        work.complete(late, actor=p.construction_officer, result="Đã cấp giấy phép số 15/GPXD",
                      delay_cause="dossier", delay_note="Chủ đầu tư nộp bổ sung hồ sơ thiết kế sau hạn")
        waiting_answer = _busy_item(p, "Thẩm định giá đất khu tái định cư", p.planning_approval)
        request = consult.ask(waiting_answer, actor=p.construction_officer, units=[p.finance],
                              question="Đề nghị cho ý kiến về giá đất").requests.get()
        consult.assign_request(request, actor=p.finance_head, holder=p.finance_officer)
    with clock.travel_to(MORNING):
        refused = work.register_incoming(actor=p.construction_clerk, unit=p.construction,
                                         matter_type=p.building_permit, sender="Công ty CP Phú Yên",
                                         subject="Cấp phép xây dựng khách sạn ven biển")
        with pytest.raises(RuleViolation):  # Construction's own work: its transfer is refused (clause 2.1)
            work.transfer(refused, actor=p.construction_head, to_unit=p.finance)
        fresh_finance = work.register_incoming(actor=p.finance_head, unit=p.finance,
                                               matter_type=p.building_permit, sender="Kho bạc Nhà nước",
                                               subject="Đề nghị thẩm tra quyết toán dự án đường ven biển")
        fresh_commune = work.register_incoming(actor=p.commune_head, unit=p.commune,
                                               matter_type=p.land_dispute, sender="Hộ bà Trần Thị Ranh",
                                               subject="Hòa giải tranh chấp lối đi chung")
    items = dict(overdue=overdue, on_time=on_time, late=late, returned=returned, submitted=submitted,
                 pushed_up=pushed_up, refused=refused, consulted=consulted, waiting_answer=waiting_answer,
                 fresh_finance=fresh_finance, fresh_commune=fresh_commune)
    return Busy(**{name: WorkItem.objects.get(pk=item.pk) for name, item in items.items()})

