"""Indexes the period dashboard and the signals read by (issue 10), on the trail and the items.

They live here, with the oversight queries that need them, rather than in the work models' Meta: the
trail's writers pay one more index write per event for the readers' sake, and the readers own that
choice (measured in README, "The Home Affairs dashboard…"). Plain SQL that both engines accept, so
`makemigrations` sees no model change.
- events by kind (or rule) and moment, the outcome between so that SQLite, without statistics, prefers
  them to (outcome, at) for two equalities over one: extensions, transfers and returns, send-backs of a period were read
  through (outcome, at), i.e. every event of the period (3 M at a province-year) to keep ~2 %;
- items by registration moment, with every column the period's figures read (`period_figures`): a
  month's figures read one month's items, not the year's, and from the index alone (SQLite: the
  year's counts at 30,000 items 14 ms of processor time, against a walk of the wide item rows);
- steps by holder and deadline (the open steps' delay is grouped so) and by end (the steps that ended
  late in a period), each holding every column the step delay reads."""

from django.db import migrations

INDEXES = {
    "oversight_event_kind_idx": "work_event (kind, outcome, at)",
    "oversight_event_rule_idx": "work_event (rule_code, outcome, at)",
    "oversight_item_registered_idx": "work_workitem (created_at, state, lead_unit_id, completed_at, legal_due_at, "
                                     "due_at)",
    "oversight_step_holder_due_idx": "work_step (holder_unit_id, holder_id, due_at, ended_at)",
    "oversight_step_ended_idx": "work_step (ended_at, due_at, holder_unit_id, holder_id)",
}


class Migration(migrations.Migration):

    dependencies = [
        ("oversight", "0007_periodic_reports"),
        ("work", "0013_every_event_kind_after_merges"),
    ]

    operations = [
        migrations.RunSQL(f"CREATE INDEX IF NOT EXISTS {name} ON {on}", f"DROP INDEX IF EXISTS {name}")
        for name, on in INDEXES.items()
    ]
