"""How fast the calendar and notifications are (issue 9): working-day arithmetic and notify().

Uses the development database (migrating is enough: the holidays are seeded by a migration;
the demo Office is seeded if missing); the notifications are rolled back.

    .venv/bin/python bench/deadlines.py
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts import demo  # noqa: E402
from accounts.models import User  # noqa: E402
from workflow.deadlines.workdays import add_working_days, working_days_between  # noqa: E402
from workflow.notifications.services import notify  # noqa: E402


class Rollback(Exception):
    pass


def timed(label: str, func, repeat: int) -> None:
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        for _ in range(repeat):
            func()
    elapsed = time.perf_counter() - start
    print(f"{label}: {elapsed / repeat * 1000:.2f} ms each, {len(queries) / repeat:.1f} queries each ({repeat}×)")


def main() -> None:
    if not User.objects.filter(username="chanhvp").exists():
        demo.seed()
    start = dt.date(2025, 1, 20)
    timed("add_working_days(d, 5) across Tết 2025", lambda: add_working_days(start, 5), 500)
    timed("add_working_days(d, 60)", lambda: add_working_days(start, 60), 200)
    timed("working_days_between over a year", lambda: working_days_between(start, dt.date(2026, 1, 20)), 200)
    people = list(User.objects.filter(is_active=True).exclude(email=""))
    context = {"title": "Mở biểu quyết", "message": "Phiên họp Hội đồng đã mở biểu quyết."}
    try:
        with transaction.atomic():
            timed(f"notify() {len(people)} people (queued, sent after commit)",
                  lambda: notify(event="vote_opened", recipients=people, context=context), 5)
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
