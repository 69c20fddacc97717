"""The items open at a past period's end and completed since, past twice their legal limit then
(`open_items.undecided_tallies`: `state = 'completed' AND completed_at > at AND undecided_twice_from < at`),
read by their completion from the index alone: through `work_item_completed_figures_idx` PostgreSQL
fetched each item completed since the end of 2025 (27,000 at 300,000 items, ~150 ms on a busy
server), through `oversight_item_undecided_idx` SQLite read every completed item past twice its limit."""

from django.db import migrations

NAME = "oversight_item_done_twice_idx"
ON = "work_workitem (state, completed_at, undecided_twice_from, lead_unit_id, holder_id)"


class Migration(migrations.Migration):

    dependencies = [
        ("oversight", "0012_open_steps_and_items_read_by_the_sweep"),
    ]

    operations = [migrations.RunSQL(f"CREATE INDEX IF NOT EXISTS {NAME} ON {ON}", f"DROP INDEX IF EXISTS {NAME}")]
