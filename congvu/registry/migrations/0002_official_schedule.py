"""Ship the official civil-servant schedule 2023–2026 as editable data (DESIGN §4)."""

from django.db import migrations

from congvu.lib.official_schedule import OFFICIAL_SCHEDULE
from congvu.registry.parameters import DEFAULTS as PARAMETERS



def ship(apps, schema_editor):
    CalendarDay = apps.get_model("registry", "CalendarDay")
    RegulationParameter = apps.get_model("registry", "RegulationParameter")
    CalendarDay.objects.bulk_create(
        [CalendarDay(day=e.day, kind=str(e.kind), name=e.name, source=e.source) for e in OFFICIAL_SCHEDULE],
        ignore_conflicts=True,
    )
    for key, description, value, minimum, maximum, basis in PARAMETERS:
        RegulationParameter.objects.get_or_create(key=key, defaults=dict(
            description=description, value=value, minimum=minimum, maximum=maximum, legal_basis=basis))


def unship(apps, schema_editor):
    apps.get_model("registry", "CalendarDay").objects.filter(day__in=[e.day for e in OFFICIAL_SCHEDULE]).delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(ship, unship)]
