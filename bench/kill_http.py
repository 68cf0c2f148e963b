"""Kill test over HTTP (issue 24): gunicorn workers killed with SIGKILL inside the year's writes.

A fresh PostgreSQL database (created, migrated, seeded, dropped at the end unless ``--keep``) is served by gunicorn
with the production settings (2 sync workers, no broker: documents render inside the chief's request, e-mail to a
folder, one file per message). The script then drives the write-heavy part of a nomination year over HTTP, signed in
through the login form as each person, round after round (a new synthetic agency each round, as ``simulate_cycle``
builds it): the unit head adds two lines and submits the dossier; the secretariat takes the review and returns a
third of the dossiers once (the head submits again), then accepts; it creates the council session and publishes it;
every member votes; the secretariat finalises the minutes; the chief approves and signs. Opening the cycle and the
dossier, the registries' facts and each line's papers are written through the services, as the pages' other steps.

With ``--kill-chance`` each POST gets a timer that, after a random delay within the time that kind of request took
last, kills the worker serving it (``kill -9``; a gunicorn hook names the busy worker). A user whose page died
retries: reloads and sees the action done (it committed before the kill), or posts it again. After ``--kills``
kills, the recovery (``sweep_stale`` as beat runs it once everything is stale) runs and the invariants are checked:

- every acknowledged action is in its final state, once: lines, rounds, ballots, sessions as many as acknowledged,
  each with exactly one audit event of its kind; every dossier released, every session approved, every process
  done with no task open or in error;
- the notification outbox and the documents: ``bench/durability.py`` (the checks of ``kill_test.py``): 0 unsent
  after the recovery, each sent row's Message-ID in the folder, no document left queued, gap-free registers, a
  valid audit chain.

    .venv/bin/python bench/kill_http.py --kills 100
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "thidua@2024"  # noqa: S105 - the bench's throw-away accounts
YEAR = 2025
GUNICORN_HOOKS = '''
import os
BUSY = {busy!r}

def pre_request(worker, req):
    with open(BUSY, "w") as f:
        f.write(str(worker.pid))

def post_request(worker, req, environ, resp):
    try:
        os.remove(BUSY)
    except FileNotFoundError:
        pass
'''


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--kill-chance", type=float, default=0.5, help="share of POSTs given a kill timer")
    parser.add_argument("--units", type=int, default=6, help="units (dossiers) of each round's agency")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=24)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432",
                        help="PostgreSQL server; the script creates and drops its own database there")
    parser.add_argument("--keep", action="store_true", help="keep the database and files")
    return parser.parse_args()



class Killer:
    """Kills the gunicorn worker serving the request in flight, at a moment chosen by the caller."""

    def __init__(self, busy: Path, rng: random.Random):
        self.busy, self.rng = busy, rng
        self.kills = 0

    def arm(self, delay: float, finished: threading.Event) -> threading.Thread:
        def fire():
            if finished.wait(delay):
                return
            try:
                pid = int(self.busy.read_text())
            except (FileNotFoundError, ValueError):
                return  # not yet inside a worker, or already answered
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                return
            self.kills += 1

        thread = threading.Thread(target=fire, daemon=True)
        thread.start()
        return thread


class Browser:
    """One person's browser: cookies, the CSRF token, as the TLS proxy forwards it (X-Forwarded-Proto)."""

    def __init__(self, base: str, username: str):
        self.base, self.username = base, username
        self.cookies: dict[str, str] = {}
        self.headers = {"X-Forwarded-Proto": "https", "Origin": base.replace("http:", "https:"),
                        "Referer": base.replace("http:", "https:") + "/"}

    def _keep(self, response: requests.Response) -> None:
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value

    def get(self, path: str) -> requests.Response:
        response = requests.get(self.base + path, headers=self.headers, cookies=self.cookies, allow_redirects=False,
                                timeout=300)
        self._keep(response)
        return response

    def post(self, path: str, data: dict) -> requests.Response:
        data = {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
        response = requests.post(self.base + path, data=data, headers=self.headers, cookies=self.cookies,
                                 allow_redirects=False, timeout=300)
        self._keep(response)
        return response

    def login(self) -> Browser:
        self.get("/accounts/login/")
        response = self.post("/accounts/login/", {"username": self.username, "password": PASSWORD})
        if response.status_code != 302:
            raise RuntimeError(f"{self.username} could not sign in ({response.status_code})")
        return self


class Failure(Exception):
    pass


class Driver:
    """Posts each user action, killing workers inside some of them and retrying as the user would."""

    def __init__(self, *, base: str, killer: Killer, chance: float, rng: random.Random):
        self.base, self.killer, self.chance, self.rng = base, killer, chance, rng
        self.browsers: dict[str, Browser] = {}
        self.took: dict[str, float] = {}
        self.stats: Counter[str] = Counter()
        self.acked: Counter[str] = Counter()

    def browser(self, user) -> Browser:
        if user.username not in self.browsers:
            self.browsers[user.username] = Browser(self.base, user.username).login()
        return self.browsers[user.username]

    def act(self, kind: str, user, target, data, done) -> None:
        """Post ``data`` to ``target()`` as ``user`` until ``done()``; a POST answered 302 must be done."""
        from django.db import close_old_connections  # noqa: PLC0415

        browser = self.browser(user)
        for attempt in range(1, 30):
            close_old_connections()
            if attempt > 1:
                if done():  # the user reloads the page: the killed request had committed
                    self.stats["done_by_a_killed_request"] += 1
                    break
                self.stats["retries"] += 1
            finished = threading.Event()
            timer = None
            if self.rng.random() < self.chance:
                timer = self.killer.arm(self.rng.uniform(0, self.took.get(kind, 0.3) * 1.1), finished)
            started = time.perf_counter()
            try:
                response = browser.post(target(), data() if callable(data) else data)
            except requests.RequestException:
                response = None
            finally:
                finished.set()
                if timer:
                    timer.join()
            self.stats["posts"] += 1
            if response is None:
                self.stats["requests_killed"] += 1
                time.sleep(0.1)
                continue
            if response.status_code >= 500:
                self.stats[f"answered_{response.status_code}"] += 1
                continue
            self.took[kind] = time.perf_counter() - started
            close_old_connections()
            if done():
                break
            raise Failure(f"{kind} by {user.username}: answered {response.status_code} "
                          f"{response.headers.get('Location', '')} and not done:\n{response.text[:2000]}")
        else:
            raise Failure(f"{kind} by {user.username}: still not done after 30 attempts")
        self.acked[kind] += 1

    def task(self, kind: str, process, node, user, data, *, claim: bool = False, done=None) -> None:
        """A human task of a flow: taken from the queue first when it waits there, then posted; done when the task
        is (or when ``done()``, for a post that keeps the task open, such as adding a line)."""
        from django.urls import reverse  # noqa: PLC0415
        from viewflow.workflow.models import Task  # noqa: PLC0415
        from viewflow.workflow.status import STATUS  # noqa: PLC0415

        tasks = Task.objects.filter(process=process, flow_task=node, status__in=[STATUS.NEW, STATUS.ASSIGNED])
        if node.name == "ballot":
            tasks = tasks.filter(owner=user)
        task = tasks.get()
        namespace = {"DossierFlow": "dossier", "CouncilFlow": "council"}[type(node.flow_class.instance).__name__]

        def url(action: str) -> str:
            return reverse(f"{namespace}:{node.name}:{action}", args=[process.pk, task.pk])

        if claim and task.owner_id is None:
            self.act("claim", user, lambda: url("assign"), {},
                     lambda: Task.objects.filter(pk=task.pk, owner=user).exists())
        self.act(kind, user, lambda: url("execute"), data,
                 done or (lambda: Task.objects.filter(pk=task.pk, status=STATUS.DONE).exists()))


def round_of(driver: Driver, *, units: int, rng: random.Random) -> dict:
    """One agency's year, the write-heavy part over HTTP. Returns what was driven, for the checks."""
    import datetime as dt  # noqa: PLC0415

    from django.urls import reverse  # noqa: PLC0415

    from accounts.models import Agency, User  # noqa: PLC0415
    from accounts.roles import Role  # noqa: PLC0415
    from accounts.selectors import role_holders  # noqa: PLC0415
    from nominations import demo_facts, services  # noqa: PLC0415
    from nominations.flows.council import CouncilFlow  # noqa: PLC0415
    from nominations.flows.dossier import DossierFlow  # noqa: PLC0415
    from nominations.models import Award, CommendationKind, Line, Session, SessionStatus  # noqa: PLC0415
    from nominations.processes.dossier import dossier_open  # noqa: PLC0415
    from nominations.simulation import build_agency  # noqa: PLC0415

    agency = build_agency(base=Agency.objects.get(code="VP"), units=units, staff_per_unit=3, rng=rng)
    for person in User.objects.filter(unit__agency=agency):  # each is told of their steps by e-mail
        person.email = f"{person.username}@thidua.example"
        person.set_password(PASSWORD)
        person.save(update_fields=["email", "password"])
    heads = [(unit, role_holders(Role.UNIT_HEAD, over=unit).get()) for unit in agency.units.order_by("position")]
    secretariat = role_holders(Role.SECRETARIAT, over=agency).get()
    chief = role_holders(Role.CHIEF, over=agency).get()
    cycle = services.cycle_open(actor=secretariat, agency=agency, year=YEAR, name=f"Xét khen thưởng năm {YEAR}",
                                nominations_due=dt.date(YEAR, 12, 10), council_date=dt.date(YEAR, 12, 20))
    ldtt, kind = Award.objects.get(code="LDTT"), CommendationKind.objects.get(code="THUONG_XUYEN")
    staff = {unit.pk: list(unit.members.exclude(pk=head.pk).order_by("username")[:2]) for unit, head in heads}
    demo_facts.facts_record(year=YEAR, lines=[(person, "LDTT") for people in staff.values() for person in people])
    dossiers = []
    for index, (unit, head) in enumerate(heads):
        dossier = dossier_open(actor=head, cycle=cycle, unit=unit)
        dossiers.append(dossier)
        process = dossier.process
        for person in staff[unit.pk]:
            driver.task("add_line", process, DossierFlow.edit, head, {
                "action": "add_line", "nominee": f"person:{person.pk}", "award": ldtt.pk,
                "commendation_kind": kind.pk, "achievements": "Hoàn thành xuất sắc nhiệm vụ được giao."},
                done=lambda d=dossier, p=person: Line.objects.filter(dossier=d, person=p).exists())
        demo_facts.papers_record(dossier=dossier, actor=head)
        driver.task("submit", process, DossierFlow.edit, head, {"action": "submit"})
        if index % 3 == 0:
            driver.task("return", process, DossierFlow.review, secretariat,
                        {"decision": "return", "reason": "Bổ sung minh chứng"}, claim=True)
            demo_facts.papers_record(dossier=dossier, actor=head)
            driver.task("submit", process, DossierFlow.edit, head, {"action": "submit"})
        driver.task("accept", process, DossierFlow.review, secretariat,
                    {"decision": "accept", "reason": "", "acknowledge": "Đã đối chiếu bản giấy."}, claim=True)

    driver.act("session_create", secretariat, lambda: reverse("nominations:sessions"),
               {"cycle": cycle.pk, "meeting_date": f"20/12/{YEAR}", "venue": f"Phòng họp {agency.short_name}"},
               lambda: Session.objects.filter(cycle=cycle).exists())
    session = Session.objects.get(cycle=cycle)
    driver.act("publish", secretariat, lambda: reverse("nominations:session", args=[session.pk]),
               {"action": "publish"},
               lambda: Session.objects.filter(pk=session.pk).exclude(status=SessionStatus.DRAFT).exists())
    session.refresh_from_db()
    process = session.process
    items = list(session.items.select_related("line"))
    for task in process.task_set.filter(flow_task=CouncilFlow.ballot).select_related("owner").order_by("pk"):
        driver.task("ballot", process, CouncilFlow.ballot, task.owner,
                    {f"item_{item.pk}": "yes" for item in items if item.line.person_id != task.owner_id})
    driver.task("finalise", process, CouncilFlow.finalise, secretariat, {"start_time": "08 giờ 00"}, claim=True)
    driver.task("approve", process, CouncilFlow.approve, chief, {"read_drafts": "1"})
    return {"agency": agency.pk, "dossiers": [d.pk for d in dossiers], "session": session.pk}


def domain_checks(driver: Driver, rounds: list[dict]) -> list[str]:
    """Every acknowledged action in its final state, once, with exactly one audit event of its kind."""
    from viewflow.workflow.models import Process, Task  # noqa: PLC0415
    from viewflow.workflow.status import STATUS  # noqa: PLC0415

    from nominations import audit as nominations_audit  # noqa: PLC0415
    from nominations.models import Ballot, Dossier, DossierRound, DossierStatus, Line, Session, SessionStatus  # noqa: PLC0415
    from workflow.audit import Action  # noqa: PLC0415
    from workflow.audit.models import AuditEvent  # noqa: PLC0415

    agencies = [r["agency"] for r in rounds]
    dossiers = Dossier.objects.filter(cycle__agency__in=agencies)
    sessions = Session.objects.filter(cycle__agency__in=agencies)
    events = Counter(AuditEvent.objects.filter(agency__in=agencies).values_list("action", flat=True))
    problems = []

    def same(what: str, *counts: int) -> None:
        if len(set(counts)) != 1:
            problems.append(f"{what}: {counts}")

    same("lines: acknowledged, rows, audit events", driver.acked["add_line"],
         Line.objects.filter(dossier__in=dossiers).count(), events[nominations_audit.LINE_ADDED])
    same("submits: acknowledged, rounds, audit events", driver.acked["submit"],
         DossierRound.objects.filter(dossier__in=dossiers).count(), events[Action.SUBMITTED])
    same("returns: acknowledged, audit events", driver.acked["return"], events[Action.RETURNED])
    same("accepts: acknowledged, audit events, dossiers", driver.acked["accept"], events[Action.ACCEPTED],
         dossiers.count())
    same("sessions: acknowledged, rows, audit events", driver.acked["session_create"], sessions.count(),
         events[nominations_audit.SESSION_CREATED])
    same("publishes: acknowledged, audit events", driver.acked["publish"], events[nominations_audit.AGENDA_PUBLISHED])
    same("ballots: acknowledged, rows, audit events", driver.acked["ballot"],
         Ballot.objects.filter(session__in=sessions).count(), events[Action.VOTED])
    same("minutes: acknowledged, audit events", driver.acked["finalise"], events[nominations_audit.MINUTES_FINALISED])
    same("approvals: acknowledged, approved sessions", driver.acked["approve"],
         sessions.filter(status=SessionStatus.APPROVED).count(), len(rounds))
    not_released = dossiers.exclude(status=DossierStatus.RELEASED).count()
    if not_released:
        problems.append(f"{not_released} dossiers not released")
    processes = Process.objects.filter(pk__in=[*dossiers.values_list("process", flat=True),
                                               *sessions.values_list("process", flat=True)])
    unfinished = processes.exclude(status=STATUS.DONE).count()
    open_tasks = Task.objects.filter(process__in=processes).exclude(status__in=[STATUS.DONE, STATUS.CANCELED]).count()
    if unfinished or open_tasks:
        problems.append(f"{unfinished} processes unfinished, {open_tasks} tasks open or in error")
    return problems


def main() -> int:  # noqa: PLR0915 - one run, start to end
    options = parse()
    rng = random.Random(options.seed)  # noqa: S311 - a test's randomness
    database = f"kill_http_{os.getpid()}"
    files = Path(tempfile.mkdtemp(prefix="kill-http-"))
    mail_dir = files / "mail"
    mail_dir.mkdir()
    with psycopg.connect(f"{options.server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{database}"')
    env = {"DATABASE_URL": f"{options.server}/{database}", "DOCUMENTS_ROOT": str(files / "documents"),
           "MEDIA_ROOT": str(files / "media"), "EMAIL_FILE_PATH": str(mail_dir),
           "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend", "DEMO_PASSWORD": PASSWORD}
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django  # noqa: PLC0415

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connections  # noqa: PLC0415
    from django.db.models import Max  # noqa: PLC0415

    from bench.durability import free_port, recover_and_check, recovered, wait_until_serving  # noqa: PLC0415
    from workflow.notifications.models import Notification  # noqa: PLC0415

    server = None
    code = 1
    try:
        call_command("migrate", verbosity=0)
        call_command("seed_demo", verbosity=0, stdout=io.StringIO())
        first = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
        busy = files / "busy"
        hooks = files / "gunicorn_hooks.py"
        hooks.write_text(GUNICORN_HOOKS.format(busy=str(busy)))
        port = free_port()
        log = (files / "gunicorn.log").open("w")
        server = subprocess.Popen(  # noqa: S603 - our own gunicorn
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", str(options.workers), "--bind",
             f"127.0.0.1:{port}", "--timeout", "300", "--config", str(hooks)],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
            env={**os.environ, **env, "DJANGO_SETTINGS_MODULE": "config.settings.production",
                 "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0",
                 "DOCUMENT_SIGNING_DEV_AUTO_ISSUE": "1", "SITE_URL": f"http://127.0.0.1:{port}"})
        base = f"http://127.0.0.1:{port}"
        wait_until_serving(base, files / "gunicorn.log")
        killer = Killer(busy, rng)
        driver = Driver(base=base, killer=killer, chance=options.kill_chance, rng=rng)
        rounds = []
        started = time.perf_counter()
        failure = ""
        try:
            while killer.kills < options.kills:
                rounds.append(round_of(driver, units=options.units, rng=rng))
                print(f"round {len(rounds)}: {killer.kills} kills, {sum(driver.acked.values())} actions",
                      file=sys.stderr)
        except Failure as error:
            failure = str(error)
        elapsed = time.perf_counter() - started
        connections.close_all()
        problems = domain_checks(driver, rounds) if not failure else [failure]
        result = {
            "kills": killer.kills, "rounds": len(rounds), "actions": sum(driver.acked.values()),
            "acknowledged": dict(driver.acked), **dict(driver.stats), "seconds": round(elapsed, 1),
            "problems": problems,
            **recover_and_check(first_notification=first, mail_dir=str(mail_dir)),
        }
        print(json.dumps(result, ensure_ascii=False, indent=2))
        code = 0 if recovered(result) and not problems else 1
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
        connections.close_all()
        if not options.keep:
            with psycopg.connect(f"{options.server}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    return code


if __name__ == "__main__":
    sys.exit(main())
