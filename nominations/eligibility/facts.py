"""Everything the criteria read, loaded at once for a whole cycle.

``load_facts`` costs a fixed number of queries whatever the number of nominees (one per
registry), so checking 1,000 nominees costs what checking one does. The criteria then work on
plain Python data, which is also how the table tests give them facts.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q

from accounts.models import Unit, User
from nominations.models import (
    Discipline,
    Initiative,
    PastAward,
    PersonYearRecord,
    ServiceRecord,
    UnitYearRecord,
)
from nominations.models.catalogue import NOT_FOR_MERIT

from . import pledges
from .types import PERSON, UNIT, NomineeKey, ProposedLine

LOOKBACK_YEARS = 12


@dataclass(frozen=True)
class YearFacts:
    rating: str
    absent_days: int = 0
    maternity_leave_days: int = 0
    administrative_sanction: bool = False


@dataclass(frozen=True)
class AwardFact:
    code: str
    year: int
    decision_number: str = ""


@dataclass(frozen=True)
class DisciplineFact:
    level: str
    year: int
    decision_number: str = ""


@dataclass(frozen=True)
class InitiativeFact:
    title: str
    year: int
    scope: str
    decision_number: str = ""


@dataclass
class FactBook:
    names: dict[NomineeKey, str] = field(default_factory=dict)
    person_unit: dict[int, int | None] = field(default_factory=dict)
    unit_agency: dict[int, int] = field(default_factory=dict)
    members: dict[int, list[int]] = field(default_factory=dict)
    awards: dict[NomineeKey, list[AwardFact]] = field(default_factory=lambda: defaultdict(list))
    years: dict[NomineeKey, dict[int, YearFacts]] = field(default_factory=lambda: defaultdict(dict))
    disciplines: dict[int, list[DisciplineFact]] = field(default_factory=lambda: defaultdict(list))
    initiatives: dict[int, list[InitiativeFact]] = field(default_factory=lambda: defaultdict(list))
    service_start: dict[int, dt.date] = field(default_factory=dict)
    pledges: dict[NomineeKey, bool | None] = field(default_factory=dict)
    # Who already holds each title of the year in each agency of the cycle's lines (the registry):
    # an agency-wide cap counts what was decided this year as well as what is proposed.
    agency_awards: dict[tuple[int, str], set[NomineeKey]] = field(default_factory=lambda: defaultdict(set))

    def name(self, key: NomineeKey) -> str:
        return self.names.get(key, f"#{key[1]}")

    def agency_of(self, key: NomineeKey) -> int | None:
        unit = key[1] if key[0] == UNIT else self.person_unit.get(key[1])
        return self.unit_agency.get(unit) if unit is not None else None

    def award_years(self, key: NomineeKey, code: str) -> set[int]:
        return {a.year for a in self.awards.get(key, ()) if a.code == code}


def load_facts(nominees: Iterable[NomineeKey], year: int, lines: Iterable[ProposedLine] = (),
               registry_holders: bool = True) -> FactBook:
    """Read every registry once for the nominees, the members of nominated units and the people
    and units on the cycle's lines (their agency counts towards agency-wide caps).

    ``registry_holders`` False: ``agency_awards`` (every holder of every title of the year in the agencies) is
    not loaded — a ``StoredCycle`` counts them in the database when a cap needs them.

    A unit's members are its active people now (``User.unit``): the organisation keeps no
    membership history yet, so a review of a past year counts today's members.
    """
    book = FactBook()
    nominee_keys = set(nominees)
    line_keys = {line.key for line in lines}
    person_ids = {pk for kind, pk in nominee_keys | line_keys if kind == PERSON}
    unit_ids = {pk for kind, pk in nominee_keys | line_keys if kind == UNIT}
    nominee_units = {pk for kind, pk in nominee_keys if kind == UNIT}
    since = year - LOOKBACK_YEARS

    for pk, full_name, username, unit_id in User.objects.filter(pk__in=person_ids).values_list(
        "pk", "full_name", "username", "unit_id"
    ):
        book.names[(PERSON, pk)] = full_name or username
        book.person_unit[pk] = unit_id
    members: dict[int, list[int]] = {pk: [] for pk in nominee_units}
    for pk, full_name, username, unit_id in User.objects.filter(
        unit_id__in=nominee_units, is_active=True
    ).order_by("name_sort_key", "pk").values_list("pk", "full_name", "username", "unit_id"):
        members[unit_id].append(pk)
        book.names[(PERSON, pk)] = full_name or username
        book.person_unit[pk] = unit_id
    book.members = members
    unit_ids |= {u for u in book.person_unit.values() if u is not None}
    for pk, name, agency_id in Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name", "agency_id"):
        book.names[(UNIT, pk)] = name
        book.unit_agency[pk] = agency_id

    people = person_ids | {pk for pks in members.values() for pk in pks}
    # An annulled award (Luật TĐKT 2022, Điều 93(2)) no longer counts for a streak or a prerequisite.
    # Nor does a đột xuất or chuyên đề award (NĐ 152/2025 Điều 4 khoản 3).
    for person_id, unit_id, code, award_year, number in PastAward.objects.standing().filter(
        Q(person_id__in=people) | Q(unit_id__in=nominee_units), year__lte=year
    ).exclude(commendation_kind__code__in=NOT_FOR_MERIT).values_list(
        "person_id", "unit_id", "award__code", "year", "decision_number"):
        key = (PERSON, person_id) if person_id else (UNIT, unit_id)
        book.awards[key].append(AwardFact(code, award_year, number))
    for person_id, record_year, rating, absent, maternity, sanction in PersonYearRecord.objects.filter(
        person_id__in=people, year__gte=since, year__lte=year
    ).values_list("person_id", "year", "rating", "absent_days", "maternity_leave_days", "administrative_sanction"):
        book.years[(PERSON, person_id)][record_year] = YearFacts(rating, absent, maternity, sanction)
    for unit_id, record_year, rating in UnitYearRecord.objects.filter(
        unit_id__in=nominee_units, year__gte=since, year__lte=year
    ).values_list("unit_id", "year", "rating"):
        book.years[(UNIT, unit_id)][record_year] = YearFacts(rating)
    for person_id, level, record_year, number in Discipline.objects.filter(
        person_id__in=people, year__gte=since, year__lte=year
    ).values_list("person_id", "level", "year", "decision_number"):
        book.disciplines[person_id].append(DisciplineFact(level, record_year, number))
    nominee_people = {pk for kind, pk in nominee_keys if kind == PERSON}
    for person_id, title, decided, scope, number in Initiative.authors.through.objects.filter(
        user_id__in=nominee_people, initiative__decision_date__year__gte=since,
        initiative__decision_date__year__lte=year,
    ).values_list("user_id", "initiative__title", "initiative__decision_date", "initiative__scope",
                  "initiative__decision_number"):
        book.initiatives[person_id].append(InitiativeFact(title, decided.year, scope, number))
    book.service_start = dict(
        ServiceRecord.objects.filter(person_id__in=nominee_people).values_list("person_id", "started_on")
    )
    book.pledges = pledges.registrations(nominee_keys, year)
    if not registry_holders:
        return book
    agencies = set(book.unit_agency.values())
    for person_id, unit_id, person_agency, unit_agency, code in PastAward.objects.standing().filter(
        Q(person__unit__agency_id__in=agencies) | Q(unit__agency_id__in=agencies), year=year
    ).exclude(commendation_kind__code__in=NOT_FOR_MERIT).values_list(
        "person_id", "unit_id", "person__unit__agency_id", "unit__agency_id", "award__code"):
        key = (PERSON, person_id) if person_id else (UNIT, unit_id)
        book.agency_awards[(person_agency or unit_agency, code)].add(key)
    return book
