"""Kill test of the notification outbox (issue 24): nothing said is lost when a worker dies.

A simulated year (``manage.py simulate_cycle``, a new generated agency each time: the same services and
flows as the pages, mail sent inline after each commit to a folder, one file per message) runs in a
subprocess that is killed with SIGKILL at a random moment, ``--kills`` times. Then the recovery job
(``sweep_stale``, as beat would run it once the rows are stale) runs once, and the invariants are checked:

- every immediate notification of a committed action is sent (0 unsent, 0 given up);
- every row marked sent has its Message-ID in the mail folder; a Message-ID found twice is a send whose
  commit the kill prevented, repeated by the recovery and recognisable by its id (at least once);
- the audit chain is valid; every register's numbers run 1..n without a gap; no document is left queued.

It measures the outbox, not the HTTP layer: the kills land inside the services' transactions (rolled back
by PostgreSQL) and between a commit and its e-mails (the window the issue found). Use a throw-away
PostgreSQL database (it is migrated and seeded when empty):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/killtest .venv/bin/python bench/kill_test.py --kills 100
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
# One folder per database, kept between runs: the development CA's keys live there, and a document left
# queued by an earlier run is signed again by the recovery with them.
_FILES = Path(tempfile.gettempdir()) / f"kill-test-{os.environ.get('DATABASE_URL', 'sqlite').rsplit('/', 1)[-1]}"
os.environ.setdefault("DOCUMENTS_ROOT", str(_FILES / "documents"))
os.environ.setdefault("MEDIA_ROOT", str(_FILES / "media"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models import Max  # noqa: E402

from accounts.models import Agency  # noqa: E402
from bench.durability import recover_and_check, recovered  # noqa: E402
from workflow.notifications.models import Notification  # noqa: E402


def run_once(*, seed: int, mail_dir: str, kill_after: float, units: int, staff: int) -> str:
    """One simulated year in a subprocess, killed after ``kill_after`` seconds unless it finished."""
    command = [sys.executable, str(ROOT / "manage.py"), "simulate_cycle", "--year", "2025", "--units", str(units),
               "--staff-per-unit", str(staff), "--seed", str(seed), "--into-current-database",
               "--mail-dir", mail_dir, "--json"]
    process = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy(),  # noqa: S603 - our own manage.py
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        process.wait(timeout=kill_after)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return "killed"
    return "finished" if process.returncode == 0 else f"exit {process.returncode}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--min-seconds", type=float, default=3.0, help="kill after this (Django starts meanwhile)")
    parser.add_argument("--max-seconds", type=float, default=20.0, help="kill at a random moment up to this")
    parser.add_argument("--units", type=int, default=2)
    parser.add_argument("--staff-per-unit", type=int, default=4)
    parser.add_argument("--seed", type=int, default=24)
    options = parser.parse_args()
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        print("warning: not PostgreSQL; SQLite has no row locks (SKIP LOCKED is ignored)", file=sys.stderr)
    call_command("migrate", verbosity=0)
    if not Agency.objects.filter(code="VP").exists():
        call_command("seed_demo", verbosity=0)
    rng = random.Random(options.seed)  # noqa: S311 - a test's randomness
    mail_dir = tempfile.mkdtemp(prefix="kill-mail-")
    first = (Notification.objects.aggregate(last=Max("pk"))["last"] or 0)
    started = time.perf_counter()
    outcomes: Counter[str] = Counter()
    for index in range(options.kills):
        outcome = run_once(seed=options.seed * 1000 + index, mail_dir=mail_dir,
                           kill_after=rng.uniform(options.min_seconds, options.max_seconds), units=options.units,
                           staff=options.staff_per_unit)
        outcomes[outcome] += 1
    result = {"kills": outcomes["killed"], "runs": dict(outcomes), "seconds": round(time.perf_counter() - started, 1),
              **recover_and_check(first_notification=first, mail_dir=mail_dir)}
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0 if recovered(result) else 1


if __name__ == "__main__":
    sys.exit(main())
