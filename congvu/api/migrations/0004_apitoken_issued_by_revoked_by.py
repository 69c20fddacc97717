from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('api', '0003_apitoken_expires_at_required'),
    ]

    operations = [
        migrations.AddField(
            model_name='apitoken',
            name='issued_by',
            field=models.CharField(blank=True, help_text='Tài khoản quản trị, hoặc người dùng máy chủ chạy lệnh congvu apitoken', max_length=150, verbose_name='người cấp'),
        ),
        migrations.AddField(
            model_name='apitoken',
            name='revoked_by',
            field=models.CharField(blank=True, max_length=150, verbose_name='người thu hồi'),
        ),
    ]
