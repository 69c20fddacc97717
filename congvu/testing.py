"""A small province for tests, with named personas (the way healthchecks' tests speak): the
Construction department's head, deputy, officer and clerk; the Finance department's; a commune;
the Province office; Home Affairs; an outsider with no position anywhere."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model

from congvu.org.models import Official, Position, Role, Title, Unit, UnitKind
from congvu.registry.models import Authority, Delegation, DelegationKind, MatterType

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
