"""Fewer indexes for a reply to write (issue 13): nothing reads the requests by who replied or sent back
(officials are never deleted). Dropped by name (as work/0017): as AlterField, SQLite would copy the table."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('consult', '0007_drop_indexes_covered_by_longer_ones'),
        ('org', '0010_drop_indexes_covered_by_longer_ones'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL('DROP INDEX IF EXISTS "consult_consultationrequest_replied_by_id_72362aa7"', 'CREATE INDEX IF NOT EXISTS "consult_consultationrequest_replied_by_id_72362aa7" ON "consult_consultationrequest" ("replied_by_id")'),
                migrations.RunSQL('DROP INDEX IF EXISTS "consult_consultationrequest_sent_back_by_id_a64a2f49"', 'CREATE INDEX IF NOT EXISTS "consult_consultationrequest_sent_back_by_id_a64a2f49" ON "consult_consultationrequest" ("sent_back_by_id")'),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name='consultationrequest',
                    name='replied_by',
                    field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.official'),
                ),
                migrations.AlterField(
                    model_name='consultationrequest',
                    name='sent_back_by',
                    field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.official'),
                ),
            ],
        ),
    ]
