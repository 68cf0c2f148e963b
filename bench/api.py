"""Benchmark: the REST API's throughput (issue 22) — the registry search and a unit's system submitting its dossier.

Each call goes through Django's whole request handler (middleware, Bearer authentication, throttling, the view,
the serializer, the audit of the call) in this process: what is timed is the server's time per call, without
the network. Everything is built inside a transaction that is rolled back at the end.

- **Registry search** (``GET /api/v1/registry/?name=…``): a Home Affairs system (province scope) searches
  ``rows`` registry rows (``bench/records.py``'s synthetic province) by a common name, a name and a birth
  year, a title and years; one page of results each.
- **Dossier submit** (``POST /api/v1/dossiers/``): ``--units`` units of a synthetic agency, each with its
  own system (a client holding the unit head's role over its unit) submitting a dossier of ``--lines`` lines
  (Lao động tiên tiến, the facts recorded), its reports and the unit's minutes — through the same services,
  gates and flow as the pages (``dossier_submit_from_system``).

Prints calls, calls/s, p50/p95/max per endpoint and the status codes (every submit must be 201).

    .venv/bin/python bench/api.py [--rows 100000] [--units 40] [--lines 5] [--searches 200]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/api.py
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
# The throttle is the API's guard against a runaway client, not what is measured here.
os.environ.setdefault("API_RATE", "1000000/minute")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from accounts import services as account_services  # noqa: E402
from accounts.models import Agency, User  # noqa: E402
from accounts.roles import Role  # noqa: E402
from accounts.selectors import role_holders  # noqa: E402

YEAR = 2025
MINUTES_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n" \
              b"trailer<</Root 1 0 R>>\n%%EOF\n"


class Rollback(Exception):
    pass


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="registry rows to search")
    parser.add_argument("--units", type=int, default=40, help="dossiers submitted (one per unit)")
    parser.add_argument("--lines", type=int, default=5, help="lines of each dossier")
    parser.add_argument("--searches", type=int, default=200, help="registry searches")
    return parser.parse_args()


def token_for(name: str, user: User) -> str:
    client = account_services.api_client_create(actor=None, name=name, user=user)
    return account_services.api_token_issue(actor=None, client=client)


def report(label: str, times: list[float], statuses: Counter, wall: float) -> None:
    times = sorted(times)
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    print(f"{label:<34} {len(times):>5} calls  {len(times) / wall:7.1f} calls/s  p50 {statistics.median(times):7.1f} ms"
          f"  p95 {p95:7.1f} ms  max {times[-1]:7.1f} ms  statuses {dict(statuses)}")


def registry(made: dict, searches: int) -> None:
    user = made["home_affairs"]
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token_for('Hệ thống Sở Nội vụ (đo)', user)}")
    # The records page's parameters (RecordSearchForm): ten, nam_sinh, danh_hieu, tu_nam, den_nam.
    queries = ["ten=nguyen+van+an", "ten=tran+thi&nam_sinh=1975", "ten=le+van",
               f"danh_hieu={made['award'].pk}&tu_nam=2015&den_nam=2018", "ten=vo+quang+yen"]
    warm = client.get(f"/api/v1/registry/?{queries[0]}")
    assert warm.status_code == 200 and warm.json()["count"] > 0, warm.content[:300]
    times, statuses = [], Counter()
    started = time.perf_counter()
    for number in range(searches):
        begin = time.perf_counter()
        response = client.get(f"/api/v1/registry/?{queries[number % len(queries)]}")
        times.append((time.perf_counter() - begin) * 1000)
        statuses[response.status_code] += 1
    report("GET /api/v1/registry/ (search)", times, statuses, time.perf_counter() - started)


def submissions(units: int, lines: int) -> None:
    from nominations import demo_facts, services  # noqa: PLC0415
    from nominations.simulation import build_agency  # noqa: PLC0415

    office = Agency.objects.get(code="VP")
    agency = build_agency(base=office, units=units, staff_per_unit=lines + 1, rng=random.Random(22))  # noqa: S311 - synthetic names
    secretariat = role_holders(Role.SECRETARIAT, over=agency).get()
    cycle = services.cycle_open(actor=secretariat, agency=agency, year=YEAR, name=f"Xét khen thưởng năm {YEAR}",
                                nominations_due=dt.date(YEAR, 12, 10), council_date=dt.date(YEAR, 12, 20))
    plans = []
    for unit in agency.units.order_by("position"):
        head = role_holders(Role.UNIT_HEAD, over=unit).get()
        system = account_services.person_create(actor=None, username=f"api.{agency.code}.{unit.code}".lower(),
                                                full_name=f"Phần mềm {unit.name}", unit=None)
        account_services.role_grant(actor=None, user=system, role=Role.UNIT_HEAD, unit=unit)
        people = list(unit.members.exclude(pk=head.pk).order_by("username"))
        plans.append((unit, token_for(f"Phần mềm {unit.name}", User.objects.get(pk=system.pk)), people))
    demo_facts.facts_record(year=YEAR, lines=[(person, "LDTT") for _unit, _token, people in plans
                                              for person in people])
    minutes = base64.b64encode(MINUTES_PDF).decode()
    times, statuses = [], Counter()
    started = time.perf_counter()
    for unit, token, people in plans:
        body = {"cycle": cycle.pk, "unit": unit.pk,
                "lines": [{"person": person.pk, "award": "LDTT", "commendation_kind": "THUONG_XUYEN",
                           "achievements": "Hoàn thành xuất sắc nhiệm vụ được giao.",
                           "report": "Hoàn thành xuất sắc nhiệm vụ; đạt chỉ tiêu năm."} for person in people],
                "files": [{"kind": "minutes", "filename": "bien-ban.pdf", "content": minutes}]}
        client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        begin = time.perf_counter()
        response = client.post("/api/v1/dossiers/", body, content_type="application/json")
        times.append((time.perf_counter() - begin) * 1000)
        statuses[response.status_code] += 1
        if response.status_code != 201:
            print(f"  {unit.code}: {response.status_code} {response.content[:300]!r}", file=sys.stderr)
    report(f"POST /api/v1/dossiers/ ({lines} lines)", times, statuses, time.perf_counter() - started)


def main() -> int:
    from records import build  # noqa: PLC0415 - bench/records.py: the synthetic province of the registry bench

    args = parse()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    try:
        with transaction.atomic():
            started = time.perf_counter()
            made = build(args.rows)
            built = time.perf_counter() - started
            print(f"database: {connection.vendor}; {args.rows:,} registry rows; set-up {built:.0f} s")
            registry(made, args.searches)
            submissions(args.units, args.lines)
            raise Rollback
    except Rollback:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
