"""The council's vote rule, as a small named function the tally and its tests share.

Each title's rule is data (``TitleRule``: method, base, threshold %, quorum %); what the numbers
mean is here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .models import VoteBase

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Tally:
    yes: int
    base: int
    percent: Decimal
    quorum_met: bool
    passed: bool


def has_quorum(*, present: int, members_total: int, quorum_pct: Decimal) -> bool:
    """The members present (in person) are at least ``quorum_pct`` % of all voting members."""
    return members_total > 0 and Decimal(present) * HUNDRED >= Decimal(quorum_pct) * members_total


def vote_passes(
    *, yes: int, members_total: int, present: int, recused: int, base: str, threshold_pct: Decimal,
    quorum_pct: Decimal,
) -> Tally:
    """Whether a line passes its title's vote rule.

    Quorum: the members present (in person) are at least ``quorum_pct`` % of all voting members
    (the council's Quy chế; commonly 2/3). Base: ``all_members`` counts every voting member, so an
    absent member who did not vote in writing counts against — for Chiến sĩ thi đua cấp tỉnh and
    above the line needs ≥ 90 % of *all* council members, absent members voting in writing
    (Nghị định 91/2017/NĐ-CP, Điều 45 khoản 8); ``present`` counts the members present. A member
    who is the nominee does not vote on the line and is taken out of the base (recusal). The
    comparison is exact (Decimal): 9 of 10 is 90 % and passes a 90 % rule, 8 of 9 (88.9 %) fails.
    """
    quorum_met = has_quorum(present=present, members_total=members_total, quorum_pct=quorum_pct)
    counted = (members_total if base == VoteBase.ALL_MEMBERS else present) - recused
    counted = max(counted, 0)
    percent = (Decimal(yes) * HUNDRED / counted) if counted else Decimal(0)
    passed = quorum_met and counted > 0 and Decimal(yes) * HUNDRED >= Decimal(threshold_pct) * counted
    return Tally(yes=yes, base=counted, percent=percent.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
                 quorum_met=quorum_met, passed=passed)
