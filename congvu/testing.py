"""A small province for tests, with named personas (the way healthchecks' tests speak): the
Construction department's head, deputy, officer and clerk; the Finance department's; a commune;
the Province office; Home Affairs; an outsider with no position anywhere."""

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from congvu.consult import actions as consult
from congvu.consult import sweep
from congvu.consult.models import Consultation, ConsultationRequest, Notice
from congvu.lib import clock
from congvu.lib.workdays import TZ
from congvu.org.models import Notification, Official, Position, Role, Title, Unit, UnitKind
from congvu.registry.models import Authority, Delegation, DelegationKind, MatterType
from congvu.work import actions as work
from congvu.work.models import IncomingDocument, WorkItem

SINCE = date(2020, 1, 1)
PASSWORD = "congvu-test-2026"  # noqa: S105 - the test personas' password, not a secret


def make_unit(code: str, name: str, abbrev: str, kind: str, parent: Unit | None = None, **extra) -> Unit:
    return Unit.objects.create(code=code, name=name, abbrev=abbrev, kind=kind, parent=parent,
                               valid_from=SINCE, **extra)


def make_official(username: str, full_name: str, unit: Unit | None, title: str | None,
                  role: str = Role.OFFICIAL) -> Official:
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    official = Official.objects.create(user=user, full_name=full_name, role=role,
                                       email=f"{username}@congvu.test")
    if unit is not None and title is not None:
        Position.objects.create(official=official, unit=unit, title=title, valid_from=SINCE)
    return official


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
    committee = make_unit("ubnd", "Ủy ban nhân dân tỉnh Phú Yên", "UBND", UnitKind.PROVINCE_COMMITTEE)
    office = make_unit("vp", "Văn phòng UBND tỉnh", "VP", UnitKind.PROVINCE_OFFICE, committee)
    home_affairs = make_unit("snv", "Sở Nội vụ", "SNV", UnitKind.DEPARTMENT, committee, is_home_affairs=True)
    construction = make_unit("sxd", "Sở Xây dựng", "SXD", UnitKind.DEPARTMENT, committee)
    finance = make_unit("stc", "Sở Tài chính", "STC", UnitKind.DEPARTMENT, committee)
    transport = make_unit("sgtvt", "Sở Giao thông vận tải", "SGTVT", UnitKind.DEPARTMENT, committee)
    commune = make_unit("xa-an-my", "UBND xã An Mỹ", "UBND", UnitKind.COMMUNE, committee)
    p = dict(
        committee=committee, office=office, home_affairs=home_affairs, construction=construction,
        finance=finance, transport=transport, commune=commune,
        chairman=make_official("chutich", "Trần Văn Chủ", committee, Title.HEAD),
        office_head=make_official("vp.head", "Lê Thị Văn", office, Title.HEAD, Role.PROVINCE_OFFICE),
        office_clerk=make_official("vp.clerk", "Phạm Thị Thư", office, Title.CLERK, Role.PROVINCE_OFFICE),
        inspector=make_official("snv.inspector", "Võ Văn Tra", home_affairs, Title.OFFICER, Role.HOME_AFFAIRS),
        construction_head=make_official("sxd.head", "Nguyễn Văn Dựng", construction, Title.HEAD),
        construction_deputy=make_official("sxd.deputy", "Đỗ Thị Phó", construction, Title.DEPUTY),
        construction_officer=make_official("sxd.officer", "Hoàng Văn Viên", construction, Title.OFFICER),
        construction_clerk=make_official("sxd.clerk", "Bùi Thị Sổ", construction, Title.CLERK),
        finance_head=make_official("stc.head", "Ngô Văn Tài", finance, Title.HEAD),
        finance_officer=make_official("stc.officer", "Đặng Thị Chính", finance, Title.OFFICER),
        transport_head=make_official("sgtvt.head", "Lý Văn Đường", transport, Title.HEAD),
        commune_head=make_official("anmy.head", "Huỳnh Văn Xã", commune, Title.HEAD),
        commune_officer=make_official("anmy.officer", "Mai Thị Địa", commune, Title.OFFICER),
        outsider=make_official("outsider", "Người Ngoài", None, None),
    )
    p["building_permit"] = make_matter(
        "cap-phep-xay-dung", "Cấp giấy phép xây dựng công trình cấp II", construction, Authority.UNIT_HEAD, 20,
        related=[finance],
    )
    p["planning_approval"] = make_matter(
        "phe-duyet-quy-hoach", "Phê duyệt quy hoạch chi tiết 1/500", construction,
        Authority.PROVINCE_CHAIRMAN, 25, related=[finance, transport],
    )
    p["delegated_matter"] = make_matter(
        "dieu-chinh-gia-vat-lieu", "Công bố giá vật liệu xây dựng", construction,
        Authority.PROVINCE_CHAIRMAN, 10,
    )
    Delegation.objects.create(
        matter_type=p["delegated_matter"], to_unit=construction, kind=DelegationKind.AUTHORISATION,
        legal_basis="Quyết định 12/2024/QĐ-UBND", valid_from=SINCE,
    )
    p["land_dispute"] = MatterType.objects.create(
        code="hoa-giai-dat-dai", name="Hòa giải tranh chấp đất đai", field="Đất đai",
        competent_kind=UnitKind.COMMUNE, authority=Authority.UNIT_HEAD, legal_basis="Luật Đất đai 2024, Điều 235",
        time_limit_days=30,
    )
    return Province(**p)


def make_matter(code: str, name: str, unit: Unit, authority: str, days: int, related=()) -> MatterType:
    matter = MatterType.objects.create(
        code=code, name=name, field="Xây dựng", competent_unit=unit, authority=authority,
        legal_basis="Luật Xây dựng 2014 (sửa đổi 2020)", time_limit_days=days,
    )
    matter.related_units.set(related)
    return matter


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


JANUARY = datetime(2026, 1, 12, 9, 0, tzinfo=TZ)  # a Monday, far from Tết


def walked_item(p: Province) -> Walked:
    """Construction registers a planning approval (with its original), directs and assigns it to its
    officer, asks Transport in January (silent: deemed agreed by the sweep), then asks Finance, sharing
    an attachment and the original. Run on the clock of the test (the walks freeze it at MORNING)."""
    with clock.travel_to(JANUARY):
        item = work.register_incoming(
            actor=p.construction_clerk, unit=p.construction, matter_type=p.planning_approval, sender="UBND tỉnh",
            subject="Quy hoạch chi tiết khu dân cư Bắc Hòa", original=ContentFile(b"%PDF-1.4 original"),
            original_name="to-trinh.pdf")
        work.direct(item, actor=p.construction_head, lead_unit=p.construction)
        work.assign(item, actor=p.construction_head, holder=p.construction_officer)
        silent = consult.ask(item, actor=p.construction_officer, units=[p.transport], question="Ý kiến về giao thông")
    sweep.deem_overdue()
    asked = consult.ask(item, actor=p.construction_officer, units=[p.finance], question="Ý kiến về nguồn vốn",
                        attachment=ContentFile(b"%PDF-1.4 attachment"), attachment_name="du-toan.pdf",
                        shares_original=True)
    deemed = silent.requests.get()
    item.refresh_from_db()
    return Walked(item=item, document=item.incoming, deemed=deemed, notice=deemed.notice, asked=asked,
                  request=asked.requests.get(), notification=p.finance_head.notifications.latest("id"))
