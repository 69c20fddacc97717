"""The `congvu` command's small subcommands, as an administrator types them."""

import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from congvu.consult.models import RequestState


def run(*args) -> list[str]:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().splitlines()


@pytest.mark.django_db
@pytest.mark.parametrize(("event_day", "days", "due"), [
    ("05/02/2024", "5", "19/02/2024"),   # Tết Giáp Thìn: 08/02–14/02/2024 off
    ("25/04/2025", "1", "26/04/2025"),   # Saturday 26/04/2025 was a make-up working day
    ("29/04/2025", "1", "05/05/2025"),   # 30/04, 01/05 holidays and Friday 02/05/2025 swapped off
    ("31/12/2025", "1", "05/01/2026"),   # New Year 2026 off 01/01–04/01
    ("09/01/2026", "1", "10/01/2026"),   # Saturday 10/01/2026 worked
])
def test_deadline_prints_the_official_due_date_first(event_day, days, due):
    lines = run("deadline", event_day, days)
    assert lines[0] == due
    assert any("Điều 147" in line for line in lines[1:])


@pytest.mark.django_db
def test_deadline_explains_in_english_on_request():
    lines = run("deadline", "05/02/2024", "5", "--lang", "en")
    assert lines[0] == "19/02/2024" and any("Not counted 08/02/2024" in line for line in lines)


@pytest.mark.django_db
def test_deadline_refuses_a_date_that_does_not_exist():
    with pytest.raises(CommandError, match="31/02/2025"):
        run("deadline", "31/02/2025", "3")


def test_the_sweep_command_deems_overdue_requests_and_seals(province, at_morning):
    from datetime import datetime

    from congvu.consult import actions as consult
    from congvu.consult.models import ConsultationRequest
    from congvu.lib import clock
    from congvu.lib.workdays import TZ
    from congvu.work import actions

    item = actions.register_incoming(actor=province.construction_clerk, unit=province.construction,
                                     matter_type=province.planning_approval, sender="UBND tỉnh", subject="Đồ án")
    actions.direct(item, actor=province.construction_head, lead_unit=province.construction)
    actions.assign(item, actor=province.construction_head, holder=province.construction_officer)
    consult.ask(item, actor=province.construction_officer, units=[province.finance], question="Ý kiến?")
    with clock.travel_to(datetime(2026, 3, 11, 0, 5, tzinfo=TZ)):
        lines = run("sweep")
    assert "coi như đồng ý: 1 yêu cầu" in lines
    assert any(line.startswith("niêm phong #") for line in lines)
    assert ConsultationRequest.objects.get().state == RequestState.DEEMED_AGREED


def test_bench_runs_the_standard_workload_and_checks_it(tmp_path):
    # As an administrator runs it: its own process, its own scratch database beside the configured one.
    env = {**os.environ, "CONGVU_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "congvu.cli", "bench", "--items", "12", "--json"],
                          capture_output=True, text=True, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["check_passed"] and result["checks"]["deemed_agreements"] == 12
    assert result["actions"] == 72 and result["actions_per_second"] > 0
    # The figure travels as a ratio to the bare floor measured in the same run (issue 13).
    assert result["floor_actions_per_second"] > 0
    # Both rates and the ratio are rounded for print (0.1 action/s, 4 decimals), hence the absolute slack.
    assert result["ratio_to_floor"] == pytest.approx(
        result["actions_per_second"] / result["floor_actions_per_second"], rel=0.01, abs=5e-4)
