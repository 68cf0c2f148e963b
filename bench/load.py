"""Load test of the year-end peak (issue 23): many agencies' secretariats, unit heads and council members at once.

A fresh PostgreSQL database (created, migrated, seeded, dropped at the end unless ``--keep``) is served by the
production stack of the Procfile on loopback: gunicorn (``--workers``, production settings) and a Celery worker on
Redis. The script builds ``--agencies`` synthetic agencies (``simulate_cycle``'s ``build_agency``: units, staff,
a secretariat, a chief, a council) and brings each to the moment of the peak through the services, as the pages'
earlier steps would have:

- every agency has its cycle open and each unit's dossier drafted (lines of Lao động tiên tiến for its staff,
  their facts and papers recorded) — half the agencies ("review" agencies) with the dossiers still to submit;
- the other half ("council" agencies) had their dossiers submitted and accepted and the council's agenda
  published: every member has a ballot to cast;
- the demo Office has a whole earlier year decided (``simulate``), so its documents are there to download.

Then locust (``bench/locustfile.py``) signs every one of those people in through the login form and lets them
work for ``--duration`` seconds with think times between pages, finding their tasks the way a person does, from
the inbox page: unit heads submit their dossier, the secretariat takes each submitted dossier from the queue and
accepts it, council members cast their ballots, and everyone reads (home page, inbox, the lists of lines and of
cycles, the registry searched by a name, their dossier, their session, PDFs of the issued decisions).

It prints the throughput, p50/p95/p99 per endpoint and the errors, and checks afterwards that every write
acknowledged (302) is in the database once: submissions, acceptances, ballots.

    .venv/bin/python bench/load.py --agencies 40 --units 4 --duration 120 --workers 2
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import random
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "thidua@2024"  # noqa: S105 - the bench's throw-away accounts
YEAR = 2025
ACKNOWLEDGED = "Đã đối chiếu bản giấy."


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agencies", type=int, default=40)
    parser.add_argument("--units", type=int, default=4, help="units (dossiers) of each agency")
    parser.add_argument("--staff-per-unit", type=int, default=4)
    parser.add_argument("--duration", type=int, default=120, help="seconds of load")
    parser.add_argument("--spawn-rate", type=float, default=20, help="users started per second")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--think", default="3,10", help="seconds between a user's pages: min,max")
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432",
                        help="PostgreSQL server; the script creates and drops its own database there")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/9", help="Celery broker for the worker")
    parser.add_argument("--keep", action="store_true", help="keep the database and files")
    return parser.parse_args()



def prepare(*, agencies: int, units: int, staff_per_unit: int, rng: random.Random) -> dict:
    """The database as it stands on the morning of the peak; returns who works and on what (the plan)."""
    from django.db.models import Q  # noqa: PLC0415

    from accounts.models import Agency, User  # noqa: PLC0415
    from accounts.roles import Role  # noqa: PLC0415
    from accounts.selectors import role_holders  # noqa: PLC0415
    from nominations import demo_facts, services  # noqa: PLC0415
    from nominations.flows.dossier import DossierFlow  # noqa: PLC0415
    from nominations.models import Award, CommendationKind, Session  # noqa: PLC0415
    from nominations.processes.council import session_publish  # noqa: PLC0415
    from nominations.processes.dossier import dossier_open  # noqa: PLC0415
    from nominations.processes.running import task_run  # noqa: PLC0415
    from nominations.simulation import _submit, _task, build_agency, simulate  # noqa: PLC0415
    from workflow.documents.models import DocumentStatus, IssuedDocument  # noqa: PLC0415

    started = time.perf_counter()
    office = Agency.objects.get(code="VP")
    simulate(year=YEAR - 1, agency_code="VP")
    documents = list(IssuedDocument.objects.filter(status=DocumentStatus.READY).values_list("pk", flat=True))
    office_readers = [role_holders(Role.CHIEF, over=office).get().username,
                      role_holders(Role.SECRETARIAT, over=office).get().username]
    ldtt, kind = Award.objects.get(code="LDTT"), CommendationKind.objects.get(code="THUONG_XUYEN")
    plan: dict = {"password": PASSWORD, "people": [], "documents": documents, "documents_agency": office.code,
                  "names": ["nguyễn", "trần văn", "lê thị", "phạm", "hoàng", "an", "minh"]}
    for person in User.objects.filter(username__in=office_readers):
        plan["people"].append({"username": person.username, "role": "reader", "agency": office.code})
    for number in range(agencies):
        agency = build_agency(base=office, units=units, staff_per_unit=staff_per_unit, rng=rng)
        people = User.objects.filter(unit__agency=agency)
        for person in people:
            person.set_password(PASSWORD)
            person.email = f"{person.username}@thidua.example"
            person.save(update_fields=["password", "email"])
        secretariat = role_holders(Role.SECRETARIAT, over=agency).get()
        chief = role_holders(Role.CHIEF, over=agency).get()
        cycle = services.cycle_open(actor=secretariat, agency=agency, year=YEAR, name=f"Xét khen thưởng năm {YEAR}",
                                    nominations_due=dt.date(YEAR, 12, 10), council_date=dt.date(YEAR, 12, 20))
        heads = [(unit, role_holders(Role.UNIT_HEAD, over=unit).get()) for unit in agency.units.order_by("position")]
        staff = {unit.pk: list(unit.members.exclude(pk=head.pk).order_by("username")) for unit, head in heads}
        demo_facts.facts_record(year=YEAR, lines=[(p, "LDTT") for people in staff.values() for p in people])
        council_agency = number % 2 == 1
        for unit, head in heads:
            dossier = dossier_open(actor=head, cycle=cycle, unit=unit)
            for person in staff[unit.pk]:
                services.line_add(actor=head, dossier=dossier, award=ldtt, commendation_kind=kind, person=person,
                                  achievements="Hoàn thành xuất sắc nhiệm vụ được giao.")
            demo_facts.papers_record(dossier=dossier, actor=head)
            if council_agency:
                _submit(dossier.process, dossier, head, [])
                task_run(task=_task(dossier.process, DossierFlow.review), actor=secretariat,
                         action=lambda d=dossier, s=secretariat: services.dossier_review(
                             actor=s, dossier=d, accept=True, acknowledge=ACKNOWLEDGED))
            else:
                plan["people"].append({"username": head.username, "role": "head", "agency": agency.code,
                                       "dossier": dossier.pk})
        if council_agency:
            session = services.session_create(actor=secretariat, cycle=cycle, meeting_date=dt.date(YEAR, 12, 20),
                                              venue=f"Phòng họp {agency.short_name}")
            session_publish(actor=secretariat, session=session)
            members = User.objects.filter(Q(pk__in=session.process.task_set.values("owner"))).distinct()
            for member in members:
                plan["people"].append({"username": member.username, "role": "member", "agency": agency.code,
                                       "session": session.pk})
            plan["people"].append({"username": secretariat.username, "role": "secretariat", "agency": agency.code,
                                   "session": session.pk})
        else:
            plan["people"].append({"username": secretariat.username, "role": "secretariat", "agency": agency.code})
        plan["people"].append({"username": chief.username, "role": "reader", "agency": agency.code})
        print(f"agency {number + 1}/{agencies} ready", file=sys.stderr)
    plan["prepared_seconds"] = round(time.perf_counter() - started, 1)
    plan["sessions"] = Session.objects.filter(cycle__year=YEAR).count()
    return plan


def counts(agency_codes: list[str]) -> dict:
    """What the database holds of the peak's writes, for the agencies of the plan."""
    from nominations.models import Ballot, DossierRound  # noqa: PLC0415
    from workflow.audit import Action  # noqa: PLC0415
    from workflow.audit.models import AuditEvent  # noqa: PLC0415

    events = AuditEvent.objects.filter(agency__code__in=agency_codes)
    return {
        "submitted": DossierRound.objects.filter(dossier__cycle__agency__code__in=agency_codes).count(),
        "accepted": events.filter(action=Action.ACCEPTED).count(),
        "ballots": Ballot.objects.filter(session__cycle__agency__code__in=agency_codes).count(),
    }


def read_stats(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def main() -> int:  # noqa: PLR0915 - one run, start to end
    options = parse()
    rng = random.Random(options.seed)  # noqa: S311 - a benchmark's randomness
    database = f"load_{os.getpid()}"
    files = Path(tempfile.mkdtemp(prefix="load-"))
    with psycopg.connect(f"{options.server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{database}"')
    env = {"DATABASE_URL": f"{options.server}/{database}", "DOCUMENTS_ROOT": str(files / "documents"),
           "MEDIA_ROOT": str(files / "media"), "EMAIL_FILE_PATH": str(files / "mail"),
           "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend", "DEMO_PASSWORD": PASSWORD}
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django  # noqa: PLC0415

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connections  # noqa: PLC0415

    from bench.durability import free_port, wait_until_serving  # noqa: PLC0415

    processes: list[subprocess.Popen] = []
    code = 1
    try:
        call_command("migrate", verbosity=0)
        call_command("seed_demo", verbosity=0, stdout=io.StringIO())
        plan = prepare(agencies=options.agencies, units=options.units, staff_per_unit=options.staff_per_unit,
                       rng=rng)
        agency_codes = sorted({p["agency"] for p in plan["people"] if p["agency"] != "VP"})
        before = counts(agency_codes)
        connections.close_all()
        (files / "plan.json").write_text(json.dumps(plan, ensure_ascii=False))
        port = free_port()
        stack = {**os.environ, **env, "DJANGO_SETTINGS_MODULE": "config.settings.production",
                 "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0",
                 "DOCUMENT_SIGNING_DEV_AUTO_ISSUE": "1", "SITE_URL": f"http://127.0.0.1:{port}",
                 "CELERY_BROKER_URL": options.broker}
        log = (files / "stack.log").open("w")
        processes.append(subprocess.Popen(  # noqa: S603 - our own gunicorn, as the Procfile runs it
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", str(options.workers), "--bind",
             f"127.0.0.1:{port}", "--timeout", "120"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=stack))
        processes.append(subprocess.Popen(  # noqa: S603 - our own Celery worker, as the Procfile runs it
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--loglevel", "WARNING", "--concurrency", "1"],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=stack))
        base = f"http://127.0.0.1:{port}"
        wait_until_serving(base, files / "stack.log")
        users = len(plan["people"])
        prefix = files / "locust"
        started = time.perf_counter()
        locust = subprocess.run(  # noqa: S603 - locust from the requirements
            [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
             "--host", base, "-u", str(users), "-r", str(options.spawn_rate), "-t", f"{options.duration}s",
             "--csv", str(prefix), "--only-summary", "--stop-timeout", "30", "--loglevel", "WARNING"],
            cwd=ROOT, env={**os.environ, "LOAD_PLAN": str(files / "plan.json"), "LOAD_THINK": options.think},
            capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - started
        rows = read_stats(prefix)
        failures = []
        if Path(f"{prefix}_failures.csv").exists():
            with open(f"{prefix}_failures.csv", newline="", encoding="utf-8") as handle:
                failures = list(csv.DictReader(handle))
        acknowledged = {"submitted": 0, "accepted": 0, "ballots": 0}
        for line in locust.stderr.splitlines() + locust.stdout.splitlines():
            if line.startswith("ACK "):
                kind, number = line.split()[1:3]
                acknowledged[kind] = acknowledged.get(kind, 0) + int(number)
        after = counts(agency_codes)
        written = {kind: after[kind] - before[kind] for kind in after}
        table = []
        for row in rows:
            table.append({"endpoint": f"{row['Type']} {row['Name']}", "requests": int(row["Request Count"]),
                          "failures": int(row["Failure Count"]), "p50_ms": row["50%"], "p95_ms": row["95%"],
                          "p99_ms": row["99%"], "rps": round(float(row["Requests/s"]), 2)})
        total = next((t for t in table if t["endpoint"].strip() == "Aggregated"), None)
        result = {
            "agencies": options.agencies, "users": users, "gunicorn_workers": options.workers,
            "duration_s": options.duration, "ran_s": round(elapsed, 1), "prepared_s": plan["prepared_seconds"],
            "load_average": os.getloadavg(), "endpoints": table, "total": total,
            "errors": [{"endpoint": f"{f['Method']} {f['Name']}", "error": f["Error"][:200],
                        "occurrences": int(f["Occurrences"])} for f in failures],
            "writes_acknowledged": acknowledged, "writes_in_database": written,
        }
        print(json.dumps(result, ensure_ascii=False, indent=2))
        if locust.returncode not in (0, 1):
            print(locust.stderr[-4000:], file=sys.stderr)
        lost = {k: (acknowledged.get(k, 0), written[k]) for k in written if acknowledged.get(k, 0) > written[k]}
        if lost:
            print(f"acknowledged writes missing from the database: {lost}", file=sys.stderr)
        code = 0 if not lost and total is not None else 1
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
        connections.close_all()
        if not options.keep:
            with psycopg.connect(f"{options.server}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        else:
            print(f"kept: database {database}, files {files}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
