"""The backlog review in the demo (clause 1.5): Home Affairs opened a round eight working days ago,
plans were due three working days ago; some heads recorded their plans in time, some after the
deadline, some not yet, and some plans promised a date that has passed with the item still open
(the signal `backlog_plans_overdue`). Through the actions, with its own random generator; choices
follow the items' content, never database ids. Called once by `build.build_demo`."""

import random
from datetime import timedelta

from congvu.lib import clock
from congvu.ops.demo import catalog
from congvu.ops.demo.cases_public import on, working_days_ago
from congvu.org.models import Official
from congvu.oversight import backlog
from congvu.oversight.models_backlog import BacklogCause, BacklogEntry
from congvu.registry.serving import head_of, officers_of

SEED = 15  # clause 1.5
OPENED_AGO, PLANS_DUE_AGO = 8, 3
CAUSES = sorted(BacklogCause.values)


def build_backlog_cases() -> None:
    rng = random.Random(SEED)
    inspector = Official.objects.get(user__username=catalog.INSPECTOR_LOGIN)
    plans_due = working_days_ago(PLANS_DUE_AGO).date()
    with on(OPENED_AGO, hour=8):
        round_ = backlog.open_round(actor=inspector, title="Rà soát công việc tồn đọng, chậm giải quyết",
                                    cutoff=clock.today(), plans_due=plans_due,
                                    long_running_days=30)
    entries = (round_.entries.select_related("item", "unit")
               .order_by("unit__code", "item__created_at", "item__title"))
    for n, entry in enumerate(entries):
        case = n % 4
        if case == 0:  # in time, promising a date now past: the item still open is a signal
            plan(entry, OPENED_AGO - 1, rng, within=(1, 3))
        elif case == 1:  # after the deadline for plans
            plan(entry, rng.randint(0, PLANS_DUE_AGO - 1), rng, within=(5, 20))
        elif case == 3:  # in time, a date still to come
            plan(entry, rng.randint(PLANS_DUE_AGO + 1, OPENED_AGO - 1), rng, within=(15, 30))
        # case 2: no plan yet


def plan(entry: BacklogEntry, days_ago: int, rng: random.Random, within: tuple[int, int]) -> None:
    with on(days_ago, hour=rng.randint(8, 16)):
        today = clock.today()
        head = head_of(entry.unit_id, today)
        people = sorted(officers_of(entry.unit_id, today), key=lambda o: o.user.username)
        if head is None or not people:
            return
        officers = [o for o in people if o.pk != head.pk] or people
        backlog.record_plan(
            entry, actor=head, decision_date=today + timedelta(days=rng.randint(*within)),
            cause=CAUSES[rng.randrange(len(CAUSES))],
            responsible=officers[rng.randrange(len(officers))],
            note="Đôn đốc chuyên viên hoàn thiện hồ sơ, trình lãnh đạo quyết định.")
