"""What the signals of pushing work around read at a province's scale (issue 10), measured in
README ("The Home Affairs dashboard…", Speed):
- the items by state and the moment they are undecided past twice their legal limit
  (`work.undecided_twice_from`), with the columns the signal groups by, so the signal reads only the
  items it counts, from the index alone (open now: `state IN (…) AND undecided_twice_from < at`;
  open at a past period's end: `state = 'completed' AND undecided_twice_from < at AND completed_at > at`);
- the steps by deadline, with what the step delay reads: the open steps' delay joins each distinct
  deadline's working days late (a few hundred) to the steps of that deadline; without it SQLite built
  an automatic index over every open step (165,000) on each request."""

from django.db import migrations

INDEXES = {
    "oversight_step_due_idx": "work_step (due_at, ended_at, holder_unit_id, holder_id)",
    "oversight_item_undecided_idx": "work_workitem (state, undecided_twice_from, completed_at, lead_unit_id, "
                                    "holder_id)",
}


class Migration(migrations.Migration):

    dependencies = [
        ("oversight", "0008_dashboard_indexes"),
        ("work", "0014_signal_columns"),
    ]

    operations = [
        migrations.RunSQL(f"CREATE INDEX IF NOT EXISTS {name} ON {on}", f"DROP INDEX IF EXISTS {name}")
        for name, on in INDEXES.items()
    ]
