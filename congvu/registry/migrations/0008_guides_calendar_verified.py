"""Each official-schedule entry says whether it was verified against its announcing document; the
shipped entries the seed marks unverified (the make-up Saturday 22/08/2026) are marked so here."""

import uuid

from django.db import migrations, models

from congvu.lib.official_schedule import OFFICIAL_SCHEDULE


def mark_unverified(apps, schema_editor):
    CalendarDay = apps.get_model("registry", "CalendarDay")
    doubtful = [e for e in OFFICIAL_SCHEDULE if not e.verified]
    for entry in doubtful:
        # Only the shipped row itself: an administrator's own correction of that day stays as it is.
        CalendarDay.objects.filter(day=entry.day, name=entry.name, source=entry.source).update(verified=False)
    if doubtful:
        RegistryVersion = apps.get_model("registry", "RegistryVersion")
        RegistryVersion.objects.filter(pk=1).update(token=uuid.uuid4().hex)


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0007_authority_delegation_rules"),
    ]

    operations = [
        migrations.AddField(
            model_name="calendarday",
            name="verified",
            field=models.BooleanField(default=True, verbose_name="verified against the document"),
        ),
        migrations.RunPython(mark_unverified, migrations.RunPython.noop),
    ]
