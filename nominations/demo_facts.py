"""Demo registries for a lawful year: the facts that let proposed lines meet their titles' criteria.

``simulate_cycle`` and the tests propose lines for people of the demo organisation; since the
eligibility verdicts gate every step (``services.gates``), a line passes only when the registries
hold what its rule set asks — a duty rating, a service start, a sáng kiến with its recognition
decision, the earlier titles of a streak, enough LĐTT in the agency for a CSTĐCS under the cap.
``facts_record`` reads the criteria of each line's title in the year's rule set and records those
facts through the registry services (history and audit as an officer's entry would), so the same
code adapts when an administrator changes a rule. It is demo data: nothing here runs in a real
agency's flow. What it cannot make true (a discipline already on record) it leaves as it is, and
the gate then refuses the line, as it should.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from accounts.models import Unit, User

from . import services
from .eligibility.rulesets import rule_set_for
from .models import (
    AchievementReport,
    AttachmentKind,
    Award,
    Criterion,
    Dossier,
    DutyRating,
    Initiative,
    PaperKind,
    PastAward,
    PersonYearRecord,
    RequiredPaper,
    ServiceRecord,
    TitleCriterion,
    UnitYearRecord,
)

ISSUER = "Thủ trưởng cơ quan"


class _Recorder:
    def __init__(self, year: int, lines: Sequence[tuple[User | Unit, str]]) -> None:
        self.year = year
        self.proposed = {(self._key(nominee), code) for nominee, code in lines}
        self.awards = {a.code: a for a in Award.objects.all()}
        self.needs_document: set[int] = set()

    @staticmethod
    def _key(nominee: User | Unit) -> tuple[str, int]:
        return ("unit", nominee.pk) if isinstance(nominee, Unit) else ("person", nominee.pk)

    def holds(self, nominee: User | Unit, code: str, year: int) -> bool:
        if year == self.year and (self._key(nominee), code) in self.proposed:
            return True
        target = {"unit": nominee} if isinstance(nominee, Unit) else {"person": nominee}
        return PastAward.objects.standing().filter(award__code=code, year=year, **target).exists()

    def award(self, nominee: User | Unit, code: str, year: int) -> None:
        if self.holds(nominee, code, year):
            return
        target = {"unit": nominee} if isinstance(nominee, Unit) else {"person": nominee}
        services.past_award_record(actor=None, award=self.awards[code], year=year, issuer=ISSUER,
                                   decision_number=f"{year % 100:02d}/QĐ-DEMO", decision_date=dt.date(year, 12, 28),
                                   **target)

    def rating(self, nominee: User | Unit, year: int) -> None:
        """Rated "hoàn thành xuất sắc" (it meets every rating threshold), never absent, no sanction."""
        if isinstance(nominee, Unit):
            if not UnitYearRecord.objects.filter(unit=nominee, year=year, rating=DutyRating.EXCELLENT).exists():
                services.unit_year_record_save(actor=None, unit=nominee, year=year, rating=DutyRating.EXCELLENT)
            return
        if not PersonYearRecord.objects.filter(person=nominee, year=year, rating=DutyRating.EXCELLENT,
                                               absent_days=0, administrative_sanction=False).exists():
            services.person_year_record_save(actor=None, person=nominee, year=year, rating=DutyRating.EXCELLENT)

    def service(self, person: User) -> None:
        if not ServiceRecord.objects.filter(person=person).exists():
            services.service_record_save(actor=None, person=person, started_on=dt.date(self.year - 6, 3, 1))

    def initiatives(self, person: User, count: int, window: int, scope: str) -> None:
        first = self.year - window + 1
        have = Initiative.objects.filter(authors=person, scope=scope, decision_date__year__gte=first,
                                         decision_date__year__lte=self.year).exclude(decision_number="").count()
        for index in range(have, count):
            year = self.year - (index % window)
            services.initiative_record(
                actor=None,
                title=f"Cải tiến quy trình {index + 1} ({scope}) năm {year} — {person.full_name} ({person.username})",
                authors=[person], decision_date=dt.date(year, 11, 20), scope=scope,
                decision_number=f"{index + 1:02d}/QĐ-HĐSK", issuer="Hội đồng sáng kiến")

    def members(self, unit: Unit) -> list[User]:
        return list(unit.members.filter(is_active=True).order_by("pk"))

    def members_holding(self, unit: Unit, code: str, need: int) -> None:
        """``need`` members hold ``code`` this year in the registry, whatever else the cycle proposes
        (a member's line may be added or dropped later): recorded for members not proposed for it."""
        members = self.members(unit)
        proposed = {pk for (kind, pk), title in self.proposed if kind == "person" and title == code}
        holding = [m for m in members if m.pk not in proposed and self.holds(m, code, self.year)]
        free = [m for m in members if m.pk not in proposed and m not in holding]
        for member in free[: max(0, need - len(holding))]:
            self.award(member, code, self.year)

    def agency_base(self, agency_id: int, code: str, base_code: str, pct) -> None:
        """Enough holders of ``base_code`` in the agency this year for its ``code`` holders to stay within
        ``pct`` % (e.g. 15 % CSTĐCS of LĐTT): LĐTT recorded for people not proposed for it."""
        people = list(User.objects.filter(unit__agency_id=agency_id, is_active=True).order_by("pk"))
        count = sum(1 for p in people if self.holds(p, code, self.year))
        needed = math.ceil(count * 100 / pct) if pct else 0
        base = [p for p in people if self.holds(p, base_code, self.year)]
        for person in [p for p in people if p not in base][: max(0, needed - len(base))]:
            self.award(person, base_code, self.year)


def _meet(rec: _Recorder, nominee: User | Unit, row: TitleCriterion, index: int) -> None:
    code, value, option = row.criterion, row.value, row.option
    n = int(value or 0)
    person = None if isinstance(nominee, Unit) else nominee
    if code in (Criterion.RATING_AT_LEAST, Criterion.ABSENT_DAYS, Criterion.NO_ADMIN_SANCTION):
        rec.rating(nominee, rec.year)
    elif code == Criterion.SERVICE_MONTHS and person is not None:
        rec.service(person)
    elif code == Criterion.SAME_CYCLE_TITLE:
        rec.award(nominee, option, rec.year)
    elif code == Criterion.INITIATIVES and person is not None:
        rec.initiatives(person, n, row.years or 1, option)
    elif code == Criterion.TITLE_STREAK:
        for year in range(rec.year - n + 1, rec.year + 1):
            rec.award(nominee, option, year)
    elif code == Criterion.RATING_STREAK:
        for year in range(rec.year - n + 1, rec.year + 1):
            rec.rating(nominee, year)
    elif code == Criterion.AWARD_COUNT:
        for year in range(rec.year - 1, rec.year - 1 - n, -1):
            rec.award(nominee, option, year)
    elif code in (Criterion.MEMBER_TITLE_RATIO_ABOVE, Criterion.MEMBER_TITLE_RATIO_AT_LEAST) and person is None:
        total = len(rec.members(nominee))
        rec.members_holding(nominee, option, math.floor(total * float(value) / 100) + 1)
    elif code == Criterion.MEMBER_TITLE_COUNT and person is None:
        rec.members_holding(nominee, option, n)
    elif code == Criterion.MEMBER_RATING_RATIO and person is None:
        for member in rec.members(nominee):
            rec.rating(member, rec.year)
    elif code == Criterion.DOCUMENT:
        rec.needs_document.add(index)


def facts_record(*, year: int, lines: Sequence[tuple[User | Unit, str]]) -> set[int]:
    """Record what each (nominee, title code) line needs to meet its title's criteria in ``year``.

    Returns the indexes of the lines that also need a paper attached (a "document" criterion: the
    system cannot record it, the unit attaches it).
    """
    rule_set = rule_set_for(year)
    rules = {rule.award.code: rule for rule in rule_set.title_rules.all()}
    rec = _Recorder(year, lines)
    for index, (nominee, code) in enumerate(lines):
        rule = rules.get(code)
        if rule is None:
            continue
        kind = "collective" if isinstance(nominee, Unit) else "person"
        for row in rule.criteria.all():
            if row.nominee_kind in ("both", kind):
                _meet(rec, nominee, row, index)
    # Last, as what was recorded above (a streak's CSTĐCS of this year) counts too: every agency of
    # the lines stays within the caps of the rule set (e.g. CSTĐCS ≤ 15 % of its LĐTT).
    agencies = {nominee.agency_id if isinstance(nominee, Unit) else nominee.unit.agency_id for nominee, _code in lines}
    for rule in rules.values():
        for row in rule.criteria.all():
            if row.criterion == Criterion.AGENCY_CAP:
                for agency_id in agencies:
                    rec.agency_base(agency_id, rule.award.code, row.option, row.value)
    return rec.needs_document



# A one-page PDF (the content check of uploads reads its signature): the demo's stand-in for a scanned paper.
DEMO_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def papers_record(*, dossier: Dossier, actor: User | None = None) -> None:
    """The papers the dossier's lines need before it is sent (``services.gates.papers_missing``), made as the
    unit would: each line's báo cáo thành tích written from what the registries know and confirmed by the unit
    head (its PDF rendered by a worker after commit, or at the latest by the submission), the unit's bình xét
    minutes, and a file for each supporting paper of the rule set (e.g. the sáng kiến recognition). What is
    already there is kept. Call it after the lines are added."""
    from .services.gates import papers_missing  # noqa: PLC0415 - demo code; the gates import the models only
    from .services.papers import achievement_report_confirm, achievement_report_save, report_prefill  # noqa: PLC0415

    head = actor or dossier.created_by
    lines = list(dossier.lines.select_related("person__unit", "unit", "award", "cycle", "dossier__unit"))
    if not dossier.attachments.filter(line=None, kind=AttachmentKind.MINUTES).exists():
        services.attachment_add(actor=head, dossier=dossier, kind=AttachmentKind.MINUTES,
                                filename="bien-ban-binh-xet-cua-don-vi.pdf", content=DEMO_PDF)
    if not lines:
        return
    missing = papers_missing(cycle=dossier.cycle, lines=lines)
    rule_set = rule_set_for(dossier.cycle.year)
    for line in lines:
        if line.pk not in missing:
            continue
        report = AchievementReport.objects.filter(line=line).first()
        if report is None or not report.confirmed:
            if report is None:
                values = report_prefill(line)
                if line.person_id:
                    values.update(duties=f"Công chức {line.dossier.unit.name}; thực hiện nhiệm vụ được phân công.",
                                  qualification="Đại học", hometown="Quảng Ngãi")
                achievement_report_save(actor=head, line=line, **values)
            achievement_report_confirm(actor=head, line=line)
        kind = "person" if line.person_id else "collective"
        attached = set(line.attachments.exclude(paper=None).values_list("paper_id", flat=True))
        for paper in RequiredPaper.objects.filter(title_rule__rule_set=rule_set, title_rule__award=line.award,
                                                  kind=PaperKind.SUPPORTING):
            if paper.applies_to(kind) and paper.pk not in attached:
                services.attachment_add(actor=head, dossier=dossier, kind=AttachmentKind.SUPPORTING, line=line,
                                        paper=paper, filename=f"giay-to-{paper.pk}-{line.pk}.pdf", content=DEMO_PDF)
