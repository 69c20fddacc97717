from datetime import timedelta

from django.db import migrations, models

# Tokens issued before expiry existed get the default lifetime from their issue date (a token older
# than that stops working at once: that is the point of the change).
DEFAULT_LIFETIME = timedelta(days=180)


def expire_existing(apps, schema_editor):
    ApiToken = apps.get_model("api", "ApiToken")
    for token in ApiToken.objects.filter(expires_at__isnull=True).only("pk", "created_at"):
        ApiToken.objects.filter(pk=token.pk).update(expires_at=token.created_at + DEFAULT_LIFETIME)


class Migration(migrations.Migration):

    dependencies = [
        ('api', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='apitoken',
            name='expires_at',
            field=models.DateTimeField(null=True, verbose_name='hết hạn'),
        ),
        migrations.RunPython(expire_existing, migrations.RunPython.noop),
    ]
