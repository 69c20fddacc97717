# The item list (/danh-sach/) sorts by due date, filters by lead unit, state and a due range, and
# searches titles and notations; these indexes keep it under 300 ms at 300,000 items (`congvu
# listbench`). The title and notation indexes are read whole ("covering") by a `LIKE '%…%'` search,
# a fraction of the table's size; they change only when an item or document is created.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('work', '0001_initial'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='workitem',
            index=models.Index(fields=['due_at'], name='work_item_due_idx'),
        ),
        migrations.AddIndex(
            model_name='workitem',
            index=models.Index(fields=['lead_unit', 'state', 'due_at'], name='work_item_lead_state_due_idx'),
        ),
        migrations.AddIndex(
            model_name='workitem',
            index=models.Index(fields=['title', 'incoming'], name='work_item_title_idx'),
        ),
        migrations.AddIndex(
            model_name='incomingdocument',
            index=models.Index(fields=['notation'], name='work_incoming_notation_idx'),
        ),
    ]
