"""The trigram index of the folded search texts (issue 13): FTS5 tables kept by triggers on SQLite,
GIN `gin_trgm_ops` indexes on PostgreSQL (congvu/work/search_index.py). The existing rows are
indexed here, in the migration."""

from django.db import migrations

from congvu.work import search_index


def install(apps, schema_editor):
    search_index.install(schema_editor)


def uninstall(apps, schema_editor):
    search_index.uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ('work', '0017_drop_indexes_covered_by_longer_ones'),
    ]

    operations = [
        migrations.RunPython(install, uninstall, elidable=False),
    ]
