"""The registries of the demo province: its catalogue (units, matter types, delegations) staffed with
officials, their logins and positions, written by the one province builder (congvu/ops/province.py);
only work items go through the actions."""

from dataclasses import dataclass, field, replace

from congvu.ops import province
from congvu.ops.demo import catalog
from congvu.ops.demo.catalog import MatterSpec, UnitSpec
from congvu.ops.names import NameGenerator
from congvu.ops.province import Person, Post
from congvu.org.models import Official, Role, Title, Unit, UnitKind
from congvu.registry.models import MatterType


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

    def communes(self) -> list[Unit]:
        return [u for u in self.units.values() if u.kind == UnitKind.COMMUNE]

    def departments(self) -> list[Unit]:
        return [u for u in self.units.values() if u.kind == UnitKind.DEPARTMENT and u.valid_to is None]


def build_structure(names: NameGenerator) -> Cast:
    people = _people(names)
    # The administrator is a named person too: registry changes are answerable like any other step.
    admin = Person(catalog.ADMIN_LOGIN, names.full_name(), Role.ADMINISTRATOR, superuser=True)
    built = province.build(province.Plan(
        units=(*catalog.ALL_UNITS, catalog.MERGED_AWAY), people=(admin, *people), matters=catalog.MATTERS,
        since=catalog.REFORM_DAY, password=catalog.DEMO_PASSWORD, email_domain="congvu.example",
    ))
    matters = {spec.code: (spec, built.matters[spec.code]) for spec in catalog.MATTERS}
    return Cast(units=built.units, staff=_staff(people, built), matters=matters)


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


def _titles(spec: UnitSpec) -> list[tuple[str, str, int]]:
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


def _people(names: NameGenerator) -> list[Person]:
    """Every unit's people, unit by unit, head first (the order of the logins)."""
    people = [Person(_username(spec, title, word, n), names.full_name(), _role(spec, title, n), _posts(spec, title))
              for spec in catalog.ALL_UNITS for title, word, n in _titles(spec)]
    return _with_former_head(people)


def _posts(spec: UnitSpec, title: str) -> tuple[Post, ...]:
    # The office's officers (its general division) are the ones the registry names to record the
    # Province's decisions besides its leaders; its clerk only registers documents.
    records = spec.code == catalog.OFFICE.code and title == Title.OFFICER
    posts = (Post(spec.code, title, records_decisions=records),)
    # Division staff are civil servants of the department too: they also hold its work.
    return (*posts, Post(spec.parent, Title.OFFICER)) if spec.serves_parent and spec.parent else posts


def _with_former_head(people: list[Person]) -> list[Person]:
    """The last deputy director of Construction headed the Transport department until it merged into
    Construction: the trail of the old unit keeps a named head."""
    merged = catalog.MERGED_AWAY
    i = max(i for i, person in enumerate(people) if person.posts[0] == Post(merged.successor, Title.DEPUTY))
    former = Post(merged.code, Title.HEAD, since=merged.since, until=merged.until)
    people[i] = replace(people[i], posts=(*people[i].posts, former))
    return people


def _staff(people: list[Person], built: province.Built) -> dict[str, Staff]:
    """Each unit's people by their post there (the former head of the merged unit is no longer its staff)."""
    staff: dict[str, Staff] = {}
    for person in people:
        official = built.officials[person.username]
        for post in person.posts:
            if post.until is None:
                _add_to_staff(staff, built.units[post.unit], post.title, official)
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
