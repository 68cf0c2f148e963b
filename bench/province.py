"""How the cost of a line grows with the size of the year (issue 23), and how it compares with a bare reference.

Two modes, each size in its own process on a fresh copy of a template database (migrated and ``seed_demo``-ed
once), so memory and caches of one size do not leak into the next:

- ``--units U [U ...]``: one synthetic agency of U units per size, through ``simulate`` (the same services and
  flows as ``simulate_cycle``); prints the lines decided, the whole year's seconds, seconds per line, the
  milliseconds ``line_add`` takes per call and its queries, and peak memory.
- ``--agencies A [A ...]`` (with ``--units U --staff-per-unit S``; 9 × 50 gives ≈ 510 lines an agency): a
  province's year — A synthetic agencies' years one after another in one process. Prints per size: agencies,
  lines, seconds, seconds per line, lines/s, peak RSS, unfinished processes, whether the audit chain verifies
  (``verify_chain``) and whether every register of the run's agencies issued the numbers 1..n without a gap.
  With ``--reference`` it then runs the bare reference (``bench/reference``: one viewflow process per nomination,
  same shape, viewflow alone) for the same number of nominations on another fresh copy, and prints its
  nominations/s and the ratio ours/reference (issue 23 wants ≥ 10×).

Needs a PostgreSQL server where the user may create databases (BENCH_PG, default
``postgres://postgres@127.0.0.1:5432``); the databases it creates are named ``<--db-prefix>*`` (default
``bench_province_``) and dropped afterwards.

    .venv/bin/python bench/province.py --units 10 20 --staff-per-unit 50
    .venv/bin/python bench/province.py --profile 10   # cProfile of the 10-unit year, top functions per phase
    .venv/bin/python bench/province.py --agencies 1 4 --units 9 --staff-per-unit 50 --reference
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


def _template_exists() -> bool:
    found = subprocess.run(["psql", f"{PG}/postgres", "-tAq", "-v", f"name={TEMPLATE}"],  # noqa: S603, S607 - the client
                           input="SELECT 1 FROM pg_database WHERE datname = :'name';",
                           check=True, capture_output=True, text=True).stdout
    return found.strip() == "1"


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


def _setup(settings: str = "config.settings.local") -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings)
    import django

    django.setup()


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def registers_gap_free(agency_ids) -> tuple[bool, int]:
    """Whether every register (agency × year × type of document) of these agencies issued exactly the numbers
    1..n, n being the register's last number: no gap, no duplicate, no numbered document outside a register."""
    from collections import defaultdict

    from workflow.documents.models import DocumentCounter, IssuedDocument

    numbers = defaultdict(list)
    for agency_id, year, doc_type, number in IssuedDocument.objects.filter(
            agency_id__in=agency_ids, number__isnull=False).values_list("agency_id", "year", "doc_type", "number"):
        numbers[(agency_id, year, doc_type)].append(number)
    ok, registers = True, 0
    for counter in DocumentCounter.objects.filter(agency_id__in=agency_ids):
        registers += 1
        issued = sorted(numbers.pop((counter.agency_id, counter.year, counter.doc_type), []))
        ok = ok and issued == list(range(1, counter.last_number + 1))
    return ok and not numbers, registers


def agencies_worker(agencies: int, units: int, staff: int) -> None:
    """A province's year in this process: ``agencies`` synthetic agencies' years one after another, then the
    checks (unfinished processes, the audit chain, the registers' numbers), which are not timed."""
    _setup()
    from django.test import override_settings

    from accounts.models import Agency
    from nominations import simulation
    from workflow.audit.chain import verify_chain

    before = set(Agency.objects.values_list("pk", flat=True))
    building = {"seconds": 0.0}
    original = simulation.build_agency

    def timed_build_agency(**kwargs):
        start = time.perf_counter()
        try:
            return original(**kwargs)
        finally:
            building["seconds"] += time.perf_counter() - start

    simulation.build_agency = timed_build_agency
    lines = unfinished = 0
    start = time.perf_counter()
    with override_settings(EMAIL_BACKEND="workflow.notifications.backends.CountingBackend"):
        for index in range(agencies):
            summary = simulation.simulate(year=2026, units=units, staff_per_unit=staff, seed=index + 1)
            lines += summary["lines"]
            unfinished += summary["unfinished_processes"]
    elapsed = time.perf_counter() - start
    peak = _peak_rss_mb()
    chain = verify_chain()
    gap_free, registers = registers_gap_free(Agency.objects.exclude(pk__in=before).values_list("pk", flat=True))
    print(json.dumps({
        "agencies": agencies, "units": units, "staff": staff, "lines": lines, "seconds": elapsed,
        "build_agency_seconds": building["seconds"], "unfinished": unfinished, "peak_rss_mb": peak,
        "chain_ok": chain.ok, "chain_checked": chain.checked, "gap_free": gap_free, "registers": registers,
    }))


# The project's receivers on viewflow's signals and Task saves (audit chain, deadlines, delegation, e-mail):
# the bare reference runs without them — viewflow alone — unless ``--reference-hooks``.
_PROJECT_HOOKS = (
    ("django.db.models.signals.post_save", "workflow.task_created", True),
    ("django.db.models.signals.post_save", "audit_task_transitions", True),
    ("django.db.models.signals.post_init", "audit_task_snapshot", True),
    ("viewflow.workflow.signals.flow_started", "audit_flow_started", False),
    ("viewflow.workflow.signals.flow_finished", "audit_flow_finished", False),
)


def reference_worker(nominations: int, hooks: bool) -> None:
    """The bare reference (bench/reference) for ``nominations`` nominations, in this process."""
    _setup("bench.settings_reference")
    from django.test import override_settings
    from django.utils.module_loading import import_string
    from viewflow.workflow.models import Process, Task
    from viewflow.workflow.status import PROCESS

    from accounts.models import User
    from bench.reference.flows import NominationFlow
    from bench.reference.run import decide

    if not hooks:
        for signal, uid, on_task in _PROJECT_HOOKS:
            if not import_string(signal).disconnect(sender=Task if on_task else None, dispatch_uid=uid):
                raise RuntimeError(f"receiver {uid} not found: the list of the project's hooks is out of date")
    users = list(User.objects.filter(is_active=True).order_by("pk"))
    head, secretariat, chair, chief, *members = users[:16]
    nominees = [users[index % len(users)] for index in range(nominations)]
    start = time.perf_counter()
    with override_settings(EMAIL_BACKEND="workflow.notifications.backends.CountingBackend"):
        decide(nominees=nominees, head=head, secretariat=secretariat, chair=chair, members=members, chief=chief)
    elapsed = time.perf_counter() - start
    processes = Process.objects.filter(flow_class=NominationFlow)
    print(json.dumps({
        "nominations": nominations, "seconds": elapsed, "peak_rss_mb": _peak_rss_mb(),
        "processes": processes.count(), "unfinished": processes.exclude(status=PROCESS.DONE).count(),
        "decisions": sum(1 for data in processes.values_list("data", flat=True) if data.get("decision")),
        "tasks": Task.objects.filter(process__in=processes).count(), "hooks": hooks,
    }))


def _run(command: list[str], database: str, settings: str | None = None) -> dict:
    """``command`` (this script as a worker) on a fresh copy of the template, dropped afterwards."""
    _psql(f"DROP DATABASE IF EXISTS {database}")
    _psql(f"CREATE DATABASE {database} TEMPLATE {TEMPLATE}")
    env = {**os.environ, "DATABASE_URL": f"{PG}/{database}"}
    if settings:
        env["DJANGO_SETTINGS_MODULE"] = settings
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - this script
    finally:
        _psql(f"DROP DATABASE IF EXISTS {database}")
    if done.returncode:
        sys.stderr.write(done.stderr[-5000:])
        raise SystemExit(f"worker failed: {' '.join(command)}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _load() -> str:
    return "load " + " ".join(f"{value:.2f}" for value in os.getloadavg())


def province(args) -> None:
    units = args.units[0] if args.units else 9
    print(f"{'agencies':>8} {'lines':>6} {'year s':>8} {'s/line':>7} {'lines/s':>7} {'build s':>7} {'peak MB':>7} "
          f"{'unfinished':>10} {'chain':>5} {'gap-free':>8}", flush=True)
    rows = []
    for agencies in args.agencies:
        command = [sys.executable, __file__, "--agencies-worker", str(agencies), "--units", str(units),
                   "--staff-per-unit", str(args.staff_per_unit)]
        started_load = _load()
        row = _run(command, f"{args.db_prefix}a{agencies}")
        rows.append(row)
        lines, seconds = row["lines"], row["seconds"]
        ours = lines / seconds if seconds else 0.0
        print(f"{agencies:>8} {lines:>6} {seconds:>8.1f} {seconds / max(lines, 1):>7.3f} {ours:>7.2f} "
              f"{row['build_agency_seconds']:>7.1f} {row['peak_rss_mb']:>7.0f} {row['unfinished']:>10} "
              f"{'ok' if row['chain_ok'] else 'BROKEN':>5} {'yes' if row['gap_free'] else 'NO':>8}"
              f"   ({units}×{args.staff_per_unit} per agency, {row['registers']} registers, "
              f"{row['chain_checked']} audit events; {started_load} → {_load()})", flush=True)
        if not args.reference:
            continue
        command = [sys.executable, __file__, "--reference-worker", str(lines)]
        if args.reference_hooks:
            command.append("--reference-hooks")
        started_load = _load()
        ref = _run(command, f"{args.db_prefix}r{agencies}", settings="bench.settings_reference")
        theirs = ref["nominations"] / ref["seconds"] if ref["seconds"] else 0.0
        print(f"{'ref':>8} {ref['nominations']:>6} {ref['seconds']:>8.1f} {ref['seconds'] / max(lines, 1):>7.3f} "
              f"{theirs:>7.2f} {'':>7} {ref['peak_rss_mb']:>7.0f} {ref['unfinished']:>10} {'':>5} {'':>8}"
              f"   (bare reference{' with the project hooks' if ref['hooks'] else ''}: {ref['processes']} processes, "
              f"{ref['tasks']} tasks, {ref['decisions']} decisions recorded; {started_load} → {_load()})", flush=True)
        print(f"{'ratio':>8} ours/reference = {ours / theirs if theirs else 0.0:.2f}× lines decided per second "
              f"(issue 23 wants ≥ 10×)", flush=True)
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        per_line = [row["seconds"] / max(row["lines"], 1) for row in (first, last)]
        print(f"flatness: s/line {per_line[0]:.3f} at {first['lines']} lines → {per_line[1]:.3f} at {last['lines']} "
              f"({(per_line[1] / per_line[0] - 1) * 100:+.0f} %; issue 23 wants within ±20 %), peak RSS "
              f"{first['peak_rss_mb']:.0f} → {last['peak_rss_mb']:.0f} MB "
              f"({(last['peak_rss_mb'] / first['peak_rss_mb'] - 1) * 100:+.0f} %)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, nargs="+", default=None,
                        help="sizes of the one-agency mode (default 10 20); with --agencies, the units of each agency "
                             "(default 9)")
    parser.add_argument("--agencies", type=int, nargs="+", default=None,
                        help="a province's year: this many synthetic agencies one after another, per size")
    parser.add_argument("--reference", action="store_true",
                        help="with --agencies: also run the bare reference flow for the same number of nominations")
    parser.add_argument("--reference-hooks", action="store_true",
                        help="keep the project's receivers (audit, deadlines, e-mail) on the reference's tasks")
    parser.add_argument("--db-prefix", default="bench_province_", help="prefix of the databases this run creates")
    parser.add_argument("--staff-per-unit", type=int, default=50)
    parser.add_argument("--profile", type=int, default=0, help="profile the year of this many units instead")
    parser.add_argument("--profile-out", default=str(Path(tempfile.gettempdir()) / "province.prof"))
    parser.add_argument("--reuse-template", action="store_true",
                        help=f"use {TEMPLATE} as a previous run left it (migrated and seeded; built when missing) "
                             "and keep it")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--agencies-worker", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--reference-worker", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.agencies_worker:
        agencies_worker(args.agencies_worker, args.units[0], args.staff_per_unit)
        return
    if args.reference_worker:
        reference_worker(args.reference_worker, args.reference_hooks)
        return
    if args.worker:
        worker(args.units[0], args.staff_per_unit, args.profile_out if args.profile else "")
        return
    if not args.reuse_template or not _template_exists():
        _template()  # a new machine has none to reuse: build it once, then keep it as asked
    if args.agencies:
        try:
            province(args)
        finally:
            if not args.reuse_template:
                _psql(f"DROP DATABASE IF EXISTS {TEMPLATE}")
        return
    sizes = [args.profile] if args.profile else (args.units or [10, 20])
    print(f"{'units':>5} {'lines':>6} {'year s':>8} {'s/line':>7} {'line_add ms':>11} {'q/line_add':>10} "
          f"{'peak MB':>8} unfinished", flush=True)
    for units in sizes:
        name = f"{args.db_prefix}{units}"
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
