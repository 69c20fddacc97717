"""Fewer indexes for each event to write (issue 13): the trail is read by unit only beside a kind or an
outcome and a moment (the head's recent extensions and overrides, the dashboard of some units), whose
indexes pick fewer events than all of a unit's. Dropped by name (as work/0017)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('org', '0010_drop_indexes_covered_by_longer_ones'),
        ('work', '0022_drop_registered_by_index'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL('DROP INDEX IF EXISTS "work_event_unit_id_39a76f88"', 'CREATE INDEX IF NOT EXISTS "work_event_unit_id_39a76f88" ON "work_event" ("unit_id")'),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name='event',
                    name='unit',
                    field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.unit'),
                ),
            ],
        ),
    ]
