"""The load test's province, in the (empty, migrated) configured database: 100 officials who can sign
in, each with an API token, written to a JSON roster the locustfile reads.

10 departments, each with a head, a clerk and 7 officers, and a Home Affairs unit of 10 inspectors:
the role mix of a province's working day (most people are officers acting on their items)."""

import dataclasses
import json
import sys
from pathlib import Path

UNITS, OFFICERS_PER_UNIT, INSPECTORS = 10, 7, 10
PASSWORD = "tai-thu-2026"  # noqa: S105 - the throwaway load-test database's shared login


def person(official, role: str, unit_index: int | None) -> dict:
    """One official of the roster: an API token, and a session already signed in. Signing in is left out
    of the load on purpose: the password hash is made slow (PBKDF2, ~1 s of CPU here) and an official
    signs in once a day, so 100 sign-ins in the first seconds would measure the hash, not the work."""
    from django.conf import settings
    from django.test import Client

    from congvu.api.actions import issue_token

    _row, token = issue_token(official=official, name="loadtest")
    browser = Client()
    browser.force_login(official.user)
    return {"username": official.user.username, "official": official.pk, "role": role, "unit": unit_index,
            "token": token, "session": browser.cookies[settings.SESSION_COOKIE_NAME].value,
            "session_cookie": settings.SESSION_COOKIE_NAME}


def prepare(out: Path) -> dict:
    # Imported here: run as a script, Django is set up first (see the end of the file).
    from congvu.ops.province import build, related_units, synthetic_plan

    plan = dataclasses.replace(
        synthetic_plan(UNITS, OFFICERS_PER_UNIT, UNITS, INSPECTORS, seed=2026), password=PASSWORD
    )
    built = build(plan)
    people = list(built.officials.values())
    heads, clerks = people[:UNITS], people[UNITS:2 * UNITS]
    officers = people[2 * UNITS:2 * UNITS + UNITS * OFFICERS_PER_UNIT]
    inspectors = people[2 * UNITS + UNITS * OFFICERS_PER_UNIT:]
    units, matters = list(built.units.values())[:UNITS], list(built.matters.values())
    roster = {
        "password": PASSWORD,
        "units": [{"id": u.pk, "matter_type": matters[n].pk,
                   "related": [units[r].pk for r in related_units(n, UNITS)],
                   "officers": [o.pk for o in officers[n * OFFICERS_PER_UNIT:(n + 1) * OFFICERS_PER_UNIT]]}
                  for n, u in enumerate(units)],
        "people": [person(h, "head", n) for n, h in enumerate(heads)]
        + [person(c, "clerk", n) for n, c in enumerate(clerks)]
        + [person(o, "officer", n // OFFICERS_PER_UNIT) for n, o in enumerate(officers)]
        + [person(i, "inspector", None) for i in inspectors],
    }
    out.write_text(json.dumps(roster, ensure_ascii=False, indent=1), encoding="utf-8")
    return roster


if __name__ == "__main__":
    import django

    django.setup()
    roster = prepare(Path(sys.argv[1]))
    print(f"{len(roster['people'])} officials written to {sys.argv[1]}")
