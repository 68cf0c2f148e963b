"""Every criterion of every title of the issue, under each rule set: passing, then failing.

Given facts under which a person (or a unit) meets every criterion, when one criterion's facts
are broken, then exactly that criterion's verdict changes — to "fail", or to "warning" for the
pledge registration and the agency-wide cap, which the council weighs.
"""

import pytest

from nominations.eligibility import Outcome
from nominations.eligibility.criteria import Cycle
from nominations.eligibility.engine import evaluate
from nominations.models import Award, TitleRule

from .facts import PERSON_KEY, UNIT_KEY, break_criterion, eligible_book

pytestmark = pytest.mark.django_db

RULE_SETS = {"ND91_2017": 2023, "ND98_2023": 2024, "ND152_2025": 2026}

PERSON_EXCLUSIONS = ["service_months", "absent_days", "no_discipline", "no_administrative_sanction",
                     "pledge_registered"]
# NĐ 91/2017 left two bars to LĐTT, under 10 months' service and a discipline from khiển trách: it
# dropped the 40-day rule (docs/legal-basis.md, LĐTT); NĐ 152/2025 Art 33(7) asks a person five years
# "hoàn thành tốt" and a collective five years "hoàn thành xuất sắc" for Bằng khen Thủ tướng.
ONLY_IN = {
    "ND91_2017": {("LDTT", "person"): ["rating_at_least", "service_months", "no_discipline", "pledge_registered"]},
    "ND152_2025": {("BK_TTG", "person"): ["award_count", "rating_streak", "initiatives", "no_discipline"],
                   ("BK_TTG", "collective"): ["award_count", "rating_streak", "members_no_discipline"]},
}
# (title, nominee) → the criteria domain §3 gives it, in the order the check prints them.
TABLE = {
    ("LDTT", "person"): ["rating_at_least", *PERSON_EXCLUSIONS],
    ("CSTDCS", "person"): ["same_cycle_title", "initiatives", "agency_cap", "no_discipline", "pledge_registered"],
    ("CSTD_TINH", "person"): ["title_streak", "initiatives", "no_discipline"],
    ("CSTD_TQ", "person"): ["award_count", "initiatives", "no_discipline"],
    ("GIAY_KHEN", "person"): ["rating_at_least", "no_discipline"],
    ("GIAY_KHEN", "collective"): ["rating_at_least", "members_no_discipline"],
    ("BK_TINH", "person"): ["rating_streak", "initiatives", "no_discipline"],
    ("BK_TINH", "collective"): ["rating_streak", "members_no_discipline"],
    ("BK_TTG", "person"): ["award_count", "rating_streak", "initiatives", "no_discipline"],
    ("BK_TTG", "collective"): ["award_count", "rating_streak", "members_no_discipline"],
    ("TTLDTT", "collective"): ["rating_at_least", "member_title_ratio_above", "members_no_discipline",
                               "pledge_registered"],
    ("TTLDXS", "collective"): ["same_cycle_title", "rating_at_least", "member_rating_ratio",
                               "member_title_ratio_at_least", "member_title_count", "members_no_discipline"],
    ("CO_TINH", "collective"): ["same_cycle_title", "document"],
}
BROKEN = {"pledge_registered": Outcome.WARNING, "agency_cap": Outcome.WARNING}
ALWAYS = {"document": Outcome.NEEDS_DOCUMENT}


def _criteria(rule_set: str, title: str, kind: str) -> list[str]:
    return ONLY_IN.get(rule_set, {}).get((title, kind), TABLE[(title, kind)])


def _rule(rule_set: str, title: str) -> TitleRule:
    return TitleRule.objects.select_related("award", "rule_set").prefetch_related("criteria").get(
        rule_set__code=rule_set, award__code=title)


def _short_names():
    return {a.code: a.short_name for a in Award.objects.all()}


def _run(rule, key, year, book, lines):
    return evaluate(key=key, rule=rule, year=year, facts=book, cycle=Cycle(lines, book), short_names=_short_names())


@pytest.mark.parametrize("rule_set", RULE_SETS)
@pytest.mark.parametrize(("title", "kind"), TABLE)
def test_the_seeded_criteria_are_those_of_the_domain_and_all_pass_for_an_eligible_nominee(rule_set, title, kind):
    year = RULE_SETS[rule_set]
    rule = _rule(rule_set, title)
    key = PERSON_KEY if kind == "person" else UNIT_KEY
    book, lines = eligible_book(year)

    result = _run(rule, key, year, book, lines)

    assert [v.criterion for v in result.verdicts] == _criteria(rule_set, title, kind)
    for verdict in result.verdicts:
        assert verdict.outcome == ALWAYS.get(verdict.criterion, Outcome.PASS), verdict.explanation
        assert verdict.article and verdict.article in verdict.explanation


CASES = [(rs, title, kind, criterion) for rs in RULE_SETS for (title, kind) in TABLE
         for criterion in _criteria(rs, title, kind) if criterion not in ALWAYS]


@pytest.mark.parametrize(("rule_set", "title", "kind", "criterion"), CASES)
def test_breaking_one_criterion_changes_that_verdict_only(rule_set, title, kind, criterion):
    year = RULE_SETS[rule_set]
    rule = _rule(rule_set, title)
    key = PERSON_KEY if kind == "person" else UNIT_KEY
    row = next(r for r in rule.criteria.all() if r.criterion == criterion and r.nominee_kind in ("both", kind))
    book, lines = eligible_book(year)
    lines = break_criterion(book, lines, row, key, year)

    result = _run(rule, key, year, book, lines)

    outcomes = {v.criterion: v.outcome for v in result.verdicts}
    assert outcomes[criterion] == BROKEN.get(criterion, Outcome.FAIL)
    assert all(o == ALWAYS.get(c, Outcome.PASS) for c, o in outcomes.items() if c != criterion), outcomes
    assert result.eligible == (BROKEN.get(criterion, Outcome.FAIL) != Outcome.FAIL)
