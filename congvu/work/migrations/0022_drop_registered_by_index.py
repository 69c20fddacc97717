"""Fewer indexes for a registration to write (issue 13): nothing reads the incoming documents by who
registered them (officials are never deleted). Dropped by name (as work/0017)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('org', '0010_drop_indexes_covered_by_longer_ones'),
        ('work', '0021_refusals_and_overrides_index_partial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL('DROP INDEX IF EXISTS "work_incomingdocument_registered_by_id_9c520e1c"', 'CREATE INDEX IF NOT EXISTS "work_incomingdocument_registered_by_id_9c520e1c" ON "work_incomingdocument" ("registered_by_id")'),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name='incomingdocument',
                    name='registered_by',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.official', verbose_name='registered by'),
                ),
            ],
        ),
    ]
