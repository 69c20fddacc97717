"""Fewer indexes for each action to write (issue 13: every index an action touches is ~1 more WAL
frame, ~15 µs, a durable commit on SQLite):
- `work_event.rule_code`: the trail by rule (`oversight_event_rule_idx`: rule_code, outcome, at)
  begins with it; PostgreSQL's `_like` copy served only `rule_code LIKE 'R-2.1%'`, which the
  overrides' queue reads through its kind and outcome (`oversight_event_kind_idx`);
- `work_event.actor_id`: nothing reads the trail by actor (officials are never deleted);
- `work_step.holder_id`: (holder_id, ended_at) begins with it;
- `work_step.holder_unit_id`: `oversight_step_holder_due_idx` (holder_unit_id, holder_id, due_at,
  ended_at) begins with it.
Dropped by name as work/0017 did: as AlterField, SQLite would copy the whole table to drop an index."""

import django.db.models.deletion
from django.db import migrations, models

DROPPED = {
    "work_event_rule_code_5da71a4a": 'ON "work_event" ("rule_code")',
    "work_event_rule_code_5da71a4a_like": None,  # PostgreSQL only
    "work_event_actor_id_dec1ceb9": 'ON "work_event" ("actor_id")',
    "work_step_holder_id_677297f8": 'ON "work_step" ("holder_id")',
    "work_step_holder_unit_id_a7df8398": 'ON "work_step" ("holder_unit_id")',
}


def _drop(name: str, on: str | None) -> migrations.RunSQL:
    back = f'CREATE INDEX IF NOT EXISTS "{name}" {on}' if on else migrations.RunSQL.noop
    return migrations.RunSQL(f'DROP INDEX IF EXISTS "{name}"', back)


class Migration(migrations.Migration):

    dependencies = [
        ('org', '0010_drop_indexes_covered_by_longer_ones'),
        ('work', '0019_list_sort_key_index'),
        # the longer indexes that take these ones' place
        ('oversight', '0008_dashboard_indexes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[_drop(name, on) for name, on in DROPPED.items()],
            state_operations=[
                migrations.AlterField(
                    model_name='event',
                    name='actor',
                    field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.official'),
                ),
                migrations.AlterField(
                    model_name='event',
                    name='rule_code',
                    field=models.CharField(blank=True, max_length=60),
                ),
                migrations.AlterField(
                    model_name='step',
                    name='holder',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='steps', to='org.official', verbose_name='holder'),
                ),
                migrations.AlterField(
                    model_name='step',
                    name='holder_unit',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.unit', verbose_name='unit'),
                ),
            ],
        ),
    ]
