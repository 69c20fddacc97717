"""The one province builder (congvu/ops/province.py): the benchmarks' province has DESIGN §8's shape,
its people are named from the seed, units are written in the plan's order with their parents and
successors, and the registry snapshot sees what the builder wrote."""

from datetime import date

import pytest

from congvu.lib import clock
from congvu.ops import province
from congvu.ops.province import Person, Plan, Post, UnitPlan, build_synthetic, synthetic_plan
from congvu.org.models import Position, Role, Title, Unit, UnitKind
from congvu.registry.models import MatterType
from congvu.registry.serving import serves_in
from congvu.testing import make_official

SINCE = date(2020, 1, 1)
D = UnitKind.DEPARTMENT


@pytest.mark.django_db
def test_the_benchmark_province_has_forty_units_two_hundred_officers_and_twenty_matter_types():
    built = build_synthetic()
    assert (len(built.units), len(built.heads), len(built.clerks), len(built.matter_types)) == (40, 40, 40, 20)
    assert sum(len(officers) for officers in built.officers) == 200 and Position.objects.count() == 280
    seventh = built.units[7]
    assert {o.positions.get().unit for o in (built.heads[7], built.clerks[7], *built.officers[7])} == {seventh}
    matter = MatterType.objects.get(pk=built.matter_types[7].pk)
    assert matter.competent_unit == seventh
    assert set(matter.related_units.all()) == {built.units[8], built.units[9]}
    assert built.inspectors == [] and not Unit.objects.filter(is_home_affairs=True).exists()


@pytest.mark.django_db
def test_the_list_benchmark_adds_home_affairs_with_an_inspector_who_watches_every_unit():
    built = build_synthetic(inspectors=1)
    inspector = built.inspectors[0]
    assert len(built.units) == 40 and inspector.role == Role.HOME_AFFAIRS
    assert inspector.positions.get().unit.is_home_affairs


def test_the_same_seed_names_the_same_people_and_another_seed_others():
    def names(seed: int) -> list[str]:
        return [person.full_name for person in synthetic_plan(3, 2, 2, 0, seed).people]

    assert names(7) == names(7) != names(8)
    assert len(set(names(7))) == len(names(7)) == 3 + 3 + 3 * 2


@pytest.mark.django_db
def test_units_are_written_in_the_plans_order_each_after_its_parent_and_successor():
    units = (
        UnitPlan("ubnd", "UBND tỉnh", "UBND", UnitKind.PROVINCE_COMMITTEE),
        UnitPlan("sxd", "Sở Xây dựng", "SXD", D, "ubnd"),
        UnitPlan("sxd-qlxd", "Phòng Quản lý xây dựng", "QLXD", UnitKind.DIVISION, "sxd"),
        UnitPlan("xa", "UBND xã", "UBND", UnitKind.COMMUNE, "ubnd"),
        UnitPlan("sgtvt", "Sở Giao thông vận tải", "SGTVT", D, "ubnd", until=date(2025, 6, 30), successor="sxd"),
    )
    built = province.build(Plan(units, (), (), since=SINCE))
    assert list(Unit.objects.order_by("pk").values_list("code", flat=True)) == [u.code for u in units]
    assert built.units["sxd-qlxd"].parent == built.units["sxd"]
    assert Unit.objects.get(code="sgtvt").successor == built.units["sxd"]


@pytest.mark.django_db
def test_a_unit_named_before_it_is_planned_is_refused_before_anything_is_written():
    units = (UnitPlan("sxd-qlxd", "Phòng Quản lý xây dựng", "QLXD", UnitKind.DIVISION, "sxd"),
             UnitPlan("sxd", "Sở Xây dựng", "SXD", D))
    with pytest.raises(ValueError, match="sxd-qlxd: sxd must come earlier"):
        province.build(Plan(units, (), (), since=SINCE))
    assert not Unit.objects.exists()


@pytest.mark.django_db
def test_people_sign_in_with_the_plans_password_and_serve_in_their_posts(client):
    units = (UnitPlan("sxd", "Sở Xây dựng", "SXD", D),)
    people = (Person("sxd.head", "Nguyễn Văn Dựng", posts=(Post("sxd", Title.HEAD),)),)
    built = province.build(Plan(units, people, (), since=SINCE, password="mat-khau-2026", email_domain="congvu.test"))
    head = built.officials["sxd.head"]
    assert client.login(username="sxd.head", password="mat-khau-2026")
    assert head.email == head.user.email == "sxd.head@congvu.test"
    assert serves_in(head, built.units["sxd"], date(2026, 3, 3))


def test_the_people_added_later_are_known_to_the_registry_snapshot(province, at_morning):
    day = clock.today()
    assert not serves_in(province.outsider, province.construction, day)  # the snapshot is loaded now
    newcomer = make_official("sxd.officer2", "Trương Văn Khác", province.construction, Title.OFFICER)
    assert serves_in(newcomer, province.construction, day)
