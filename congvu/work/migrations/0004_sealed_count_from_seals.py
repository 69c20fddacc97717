# The seal used to remember the highest event id it covered; it now compares each item's event count
# with the count last sealed. Replay the existing seals so that the first new seal takes only what
# moved since them (rather than every chain again).

from django.db import migrations


def sealed_counts(apps, schema_editor):
    Seal = apps.get_model("work", "Seal")
    WorkItem = apps.get_model("work", "WorkItem")
    counts: dict[int, int] = {}
    for heads in Seal.objects.order_by("id").values_list("heads", flat=True).iterator(chunk_size=100):
        counts.update({int(pk): count for pk, (count, _digest) in heads.items()})
    items = [WorkItem(pk=pk, sealed_count=count) for pk, count in counts.items()]
    WorkItem.objects.bulk_update(items, ["sealed_count"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('work', '0003_workitem_sealed_count'),
    ]

    operations = [
        migrations.RunPython(sealed_counts, migrations.RunPython.noop),
    ]
