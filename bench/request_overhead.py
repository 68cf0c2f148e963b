"""The fixed cost of a request (issue 23): time and queries of typical pages, per role, through the whole stack.

Every page pays the same guards before its own work: the session and the person, the scope memo, the process
check of a flow URL (``workflow.selectors.get_process_for_user``), the menu and the inbox count of the shell
(``workflow.menu``, ``workflow.inbox``); a refused address renders the 404 page with the full menu. This bench
asks a handful of pages as each role of the access matrix, through Django's test client (no network, no
server), and prints the median time, the median CPU time of the process (``time.process_time``: what the code
costs, less sensitive than the wall clock to the other processes of a shared machine and to the disk's fsync of
SQLite's commits) and the number of queries of each, then each role's mean.

The data is the access matrix's world (``tests.security.dataset.build``: the demo Office, a second agency, a
dossier of each unit at each stage, a council session, pledges, reports, Tờ trình at Sở Nội vụ), built through
the services into a SQLite file (``--db``; kept, and reused by the next run with the same file so that two
versions of the code are measured on the same rows), or a PostgreSQL database (``--database-url``, created and
migrated beforehand by the caller).

    .venv/bin/python bench/request_overhead.py --db /tmp/bench-requests.sqlite3 --repeat 15
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_DB = Path(tempfile.gettempdir()) / "bench-requests.sqlite3"
ROLES = ("staff", "unit_head_a", "secretariat", "council_member", "chief", "home_affairs", "auditor")


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=str(DEFAULT_DB), help="SQLite file (built when missing)")
    parser.add_argument("--database-url", default="", help="another database instead of --db (already migrated)")
    parser.add_argument("--repeat", type=int, default=15, help="timed requests of each page")
    parser.add_argument("--roles", default=",".join(ROLES))
    return parser.parse_args()


def setup(args: argparse.Namespace) -> Path:
    url = args.database_url or f"sqlite:///{args.db}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django  # noqa: PLC0415

    django.setup()
    from django.test.utils import setup_test_environment  # noqa: PLC0415

    setup_test_environment()  # "testserver" allowed, e-mail kept in memory
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # the 403s and 404s asked on purpose
    database = DEFAULT_DB.with_name("bench-requests-pg") if args.database_url else Path(args.db)
    return database.with_suffix(".pages.json")


def build(pages_file: Path) -> dict:
    """Migrate, seed, build the matrix's world; the pages' addresses are kept beside the database."""
    from unittest import mock  # noqa: PLC0415

    from django.core.management import call_command  # noqa: PLC0415
    from django.urls import reverse  # noqa: PLC0415

    from accounts import demo  # noqa: PLC0415
    from tests.security import dataset  # noqa: PLC0415
    from workflow.documents import rendering  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    demo.seed()
    with mock.patch.object(rendering, "html_to_pdf", lambda html: rendering.RenderResult(pdf=dataset.PDF)):
        ds = dataset.build()
    task = ds.objects["task"]["a"]
    pages = {
        "desk": reverse("home:index"),
        "inbox": reverse("home:inbox"),
        "dossier A": reverse("nominations:dossier", args=[ds.objects["dossier"]["a"].pk]),
        "process A": reverse("dossier:process_detail", args=[ds.objects["process"]["a"].pk]),
        "task A": reverse(f"dossier:{task.flow_task.name}:detail", args=[task.process_id, task.pk]),
        "process other (404)": reverse("dossier:process_detail", args=[ds.objects["process"]["other"].pk]),
        "no such page (404)": "/home/khong-co-trang-nay/",
    }
    pages_file.write_text(json.dumps(pages, ensure_ascii=False, indent=1))
    return pages


def measure(role: str, pages: dict, repeat: int) -> list[tuple[str, int, float, int]]:
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    from accounts.models import User  # noqa: PLC0415
    from tests.security.dataset import USERS  # noqa: PLC0415

    client = Client()
    client.force_login(User.objects.get(username=USERS[role]))
    rows = []
    for label, url in pages.items():
        status = client.get(url).status_code  # warm: templates, URL resolvers, caches of the code
        connection.queries_log.clear()  # a full log (its maxlen) would capture nothing
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        count = len(queries)  # now: the next request empties the connection's log (reset_queries)
        times, cpu = [], []
        for _ in range(repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        rows.append((label, status, statistics.median(times) * 1000, statistics.median(cpu) * 1000, count))
    return rows


def main() -> int:
    args = parse()
    pages_file = setup(args)
    if pages_file.exists() and (args.database_url or Path(args.db).exists()):
        pages = json.loads(pages_file.read_text())
    else:
        start = time.perf_counter()
        pages = build(pages_file)
        print(f"built the matrix's world in {time.perf_counter() - start:.0f} s")
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1, 5, 15 min), "
          f"{os.cpu_count()} cores; median of {args.repeat} requests per page")
    print(f"{'role':<15} {'page':<21} {'status':>6} {'ms':>8} {'cpu ms':>8} {'queries':>8}")
    means = []
    for role in args.roles.split(","):
        rows = measure(role, pages, args.repeat)
        for label, status, ms, cpu_ms, queries in rows:
            print(f"{role:<15} {label:<21} {status:>6} {ms:>8.1f} {cpu_ms:>8.1f} {queries:>8}")
        mean = [statistics.mean(r[i] for r in rows) for i in (2, 3, 4)]
        means.append(mean)
        print(f"{role:<15} {'(mean)':<21} {'':>6} {mean[0]:>8.1f} {mean[1]:>8.1f} {mean[2]:>8.1f}")
    print(f"all roles mean: {statistics.mean(m[0] for m in means):.1f} ms, "
          f"{statistics.mean(m[1] for m in means):.1f} ms of CPU, {statistics.mean(m[2] for m in means):.1f} queries "
          "per page")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
