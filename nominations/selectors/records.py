"""Tra cứu khen thưởng: the awards registry searched across every agency in the reader's scope, and the record
of one person or one unit (hồ sơ thành tích) — awards, sáng kiến, discipline, yearly ratings and consecutive-year
streaks counted by the eligibility engine itself (``load_facts`` and ``calc.longest_run_ending``).

Scope (design §1; the same roles that read dossiers): the secretariat, chief, deputies and auditor of an agency
(or a province's auditor) read its whole registry; a council member reads their agency's (the council reviews
each nominee's past); Home Affairs reads every agency of its province (its review checks the nominee's past
titles); a unit head reads their unit and its people. Missing and forbidden are the same 404.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.http import Http404

from accounts import vietnamese
from accounts.models import Agency, Unit, User
from accounts.roles import PERM_HEAD_UNIT, PERM_SIT_ON_COUNCIL
from accounts.selectors import agencies_in_scope, agencies_sending_to

from ..eligibility import calc
from ..eligibility.facts import load_facts
from ..eligibility.types import PERSON, UNIT
from ..models import Discipline, Initiative, PastAward, PersonYearRecord, UnitYearRecord
from ..models.registries import RATING_RANK, DutyRating
from .scope import scoped_ids

PAGE_SIZE = 25
COUNT_CAP = 1000
NAME_MATCH_CAP = 10_000  # registry rows of a typed name read first by the name's index (search_registry)
SHOWN = ("award", "person__unit__agency", "unit__agency")  # what a result line shows


def registry_scope(user: User) -> list[int]:
    """Primary keys of the units whose registry (the unit's awards and its people's) the person may search."""
    if not user.is_authenticated or not user.is_active:
        return []
    agencies = (Q(agency__in=agencies_in_scope(user).values("pk"))
                | Q(agency__in=agencies_sending_to(user).values("pk"))
                | Q(agency__in=scoped_ids(user, [PERM_SIT_ON_COUNCIL], Agency))
                | Q(pk__in=scoped_ids(user, [PERM_HEAD_UNIT], Unit)))
    return list(Unit.objects.filter(agencies).order_by().values_list("pk", flat=True).distinct())


def may_search_records(user: User) -> bool:
    return bool(registry_scope(user))


def search_agencies(user: User, units: list[int]) -> QuerySet[Agency]:
    # A semi-join on the units: joining them and DISTINCT over every agency column took ~1 s for Sở Nội vụ.
    return Agency.objects.filter(pk__in=Unit.objects.filter(pk__in=units).values("agency_id")).order_by("code")


def search_units(user: User, units: list[int]) -> QuerySet[Unit]:
    return Unit.objects.filter(pk__in=units).select_related("agency").order_by("agency__code", "position", "code")


@dataclass(frozen=True)
class RecordQuery:
    """The search as typed (already validated by the form)."""

    name: str = ""
    birth_year: int | None = None
    agency: Agency | None = None
    unit: Unit | None = None
    award: object | None = None
    year_from: int | None = None
    year_to: int | None = None
    decision_number: str = ""


@dataclass(frozen=True)
class Found:
    """What a search found: the rows, newest first, and — when the search has counted them already (a typed
    name) — how many, no further than the cap."""

    rows: QuerySet[PastAward]
    matched: int | None = None

    def count(self) -> int:
        """How many rows, no further than ``COUNT_CAP + 1``."""
        return min(self.matched, COUNT_CAP + 1) if self.matched is not None else capped_count(self.rows)


def search_registry(user: User, query: RecordQuery, *, units: list[int] | None = None) -> Found:
    """Registry rows in the person's scope that match ``query``, newest first (annulled rows included, marked:
    the officer checking a dossier must see them too). Cost: one query for the scope; then a page of rows and
    their count (with a typed name, the count comes first).

    Every filter reads the registry row itself: its holder's unit and folded name are copied onto it
    (``PastAward.holder_unit``, ``holder_name_key``), so the scope, a unit, a title or nothing typed is an index
    read in the order shown, and each typed word must begin a word of the name: one "contains" on one column
    (a trigram index on PostgreSQL); a birth year is the person's, copied too.
    """
    units = registry_scope(user) if units is None else units
    if query.unit is not None:
        units = [query.unit.pk] if query.unit.pk in units else []
    if query.agency is not None:
        units = list(Unit.objects.filter(pk__in=units, agency=query.agency).values_list("pk", flat=True))
    if not units:
        return Found(PastAward.objects.none(), matched=0)
    rows = PastAward.objects.filter(holder_unit_id__in=units)
    for word in vietnamese.fold(query.name).split():
        rows = rows.filter(holder_name_key__contains=" " + word)  # a word of the name starts so (name_key)
    if query.birth_year:
        rows = rows.filter(holder_birth_year=query.birth_year)
    rows = _filters(rows, query)
    if query.name or query.birth_year:
        # A name's rows need not lie among the newest: walking the newest-first index and testing each row's name
        # read 50,000 rows before the first match in the benchmark (150 ms). So the matches are counted first
        # through the name's index, no further than the cap; when they are few (the usual case: a name is what
        # tells people apart) they are read by that index and sorted. Only a name common enough to pass the cap
        # is read newest first, where its rows are dense.
        matched = rows.order_by().values("pk")[: NAME_MATCH_CAP + 1].count()
        if matched <= NAME_MATCH_CAP:
            # ``year + 0`` orders as ``year`` but is no indexed column: the planner sorts the few rows matched
            # instead of walking the newest-first index in search of them. The page's people, units and agencies
            # are prefetched, not joined to every match before the sort.
            return Found(rows.select_related("award").prefetch_related(*SHOWN[1:])
                         .order_by(OrderBy(F("year") + 0, descending=True), "-pk"), matched=matched)
        return Found(rows.select_related(*SHOWN).order_by("-year", "-pk"), matched=matched)
    return Found(rows.select_related(*SHOWN).order_by("-year", "-pk"))


def _filters(rows: QuerySet[PastAward], query: RecordQuery) -> QuerySet[PastAward]:
    if query.award is not None:
        rows = rows.filter(award=query.award)
    if query.year_from:
        rows = rows.filter(year__gte=query.year_from)
    if query.year_to:
        rows = rows.filter(year__lte=query.year_to)
    if query.decision_number:
        if connection.vendor == "sqlite":
            # SQLite's LIKE ignores case, so it cannot read the index; the same prefix as a range of the
            # (binary-ordered) text can. PostgreSQL reads its pattern-operator index for the LIKE.
            rows = rows.filter(decision_number__gte=query.decision_number,
                               decision_number__lt=query.decision_number + "\U0010ffff")
        else:
            rows = rows.filter(decision_number__startswith=query.decision_number)
    return rows


def capped_count(rows: QuerySet) -> int:
    """How many rows, counted no further than ``COUNT_CAP + 1`` (a LIMIT subquery, never COUNT over all)."""
    return rows.order_by().values("pk")[: COUNT_CAP + 1].count()


# ----- the record of one person or one unit ---------------------------------------------------------------


@dataclass
class Streak:
    """A run of consecutive years ending in ``end``, counted as the eligibility engine counts it."""

    label: str
    length: int
    end: int

    @property
    def start(self) -> int:
        return self.end - self.length + 1


@dataclass
class Record:
    subject: User | Unit
    kind: str
    awards: list[PastAward] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    disciplines: list[Discipline] = field(default_factory=list)
    ratings: list = field(default_factory=list)
    streaks: list[Streak] = field(default_factory=list)


def get_person_for_records(user: User, pk: int) -> User:
    person = User.objects.filter(pk=pk, unit_id__in=registry_scope(user)).select_related("unit__agency").first()
    if person is None:
        raise Http404
    return person


def get_unit_for_records(user: User, pk: int) -> Unit:
    units = registry_scope(user)
    unit = Unit.objects.filter(pk=pk).select_related("agency").first() if pk in units else None
    if unit is None:
        raise Http404
    return unit


def _streaks(key, awards: list[PastAward], year: int) -> list[Streak]:
    """Per title, the run ending in the latest year the title is held, and the run of years rated "hoàn thành
    xuất sắc" — both through the engine's facts (standing awards only: an annulled one breaks a run) and its
    ``calc.longest_run_ending``."""
    book = load_facts([key], year)
    streaks = []
    names = {a.award.code: a.award.name for a in awards}
    for code in sorted({fact.code for fact in book.awards.get(key, ())}):
        held = book.award_years(key, code)
        end = max(held)
        streaks.append(Streak(names.get(code, code), calc.longest_run_ending(held, end), end))
    excellent = {y for y, rec in book.years.get(key, {}).items()
                 if RATING_RANK.get(rec.rating, 0) >= RATING_RANK[DutyRating.EXCELLENT]}
    if excellent:
        end = max(excellent)
        streaks.append(Streak(str(DutyRating.EXCELLENT.label), calc.longest_run_ending(excellent, end), end))
    return streaks


def person_record(user: User, pk: int, *, year: int | None = None) -> Record:
    person = get_person_for_records(user, pk)
    year = year or dt.date.today().year
    awards = list(person.past_awards.select_related("award").order_by("-year", "award__position", "pk"))
    return Record(
        subject=person, kind=PERSON, awards=awards,
        initiatives=list(person.initiatives.order_by("-decision_date", "pk")),
        disciplines=list(Discipline.objects.filter(person=person).order_by("-year", "pk")),
        ratings=list(PersonYearRecord.objects.filter(person=person).order_by("-year")),
        streaks=_streaks((PERSON, person.pk), awards, year),
    )


def unit_record(user: User, pk: int, *, year: int | None = None) -> Record:
    unit = get_unit_for_records(user, pk)
    year = year or dt.date.today().year
    awards = list(unit.past_awards.select_related("award").order_by("-year", "award__position", "pk"))
    return Record(
        subject=unit, kind=UNIT, awards=awards,
        ratings=list(UnitYearRecord.objects.filter(unit=unit).order_by("-year")),
        streaks=_streaks((UNIT, unit.pk), awards, year),
    )
