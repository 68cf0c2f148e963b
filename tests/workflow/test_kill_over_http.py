"""Issue 24: gunicorn workers killed inside the year's writes lose nothing (bench/kill_http.py, a few kills).

Minutes long, with its own PostgreSQL database and gunicorn: only with RUN_SLOW=1 (never in ``make test``):

    RUN_SLOW=1 .venv/bin/python -m pytest -q tests/workflow/test_kill_over_http.py
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(os.environ.get("RUN_SLOW") != "1", reason="a kill test of minutes: RUN_SLOW=1")]


def test_workers_killed_inside_writes_leave_every_action_whole_and_every_notification_sent():
    # Given gunicorn (production settings, 2 sync workers) on a fresh PostgreSQL database, when a worker is killed
    # inside a write at least 5 times while the year is posted, each killed action retried by its user,
    environ = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    run = subprocess.run([sys.executable, "bench/kill_http.py", "--kills", "5", "--units", "3"], cwd=ROOT,
                         env=environ, capture_output=True, text=True, timeout=1800, check=False)
    result = json.loads(run.stdout[run.stdout.index("{"):])

    # then every acknowledged action is whole and once in the audit log, and the recovery sent every notification.
    assert run.returncode == 0, run.stdout + run.stderr[-3000:]
    assert result["kills"] >= 5 and result["requests_killed"] >= 1
    assert result["problems"] == [] and result["chain_ok"] and result["register_gaps"] == []
    assert result["notifications"] > 0 and result["unsent_after_recovery"] == 0 and result["given_up"] == 0
    assert result["sent_rows_without_their_mail"] == 0 and result["second_recovery_sent"] == 0
