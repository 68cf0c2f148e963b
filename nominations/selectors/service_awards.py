"""Who a cống hiến or niên hạn cycle suggests, and why (issue 21; docs/legal-basis.md §20).

The years are counted from the person's ``PositionRecord`` periods (or, when none is recorded, from the service
record's start), each up to the cycle's reference date — its ``nominations_due`` — or the retirement day when
earlier. A period counts in whole months, the last day included (``full_months``): 20 years are met on the day
before the 20th anniversary of the start, not a day earlier. A gap between periods counts nothing.

Cống hiến (Nghị định 152/2025/NĐ-CP): only a person with a retirement notice or decision (Điều 9 khoản 2 điểm a),
not yet rewarded for it, with no discipline during the leadership years (khoản 3); the highest level's years
decide the award, and when they are not enough they are added to the next lower level's (khoản 2 điểm b); a woman
leader needs a third less time (Điều 4 khoản 7). Niên hạn: the years of service against the rules an officer
recorded (the Quy chế of the Kỷ niệm chương), once per award.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import Unit, User
from accounts.roles import Role
from accounts.selectors import roles_here

from ..models import (
    LEVEL_ORDER,
    Award,
    Cycle,
    Discipline,
    Line,
    PastAward,
    PositionLevel,
    PositionRecord,
    ServiceAwardRule,
    ServiceRecord,
)
from .dossiers import get_cycle_for_user

SERVICE_KINDS = ("CONG_HIEN", "NIEN_HAN")
AGENCY_WIDE = {Role.SECRETARIAT, Role.CHIEF, Role.DEPUTY_CHIEF, Role.AUDITOR}


def full_months(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end`` included: 01/3/2005 – 28/02/2025 is 240 months (20 years),
    02/3/2005 – 28/02/2025 is 239."""
    if end < start:
        return 0
    after = end + dt.timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    if after.day < start.day:
        months -= 1
    return max(months, 0)


def months_text(months: int) -> str:
    """"20 năm", "19 năm 11 tháng" (in the request's language)."""
    years, rest = divmod(months, 12)
    if rest:
        return _("%(y)d năm %(m)d tháng") % {"y": years, "m": rest}
    return _("%(y)d năm") % {"y": years}


@dataclass
class Period:
    title: str
    level: str
    start: dt.date
    end: dt.date  # as counted: never after the reference date or the retirement
    months: int


@dataclass
class Candidate:
    person: User
    award: Award
    rule: ServiceAwardRule
    months: int
    level: str
    periods: list[Period] = field(default_factory=list)
    proposed: bool = False
    note: str = ""

    @property
    def years_text(self) -> str:
        return months_text(self.months)

    @property
    def level_label(self) -> str:
        return str(PositionLevel(self.level).label) if self.level else ""


def reference_date(cycle: Cycle) -> dt.date:
    """The day the years are counted to: the cycle's deadline for dossiers."""
    return cycle.nominations_due


def rules_in_force(kind_code: str, on: dt.date) -> list[ServiceAwardRule]:
    return list(ServiceAwardRule.objects.filter(kind__code=kind_code, in_force_from__lte=on)
                .filter(Q(in_force_to__isnull=True) | Q(in_force_to__gte=on)).select_related("award", "kind"))


def _periods(person: User, record: ServiceRecord | None, positions: list[PositionRecord], until: dt.date
             ) -> list[Period]:
    if not positions and record is not None:
        positions = [PositionRecord(person=person, title="", started_on=record.started_on)]
    out = []
    for position in positions:
        end = min(position.ended_on or until, until)
        if end < position.started_on:
            continue
        out.append(Period(position.title, position.level, position.started_on, end,
                          full_months(position.started_on, end)))
    return out


def _threshold(rule: ServiceAwardRule, female: bool) -> tuple[int, int | None]:
    """The rule's bounds in months for this person (a woman leader: two thirds, NĐ 152/2025 Điều 4 khoản 7)."""
    low, high = rule.min_years * 12, (rule.max_years * 12 if rule.max_years is not None else None)
    if female and rule.min_years_women is not None:
        low = rule.min_years_women * 12
    elif female and rule.women_leader_reduction and rule.level:
        low, high = low * 2 // 3, (high * 2 // 3 if high is not None else None)
    return low, high


def _matching(rules: list[ServiceAwardRule], months: int, female: bool) -> ServiceAwardRule | None:
    for rule in rules:
        low, high = _threshold(rule, female)
        if months >= low and (high is None or months < high):
            return rule
    return None


def candidates(cycle: Cycle, *, units: list[Unit] | None = None) -> list[Candidate]:
    """The people of the cycle's agency (or of ``units``) whom its loại hình suggests, with the award and why."""
    code = cycle.kind.code
    if code not in SERVICE_KINDS:
        return []
    on = reference_date(cycle)
    rules = rules_in_force(code, on)
    if not rules:
        return []
    people = User.objects.filter(unit__agency=cycle.agency).select_related("unit").order_by("unit__position",
                                                                                          "name_sort_key", "pk")
    if units is not None:
        people = people.filter(unit__in=units)
    people = list(people)
    ids = [p.pk for p in people]
    records = {r.person_id: r for r in ServiceRecord.objects.filter(person_id__in=ids)}
    positions: dict[int, list[PositionRecord]] = {}
    for position in PositionRecord.objects.filter(person_id__in=ids).order_by("started_on", "pk"):
        positions.setdefault(position.person_id, []).append(position)
    rule_awards = {rule.award_id for rule in rules}
    awarded = set(PastAward.objects.standing().filter(person_id__in=ids, award_id__in=rule_awards)
                  .values_list("person_id", flat=True))
    proposed = set(Line.objects.filter(cycle=cycle, person_id__in=ids, award_id__in=rule_awards)
                   .values_list("person_id", "award_id"))
    disciplines: dict[int, list[int]] = {}
    for person_id, year in Discipline.objects.filter(person_id__in=ids).values_list("person_id", "year"):
        disciplines.setdefault(person_id, []).append(year)
    out = []
    for person in people:
        if person.pk in awarded:
            continue  # rewarded already: NĐ 152/2025 Điều 9 khoản 2 điểm a ("mà chưa được khen thưởng")
        record = records.get(person.pk)
        female = bool(record and record.female)
        until = min(on, record.retires_on) if record and record.retires_on else on
        periods = _periods(person, record, positions.get(person.pk, []), until)
        if code == "CONG_HIEN":
            found = _cong_hien(rules, periods, female, record, disciplines.get(person.pk, []))
        else:
            found = _nien_han(rules, periods, female)
        if found is None:
            continue
        rule, months, level, counted = found
        out.append(Candidate(person=person, award=rule.award, rule=rule, months=months, level=level,
                             periods=counted, proposed=(person.pk, rule.award_id) in proposed))
    return out


def _nien_han(rules, periods, female):
    months = sum(p.months for p in periods)
    rule = _matching([r for r in rules if not r.level], months, female)
    return (rule, months, "", periods) if rule else None


def _cong_hien(rules, periods, female, record, discipline_years):
    if record is None or record.retires_on is None:
        return None  # NĐ 152/2025 Điều 9 khoản 2 điểm a: on a retirement notice or decision
    leading = [p for p in periods if p.level]
    if not leading:
        return None
    first, last = min(p.start for p in leading).year, max(p.end for p in leading).year
    if any(first <= year <= last for year in discipline_years):
        return None  # khoản 3: disciplined while holding the position
    carried, counted = 0, []
    for level in LEVEL_ORDER:
        at_level = [p for p in leading if p.level == level]
        counted += at_level
        months = carried + sum(p.months for p in at_level)
        rule = _matching([r for r in rules if r.level == level], months, female)
        if rule is not None:
            return rule, months, level, counted
        carried = months  # khoản 2 điểm b: added to the next lower level's time
    return None


def units_of(user: User, cycle: Cycle) -> list[Unit] | None:
    """The units whose candidates ``user`` reads: None for the whole agency (its leads, its auditor), the units
    they head otherwise (empty: none)."""
    if roles_here(user, cycle.agency) & AGENCY_WIDE:
        return None
    return [unit for unit in Unit.objects.filter(agency=cycle.agency)
            if Role.UNIT_HEAD in roles_here(user, unit)]


def get_service_cycle_for_user(user: User, pk: int) -> Cycle:
    """A cống hiến or niên hạn cycle the person reads candidates of; missing, forbidden or of another kind: 404."""
    cycle = get_cycle_for_user(user, pk)
    if cycle.kind.code not in SERVICE_KINDS:
        raise Http404
    units = units_of(user, cycle)
    if units is not None and not units:
        raise Http404
    return cycle


def candidates_for_user(user: User, cycle: Cycle) -> list[Candidate]:
    return candidates(cycle, units=units_of(user, cycle))
