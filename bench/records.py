"""Benchmark: the award history search (Tra cứu khen thưởng) on 1,000,000 registry rows; prints p50/p95.

Builds a throw-away province inside a transaction that is rolled back: 20 agencies × 25 units, 100,000 people
with Vietnamese names (so "nguyen van an" matches thousands), 10 awards each (1,000,000 ``PastAward`` rows), then
times the search as the page runs it (``registry_scope``, ``search_registry``, the 26 rows of a page and the
count capped at 1,001) for a Home Affairs officer (every agency: the 1,000,000 rows) and for one agency's
secretariat. The rows are written with plain ``bulk_create`` (no history rows): they never outlive the run.

    .venv/bin/python manage.py migrate && .venv/bin/python bench/records.py [rows]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/records.py
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from accounts import services as account_services  # noqa: E402
from accounts import vietnamese  # noqa: E402
from accounts.models import Agency, Province, Unit, User  # noqa: E402
from accounts.roles import Role  # noqa: E402
from accounts.scope import ScopeMemoMiddleware  # noqa: E402
from nominations.models import Award, PastAward  # noqa: E402
from nominations.selectors.records import PAGE_SIZE, RecordQuery, registry_scope, search_registry  # noqa: E402

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quang"]
GIVEN = ["An", "Anh", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương", "Khánh", "Lan",
         "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Việt", "Yến"]
RUNS = 20


class Rollback(Exception):
    pass


def build(rows: int) -> dict:
    province = Province.objects.create(code="BENCHR", name="Tỉnh đo tra cứu")
    agencies = [Agency.objects.create(province=province, code=f"BR{i}", name=f"Sở đo {i}", short_name=f"Sở {i}",
                                      parent_name="UBND tỉnh", head_title="Giám đốc", deputy_title="Phó Giám đốc",
                                      place_name="Đo") for i in range(20)]
    Unit.objects.bulk_create([Unit(agency=a, code=f"U{j}", name=f"Phòng {j} của {a.code}", position=j)
                              for a in agencies for j in range(25)])
    units = list(Unit.objects.filter(agency__province=province).order_by("pk"))
    people = rows // 10
    User.objects.bulk_create([
        User(username=f"br.{i}", full_name=(name := f"{FAMILY[i % 14]} {MIDDLE[i // 14 % 8]} {GIVEN[i // 112 % 28]}"),
             name_search_key=vietnamese.fold(name), unit=units[i % len(units)],
             birth_date=dt.date(1960 + i % 40, 1 + i % 12, 1))
        for i in range(people)], batch_size=5000)
    people_rows = list(User.objects.filter(unit__agency__province=province).order_by("pk")
                       .values_list("pk", "unit_id", "name_search_key", "birth_date"))
    awards = list(Award.objects.filter(nominee_kind__in=["person", "both"]).order_by("position")[:4])
    batch: list[PastAward] = []
    for n, (pk, unit_id, name_key, born) in enumerate(people_rows):
        for k in range(10):
            year = 2005 + 2 * k + n % 2
            # bulk_create skips save(): the search columns that PastAward.fill_holder sets are written here.
            batch.append(PastAward(person_id=pk, award=awards[k % len(awards)], year=year, issuer="Chủ tịch UBND tỉnh",
                                   decision_number=f"{(n * 10 + k) % 9000 + 1}/QĐ-UBND",
                                   holder_unit_id=unit_id, holder_name_key=" " + name_key,
                                   holder_birth_year=born.year))
        if len(batch) >= 20_000:
            PastAward.objects.bulk_create(batch)
            batch = []
    PastAward.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Rows inserted after a GIN index was built wait in its pending list, read row by row by every search,
            # until autovacuum merges them; the benchmark measures the merged index, as a running database has.
            cursor.execute("SELECT gin_clean_pending_list(indexrelid::regclass) FROM pg_index i "
                           "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
                           "WHERE a.amname = 'gin' AND i.indrelid = 'nominations_pastaward'::regclass")
        cursor.execute("ANALYZE")
    home_affairs = User.objects.create(username="br.snv", full_name="Cán bộ Sở Nội vụ đo", unit=units[0])
    secretariat = User.objects.create(username="br.tk", full_name="Thường trực đo", unit=units[0])
    account_services.role_grant(actor=None, user=home_affairs, role=Role.HOME_AFFAIRS, province=province)
    account_services.role_grant(actor=None, user=secretariat, role=Role.SECRETARIAT, agency=agencies[0])
    return {"home_affairs": home_affairs, "secretariat": secretariat, "agency": agencies[3], "unit": units[77],
            "award": awards[1], "people": people}


def page(user: User, query: RecordQuery, number: int = 1) -> tuple[int, int]:
    """What the page costs: the scope, a page of rows (+1 to know of a next page) and the capped count, as one
    request runs them (the scope memo of ``ScopeMemoMiddleware``: the person's permissions read once)."""

    def run(_request):
        found = search_registry(user, query, units=registry_scope(user))
        window = list(found.rows[(number - 1) * PAGE_SIZE: number * PAGE_SIZE + 1])
        return len(window), found.count()

    return ScopeMemoMiddleware(run)(None)


def main() -> None:
    total_rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    try:
        with transaction.atomic():
            started = time.perf_counter()
            made = build(total_rows)
            built = time.perf_counter() - started
            print(f"database: {connection.vendor}; {PastAward.objects.count():,} registry rows, "
                  f"{made['people']:,} people; set-up {built:.0f} s")
            searches = {
                "name 'nguyen van an' (all 20 agencies)": (made["home_affairs"], RecordQuery(name="nguyen van an")),
                "name + birth year": (made["home_affairs"], RecordQuery(name="tran thi", birth_year=1975)),
                "rare name 'vo quang yen'": (made["home_affairs"], RecordQuery(name="vo quang yen")),
                "title + years 2015-2018": (made["home_affairs"],
                                            RecordQuery(award=made["award"], year_from=2015, year_to=2018)),
                "decision number '1234/'": (made["home_affairs"], RecordQuery(decision_number="1234/")),
                "agency only": (made["home_affairs"], RecordQuery(agency=made["agency"])),
                "unit only": (made["home_affairs"], RecordQuery(unit=made["unit"])),
                "nothing typed (newest first)": (made["home_affairs"], RecordQuery()),
                "secretariat of one agency, name": (made["secretariat"], RecordQuery(name="nguyen")),
                "page 20 of a name": (made["home_affairs"], RecordQuery(name="le van")),
            }
            everything = []
            for label, (user, query) in searches.items():
                number = 20 if label.startswith("page 20") else 1
                page(user, query, number)  # warm
                times = []
                for _run in range(RUNS):
                    started = time.perf_counter()
                    shown, count = page(user, query, number)
                    times.append((time.perf_counter() - started) * 1000)
                everything += times
                times.sort()
                print(f"  {label:42} p50 {statistics.median(times):7.1f} ms  p95 {times[int(0.95 * RUNS) - 1]:7.1f} ms"
                      f"  ({shown} rows shown, count {'>1000' if count > 1000 else count})")
            everything.sort()
            print(f"all searches: p50 {statistics.median(everything):.1f} ms, "
                  f"p95 {everything[int(0.95 * len(everything)) - 1]:.1f} ms")
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
