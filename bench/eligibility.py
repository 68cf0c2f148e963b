"""Benchmark: check a cycle of 10,000 nominees with the eligibility engine; prints numbers.

Builds a throw-away agency (100 units × 100 people, three years of ratings, past awards and
sáng kiến) inside a transaction that is rolled back, then times ``check_many`` over every line
of the cycle: LĐTT for everyone, CSTĐCS for one in ten, TTLĐTT for every unit. Run it with
``make bench`` or ``.venv/bin/python bench/eligibility.py [people]``.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from simple_history.utils import bulk_create_with_history  # noqa: E402

from accounts.models import Agency, Province, Unit, User  # noqa: E402
from nominations.eligibility import Outcome, ProposedLine, check_many  # noqa: E402
from nominations.models import Award, Initiative, PastAward, PersonYearRecord, ServiceRecord  # noqa: E402

YEAR = 2023


class Rollback(Exception):
    pass


def build(people: int) -> list[ProposedLine]:
    province = Province.objects.create(code="BENCHP", name="Tỉnh đo hiệu năng")
    agency = Agency.objects.create(province=province, code="BENCH", name="Sở đo hiệu năng", short_name="Sở",
                                   parent_name="UBND tỉnh", head_title="Giám đốc", deputy_title="Phó Giám đốc",
                                   place_name="Đo")
    per_unit = 100
    units = bulk_create_with_history(
        [Unit(agency=agency, code=f"U{i}", name=f"Phòng {i}") for i in range(max(1, people // per_unit))], Unit)
    units = list(Unit.objects.filter(agency=agency).order_by("pk"))
    bulk_create_with_history(
        [User(username=f"bench.{i}", full_name=f"Nguyễn Văn {i}", unit=units[i % len(units)]) for i in range(people)],
        User, batch_size=2000)
    staff = list(User.objects.filter(unit__agency=agency).order_by("pk"))
    bulk_create_with_history([ServiceRecord(person=p, started_on=dt.date(2010, 1, 1)) for p in staff], ServiceRecord,
                             batch_size=2000)
    bulk_create_with_history([PersonYearRecord(person=p, year=y, rating="htxs" if p.pk % 4 == 0 else "htt")
                              for p in staff for y in (YEAR - 2, YEAR - 1, YEAR)], PersonYearRecord, batch_size=5000)
    ldtt, cstdcs = Award.objects.get(code="LDTT"), Award.objects.get(code="CSTDCS")
    bulk_create_with_history([PastAward(person=p, award=award, year=y, decision_number="1/QĐ", issuer="Giám đốc",
                                        **PastAward.holder_columns(person=p))
                              for p in staff for y in (YEAR - 2, YEAR - 1)
                              for award in ([ldtt, cstdcs] if p.pk % 10 == 0 else [ldtt])], PastAward,
                             batch_size=5000)
    initiatives = bulk_create_with_history(
        [Initiative(title=f"Sáng kiến {p.pk}", decision_number="2/QĐ", decision_date=dt.date(YEAR, 11, 1),
                    scope="co_so") for p in staff[::10]], Initiative, batch_size=2000)
    through = Initiative.authors.through
    made = {i.title: i.pk for i in Initiative.objects.filter(title__in=[i.title for i in initiatives])}
    through.objects.bulk_create([through(initiative_id=made[f"Sáng kiến {p.pk}"], user_id=p.pk) for p in staff[::10]])
    lines = [ProposedLine(p, "LDTT") for p in staff]
    lines += [ProposedLine(p, "CSTDCS") for p in staff[::10]]
    lines += [ProposedLine(u, "TTLDTT") for u in units]
    return lines


def main() -> None:
    people = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    try:
        with transaction.atomic():
            started = time.perf_counter()
            lines = build(people)
            built = time.perf_counter() - started
            timings = []
            for _run in range(3):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    results = check_many(lines, YEAR)
                    timings.append(time.perf_counter() - started)
            outcomes = {o: sum(1 for r in results if r.outcome == o) for o in Outcome}
            verdicts = sum(len(r.verdicts) for r in results)
            best = min(timings)
            print(f"database: {connection.vendor}")
            print(f"set-up of {people} people: {built:.1f} s")
            print(f"check_many: {len(lines)} lines ({people} people + {len(lines) - people} more lines), "
                  f"{verdicts} verdicts, {len(queries)} queries")
            print(f"time: best {best:.2f} s of 3 runs ({', '.join(f'{t:.2f}' for t in timings)}); "
                  f"{best / len(lines) * 1e6:.0f} µs per line")
            print("outcomes: " + ", ".join(f"{o.value} {n}" for o, n in outcomes.items()))
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
