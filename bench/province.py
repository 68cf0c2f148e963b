"""How the cost of a line grows with the size of the year (issue 23): runs ``simulate`` (the same services and
flows as ``simulate_cycle``) at several sizes on PostgreSQL and prints, for each, the lines decided, the whole
year's seconds, seconds per line, the milliseconds ``line_add`` takes per call and its queries, and peak memory.

Each size runs in its own process on a fresh copy of a template database (migrated and ``seed_demo``-ed once),
so memory and caches of one size do not leak into the next. Needs a PostgreSQL server where the user may create
databases (BENCH_PG, default ``postgres://postgres@127.0.0.1:5432``); the databases it creates are named
``bench_province_*`` and dropped afterwards.

    .venv/bin/python bench/province.py --units 10 20 --staff-per-unit 50
    .venv/bin/python bench/province.py --profile 10   # cProfile of the 10-unit year, top functions per phase
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
TEMPLATE = "bench_province_template"


def _psql(sql: str) -> None:
    subprocess.run(["psql", f"{PG}/postgres", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True,  # noqa: S603, S607 - the PostgreSQL client
                   stdout=subprocess.DEVNULL)


def _template() -> None:
    _psql(f"DROP DATABASE IF EXISTS {TEMPLATE}")
    _psql(f"CREATE DATABASE {TEMPLATE}")
    env = {**os.environ, "DATABASE_URL": f"{PG}/{TEMPLATE}", "DJANGO_SETTINGS_MODULE": "config.settings.local"}
    for command in (["migrate", "-v0"], ["seed_demo"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,  # noqa: S603 - our manage.py
                       stdout=subprocess.DEVNULL)


def worker(units: int, staff: int, profile: str) -> None:
    """One size, in this process: wraps ``line_add`` to time it and count its queries, runs the year."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from django.db import connection
    from django.test import override_settings

    from nominations import services
    from nominations.simulation import simulate

    calls = {"n": 0, "seconds": 0.0, "queries": 0}
    original = services.line_add

    def timed_line_add(**kwargs):
        queries = _QueryCounter()
        start = time.perf_counter()
        with connection.execute_wrapper(queries):
            result = original(**kwargs)
        calls["seconds"] += time.perf_counter() - start
        calls["n"] += 1
        calls["queries"] += queries.n
        return result

    services.line_add = timed_line_add
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    start = time.perf_counter()
    with override_settings(EMAIL_BACKEND="workflow.notifications.backends.CountingBackend"):
        summary = simulate(year=2026, units=units, staff_per_unit=staff, seed=1)
    elapsed = time.perf_counter() - start
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile)
    print(json.dumps({
        "units": units, "staff": staff, "lines": summary["lines"], "seconds": elapsed,
        "line_add_calls": calls["n"], "line_add_seconds": calls["seconds"], "line_add_queries": calls["queries"],
        "unfinished": summary["unfinished_processes"],
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


class _QueryCounter:
    def __init__(self):
        self.n = 0

    def __call__(self, execute, sql, params, many, context):
        self.n += 1
        return execute(sql, params, many, context)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, nargs="+", default=[10, 20])
    parser.add_argument("--staff-per-unit", type=int, default=50)
    parser.add_argument("--profile", type=int, default=0, help="profile the year of this many units instead")
    parser.add_argument("--profile-out", default=str(Path(tempfile.gettempdir()) / "province.prof"))
    parser.add_argument("--reuse-template", action="store_true",
                        help=f"use {TEMPLATE} as a previous run left it (migrated and seeded) and keep it")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.units[0], args.staff_per_unit, args.profile_out if args.profile else "")
        return
    if not args.reuse_template:
        _template()
    sizes = [args.profile] if args.profile else args.units
    print(f"{'units':>5} {'lines':>6} {'year s':>8} {'s/line':>7} {'line_add ms':>11} {'q/line_add':>10} "
          f"{'peak MB':>8} unfinished", flush=True)
    for units in sizes:
        name = f"bench_province_{units}"
        _psql(f"DROP DATABASE IF EXISTS {name}")
        _psql(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        env = {**os.environ, "DATABASE_URL": f"{PG}/{name}"}
        command = [sys.executable, __file__, "--worker", "--units", str(units),
                   "--staff-per-unit", str(args.staff_per_unit)]
        if args.profile:
            command += ["--profile", str(units), "--profile-out", args.profile_out]
        try:
            out = subprocess.run(command, env=env, check=True, capture_output=True,  # noqa: S603 - this script
                                 text=True).stdout
        finally:
            _psql(f"DROP DATABASE IF EXISTS {name}")
        row = json.loads(out.strip().splitlines()[-1])
        calls = max(row["line_add_calls"], 1)
        print(f"{units:>5} {row['lines']:>6} {row['seconds']:>8.1f} {row['seconds'] / max(row['lines'], 1):>7.3f} "
              f"{row['line_add_seconds'] / calls * 1000:>11.1f} {row['line_add_queries'] / calls:>10.1f} "
              f"{row['peak_rss_mb']:>8.0f} {row['unfinished']}", flush=True)
    if not args.reuse_template:
        _psql(f"DROP DATABASE IF EXISTS {TEMPLATE}")
    if args.profile:
        print(f"profile written to {args.profile_out}")


if __name__ == "__main__":
    main()
