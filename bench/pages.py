"""Benchmark: every list and inbox page at ten years of a 40-agency province (issue 23); prints p50/p95 and queries.

1. **Build** (skipped with ``--reuse`` when the database exists): a PostgreSQL database ``bench_pages_<name>`` is
   created, migrated and seeded (``seed_demo``), and one real year is run through the services for the demo
   Office (``simulate``: the same services and flows as the pages), so every page has real rows. Then history is
   multiplied with set-based SQL only (``INSERT … SELECT`` over ``generate_series``, never the ORM row by row):
   ``--agencies`` synthetic agencies (copies of the Office: its units and people, with new keys, codes and user
   names) and, for the Office and each of them, ``--years`` years of the real year's rows — processes, tasks,
   cycles, dossiers, lines, sessions, documents, audit events, registry rows… — cloned with shifted keys, years
   and agencies, every foreign key pointing into the same copy (or to the shared catalogues: awards, kinds,
   content types). Most rows thus belong to other agencies and years than the person looking, as in a province.
   Row counts are printed; ``ANALYZE`` afterwards.
2. **Measure**, in this process, with the production settings (``jit=off``, ``CONN_MAX_AGE``, ``DEBUG=False``)
   and Django's test ``Client`` (server time, no network): every list and inbox page, as the demo people who use
   it (a unit head, the secretariat, the chief, a council member, Sở Nội vụ, the auditor), ``--runs`` requests
   each after one warm-up; prints p50/p95 in ms and the queries of a request, and flags pages over 50 ms.

    .venv/bin/python bench/pages.py                     # build bench_pages_keep, measure
    .venv/bin/python bench/pages.py --reuse --runs 20   # measure again on the same data
    .venv/bin/python bench/pages.py --drop              # drop it

The simulated year's documents are rendered as PDFs by the services; the clones share their files' paths (the
list pages never read them). The audit log's hash chain is not valid in the clones (``verify_audit`` would
report them); nothing on the list pages reads it.
"""

# ruff: noqa: S608 - table and column names come from the catalogue (pg_class), never from input
from __future__ import annotations

import argparse
import json
import math
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
YEAR = 2025
TARGET_MS = 50.0


def _admin(sql: str) -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
        admin.execute(sql)


def _admin_in(database: str, sql: str) -> None:
    with psycopg.connect(f"{PG}/{database}", autocommit=True) as conn:
        conn.execute(sql)


def _exists(database: str) -> bool:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
        return admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone() is not None


# ---------------------------------------------------------------------------------------------------------------
# 1. Build
# ---------------------------------------------------------------------------------------------------------------

TEMPLATE = "bench_pages_template"
FILES = Path(os.environ.get("BENCH_PAGES_FILES", Path(tempfile.gettempdir()) / "bench_pages_files"))


def _manage(database: str, *command: str) -> None:
    files = FILES  # one place for the template's signing keys and the year's documents
    env = {**os.environ, "DATABASE_URL": f"{PG}/{database}", "DJANGO_SETTINGS_MODULE": "config.settings.local",
           "DOCUMENTS_ROOT": str(files / "documents"), "MEDIA_ROOT": str(files / "media")}
    subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,  # noqa: S603 - our manage.py
                   stdout=subprocess.DEVNULL)


def build_real_year(database: str) -> None:
    """A copy of the template (migrated and ``seed_demo``-ed once, kept as ``bench_pages_template``), the highest
    key of every table noted (``bench_watermark``: what the year adds lies above it), then one Office year run
    through the services (``simulate_cycle``, a child process with the local settings)."""
    if not _exists(TEMPLATE):
        _admin(f'CREATE DATABASE "{TEMPLATE}"')
        _manage(TEMPLATE, "migrate", "-v0")
        _manage(TEMPLATE, "seed_demo")
    _admin(f'CREATE DATABASE "{database}" TEMPLATE "{TEMPLATE}"')
    with psycopg.connect(f"{PG}/{database}", autocommit=True) as conn, conn.cursor() as cur:
        marks = _watermarks(cur)
        cur.execute("CREATE TABLE bench_watermark (name text PRIMARY KEY, mark bigint NOT NULL)")
        cur.executemany("INSERT INTO bench_watermark VALUES (%s, %s)", list(marks.items()))
    _manage(database, "simulate_cycle", "--year", str(YEAR), "--agency", "VP", "--into-current-database", "--json")
    _admin_in(database, "CREATE TABLE bench_simulated ()")


# Tables never copied: Django's and the permission machinery's own, and the shared catalogues the seed wrote.
NEVER = ("django_", "auth_", "axes_", "guardian_", "bench_")
AGENCY_LEVEL = ("accounts_agency", "accounts_unit", "accounts_user")


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _watermarks(cur) -> dict[str, int]:
    """Highest integer key of every table now (the migrated and seeded state, before the simulated year)."""
    marks = {}
    for table, column in _primary_keys(cur).items():
        if column[1] in ("integer", "bigint", "smallint"):
            marks[table] = cur.execute(f"SELECT coalesce(max({_q(column[0])}), 0) FROM {_q(table)}").fetchone()[0]
    return marks


def _primary_keys(cur) -> dict[str, tuple[str, str]]:
    rows = cur.execute("""
        SELECT t.relname, a.attname, format_type(a.atttypid, NULL)
        FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
        JOIN pg_index i ON i.indrelid = t.oid AND i.indisprimary AND i.indnatts = 1
        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
        WHERE n.nspname = 'public' AND t.relkind = 'r'""").fetchall()
    return {table: (column, kind) for table, column, kind in rows}


def _columns(cur, table: str) -> list[tuple[str, str, int]]:
    """(name, type, varchar length or -1) of the table's stored columns."""
    return cur.execute("""
        SELECT a.attname, format_type(a.atttypid, NULL),
               CASE WHEN a.atttypid = 'varchar'::regtype AND a.atttypmod > 4 THEN a.atttypmod - 4 ELSE -1 END
        FROM pg_attribute a WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped
          AND a.attgenerated = '' ORDER BY a.attnum""", [table]).fetchall()


def _foreign_keys(cur) -> dict[tuple[str, str], str]:
    rows = cur.execute("""
        SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text
        FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1""").fetchall()
    return {(table, column): target for table, column, target in rows}


def _unique_text_columns(cur, table: str) -> set[str]:
    """Text columns of a unique index (codes, user names, numbers): each copy gets a suffix there."""
    rows = cur.execute("""
        SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = %s::regclass AND i.indisunique AND NOT i.indisprimary
          AND a.atttypid IN ('varchar'::regtype, 'text'::regtype)""", [table]).fetchall()
    return {name for (name,) in rows}


def _unique_numbers(cur, table: str) -> dict[str, int]:
    """Integer columns of a unique index (the audit log's ``seq``, a register's numbers), with their highest value:
    copies shift them (keys and years are shifted as such)."""
    rows = cur.execute(r"""
        SELECT DISTINCT a.attname FROM pg_index i
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = %s::regclass AND i.indisunique AND NOT i.indisprimary
          AND a.atttypid IN ('integer'::regtype, 'bigint'::regtype, 'smallint'::regtype)
          AND a.attname <> 'year' AND a.attname NOT LIKE '%%\_year' AND a.attname NOT LIKE '%%\_id'""",
                       [table]).fetchall()
    return {name: cur.execute(f"SELECT coalesce(max({_q(name)}), 0) FROM {_q(table)}").fetchone()[0]
            for (name,) in rows}


def multiply(cur, *, marks: dict[str, int], agencies: int, years: int, rounds: int) -> dict[str, int]:
    """Copies the simulated year: ``agencies`` copies of the Office (its units and people), then the rows the year
    wrote (keys above ``marks``) once for every (agency, year) but the real one, in one INSERT … SELECT per table.

    Foreign keys stay valid by construction: a key into a copied table moves by the same shift as the row it
    points to; a key into the shared catalogues is kept. Triggers (the foreign key checks, the audit log's
    append-only guard) are off for the session while copying (``session_replication_role = replica``).
    """
    keys = _primary_keys(cur)
    fks = _foreign_keys(cur)
    cur.execute("SET session_replication_role = replica")
    office = cur.execute("SELECT id FROM accounts_agency WHERE code = 'VP'").fetchone()[0]
    cur.execute("CREATE TEMP TABLE bench_office_units AS SELECT id FROM accounts_unit WHERE agency_id = %s", [office])
    cur.execute("CREATE TEMP TABLE bench_office_people AS SELECT id FROM accounts_user "
                "WHERE unit_id IN (SELECT id FROM bench_office_units)")
    members = {"accounts_agency": f"(SELECT {office})", "accounts_unit": "(SELECT id FROM bench_office_units)",
               "accounts_user": "(SELECT id FROM bench_office_people)"}
    spans = {table: cur.execute(f"SELECT coalesce(max({_q(keys[table][0])}), 0) FROM {_q(table)}").fetchone()[0]
             for table in marks}
    copied = [t for t in marks if not t.startswith(NEVER) and t not in AGENCY_LEVEL and spans[t] > marks[t]]
    counts: dict[str, int] = {}

    def agency_shift(target: str, value: str, a: str, g: str) -> str:
        shift = a if target == "accounts_agency" else g
        return f"CASE WHEN {value} IN {members[target]} THEN {value} + {shift} * {spans[target]} ELSE {value} END"

    # The Office's copies: a group g = a * rounds + r of units and people (the Office's, with shifted keys and
    # names) for each agency a and round r but (0, 0); agency a (1..agencies) gets the Office's own row. A
    # province's agency is thus ``rounds`` times the Office, and the Office itself grows as much.
    groups = (agencies + 1) * rounds - 1
    for table in AGENCY_LEVEL:
        exprs = []
        unique = _unique_text_columns(cur, table)
        own = "(g / %(rounds)s)" if table == "accounts_agency" else "g"
        for name, _kind, length in _columns(cur, table):
            target = fks.get((table, name))
            if name == keys[table][0]:
                exprs.append(f"{_q(name)} + {own} * {spans[table]}")
            elif target in AGENCY_LEVEL:
                exprs.append(agency_shift(target, _q(name), "(g / %(rounds)s)", "g"))
            elif name in unique:
                cut = f"left({_q(name)}, {length - 6})" if length > 0 else _q(name)
                exprs.append(f"{cut} || '~' || {own}")
            else:
                exprs.append(_q(name))
        cur.execute(f"INSERT INTO {_q(table)} ({', '.join(_q(c[0]) for c in _columns(cur, table))}) "
                    f"SELECT {', '.join(exprs)} FROM {_q(table)} CROSS JOIN generate_series(1, %(groups)s) g "
                    f"WHERE {_q(keys[table][0])} IN {members[table]}"
                    + (" AND g %% %(rounds)s = 0" if table == "accounts_agency" else ""),
                    {"groups": groups, "rounds": rounds})
        counts[table] = cur.rowcount

    # The year's rows: copy k = (a * years + y) * rounds + r (a = 0 the Office itself, y = years back, r the
    # agency's r-th round of the year: the Office is small, a province's agencies hold ``rounds`` times its work);
    # k = 0 is the real year. Rows nothing points to (history, audit events, ballots' choices, notifications)
    # are copied once per agency and year, not per round: they are most of a year's rows and no list reads
    # them by the round.
    copies = (agencies + 1) * years * rounds - 1
    pointed_to = {target for (table, _column), target in fks.items() if table in copied and target != table}
    # A process's own row (multi-table inheritance: its key is the key of viewflow's row) follows viewflow's.
    children = {table: fks[(table, keys[table][0])] for table in copied if (table, keys[table][0]) in fks}
    pointed_to |= set(children)
    for table in copied:
        pk, pk_kind = keys[table]
        history_of = None
        if "_historical" in table:
            base = table.replace("_historical", "_", 1)
            history_of = base if base in copied else None
        unique = _unique_text_columns(cur, table)
        numbers = _unique_numbers(cur, table)
        exprs = []
        for name, kind, length in _columns(cur, table):
            target = fks.get((table, name))
            column = _q(name)
            if target in copied and keys[target][1] in ("integer", "bigint", "smallint"):
                exprs.append(f"CASE WHEN {column} > {marks[target]} THEN {column} + k * {spans[target]} "
                             f"ELSE {column} END")
            elif target in AGENCY_LEVEL:
                exprs.append(agency_shift(target, column, "(k / %(per_agency)s)",
                                          "(k / %(per_agency)s * %(rounds)s + k %% %(rounds)s)"))
            elif target is not None:
                exprs.append(column)  # the shared catalogues (awards, kinds, content types…)
            elif name == pk:
                exprs.append(f"{column} + k * {spans[table]}")
            elif history_of and name == "id":
                exprs.append(f"CASE WHEN {column} > {marks[history_of]} THEN {column} + k * {spans[history_of]} "
                             f"ELSE {column} END")
            elif kind == "uuid":
                exprs.append(f"md5({column}::text || k)::uuid")
            elif name in numbers:
                exprs.append(f"{column} + k * {numbers[name]}")
            elif name in unique and (length < 0 or length >= 20):  # a code of a few letters is a kind: kept
                cut = f"left({column}, {length - 8})" if length > 0 else column
                exprs.append(f"{cut} || '~' || k")
            elif name == "year" or name.endswith("_year"):
                exprs.append(f"{column} - (k / %(rounds)s %% %(years)s)")
            elif kind == "date" or kind.startswith("timestamp"):
                exprs.append(f"{column} - make_interval(years => (k / %(rounds)s %% %(years)s)::int)")
            else:
                exprs.append(column)
        names = ", ".join(_q(c[0]) for c in _columns(cur, table))
        started = time.perf_counter()
        cur.execute(f"INSERT INTO {_q(table)} ({names}) SELECT {', '.join(exprs)} FROM {_q(table)} "
                    f"CROSS JOIN generate_series(1, %(copies)s) k WHERE {_q(pk)} > %(mark)s"
                    + ("" if table in pointed_to else " AND k %% %(rounds)s = 0")
                    # the Office's own people in earlier years: a copied award may meet one the seed recorded
                    + " ON CONFLICT DO NOTHING",
                    {"years": years, "rounds": rounds, "per_agency": years * rounds, "copies": copies,
                     "mark": marks[table]})
        counts[table] = cur.rowcount
        print(f"  {table}: +{cur.rowcount:,} rows ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    while _orphans_removed(cur, fks=fks, keys=keys, marks=marks, copied=copied, children=children):
        pass
    cur.execute("SET session_replication_role = DEFAULT")
    for table in [*AGENCY_LEVEL, *copied]:
        pk = keys[table][0]
        cur.execute(f"SELECT setval(pg_get_serial_sequence(%s, %s), (SELECT max({_q(pk)}) FROM {_q(table)})) "
                    f"WHERE pg_get_serial_sequence(%s, %s) IS NOT NULL", [table, pk, table, pk])
    return counts


def _orphans_removed(cur, *, fks, keys, marks, copied, children) -> int:
    """Copies left pointing to a row skipped on conflict (or to a process whose own row was skipped) are emptied
    of that key, or removed when it is required; returns how many, so it is called until none is left."""
    removed = 0
    for child, parent in children.items():  # a copied process whose own row (the dossier's…) was skipped
        if parent != "viewflow_process":
            continue
        kinds = [k for (k,) in cur.execute(f"SELECT DISTINCT p.flow_class FROM viewflow_process p JOIN {_q(child)} c "
                                           f"ON c.{_q(keys[child][0])} = p.id")]
        cur.execute(f"DELETE FROM viewflow_process p WHERE p.id > %s AND p.flow_class = ANY(%s) AND NOT EXISTS "
                    f"(SELECT 1 FROM {_q(child)} c WHERE c.{_q(keys[child][0])} = p.id)", [marks[parent], kinds])
        removed += cur.rowcount
    for (table, name), target in fks.items():
        if table not in copied or target not in copied or keys[target][1] not in ("integer", "bigint"):
            continue
        nullable = cur.execute("SELECT NOT attnotnull FROM pg_attribute WHERE attrelid = %s::regclass "
                               "AND attname = %s", [table, name]).fetchone()[0]
        dangling = (f"{_q(name)} > {marks[target]} AND NOT EXISTS (SELECT 1 FROM {_q(target)} x "
                    f"WHERE x.{_q(keys[target][0])} = {_q(table)}.{_q(name)})")
        try:
            with cur.connection.transaction():  # a savepoint: a check may require the key (a payout its award)
                if not nullable:
                    raise psycopg.errors.NotNullViolation
                cur.execute(f"UPDATE {_q(table)} SET {_q(name)} = NULL WHERE {dangling}")
        except (psycopg.errors.NotNullViolation, psycopg.errors.CheckViolation):
            nullable = False
            cur.execute(f"DELETE FROM {_q(table)} WHERE {dangling}")
        if cur.rowcount:
            removed += cur.rowcount
            print(f"  {table}.{name}: {cur.rowcount} keys to skipped rows {'emptied' if nullable else 'removed'}",
                  file=sys.stderr)
    return removed


def _state(database: str) -> str:
    """"absent", "simulated" (the real year is there, not yet multiplied) or "built"."""
    if not _exists(database):
        return "absent"
    with psycopg.connect(f"{PG}/{database}") as conn:
        tables = {name for (name,) in conn.execute("SELECT tablename FROM pg_tables WHERE tablename LIKE 'bench_%'")}
    return "built" if "bench_multiplied" in tables else "simulated" if "bench_simulated" in tables else "absent"


def build(database: str, *, agencies: int, years: int, rounds: int) -> None:
    if _state(database) != "simulated":  # a run that stopped while multiplying keeps its simulated year
        _admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        started = time.perf_counter()
        build_real_year(database)
        print(f"real year simulated ({time.perf_counter() - started:.0f} s); multiplying…", file=sys.stderr)
    with psycopg.connect(f"{PG}/{database}", autocommit=True) as conn, conn.cursor() as cur:
        marks = dict(cur.execute("SELECT name, mark FROM bench_watermark").fetchall())
        started = time.perf_counter()
        with conn.transaction():
            multiply(cur, marks=marks, agencies=agencies, years=years, rounds=rounds)
            cur.execute("CREATE TABLE bench_multiplied (agencies int, years int, rounds int)")
            cur.execute("INSERT INTO bench_multiplied VALUES (%s, %s, %s)", [agencies, years, rounds])
        print(f"multiplied in {time.perf_counter() - started:.0f} s; VACUUM ANALYZE…", file=sys.stderr)
        cur.execute("VACUUM ANALYZE")


def row_counts(database: str) -> dict[str, int]:
    tables = ["viewflow_process", "viewflow_task", "nominations_cycle", "nominations_dossier", "nominations_line",
              "nominations_session", "nominations_pastaward", "workflow_issueddocument", "workflow_auditevent",
              "accounts_agency", "accounts_unit", "accounts_user"]
    with psycopg.connect(f"{PG}/{database}") as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {_q(t)}").fetchone()[0] for t in tables}


# ---------------------------------------------------------------------------------------------------------------
# 2. Measure
# ---------------------------------------------------------------------------------------------------------------

HEAD, SECRETARIAT, CHIEF, MEMBER, HOME_AFFAIRS, AUDITOR = (
    "truongphong.th", "hcqt", "chanhvp", "phochanhvp1", "sonoivu", "kiemtra")
EVERYONE = (HEAD, SECRETARIAT, CHIEF, MEMBER, HOME_AFFAIRS, AUDITOR)
OFFICE = (HEAD, SECRETARIAT, CHIEF)
# (URL name, query string, who uses the page)
PAGES: list[tuple[str, str, tuple[str, ...]]] = [
    ("home:index", "", EVERYONE),
    ("home:inbox", "", EVERYONE),
    ("home:delegations", "", (SECRETARIAT,)),
    ("nominations:index", "", (HEAD, SECRETARIAT, CHIEF, HOME_AFFAIRS)),
    ("nominations:cycles", "", (SECRETARIAT, CHIEF)),
    ("nominations:initiatives", "", (HEAD, SECRETARIAT)),
    ("nominations:dashboard", "", (SECRETARIAT, CHIEF, HOME_AFFAIRS)),
    ("nominations:sessions", "", (SECRETARIAT, MEMBER)),
    ("nominations:sessions", "page=2", (SECRETARIAT,)),
    ("nominations:fund", "", (SECRETARIAT,)),
    ("nominations:results", "", (SECRETARIAT, CHIEF, HOME_AFFAIRS)),
    ("nominations:lines", "", (HEAD, SECRETARIAT, HOME_AFFAIRS)),
    ("pledges:index", "", (HEAD, SECRETARIAT)),
    ("pledges:movements", "", (SECRETARIAT,)),
    ("documents:index", "", (HEAD, SECRETARIAT, CHIEF)),
    ("reports:index", "", (SECRETARIAT, HOME_AFFAIRS)),
    ("reports:statistics", "", (SECRETARIAT,)),
    ("records:index", "", (SECRETARIAT, HOME_AFFAIRS)),
    ("records:index", "name=nguyen", (SECRETARIAT, HOME_AFFAIRS)),
    ("eligibility:index", "", (SECRETARIAT,)),
    ("audit:index", "", (AUDITOR,)),
    *[(f"{flow}:{page}", "", users)
      for flow, users in (("dossier", (HEAD, SECRETARIAT)), ("council", (SECRETARIAT, MEMBER)),
                          ("homeaffairs", (SECRETARIAT, HOME_AFFAIRS)))
      for page in ("index", "process_list", "task_list")],
    *[(f"{flow}:{page}", "", users)
      for flow, users in (("pledge", (HEAD, SECRETARIAT)), ("agencypledge", (SECRETARIAT, HOME_AFFAIRS)),
                          ("annualreport", (SECRETARIAT, HOME_AFFAIRS)))
      for page in ("index", "process_list", "task_list", "inbox", "queue", "archive")],
]


class _Counter:
    """Counts the statements a request sends (an execute wrapper: DEBUG stays off, as in production)."""

    def __init__(self):
        self.n = 0

    def __call__(self, execute, sql, params, many, context):
        self.n += 1
        return execute(sql, params, many, context)


def measure(database: str, *, runs: int, only: str = "") -> list[dict]:
    """Times every page as its people open it, in this process with the production settings."""
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "config.settings.production", "DATABASE_URL": f"{PG}/{database}",
        "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "testserver", "SECURE_SSL_REDIRECT": "0",
        "DOCUMENTS_ROOT": str(FILES / "documents"), "MEDIA_ROOT": str(FILES / "media"),
    })
    sys.path.insert(0, str(ROOT))
    import django  # noqa: PLC0415

    django.setup()
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.urls import reverse  # noqa: PLC0415

    from accounts.models import User  # noqa: PLC0415

    print(f"settings: {os.environ['DJANGO_SETTINGS_MODULE']}, CONN_MAX_AGE "
          f"{connection.settings_dict['CONN_MAX_AGE']}, options {connection.settings_dict.get('OPTIONS')}")
    clients: dict[str, Client] = {}
    results = []
    for name, query, users in PAGES:
        if only and only not in name:
            continue
        url = reverse(name) + (f"?{query}" if query else "")
        for username in users:
            if username not in clients:
                clients[username] = Client()
                clients[username].force_login(User.objects.get(username=username))
            client = clients[username]
            started = time.perf_counter()
            response = client.get(url, secure=True)  # the warm-up
            warm = (time.perf_counter() - started) * 1000
            queries = _Counter()
            with connection.execute_wrapper(queries):
                client.get(url, secure=True)
            times = []
            for _run in range(runs if warm < 1000 else 2):  # a page of seconds: its order of size is enough
                started = time.perf_counter()
                client.get(url, secure=True)
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            row = {"page": name + (f"?{query}" if query else ""), "user": username, "status": response.status_code,
                   "p50": statistics.median(times), "p95": times[math.ceil(0.95 * len(times)) - 1],
                   "queries": queries.n, "bytes": len(response.content)}
            results.append(row)
            flag = "  OVER" if row["p95"] > TARGET_MS else ""
            print(f"{row['page']:34} {username:15} {row['status']:4} p50 {row['p50']:7.1f} ms  p95 {row['p95']:7.1f} ms"
                  f"  {row['queries']:3} queries{flag}", flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--name", default="keep", help="the database is bench_pages_<name>")
    parser.add_argument("--reuse", action="store_true", help="keep the database if it exists (no rebuild)")
    parser.add_argument("--agencies", type=int, default=40)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=16,
                        help="copies of the Office's year in each agency's year (the Office holds ~160 tasks a year)")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--only", default="", help="only the pages whose URL name contains this")
    parser.add_argument("--json", default="", help="write the results there too")
    parser.add_argument("--drop", action="store_true", help="drop the database and stop")
    args = parser.parse_args()
    database = f"bench_pages_{args.name}"
    if args.drop:
        _admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        return
    if not (args.reuse and _state(database) == "built"):
        if not args.reuse:
            _admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        build(database, agencies=args.agencies, years=args.years, rounds=args.rounds)
    counts = row_counts(database)
    print("rows: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))
    print(f"load: {os.getloadavg()}")
    results = measure(database, runs=args.runs, only=args.only)
    over = [r for r in results if r["p95"] > TARGET_MS]
    print(f"{len(results)} page × person measured, {len(over)} over {TARGET_MS:.0f} ms at p95; load {os.getloadavg()}")
    if args.json:
        Path(args.json).write_text(json.dumps({"rows": counts, "pages": results}, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
