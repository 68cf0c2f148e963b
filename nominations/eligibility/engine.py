"""``check`` and ``check_many``: the verdicts of every criterion of a title for a nominee.

The flow of nominations (design §3.2) calls ``check_many`` with the cycle's lines; the check
page calls ``check`` for one nominee. Both read the registries once (``facts.load_facts``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from django.utils.translation import gettext as _

from accounts.models import Unit, User
from nominations.models import Award, Criterion, NomineeKind, RuleSet, TitleRule

from .criteria import CRITERIA, Context, Cycle, translating
from .facts import FactBook, load_facts
from .rulesets import rule_set_for
from .types import (
    PERSON,
    EligibilityError,
    NomineeKey,
    ProposedLine,
    Result,
    TitleNotForNominee,
    UnknownTitle,
    nominee_key,
)


def _kind(key: NomineeKey) -> str:
    return NomineeKind.PERSON if key[0] == PERSON else NomineeKind.COLLECTIVE


def _title_rule(rule_set: RuleSet, awards: dict[str, Award], code: str, key: NomineeKey,
                name: str) -> TitleRule:
    award = awards.get(code)
    if award is None or not award.is_active:
        raise UnknownTitle(_("Không có danh hiệu, hình thức khen thưởng mã “%(code)s”.") % {"code": code})
    if not award.accepts(_kind(key)):
        raise TitleNotForNominee(
            _("“%(award)s” chỉ xét tặng cho %(who)s, không xét cho %(nominee)s.")
            % {"award": award.name, "who": award.get_nominee_kind_display().lower(), "nominee": name}
        )
    rules = {r.award.code: r for r in rule_set.title_rules.all()}
    rule = rules.get(code)
    if rule is None:
        raise UnknownTitle(
            _("“%(award)s” chưa có quy tắc xét trong %(rule_set)s.") % {"award": award.name, "rule_set": rule_set.name}
        )
    return rule


# The criteria that weigh a year's results (the annual review, khen thưởng thường xuyên): not demanded of a line
# of a đột xuất or chuyên đề cycle, whose ground is the deed or the movement's results (NĐ 152/2025 Điều 3
# khoản 3, Điều 4 khoản 3; legal-basis §19). Discipline and sanctions stay (Điều 4 khoản 4).
ANNUAL_ONLY = frozenset({
    Criterion.RATING_AT_LEAST, Criterion.SERVICE_MONTHS, Criterion.ABSENT_DAYS, Criterion.PLEDGE_REGISTERED,
    Criterion.SAME_CYCLE_TITLE, Criterion.INITIATIVES, Criterion.TITLE_STREAK, Criterion.RATING_STREAK,
    Criterion.MEMBER_TITLE_RATIO_ABOVE, Criterion.MEMBER_TITLE_RATIO_AT_LEAST, Criterion.MEMBER_RATING_RATIO,
    Criterion.MEMBER_TITLE_COUNT, Criterion.AGENCY_CAP,
})


def evaluate(*, key: NomineeKey, rule: TitleRule, year: int, facts: FactBook, cycle: Cycle,
             short_names: dict[str, str], nominee: User | Unit | None = None, annual: bool = True) -> Result:
    """Run every criterion of ``rule`` that applies to this kind of nominee; pure, no queries. ``annual``
    False: a đột xuất or chuyên đề line, without the criteria of the year's results (``ANNUAL_ONLY``)."""
    ctx = Context(key=key, year=year, award_code=rule.award.code, facts=facts, cycle=cycle, short_names=short_names)
    result = Result(nominee=nominee, award=rule.award, year=year, rule_set=rule.rule_set)
    kind = _kind(key)
    for row in rule.criteria.all():
        if row.nominee_kind not in (NomineeKind.BOTH, kind) or (not annual and row.criterion in ANNUAL_ONLY):
            continue
        result.verdicts.append(CRITERIA[row.criterion](ctx, row))
    return result


def _catalogue() -> tuple[dict[str, Award], dict[str, str]]:
    awards = {a.code: a for a in Award.objects.all()}
    return awards, {code: a.short_name or a.name for code, a in awards.items()}


def check_many(lines: Sequence[ProposedLine], year: int, *, same_cycle: Iterable[ProposedLine] | None = None,
               on: dt.date | None = None, report_errors: bool = False, annual: bool = True,
               stored_cycle: Callable[[FactBook, set], Cycle] | None = None) -> list[Result]:
    """Check every line of a cycle in a bounded number of queries (about a dozen, whatever the
    number of lines). ``same_cycle`` defaults to the lines themselves.

    ``stored_cycle`` (instead of ``same_cycle``): builds the cycle's other lines from the nominees' facts and
    keys, reading from the database only what the checks of these lines need (``services.gates.StoredCycle``),
    so that checking one line costs the same in a cycle of 50 lines or of 20,000.

    Raises ``EligibilityError`` (Vietnamese message) for a year without a rule set, an unknown
    title or a title the nominee's kind cannot receive; with ``report_errors`` a bad line gets a
    failing ``Result`` whose ``error`` says why, and the other lines are still checked.
    """
    rule_set = rule_set_for(year, on=on)
    awards, short_names = _catalogue()
    keys = {line.key for line in lines}
    if stored_cycle is not None:
        facts = load_facts(keys, year, (), registry_holders=False)
        cycle = stored_cycle(facts, keys)
    else:
        cycle_lines = list(lines if same_cycle is None else same_cycle)
        facts = load_facts(keys, year, cycle_lines)
        cycle = Cycle(cycle_lines, facts)
    results = []
    with translating():
        for line in lines:
            key = line.key
            try:
                rule = _title_rule(rule_set, awards, line.title_code, key, str(line.nominee))
            except EligibilityError as error:
                if not report_errors:
                    raise
                results.append(Result(nominee=line.nominee, award=awards.get(line.title_code), year=year,
                                      rule_set=rule_set, error=str(error)))
                continue
            results.append(evaluate(key=key, rule=rule, year=year, facts=facts, cycle=cycle,
                                    short_names=short_names, nominee=line.nominee, annual=annual))
    return results


def check(nominee: User | Unit, title: str | Award, year: int, *, same_cycle: Iterable[ProposedLine] = (),
          on: dt.date | None = None) -> Result:
    """The verdict of every criterion of ``title`` for ``nominee`` in ``year``.

    ``same_cycle``: the other lines proposed in the cycle (prerequisites, members' lines, caps).
    ``on``: the cycle's review date when it must not be 31 December of ``year`` (see rulesets).
    """
    code = title.code if isinstance(title, Award) else str(title)
    line = ProposedLine(nominee, code)
    others = [other for other in same_cycle if other != line]
    return check_many([line], year, same_cycle=[line, *others], on=on)[0]


__all__ = ["EligibilityError", "check", "check_many", "evaluate", "nominee_key"]
