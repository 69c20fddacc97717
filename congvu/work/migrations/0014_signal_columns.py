"""The moment each item counts as undecided past twice its legal limit (issue 10's signal), written
for the items that exist (`congvu.work.signal_columns`)."""

from django.db import migrations, models


def fill(apps, schema_editor) -> None:
    from congvu.work.signal_columns import rebuild_undecided_twice  # raw SQL on the table: no model change

    rebuild_undecided_twice()


class Migration(migrations.Migration):

    dependencies = [
        ("work", "0013_every_event_kind_after_merges"),
    ]

    operations = [
        migrations.AddField(
            model_name="workitem",
            name="undecided_twice_from",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
