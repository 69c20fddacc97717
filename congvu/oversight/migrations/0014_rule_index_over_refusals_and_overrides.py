"""The trail by rule (rule_code, outcome, at) indexed only over refusals and overrides (issue 13): the
signals read it for attempts a rule refused (`signal_charges._rule`: outcome refused or overridden) and
nothing else reads the trail by rule, while every event (done: ~99 %) wrote an entry into it (-1.2 WAL
frames a commit on SQLite). The condition is work.models.NOT_DONE as Django writes it,
which every reader carries: SQLite uses a partial index only when the query holds its condition's very
term."""

from django.db import migrations

OLD, OLD_ON = "oversight_event_rule_idx", "work_event (rule_code, outcome, at)"
NEW, NEW_ON = "oversight_event_rule_attempt_idx", "work_event (rule_code, outcome, at) WHERE NOT (\"outcome\" = 'done')"


class Migration(migrations.Migration):

    dependencies = [
        ("oversight", "0013_completed_since_index"),
        ("work", "0021_refusals_and_overrides_index_partial"),
    ]

    operations = [
        migrations.RunSQL(f"CREATE INDEX IF NOT EXISTS {NEW} ON {NEW_ON}", f"DROP INDEX IF EXISTS {NEW}"),
        migrations.RunSQL(f"DROP INDEX IF EXISTS {OLD}", f"CREATE INDEX IF NOT EXISTS {OLD} ON {OLD_ON}"),
    ]
