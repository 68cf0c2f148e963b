"""How long ``verify_audit`` takes on a big log: prints the time for 1,000,000 events.

Builds a throw-away database (a temporary SQLite file by default, or the PostgreSQL database
named by BENCH_DATABASE_URL — it must be empty and disposable), fills it through the real
chaining code (``audit_record_many``, 20,000 events per transaction) and then times
``verify_chain``. Usage: ``python bench/verify_audit.py [--events N]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--chunk", type=int, default=20_000)
    parser.add_argument("--reuse", action="store_true",
                        help="BENCH_DATABASE_URL already holds a chain made by this bench: add only what "
                             "is missing to reach --events")
    parser.add_argument("--repeat", type=int, default=1, help="verify this many times, print each")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="bench-audit-")
    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{workdir}/audit.sqlite3"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from workflow.audit import Action, EventDraft, audit_record_many, verify_chain

    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor} ({url})")

    if args.reuse:
        from workflow.audit.models import AuditEvent

        there = AuditEvent.objects.count()
        print(f"reusing the chain of {there:,} events already there")
        args.events = max(0, args.events - there)
    actions = [Action.SUBMITTED, Action.RETURNED, Action.ACCEPTED, Action.VOTED, Action.APPROVED]
    started = time.perf_counter()
    written = 0
    while written < args.events:
        size = min(args.chunk, args.events - written)
        drafts = [
            EventDraft(action=actions[n % len(actions)], reason=f"lý do {written + n}",
                       changes={"status": ["submitted", "returned"], "line": written + n})
            for n in range(size)
        ]
        with transaction.atomic():
            audit_record_many(drafts=drafts)
        written += size
    generated = time.perf_counter() - started
    if written:
        print(f"generated {written:,} chained events in {generated:.1f} s ({written / generated:,.0f} events/s)",
              flush=True)

    for _ in range(args.repeat):
        started = time.perf_counter()
        result = verify_chain()
        elapsed = time.perf_counter() - started
        print(f"verify_audit: {result.checked:,} events in {elapsed:.1f} s "
              f"({result.checked / elapsed:,.0f} events/s), intact={result.ok}", flush=True)
    if not result.ok:
        raise SystemExit(result.message)


if __name__ == "__main__":
    main()
