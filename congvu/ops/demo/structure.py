"""The registries of the demo province: units, officials with their logins and positions, matter
types, delegations. These are the administrator's data, so they are created directly (in bulk, to
stay fast); only work items go through the actions."""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from congvu.ops.demo import catalog
from congvu.ops.demo.catalog import MatterSpec, UnitSpec
from congvu.ops.demo.names import NameGenerator
from congvu.org.models import Official, Position, Role, Title, Unit, UnitKind
from congvu.registry import snapshot
from congvu.registry.models import Delegation, MatterType

MERGED_UNIT_SINCE = date(2008, 1, 1)


@dataclass
class Staff:
    """The people of one unit, in the order they were created (which is the order of the logins)."""

    unit: Unit
    head: Official
    deputies: list[Official] = field(default_factory=list)
    clerk: Official | None = None
    officers: list[Official] = field(default_factory=list)

    @property
    def leaders(self) -> list[Official]:
        return [self.head, *self.deputies]


@dataclass
class Cast:
    """Everything the activity needs to find a unit, a person or a matter type by its code."""

    units: dict[str, Unit]
    staff: dict[str, Staff]
    matters: dict[str, tuple[MatterSpec, MatterType]]
    usernames: dict[int, str]

    def communes(self) -> list[Unit]:
        return [u for u in self.units.values() if u.kind == UnitKind.COMMUNE]

    def departments(self) -> list[Unit]:
        return [u for u in self.units.values() if u.kind == UnitKind.DEPARTMENT and u.valid_to is None]


@dataclass
class _Person:
    username: str
    full_name: str
    role: str
    positions: list[tuple[str, str]]  # (unit code, title)


def build_structure(names: NameGenerator) -> Cast:
    with snapshot.loading():  # in bulk: `loading` marks the registry changed at the end
        units = _create_units()
        people = _people(names)
        officials = _create_officials(people, admin_name=names.full_name())
        _create_positions(people, officials, units)
        staff = _staff(people, officials, units)
        matters = _create_matters(units)
    usernames = {officials[p.username].pk: p.username for p in people}
    return Cast(units=units, staff=staff, matters=matters, usernames=usernames)


# ---- units ----------------------------------------------------------------------------------------

def _unit(spec: UnitSpec, parents: dict[str, Unit], **extra) -> Unit:
    return Unit(code=spec.code, name=spec.name, abbrev=spec.abbrev, kind=spec.kind,
                parent=parents.get(spec.parent) if spec.parent else None, valid_from=catalog.REFORM_DAY,
                is_home_affairs=spec.is_home_affairs, **extra)


def _create_units() -> dict[str, Unit]:
    """Level by level, because a unit's parent must exist (and have its key) before the unit."""
    units: dict[str, Unit] = {}
    levels = (
        (catalog.COMMITTEE,),
        (catalog.OFFICE, *catalog.DEPARTMENTS),
        (*catalog.DIVISIONS, *catalog.COMMUNES),
    )
    for level in levels:
        for unit in Unit.objects.bulk_create([_unit(spec, units) for spec in level]):
            units[unit.code] = unit
    merged = catalog.MERGED_AWAY
    units[merged.code] = Unit.objects.create(
        code=merged.code, name=merged.name, abbrev=merged.abbrev, kind=merged.kind, parent=units["ubnd"],
        valid_from=MERGED_UNIT_SINCE, valid_to=catalog.MERGED_AWAY_UNTIL, successor=units[catalog.MERGED_INTO],
    )
    return units


# ---- people -----------------------------------------------------------------------------------------

def _login(word: str, n: int, spec: UnitSpec) -> str:
    return f"{word}{'' if n == 1 else n}.{spec.code}"


def _role(spec: UnitSpec, title: str, n: int) -> str:
    if spec.kind == UnitKind.PROVINCE_OFFICE:
        return Role.PROVINCE_OFFICE
    if not spec.is_home_affairs or title == Title.CLERK:
        return Role.OFFICIAL
    # Home Affairs' leaders and its first officers watch every unit (clause 3); the rest do ordinary work.
    inspector = title == Title.OFFICER and n <= catalog.HOME_AFFAIRS_INSPECTORS
    return Role.HOME_AFFAIRS if inspector or title in (Title.HEAD, Title.DEPUTY) else Role.OFFICIAL


def _posts(spec: UnitSpec) -> list[tuple[str, str, int]]:
    """(title, username word, n) for every post of a unit, head first."""
    posts = [(Title.HEAD, spec.head_word, 1)]
    posts += [(Title.DEPUTY, spec.deputy_word, n) for n in range(1, spec.deputies + 1)]
    if spec.clerk:
        posts.append((Title.CLERK, "vanthu", 1))
    posts += [(Title.OFFICER, "chuyenvien", n) for n in range(1, spec.officers + 1)]
    return posts


def _username(spec: UnitSpec, title: str, word: str, n: int) -> str:
    if spec.kind == UnitKind.PROVINCE_OFFICE and title == Title.HEAD:
        return catalog.OFFICE_HEAD_LOGIN
    if spec.is_home_affairs and title == Title.OFFICER and n == 1:
        return catalog.INSPECTOR_LOGIN
    return _login(word, n, spec)


def _people(names: NameGenerator) -> list[_Person]:
    people = []
    for spec in catalog.ALL_UNITS:
        for title, word, n in _posts(spec):
            positions = [(spec.code, title)]
            if spec.serves_parent and spec.parent:
                positions.append((spec.parent, Title.OFFICER))
            people.append(_Person(_username(spec, title, word, n), names.full_name(), _role(spec, title, n),
                                  positions))
    return people


def _create_officials(people: list[_Person], admin_name: str) -> dict[str, Official]:
    """One password hash for every demo login: hashing 150 times would take most of the build."""
    password = make_password(catalog.DEMO_PASSWORD)
    user_model = get_user_model()
    admin = user_model(username=catalog.ADMIN_LOGIN, password=password, is_staff=True, is_superuser=True,
                       email=f"{catalog.ADMIN_LOGIN}@congvu.example")
    users = user_model.objects.bulk_create(
        [admin, *(user_model(username=p.username, password=password, email=f"{p.username}@congvu.example")
                  for p in people)]
    )
    by_name = {user.username: user for user in users}
    # The administrator is a named person too: registry changes are answerable like any other step.
    rows = [Official(user=by_name[catalog.ADMIN_LOGIN], full_name=admin_name, role=Role.ADMINISTRATOR,
                     email=by_name[catalog.ADMIN_LOGIN].email)]
    rows += [Official(user=by_name[p.username], full_name=p.full_name, role=p.role, email=by_name[p.username].email)
             for p in people]
    return {official.user.username: official for official in Official.objects.bulk_create(rows)}


def _create_positions(people: list[_Person], officials: dict[str, Official], units: dict[str, Unit]) -> None:
    # The office's officers (its general division) are the ones the registry names to record the
    # Province's decisions besides its leaders; its clerk only registers documents.
    rows = [
        Position(official=officials[p.username], unit=units[code], title=title, valid_from=catalog.REFORM_DAY,
                 records_decisions=code == catalog.OFFICE.code and title == Title.OFFICER)
        for p in people for code, title in p.positions
    ]
    # The last deputy director of Construction headed the Transport department until it merged into
    # Construction: the trail of the old unit keeps a named head.
    former_head = [p for p in people if p.positions[0] == (catalog.MERGED_INTO, Title.DEPUTY)][-1]
    rows.append(Position(official=officials[former_head.username], unit=units[catalog.MERGED_AWAY.code],
                         title=Title.HEAD, valid_from=MERGED_UNIT_SINCE, valid_to=catalog.MERGED_AWAY_UNTIL))
    Position.objects.bulk_create(rows)


def _staff(people: list[_Person], officials: dict[str, Official], units: dict[str, Unit]) -> dict[str, Staff]:
    staff: dict[str, Staff] = {}
    for person in people:
        official = officials[person.username]
        for code, title in person.positions:
            _add_to_staff(staff, units[code], title, official)
    return staff


def _add_to_staff(staff: dict[str, Staff], unit: Unit, title: str, official: Official) -> None:
    if title == Title.HEAD:
        staff[unit.code] = Staff(unit=unit, head=official)
    elif title == Title.DEPUTY:
        staff[unit.code].deputies.append(official)
    elif title == Title.CLERK:
        staff[unit.code].clerk = official
    else:
        staff[unit.code].officers.append(official)


# ---- matter types and delegations -------------------------------------------------------------------

def _matter(spec: MatterSpec, units: dict[str, Unit]) -> MatterType:
    by_kind = spec.competent == UnitKind.COMMUNE
    return MatterType(
        code=spec.code, name=spec.name, field=spec.field, authority=spec.authority, legal_basis=spec.legal_basis,
        time_limit_days=spec.days, competent_unit=None if by_kind else units[spec.competent],
        competent_kind=UnitKind.COMMUNE if by_kind else "",
    )


def _create_matters(units: dict[str, Unit]) -> dict[str, tuple[MatterSpec, MatterType]]:
    specs = catalog.MATTERS
    matters = MatterType.objects.bulk_create([_matter(spec, units) for spec in specs])
    through = MatterType.related_units.through
    through.objects.bulk_create([
        through(mattertype_id=matter.pk, unit_id=units[code].pk)
        for spec, matter in zip(specs, matters, strict=True) for code in spec.related
    ])
    Delegation.objects.bulk_create([
        Delegation(matter_type=matter, to_unit=units[spec.competent], kind=spec.delegated.kind,
                   legal_basis=spec.delegated.legal_basis, valid_from=catalog.REFORM_DAY)
        for spec, matter in zip(specs, matters, strict=True) if spec.delegated is not None
    ])
    return {spec.code: (spec, matter) for spec, matter in zip(specs, matters, strict=True)}
