"""Indexes the period dashboard and the signals read by (issue 10), on the trail and the items.

They live here, with the oversight queries that need them, rather than in the work models' Meta: the
trail's writers pay one more index write per event for the readers' sake, and the readers own that
choice (measured in README, "The Home Affairs dashboard…"). Plain SQL that both engines accept, so
`makemigrations` sees no model change.
- events by kind (or rule) and moment, the outcome between so that SQLite, without statistics, prefers
  them to (outcome, at) for two equalities over one: extensions, transfers and returns, send-backs of a period were read
  through (outcome, at), i.e. every event of the period (3 M at a province-year) to keep ~2 %;
- items by registration moment: a month's figures read one month's items, not the year's."""

from django.db import migrations

INDEXES = {
    "oversight_event_kind_idx": "work_event (kind, outcome, at)",
    "oversight_event_rule_idx": "work_event (rule_code, outcome, at)",
    "oversight_item_created_idx": "work_workitem (created_at)",
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
