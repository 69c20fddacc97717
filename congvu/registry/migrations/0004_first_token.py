from django.db import migrations


def first_token(apps, schema_editor):
    apps.get_model("registry", "RegistryVersion").objects.get_or_create(pk=1, defaults={"token": "initial"})


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_registry_version")]
    operations = [migrations.RunPython(first_token, migrations.RunPython.noop)]
