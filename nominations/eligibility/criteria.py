"""The criteria: small, named functions, one per ``Criterion`` code, each naming its article.

Each takes the ``Context`` of one line and the ``TitleCriterion`` row holding its parameters
(admin-editable data of the rule set) and returns one ``Verdict`` whose facts say what was
used, e.g. "3 năm liên tục CSTĐCS: 2021, 2022 — thiếu 2023". The article printed is the row's
own ``article`` (it changes with the rule set); the docstrings name the article of the current
law and of the law it replaced.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation

from nominations.models import (
    DISCIPLINE_RANK,
    RATING_RANK,
    SCOPE_RANK,
    Criterion,
    DisciplineLevel,
    DutyRating,
    InitiativeScope,
    TitleCriterion,
)

from . import calc
from .facts import FactBook
from .types import PERSON, UNIT, NomineeKey, Outcome, ProposedLine, Verdict

# gettext costs more than a criterion; check_many translates each message once per language.
_language: ContextVar[str | None] = ContextVar("eligibility_language", default=None)
_memo: dict[tuple[str, str], str] = {}


def _(message: str) -> str:
    language = _language.get()
    if language is None:
        return translation.gettext(message)
    key = (language, message)
    text = _memo.get(key)
    if text is None:
        text = _memo[key] = translation.gettext(message)
    return text


def _label(choice) -> str:
    """The label of a TextChoices member in the active language, memoised like ``_``."""
    language = _language.get()
    if language is None:
        return str(choice.label)
    key = (language, f"{type(choice).__name__}:{choice.value}")
    text = _memo.get(key)
    if text is None:
        text = _memo[key] = str(choice.label)
    return text


@contextlib.contextmanager
def translating() -> Iterator[None]:
    """For a batch of checks: memoise translations in the language active when it starts."""
    token = _language.set(translation.get_language() or "")
    try:
        yield
    finally:
        _language.reset(token)


RATINGS = frozenset(DutyRating.values)
LEVELS = frozenset(DisciplineLevel.values)


def vn_date(value: dt.date) -> str:
    """"ngày 05 tháng 02 năm 2024": day below 10 and months 1–2 zero-padded (Nghị định 30/2020)."""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return _("ngày %(day)s tháng %(month)s năm %(year)s") % {
        "day": f"{value.day:02d}", "month": month, "year": value.year}


def vn_number(value: Decimal | int) -> str:
    """15 → "15", Decimal("66.67") → "66,67"."""
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")


def years_text(years: Iterable[int]) -> str:
    return ", ".join(str(y) for y in sorted(years))


class Cycle:
    """The lines proposed in the same cycle, indexed for prerequisites, ratios and caps."""

    def __init__(self, lines: Iterable[ProposedLine], facts: FactBook) -> None:
        self.held: set[tuple[NomineeKey, str]] = {(line.key, line.title_code) for line in lines}
        self._facts = facts
        self._holders: dict[tuple[int | None, str], set[NomineeKey]] = defaultdict(set)
        for key, code in self.held:
            self._holders[(facts.agency_of(key), code)].add(key)

    def has(self, key: NomineeKey, code: str) -> bool:
        return (key, code) in self.held

    def holders_in_agency(self, agency: int | None, code: str) -> set[NomineeKey]:
        """Who holds ``code`` in the agency for the cycle's year: decided (the registry) or proposed
        in this cycle, each counted once."""
        return self._holders[(agency, code)] | self._facts.agency_awards.get((agency, code), set())

    def count_in_agency(self, agency: int | None, code: str) -> int:
        return len(self.holders_in_agency(agency, code))

    def count_with(self, agency: int | None, code: str, key: NomineeKey) -> int:
        """``count_in_agency`` with ``key`` counted among the holders (once, whether or not it is already)."""
        return len(self.holders_in_agency(agency, code) | {key})


@dataclass
class Context:
    key: NomineeKey
    year: int
    award_code: str
    facts: FactBook
    cycle: Cycle
    short_names: dict[str, str]

    def title(self, code: str) -> str:
        return self.short_names.get(code, code)

    def holds(self, key: NomineeKey, code: str, year: int) -> bool:
        """Recognised that year in the registry, or proposed in this cycle for the cycle's year."""
        if year == self.year and self.cycle.has(key, code):
            return True
        return year in self.facts.award_years(key, code)

    def held_years(self, key: NomineeKey, code: str) -> set[int]:
        years = self.facts.award_years(key, code)
        if self.cycle.has(key, code):
            years = years | {self.year}
        return years

    def members(self) -> list[int]:
        return self.facts.members.get(self.key[1], []) if self.key[0] == UNIT else []


CriterionFn = Callable[[Context, TitleCriterion], Verdict]
CRITERIA: dict[str, CriterionFn] = {}


def criterion(code: str) -> Callable[[CriterionFn], CriterionFn]:
    def register(fn: CriterionFn) -> CriterionFn:
        CRITERIA[code] = fn
        return fn

    return register


def _verdict(row: TitleCriterion, rule: str, outcome: Outcome, facts: str) -> Verdict:
    return Verdict(criterion=row.criterion, rule=rule, article=row.article, outcome=outcome, facts=facts)


def _rating_label(code: str) -> str:
    return _label(DutyRating(code)) if code in RATINGS else code


def _int(value: Decimal | None, default: int = 0) -> int:
    return int(value) if value is not None else default


@criterion(Criterion.RATING_AT_LEAST)
def rating_at_least(ctx: Context, row: TitleCriterion) -> Verdict:
    """Duty rating of the year: LĐTT "hoàn thành tốt nhiệm vụ trở lên" (Luật 2022 Art 24(1)(a);
    Luật 2003 Art 24); TTLĐTT, TTLĐXS of the unit (Luật 2022 Art 28, 27)."""
    rule = _("Xếp loại năm %(year)s từ mức “%(rating)s” trở lên") % {
        "year": ctx.year, "rating": _rating_label(row.option)}
    record = ctx.facts.years.get(ctx.key, {}).get(ctx.year)
    if record is None:
        return _verdict(row, rule, Outcome.WARNING,
                        _("Chưa có kết quả đánh giá, xếp loại năm %(year)s.") % {"year": ctx.year})
    facts = _("Năm %(year)s: %(rating)s.") % {"year": ctx.year, "rating": _rating_label(record.rating)}
    ok = RATING_RANK.get(record.rating, 0) >= RATING_RANK[row.option]
    return _verdict(row, rule, Outcome.PASS if ok else Outcome.FAIL, facts)


@criterion(Criterion.SERVICE_MONTHS)
def service_months(ctx: Context, row: TitleCriterion) -> Verdict:
    """Not considered when employed less than N months in the year (domain §3 [P]; Luật 2022
    Art 24 read with the agencies' review guidelines)."""
    need = _int(row.value, 10)
    rule = _("Thời gian công tác trong năm từ %(months)s tháng trở lên") % {"months": need}
    started = ctx.facts.service_start.get(ctx.key[1])
    if started is None:
        return _verdict(row, rule, Outcome.WARNING, _("Chưa có ngày bắt đầu công tác để tính thời gian."))
    months = calc.months_of_service(started, ctx.year)
    facts = _("Bắt đầu công tác %(date)s: %(months)s tháng đến hết năm %(year)s.") % {
        "date": vn_date(started), "months": months, "year": ctx.year}
    return _verdict(row, rule, Outcome.PASS if months >= need else Outcome.FAIL, facts)


@criterion(Criterion.ABSENT_DAYS)
def absent_days(ctx: Context, row: TitleCriterion) -> Verdict:
    """Not considered when absent N (40) working days or more in the year, maternity leave
    excepted (domain §3 [P], a rule-set switch)."""
    limit = _int(row.value, 40)
    rule = _("Nghỉ dưới %(days)s ngày làm việc trong năm (trừ nghỉ thai sản)") % {"days": limit}
    record = ctx.facts.years.get(ctx.key, {}).get(ctx.year)
    if record is None:
        return _verdict(row, rule, Outcome.WARNING,
                        _("Chưa có số ngày nghỉ năm %(year)s.") % {"year": ctx.year})
    counted = record.absent_days - record.maternity_leave_days
    facts = _("Nghỉ %(counted)s ngày (tổng %(total)s ngày, trong đó %(maternity)s ngày thai sản).") % {
        "counted": counted, "total": record.absent_days, "maternity": record.maternity_leave_days}
    return _verdict(row, rule, Outcome.PASS if counted < limit else Outcome.FAIL, facts)


def _blocking(disciplines: Iterable, year: int, lowest: str) -> list:
    floor = DISCIPLINE_RANK[lowest]
    return [d for d in disciplines if d.year == year and DISCIPLINE_RANK.get(d.level, 0) >= floor]


def _discipline_text(d) -> str:
    label = _label(DisciplineLevel(d.level)) if d.level in LEVELS else d.level
    if d.decision_number:
        return _("%(level)s năm %(year)s (QĐ số %(number)s)") % {
            "level": label, "year": d.year, "number": d.decision_number}
    return _("%(level)s năm %(year)s") % {"level": label, "year": d.year}


@criterion(Criterion.NO_DISCIPLINE)
def no_discipline(ctx: Context, row: TitleCriterion) -> Verdict:
    """Not disciplined in the year at the given level or above (khiển trách for persons: domain §3
    [P]); discipline of an earlier year does not block the year under review."""
    lowest = row.option or DisciplineLevel.REPRIMAND
    rule = _("Không bị kỷ luật từ hình thức %(level)s trở lên trong năm %(year)s") % {
        "level": _label(DisciplineLevel(lowest)).lower(), "year": ctx.year}
    records = ctx.facts.disciplines.get(ctx.key[1], [])
    blocking = _blocking(records, ctx.year, lowest)
    if blocking:
        return _verdict(row, rule, Outcome.FAIL, _("Bị kỷ luật: %(list)s.") % {
            "list": "; ".join(_discipline_text(d) for d in blocking)})
    earlier = [d for d in records if d.year < ctx.year]
    if earlier:
        facts = _("Không bị kỷ luật trong năm %(year)s (kỷ luật các năm trước không tính: %(list)s).") % {
            "year": ctx.year, "list": "; ".join(_discipline_text(d) for d in earlier)}
    else:
        facts = _("Không có quyết định kỷ luật nào trong năm %(year)s.") % {"year": ctx.year}
    return _verdict(row, rule, Outcome.PASS, facts)


@criterion(Criterion.NO_ADMIN_SANCTION)
def no_administrative_sanction(ctx: Context, row: TitleCriterion) -> Verdict:
    """Not considered while under an administrative sanction in the year (domain §3 [P])."""
    rule = _("Không bị xử phạt vi phạm hành chính trong năm %(year)s") % {"year": ctx.year}
    record = ctx.facts.years.get(ctx.key, {}).get(ctx.year)
    if record is not None and record.administrative_sanction:
        return _verdict(row, rule, Outcome.FAIL,
                        _("Có ghi nhận bị xử phạt vi phạm hành chính năm %(year)s.") % {"year": ctx.year})
    return _verdict(row, rule, Outcome.PASS,
                    _("Không có ghi nhận xử phạt vi phạm hành chính năm %(year)s.") % {"year": ctx.year})


@criterion(Criterion.PLEDGE_REGISTERED)
def pledge_registered(ctx: Context, row: TitleCriterion) -> Verdict:
    """Not considered when not registered for emulation (domain §3 [P], §6). Read from the accepted
    pledge registrations (``nominations.eligibility.pledges``); not found is a warning, never a failure."""
    rule = _("Có đăng ký thi đua năm %(year)s") % {"year": ctx.year}
    registered = ctx.facts.pledges.get(ctx.key)
    if registered is None:
        return _verdict(row, rule, Outcome.WARNING, _(
            "Chưa có dữ liệu đăng ký thi đua trong hệ thống (phân hệ đăng ký thi đua chưa cung cấp); "
            "thường trực kiểm tra bản đăng ký giấy."))
    if registered:
        return _verdict(row, rule, Outcome.PASS, _("Có đăng ký thi đua năm %(year)s.") % {"year": ctx.year})
    return _verdict(row, rule, Outcome.WARNING,
                    _("Không tìm thấy đăng ký thi đua năm %(year)s.") % {"year": ctx.year})


@criterion(Criterion.SAME_CYCLE_TITLE)
def same_cycle_title(ctx: Context, row: TitleCriterion) -> Verdict:
    """A prerequisite title of the same year: CSTĐCS needs the LĐTT standard (Luật 2022 Art
    21(3)(a); Luật 2003 Art 23), TTLĐXS needs TTLĐTT (Luật 2022 Art 27), either proposed in the
    same cycle or already recognised."""
    code = row.option
    rule = _("Đạt danh hiệu %(title)s năm %(year)s") % {"title": ctx.title(code), "year": ctx.year}
    if ctx.cycle.has(ctx.key, code):
        return _verdict(row, rule, Outcome.PASS, _("Có đề nghị %(title)s năm %(year)s trong cùng đợt.") % {
            "title": ctx.title(code), "year": ctx.year})
    decided = [a for a in ctx.facts.awards.get(ctx.key, ()) if a.code == code and a.year == ctx.year]
    if decided:
        return _verdict(row, rule, Outcome.PASS, _("Đã được công nhận %(title)s năm %(year)s (QĐ số %(number)s).")
                        % {"title": ctx.title(code), "year": ctx.year, "number": decided[0].decision_number})
    return _verdict(row, rule, Outcome.FAIL, _(
        "Không có đề nghị %(title)s năm %(year)s trong cùng đợt và chưa được công nhận %(title)s năm %(year)s."
    ) % {"title": ctx.title(code), "year": ctx.year})


@criterion(Criterion.INITIATIVES)
def initiatives(ctx: Context, row: TitleCriterion) -> Verdict:
    """Recognised sáng kiến: CSTĐCS one at base level (Luật 2022 Art 21(3)(b); Luật 2003 Art 23),
    CSTĐ tỉnh one applied province-wide (Art 21(2)(b)), CSTĐ toàn quốc nation-wide (Art 21(1)),
    Bằng khen 2 or 5 applied (domain §3 [P]). A sáng kiến without its recognition decision number
    counts but the dossier needs that decision."""
    need = _int(row.value, 1)
    window = row.years or 1
    scope = row.option or InitiativeScope.BASE
    first = ctx.year - window + 1
    period = (_("năm %(year)s") % {"year": ctx.year} if window == 1
              else _("các năm %(first)s–%(last)s") % {"first": first, "last": ctx.year})
    rule = _("Có %(count)s sáng kiến phạm vi %(scope)s trở lên được công nhận trong %(period)s") % {
        "count": need, "scope": _label(InitiativeScope(scope)).lower(), "period": period}
    mine = [i for i in ctx.facts.initiatives.get(ctx.key[1], []) if first <= i.year <= ctx.year]
    counted = sorted((i for i in mine if SCOPE_RANK[i.scope] >= SCOPE_RANK[scope]),
                     key=lambda i: (not i.decision_number, -i.year, i.title))
    listing = "; ".join(
        f"“{i.title}” ({_label(InitiativeScope(i.scope)).lower()}, "
        f"{_('QĐ số %(number)s') % {'number': i.decision_number} if i.decision_number else _('chưa có số QĐ')}, "
        f"{i.year})" for i in counted)
    if len(counted) < need:
        lower = [i for i in mine if i not in counted]
        facts = _("Có %(have)s/%(need)s sáng kiến đủ phạm vi") % {"have": len(counted), "need": need}
        if listing:
            facts += f": {listing}"
        if lower:
            facts += _(" (phạm vi thấp hơn, không tính: %(list)s)") % {"list": "; ".join(f"“{i.title}”" for i in lower)}
        if scope == InitiativeScope.BASE:
            facts += _("; một đề tài nghiên cứu khoa học đã nghiệm thu cũng được tính nhưng hệ thống chưa theo dõi: "
                       "nếu có, kèm biên bản nghiệm thu")
        return _verdict(row, rule, Outcome.FAIL, facts + ".")
    if any(not i.decision_number for i in counted[:need]):
        return _verdict(row, rule, Outcome.NEEDS_DOCUMENT,
                        _("%(list)s — cần quyết định công nhận sáng kiến trong hồ sơ.") % {"list": listing})
    return _verdict(row, rule, Outcome.PASS, listing + ".")


def _streak_facts(length: int, what: str, got: list[int], missing: list[int]) -> str:
    head = _("%(length)s năm liên tục %(what)s") % {"length": length, "what": what}
    have = years_text(got) if got else _("chưa năm nào")
    if missing:
        return _("%(head)s: %(have)s — thiếu %(missing)s.") % {"head": head, "have": have,
                                                                "missing": years_text(missing)}
    return f"{head}: {have}."


@criterion(Criterion.TITLE_STREAK)
def title_streak(ctx: Context, row: TitleCriterion) -> Verdict:
    """N consecutive years of a title ending in the year under review: CSTĐ tỉnh among those with
    3 consecutive CSTĐCS (Luật 2022 Art 21(2)(a); Luật 2003 Art 22)."""
    length = _int(row.value, 1)
    code = row.option
    rule = _("%(length)s năm liên tục đạt %(title)s") % {"length": length, "title": ctx.title(code)}
    got, missing = calc.streak_window(ctx.held_years(ctx.key, code), ctx.year, length)
    return _verdict(row, rule, Outcome.FAIL if missing else Outcome.PASS,
                    _streak_facts(length, ctx.title(code), got, missing))


@criterion(Criterion.RATING_STREAK)
def rating_streak(ctx: Context, row: TitleCriterion) -> Verdict:
    """N consecutive years rated at least a level, ending in the year under review: Bằng khen of
    the Chủ tịch UBND tỉnh 2 years "hoàn thành xuất sắc", Bằng khen Thủ tướng 5 years (Luật 2022
    Art 74, 73; domain §3 [P])."""
    length = _int(row.value, 1)
    floor = RATING_RANK[row.option]
    label = _rating_label(row.option).lower()
    rule = _("%(length)s năm liên tục %(rating)s") % {"length": length, "rating": label}
    years = {y for y, rec in ctx.facts.years.get(ctx.key, {}).items() if RATING_RANK.get(rec.rating, 0) >= floor}
    got, missing = calc.streak_window(years, ctx.year, length)
    return _verdict(row, rule, Outcome.FAIL if missing else Outcome.PASS, _streak_facts(length, label, got, missing))


@criterion(Criterion.AWARD_COUNT)
def award_count(ctx: Context, row: TitleCriterion) -> Verdict:
    """Already holds an earlier award: Bằng khen Thủ tướng needs an earlier Bằng khen of the
    province (domain §3 [P]); CSTĐ toàn quốc 2 CSTĐ tỉnh (Luật 2022 Art 21(1))."""
    need = _int(row.value, 1)
    code = row.option
    first = ctx.year - row.years if row.years else None
    if first is None:
        rule = _("Đã được tặng %(title)s ít nhất %(count)s lần trước năm %(year)s") % {
            "title": ctx.title(code), "count": need, "year": ctx.year}
    else:
        rule = _("Đã được tặng %(title)s ít nhất %(count)s lần trong %(first)s–%(last)s") % {
            "title": ctx.title(code), "count": need, "first": first, "last": ctx.year - 1}
    found = sorted((a for a in ctx.facts.awards.get(ctx.key, ())
                    if a.code == code and a.year < ctx.year and (first is None or a.year >= first)),
                   key=lambda a: a.year)
    if found:
        facts = _("Đã được tặng năm %(list)s.") % {"list": ", ".join(
            f"{a.year} (QĐ số {a.decision_number})" if a.decision_number else str(a.year) for a in found)}
    else:
        facts = _("Chưa được tặng %(title)s.") % {"title": ctx.title(code)}
    return _verdict(row, rule, Outcome.PASS if len(found) >= need else Outcome.FAIL, facts)


def _no_members(ctx: Context, row: TitleCriterion, rule: str) -> Verdict:
    return _verdict(row, rule, Outcome.FAIL, _("Đơn vị chưa có thành viên nào trong hệ thống."))


def _member_title_ratio(ctx: Context, row: TitleCriterion, *, strict: bool) -> Verdict:
    pct = row.value if row.value is not None else Decimal(50)
    code = row.option
    if strict:
        rule = _("Trên %(pct)s %% thành viên đạt %(title)s năm %(year)s")
    else:
        rule = _("Từ %(pct)s %% thành viên trở lên đạt %(title)s năm %(year)s")
    rule = rule % {"pct": vn_number(pct), "title": ctx.title(code), "year": ctx.year}
    members = ctx.members()
    if not members:
        return _no_members(ctx, row, rule)
    part = sum(1 for pk in members if ctx.holds((PERSON, pk), code, ctx.year))
    ok = calc.ratio_meets(part, len(members), pct, strict=strict)
    facts = _("%(part)s/%(whole)s thành viên đạt %(title)s năm %(year)s = %(ratio)s %%.") % {
        "part": part, "whole": len(members), "title": ctx.title(code), "year": ctx.year,
        "ratio": vn_number(calc.percent(part, len(members)))}
    return _verdict(row, rule, Outcome.PASS if ok else Outcome.FAIL, facts)


@criterion(Criterion.MEMBER_TITLE_RATIO_ABOVE)
def member_title_ratio_above(ctx: Context, row: TitleCriterion) -> Verdict:
    """TTLĐTT: more than 50 % of members are LĐTT (Luật 2022 Art 28(1)(c); Luật 2003 Art 28);
    exactly 50 % is not enough."""
    return _member_title_ratio(ctx, row, strict=True)


@criterion(Criterion.MEMBER_TITLE_RATIO_AT_LEAST)
def member_title_ratio_at_least(ctx: Context, row: TitleCriterion) -> Verdict:
    """TTLĐXS: at least 70 % of members are LĐTT (Luật 2022 Art 27(1)(c); Luật 2003 Art 27);
    exactly 70 % is enough."""
    return _member_title_ratio(ctx, row, strict=False)


@criterion(Criterion.MEMBER_RATING_RATIO)
def member_rating_ratio(ctx: Context, row: TitleCriterion) -> Verdict:
    """TTLĐXS: 100 % of members complete their duties (Luật 2022 Art 27(1)(c); Luật 2003 Art 27)."""
    pct = row.value if row.value is not None else Decimal(100)
    floor = RATING_RANK[row.option]
    rule = _("Ít nhất %(pct)s %% thành viên xếp loại từ “%(rating)s” năm %(year)s") % {
        "pct": vn_number(pct), "rating": _rating_label(row.option), "year": ctx.year}
    members = ctx.members()
    if not members:
        return _no_members(ctx, row, rule)
    records = [ctx.facts.years.get((PERSON, pk), {}).get(ctx.year) for pk in members]
    part = sum(1 for r in records if r is not None and RATING_RANK.get(r.rating, 0) >= floor)
    unknown = sum(1 for r in records if r is None)
    ok = calc.ratio_meets(part, len(members), pct, strict=False)
    facts = _("%(part)s/%(whole)s thành viên = %(ratio)s %%") % {
        "part": part, "whole": len(members), "ratio": vn_number(calc.percent(part, len(members)))}
    if unknown:
        facts += _(" (%(n)s thành viên chưa có kết quả đánh giá)") % {"n": unknown}
    return _verdict(row, rule, Outcome.PASS if ok else Outcome.FAIL, facts + ".")


@criterion(Criterion.MEMBER_TITLE_COUNT)
def member_title_count(ctx: Context, row: TitleCriterion) -> Verdict:
    """TTLĐXS: at least one member is CSTĐCS (Luật 2003 Art 27; domain §3 [P])."""
    need = _int(row.value, 1)
    code = row.option
    rule = _("Có ít nhất %(count)s thành viên đạt %(title)s năm %(year)s") % {
        "count": need, "title": ctx.title(code), "year": ctx.year}
    members = ctx.members()
    holders = [pk for pk in members if ctx.holds((PERSON, pk), code, ctx.year)]
    names = ", ".join(ctx.facts.name((PERSON, pk)) for pk in holders)
    facts = _("%(count)s thành viên đạt %(title)s") % {"count": len(holders), "title": ctx.title(code)}
    facts += f": {names}." if names else "."
    return _verdict(row, rule, Outcome.PASS if len(holders) >= need else Outcome.FAIL, facts)


@criterion(Criterion.MEMBERS_NO_DISCIPLINE)
def members_no_discipline(ctx: Context, row: TitleCriterion) -> Verdict:
    """No member disciplined in the year at cảnh cáo or above (TTLĐTT: Luật 2022 Art 28(1)(d);
    TTLĐXS: Art 27(1)(d); Luật 2003 Art 27, 28)."""
    lowest = row.option or DisciplineLevel.WARNING
    rule = _("Không có thành viên bị kỷ luật từ hình thức %(level)s trở lên trong năm %(year)s") % {
        "level": _label(DisciplineLevel(lowest)).lower(), "year": ctx.year}
    found = []
    for pk in ctx.members():
        for d in _blocking(ctx.facts.disciplines.get(pk, []), ctx.year, lowest):
            found.append(f"{ctx.facts.name((PERSON, pk))}: {_discipline_text(d)}")
    if found:
        return _verdict(row, rule, Outcome.FAIL, _("Có thành viên bị kỷ luật: %(list)s.") % {"list": "; ".join(found)})
    return _verdict(row, rule, Outcome.PASS, _("Không thành viên nào (%(n)s người) bị kỷ luật ở mức này trong năm "
                                                 "%(year)s.") % {"n": len(ctx.members()), "year": ctx.year})


@criterion(Criterion.AGENCY_CAP)
def agency_cap(ctx: Context, row: TitleCriterion) -> Verdict:
    """Agency-wide cap, e.g. CSTĐCS no more than 15 % of the agency's LĐTT of the same year.

    Both sides count the agency's holders of the year: already decided (the awards registry) and
    proposed in this cycle, each person once; so a cycle's 12 CSTĐCS against 83 LĐTT is 14,5 %,
    not 12 against the two LĐTT lines that happen to be in the cycle. Over the cap the line is a
    "Lưu ý" (the council chooses which lines to keep); the approval refuses a result that breaches
    it (``services.gates.cap_gate``). The 15 % is a province's or ministry's own rule, not a
    decree's (docs/legal-basis.md, S13): the row's article says where it comes from."""
    pct = row.value if row.value is not None else Decimal(15)
    base_code = row.option
    rule = _("Số %(title)s không quá %(pct)s %% số %(base)s của cơ quan") % {
        "title": ctx.title(ctx.award_code), "pct": vn_number(pct), "base": ctx.title(base_code)}
    agency = ctx.facts.agency_of(ctx.key)
    if agency is None:
        return _verdict(row, rule, Outcome.WARNING, _("Không xác định được cơ quan của người được đề nghị."))
    count = ctx.cycle.count_with(agency, ctx.award_code, ctx.key)
    base = ctx.cycle.count_in_agency(agency, base_code)
    if base == 0:
        return _verdict(row, rule, Outcome.WARNING, _(
            "Cơ quan chưa có %(base)s nào năm %(year)s (đã quyết định hoặc đề nghị trong đợt) để tính tỷ lệ."
        ) % {"base": ctx.title(base_code), "year": ctx.year})
    allowed = calc.cap_allowed(base, pct)
    facts = _("Năm %(year)s cơ quan có %(count)s %(title)s trên %(base)s %(base_title)s (đã quyết định và đề nghị "
              "trong đợt) = %(ratio)s %% (tối đa %(allowed)s).") % {
        "year": ctx.year, "count": count, "title": ctx.title(ctx.award_code), "base": base,
        "base_title": ctx.title(base_code), "ratio": vn_number(calc.percent(count, base)), "allowed": allowed}
    return _verdict(row, rule, Outcome.PASS if count <= allowed else Outcome.WARNING, facts)


@criterion(Criterion.DOCUMENT)
def document(ctx: Context, row: TitleCriterion) -> Verdict:
    """A fact only a paper can prove (e.g. the bloc's vote for Cờ thi đua, Luật 2022 Art 26;
    the dossier of Art 84): the line needs that document."""
    rule = _("Hồ sơ có: %(document)s") % {"document": row.option}
    return _verdict(row, rule, Outcome.NEEDS_DOCUMENT,
                    _("Hệ thống không có dữ liệu này; cần kèm %(document)s.") % {"document": row.option})
