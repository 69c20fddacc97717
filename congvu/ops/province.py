"""One builder for every province the project makes: the demo's, the tests' and the benchmarks'.

A province is data, a `Plan`: its units, its people with their posts, its matter types with the unit
competent for each, the units related to it and the delegation it may carry. `build(plan)` writes
it in bulk and hands back the rows by code and username. Three plans use it:

- the demo's realistic Vietnamese province (congvu/ops/demo/catalog.py, staffed by ops/demo/structure.py),
- the tests' small province of named personas (congvu/testing.py),
- `synthetic(...)`, the benchmarks' province of DESIGN §8 (40 units, 200 officers, 20 matter types),
  its people named deterministically from a seed.

Units, officials and matter types are the administrator's registries, so they are written directly
(as the admin pages do), never through the work actions; work items always go through those."""

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from congvu.ops.names import NameGenerator
from congvu.org.models import LEADER_TITLES, Category, Official, Position, Role, Title, Unit, UnitKind
from congvu.registry import snapshot
from congvu.registry.models import Authority, Delegation, DelegationKind, MatterType


@dataclass(frozen=True)
class UnitPlan:
    code: str
    name: str
    abbrev: str
    kind: str
    parent: str | None = None       # a unit code, earlier in the plan
    is_home_affairs: bool = False
    since: date | None = None       # None: the plan's `since`
    until: date | None = None
    successor: str | None = None    # a unit code, earlier in the plan: who took over when it merged away


@dataclass(frozen=True)
class Post:
    unit: str  # a unit code
    title: str
    records_decisions: bool = False
    since: date | None = None  # None: the plan's `since`
    until: date | None = None


@dataclass(frozen=True)
class Person:
    username: str
    full_name: str
    role: str = Role.OFFICIAL
    posts: tuple[Post, ...] = ()
    superuser: bool = False


DOCUMENT_NUMBER = re.compile(r"\d+/\d{4}/[^\s)]+")  # e.g. 18/2025/QĐ-UBND


@dataclass(frozen=True)
class Delegated:
    """A delegation of the matter type, from the plan's `since`: to the competent unit, or under a
    decentralisation to every unit of `to_kind`. An authorisation (ủy quyền) needs its end date;
    its delegating authority is `from_unit` (a unit code), by default the People's Committee."""

    kind: str
    legal_basis: str
    valid_to: date | None = None
    number: str = ""      # the document's number; by default read from `legal_basis`
    to_kind: str = ""
    from_unit: str = ""


@dataclass(frozen=True)
class MatterPlan:
    code: str
    name: str
    field: str
    # A unit code, or a unit kind (UnitKind.COMMUNE): then every unit of that kind decides on its territory.
    competent: str
    authority: str
    legal_basis: str
    days: int
    related: tuple[str, ...] = ()      # unit codes
    delegated: Delegated | None = None  # to the competent unit, from the plan's `since`
    extension_days: int = 0             # the extension the lead unit may grant itself (clause 1.5)


@dataclass(frozen=True)
class Plan:
    units: tuple[UnitPlan, ...]
    people: tuple[Person, ...]
    matters: tuple[MatterPlan, ...]
    since: date
    password: str | None = None  # every login's password (hashed once); None: nobody signs in with one
    email_domain: str = ""       # each official's address is <username>@<domain>; "": none


@dataclass
class Built:
    units: dict[str, Unit]
    officials: dict[str, Official]
    matters: dict[str, MatterType]


def build(plan: Plan) -> Built:
    """Write the plan's rows in bulk; ids follow the plan's order (units, then people, then matters)."""
    with snapshot.loading():  # bulk_create sends no signals: `loading` marks the registry changed at the end
        units = _create_units(plan)
        officials = _create_people(plan.people, units, plan)
        matters = _create_matters(plan, units)
    return Built(units=units, officials=officials, matters=matters)


def add_people(people: Iterable[Person], units: Iterable[Unit], plan: Plan) -> dict[str, Official]:
    """More people for a province already built (with the plan's password, e-mail domain and dates)."""
    with snapshot.loading():
        return _create_people(tuple(people), {unit.code: unit for unit in units}, plan)


# ---- units ----------------------------------------------------------------------------------------

def _create_units(plan: Plan) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for batch in _batches(plan.units):
        rows = [Unit(code=spec.code, name=spec.name, abbrev=spec.abbrev, kind=spec.kind,
                     parent=units[spec.parent] if spec.parent else None,
                     valid_from=spec.since or plan.since, valid_to=spec.until,
                     successor=units[spec.successor] if spec.successor else None,
                     is_home_affairs=spec.is_home_affairs)
                for spec in batch]
        units.update((unit.code, unit) for unit in Unit.objects.bulk_create(rows))
    return units


def _batches(specs: tuple[UnitPlan, ...]) -> list[list[UnitPlan]]:
    """The units in the plan's order, cut where one refers to a unit of the current batch: a parent or
    successor must have its key before the unit that names it. Checked whole before anything is written."""
    batches: list[list[UnitPlan]] = [[]]
    done: set[str] = set()
    for spec in specs:
        needs = {code for code in (spec.parent, spec.successor) if code}
        if needs & {s.code for s in batches[-1]}:
            done.update(s.code for s in batches[-1])
            batches.append([])
        if not needs <= done:
            raise ValueError(f"unit {spec.code}: {', '.join(sorted(needs - done))} must come earlier in the plan")
        batches[-1].append(spec)
    return batches


# ---- people -----------------------------------------------------------------------------------------

def _create_people(people: tuple[Person, ...], units: dict[str, Unit], plan: Plan) -> dict[str, Official]:
    """One user, one official and their positions per person. The password is hashed once for all:
    hashing each login's would take most of the demo's build."""
    password = make_password(plan.password)
    user_model = get_user_model()
    users = user_model.objects.bulk_create([
        user_model(username=p.username, password=password, email=_email(p, plan), is_staff=p.superuser,
                   is_superuser=p.superuser)
        for p in people
    ])
    officials = Official.objects.bulk_create([
        Official(user=user, full_name=p.full_name, role=p.role, email=user.email,
                 category=_category(p, units),
                 holds_leadership_post=any(post.title in LEADER_TITLES for post in p.posts))
        for p, user in zip(people, users, strict=True)
    ])
    Position.objects.bulk_create([
        Position(official=official, unit=units[post.unit], title=post.title, records_decisions=post.records_decisions,
                 valid_from=post.since or plan.since, valid_to=post.until)
        for p, official in zip(people, officials, strict=True) for post in p.posts
    ])
    return {p.username: official for p, official in zip(people, officials, strict=True)}


def _category(person: Person, units: dict[str, Unit]) -> str:
    """Committee chairmen and vice-chairmen are elected: cán bộ; everyone else here a công chức."""
    elected = any(post.title in LEADER_TITLES and units[post.unit].kind in ELECTED_KINDS for post in person.posts)
    return Category.CAN_BO if elected else Category.CONG_CHUC


ELECTED_KINDS = (UnitKind.PROVINCE_COMMITTEE, UnitKind.COMMUNE)


def _email(person: Person, plan: Plan) -> str:
    return f"{person.username}@{plan.email_domain}" if plan.email_domain else ""


# ---- matter types and delegations -------------------------------------------------------------------

def _create_matters(plan: Plan, units: dict[str, Unit]) -> dict[str, MatterType]:
    specs = plan.matters
    matters = MatterType.objects.bulk_create([_matter(spec, units) for spec in specs])
    through = MatterType.related_units.through
    through.objects.bulk_create([
        through(mattertype_id=matter.pk, unit_id=units[code].pk)
        for spec, matter in zip(specs, matters, strict=True) for code in spec.related
    ])
    Delegation.objects.bulk_create([
        _delegation(spec.delegated, matter, spec.competent, units, plan.since)
        for spec, matter in zip(specs, matters, strict=True) if spec.delegated is not None
    ])
    return {spec.code: matter for spec, matter in zip(specs, matters, strict=True)}


def _delegation(plan: Delegated, matter: MatterType, competent: str, units: dict[str, Unit],
                since: date) -> Delegation:
    committee = next((u for u in units.values() if u.kind == UnitKind.PROVINCE_COMMITTEE), None)
    authorises = plan.kind == DelegationKind.AUTHORISATION
    number = plan.number or (found.group(0) if (found := DOCUMENT_NUMBER.search(plan.legal_basis)) else "")
    return Delegation(
        matter_type=matter, kind=plan.kind, legal_basis=plan.legal_basis, valid_from=since, valid_to=plan.valid_to,
        to_unit=None if plan.to_kind else units[competent], to_kind=plan.to_kind, document_number=number,
        from_unit=units[plan.from_unit] if plan.from_unit else (committee if authorises else None),
    )


def _matter(spec: MatterPlan, units: dict[str, Unit]) -> MatterType:
    by_kind = spec.competent in UnitKind.values
    return MatterType(
        code=spec.code, name=spec.name, field=spec.field, authority=spec.authority, legal_basis=spec.legal_basis,
        time_limit_days=spec.days, competent_unit=None if by_kind else units[spec.competent],
        competent_kind=spec.competent if by_kind else "", extension_limit_days=spec.extension_days,
    )


# ---- the benchmarks' province -----------------------------------------------------------------------

SEED = 2230  # the number of the document the province acts on (as the demo's)
SYNTHETIC_SINCE = date(2020, 1, 1)


@dataclass
class SyntheticProvince:
    """The benchmarks' province, by position: unit n, its head, clerk and officers, matter type n."""

    units: list[Unit]
    heads: list[Official]
    clerks: list[Official]
    officers: list[list[Official]]
    matter_types: list[MatterType]
    inspectors: list[Official]  # of Home Affairs, watching every unit


def build_synthetic(units: int = 40, officers_per_unit: int = 5, matter_types: int = 20, inspectors: int = 0,
                    seed: int = SEED) -> SyntheticProvince:
    """DESIGN §8's province by default: 40 departments, each with a head, a clerk and 5 officers, and 20
    matter types, matter n decided by unit n's head and related to the two units after it. With
    `inspectors`, Home Affairs is one more unit whose officers watch every unit (the list benchmark's
    reader). Units and matter types are numbered ("Sở thử nghiệm 07"); people are named from `seed`."""
    built = build(synthetic_plan(units, officers_per_unit, matter_types, inspectors, seed))
    people = list(built.officials.values())  # heads, clerks, officers unit by unit, inspectors
    officers = people[2 * units:2 * units + units * officers_per_unit]
    return SyntheticProvince(
        units=list(built.units.values())[:units], heads=people[:units], clerks=people[units:2 * units],
        officers=[officers[n * officers_per_unit:(n + 1) * officers_per_unit] for n in range(units)],
        matter_types=list(built.matters.values()), inspectors=people[2 * units + units * officers_per_unit:],
    )


def synthetic_plan(units: int, officers_per_unit: int, matter_types: int, inspectors: int, seed: int) -> Plan:
    names = NameGenerator(random.Random(seed))
    codes = [f"u{n:02d}" for n in range(units)]
    plans = [UnitPlan(code, f"Sở thử nghiệm {n:02d}", f"S{n:02d}", UnitKind.DEPARTMENT) for n, code in enumerate(codes)]
    people = [Person(f"head{n}", names.full_name(), posts=(Post(code, Title.HEAD),)) for n, code in enumerate(codes)]
    people += [Person(f"clerk{n}", names.full_name(), posts=(Post(code, Title.CLERK),)) for n, code in enumerate(codes)]
    people += [Person(f"officer{n}.{k}", names.full_name(), posts=(Post(code, Title.OFFICER),))
               for n, code in enumerate(codes) for k in range(officers_per_unit)]
    if inspectors:
        plans.append(UnitPlan("snv", "Sở Nội vụ", "SNV", UnitKind.DEPARTMENT, is_home_affairs=True))
        people += [Person(f"inspector{k}", names.full_name(), Role.HOME_AFFAIRS, (Post("snv", Title.OFFICER),))
                   for k in range(inspectors)]
    matters = [
        MatterPlan(f"m{n:02d}", f"Loại việc {n:02d}", "Thử nghiệm", codes[n % units], Authority.UNIT_HEAD,
                   "Quy chế thử nghiệm", 10 + n % 15, related=tuple(codes[i] for i in related_units(n, units)))
        for n in range(matter_types)
    ]
    return Plan(tuple(plans), tuple(people), tuple(matters), since=SYNTHETIC_SINCE)


def related_units(n: int, units: int = 40) -> tuple[int, int]:
    """The two units that matter type n (decided by unit n) is related to: the next two."""
    return (n + 1) % units, (n + 2) % units
