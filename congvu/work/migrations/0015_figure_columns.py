"""An index the running period's figures read (congvu.oversight.figure_rollups.running_rows): the
items completed since a moment, with every column their buckets need, so the twelve-month trend
judged now reads the month's completions instead of the year's items. Plain SQL both engines accept
(as oversight/0008), so `makemigrations` sees no model change."""

from django.db import migrations

NAME = "work_item_completed_figures_idx"
ON = "work_workitem (state, completed_at, created_at, lead_unit_id, legal_due_at, due_at)"


class Migration(migrations.Migration):

    dependencies = [
        ("work", "0014_signal_columns"),
    ]

    operations = [migrations.RunSQL(f"CREATE INDEX IF NOT EXISTS {NAME} ON {ON}", f"DROP INDEX IF EXISTS {NAME}")]
