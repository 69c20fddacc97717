"""The refusals and overrides by moment (outcome, at), indexed only where they
are (issue 13): ~1 % of the trail, so
the events done, nearly every action's, no longer write an index entry for the readers of the other 1 %
(-1.3 WAL frames a commit on SQLite). The readers filter by the same condition (NOT_DONE)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('org', '0010_drop_indexes_covered_by_longer_ones'),
        ('work', '0020_drop_indexes_led_by_longer_ones_or_unread'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='event',
            name='work_event_outcome_9ef8de_idx',
        ),
        migrations.AddIndex(
            model_name='event',
            index=models.Index(condition=models.Q(('outcome', 'done'), _negated=True), fields=['outcome', 'at'], name='work_event_attempt_idx'),
        ),
    ]
