"""How much an award pays (docs/legal-basis.md §13).

Nghị định 152/2025/NĐ-CP, Điều 49 (read in full, S1), and the same principles in the earlier decrees:

* khoản 1: the reward is reckoned on the mức lương cơ sở in force **when the decision is issued** ("vào thời
  điểm ban hành quyết định") — so a 2023 title decided on 15/8/2024 pays on 2.340.000 đ, not on the 1.800.000 đ
  of 2023 (Nghị định 91/2017/NĐ-CP and Nghị định 98/2023/NĐ-CP say the same; their article and clause for it
  were not read: doubtful);
* khoản 2: coefficient × mức lương cơ sở is **rounded up to the next ten thousand đồng** (Nghị định 91/2017,
  Điều 68 khoản 2, the same);
* khoản 5: one nominee holding, at the same time, several danh hiệu thi đua reckoned on **the same period**
  receives only the highest one's money; on different periods, each one's.

The coefficient is the rule set's (``TitleRule.reward_coefficient`` / ``collective_reward_coefficient``): the
set in force on the day the decision is issued, the decree its căn cứ cites and under which the money is paid.
No coefficient recorded for a title under that set: no amount (the list says so; nothing is guessed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from django.db.models import Q

from .eligibility.rulesets import rule_set_for
from .eligibility.types import NoRuleSet
from .models import AwardKind, BaseSalary, NomineeKind, PastAward, TitleRule

ROUND_TO = Decimal(10_000)


def base_salary_on(day: dt.date) -> BaseSalary | None:
    """The mức lương cơ sở in force on ``day`` (NĐ 152/2025, Điều 49 khoản 1), or None before the first row."""
    return BaseSalary.objects.filter(effective_from__lte=day).order_by("-effective_from").first()


def round_up(amount: Decimal) -> Decimal:
    """Up to the next ten thousand đồng (NĐ 152/2025, Điều 49 khoản 2; NĐ 91/2017, Điều 68 khoản 2)."""
    return (Decimal(amount) / ROUND_TO).to_integral_value(rounding=ROUND_CEILING) * ROUND_TO


def reward_amount(coefficient: Decimal, base: int) -> Decimal:
    """coefficient × mức lương cơ sở, rounded up: 0,3 × 2.340.000 = 702.000 → 710.000."""
    return round_up(Decimal(coefficient) * Decimal(base))


@dataclass(frozen=True)
class Reward:
    coefficient: Decimal | None
    base_salary: int | None
    amount: Decimal | None
    basis: str
    problem: str = ""


def title_rule_on(award, day: dt.date) -> TitleRule | None:
    """The award's rule under the set in force on ``day`` (the decision's issuing day)."""
    try:
        rule_set = rule_set_for(day.year, on=day)
    except NoRuleSet:
        return None
    return next((rule for rule in rule_set.title_rules.all() if rule.award_id == award.pk), None)


def reward_for(award, nominee_kind: str, day: dt.date, *, base: BaseSalary | None = None,
               rule: TitleRule | None = None) -> Reward:
    """What one award decided on ``day`` pays: coefficient, the mức lương cơ sở used, the amount (or why none)."""
    base = base or base_salary_on(day)
    rule = rule or title_rule_on(award, day)
    coefficient = rule.reward_coefficient_for(nominee_kind) if rule is not None else None
    basis = rule.reward_basis if rule is not None else ""
    if base is None:
        return Reward(coefficient, None, None, basis, "Chưa có mức lương cơ sở áp dụng vào ngày ký quyết định.")
    if coefficient is None:
        return Reward(None, base.amount, None, basis,
                      "Bộ quy tắc áp dụng vào ngày ký quyết định không ghi hệ số tiền thưởng cho danh hiệu này.")
    return Reward(coefficient, base.amount, reward_amount(coefficient, base.amount), basis)


def nominee_kind_of(past_award) -> str:
    return NomineeKind.COLLECTIVE if past_award.unit_id else NomineeKind.PERSON


def same_period_titles(past_award):
    """The nominee's other standing danh hiệu thi đua of the same year decided the same day: Điều 49 khoản 5
    đoạn 2 (same time, same period counted) — only the highest of them pays."""
    if past_award.award.kind != AwardKind.TITLE or past_award.decision_date is None:
        return PastAward.objects.none()
    who = Q(person_id=past_award.person_id) if past_award.person_id else Q(unit_id=past_award.unit_id)
    return (PastAward.objects.standing().filter(who, year=past_award.year, decision_date=past_award.decision_date,
                                                award__kind=AwardKind.TITLE)
            .exclude(pk=past_award.pk).select_related("award"))
