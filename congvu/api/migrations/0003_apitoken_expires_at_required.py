# Its own migration (its own transaction on PostgreSQL) after the rows were filled in by 0002.
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('api', '0002_apitoken_expires_at'),
    ]

    operations = [
        migrations.AlterField(
            model_name='apitoken',
            name='expires_at',
            field=models.DateTimeField(verbose_name='hết hạn'),
        ),
    ]
