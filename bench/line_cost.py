"""What one line costs as the cycle grows (issue 23): the eligibility check of one line with the cycle's other lines
loaded whole (the check before issue 23, O(N) per line) and read as needed (``gates.StoredCycle``), and a real
``line_add`` through the service (an LĐTT line, then a CSTĐCS line of the same person), at cycles of 500 to
20,000 lines. Prints milliseconds and queries per line (the last column: the CSTĐCS line_add's queries).

The lines are bulk-inserted (LĐTT for synthetic people of synthetic units of the demo Office) into a cycle of the
demo Office, so the sizes are reached in seconds; the measured line is a CSTĐCS line of a person of Phòng Kinh tế
(it carries the agency-wide cap, the most the cycle is asked). Runs against DATABASE_URL, which must be a migrated
``seed_demo`` database you can throw away: it is left with the lines in it.

    DATABASE_URL=postgres://…/scratch .venv/bin/python bench/line_cost.py --sizes 500 2000 5000 20000
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import Agency, Unit, User  # noqa: E402
from nominations import services  # noqa: E402
from nominations.eligibility import ProposedLine, check_many  # noqa: E402
from nominations.models import Award, CommendationKind, Dossier, Line  # noqa: E402
from nominations.processes.dossier import dossier_open  # noqa: E402
from nominations.services.gates import OUT_OF_CYCLE, StoredCycle  # noqa: E402

YEAR = 2026
PER_UNIT = 50


def _whole_cycle(cycle) -> list[ProposedLine]:
    """The cycle's lines as the check loaded them before issue 23 (``verdicts_refresh``, every call)."""
    rows = Line.objects.filter(cycle=cycle).exclude(status__in=OUT_OF_CYCLE).values_list(
        "person_id", "unit_id", "award__code")
    return [ProposedLine(User(pk=p) if p else Unit(pk=u), code) for p, u, code in rows]


def _grow(cycle, agency: Agency, to: int, made: list[int], *, award: Award, kind: CommendationKind) -> None:
    """Bulk-insert LĐTT lines of new synthetic people until the cycle has ``to`` lines."""
    have = Line.objects.filter(cycle=cycle).count()
    while have < to:
        made[0] += 1
        unit = Unit.objects.create(agency=agency, code=f"BL{made[0]:04d}", name=f"Phòng đo {made[0]:04d}",
                                   kind=Unit.Kind.DEPARTMENT, position=900 + made[0])
        people = User.objects.bulk_create([
            User(username=f"bl.{made[0]:04d}.{n:03d}", full_name=f"Người đo {made[0]}-{n}", unit=unit)
            for n in range(min(PER_UNIT, to - have))])
        head = people[0]
        dossier = Dossier.objects.create(cycle=cycle, unit=unit, created_by=head)
        Line.objects.bulk_create([
            Line(cycle=cycle, dossier=dossier, person=person, award=award, commendation_kind=kind,
                 achievements="Hoàn thành tốt nhiệm vụ.", position=n + 1)
            for n, person in enumerate(people)])
        have += len(people)


def _timed(function, repeat: int = 3) -> tuple[float, int]:
    runs, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            function()
            runs.append(time.perf_counter() - start)
        queries = len(captured)
    return statistics.median(runs) * 1000, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000, 20000])
    args = parser.parse_args()
    vp = Agency.objects.get(code="VP")
    secretariat = User.objects.get(username="hcqt")
    kind = CommendationKind.objects.get(code="THUONG_XUYEN")
    ldtt, cstdcs = Award.objects.get(code="LDTT"), Award.objects.get(code="CSTDCS")
    cycle = services.cycle_open(actor=secretariat, agency=vp, year=YEAR, kind=kind,
                                name=f"Đo chi phí một dòng {time.time():.0f}",
                                nominations_due=dt.date(YEAR, 12, 10), council_date=dt.date(YEAR, 12, 20))
    kt = Unit.objects.get(agency=vp, code="KT")
    head = User.objects.get(username="truongphong.kt")
    dossier = dossier_open(actor=head, cycle=cycle, unit=kt)
    staff = list(User.objects.filter(unit=kt, is_active=True).exclude(pk=head.pk).order_by("pk"))
    probe = staff[0]
    services.line_add(actor=head, dossier=dossier, award=ldtt, commendation_kind=kind, achievements="x", person=probe)
    line = ProposedLine(probe, "CSTDCS")
    made = [0]
    print(f"database: {connection.vendor}; one CSTĐCS line checked against the cycle, and line_add of LĐTT lines")
    print(f"{'lines':>7} {'whole-cycle check ms':>21} {'q':>3} {'stored check ms':>16} {'q':>3} "
          f"{'line_add ms (LĐTT, CSTĐCS)':>27} {'q':>3}", flush=True)
    added = 1
    for size in args.sizes:
        _grow(cycle, vp, size, made, award=ldtt, kind=kind)
        old_ms, old_q = _timed(lambda: check_many([line], YEAR, same_cycle=_whole_cycle(cycle)))
        new_ms, new_q = _timed(lambda: check_many(
            [line], YEAR, stored_cycle=lambda facts, keys: StoredCycle(cycle, facts, keys)))
        adds = []
        person = staff[added]  # a new person of Phòng Kinh tế: an LĐTT line, then a CSTĐCS line (the cap)
        added += 1
        for award in (ldtt, cstdcs):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                with transaction.atomic():
                    services.line_add(actor=head, dossier=dossier, award=award, commendation_kind=kind,
                                      achievements="x", person=person)
                adds.append(time.perf_counter() - start)
        print(f"{Line.objects.filter(cycle=cycle).count():>7} {old_ms:>21.1f} {old_q:>3} {new_ms:>16.1f} {new_q:>3} "
              f"{adds[0] * 1000:>13.1f} {adds[1] * 1000:>13.1f} {len(captured):>3}", flush=True)


if __name__ == "__main__":
    with override_settings(EMAIL_BACKEND="workflow.notifications.backends.CountingBackend"):  # counted, not printed
        main()
