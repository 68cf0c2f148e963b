"""The council's vote rule, as a small named function the tally and its tests share.

Each title's rule is data (``CouncilVoteRule``, the agency council's Quy chế: method, base,
comparison, threshold %, quorum %, recusal); what the numbers mean is here, and every parameter
is explicit — nothing is assumed about a council whose Quy chế the data does not hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .models import RecusalHandling, VoteBase, VoteComparison

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


def vote_base(*, base: str, members_total: int, present: int, valid_ballots: int, recused: int, recusal: str,
              written: int = 0) -> int:
    """How many the percentage is counted on.

    ``all_members``: every voting member, so an absent member who did not vote in writing counts
    against (the "tổng số thành viên Hội đồng" of NĐ 91/2017 Điều 45 khoản 8 for the provincial
    council; an agency's Quy chế may say the same). ``present``: the members present.
    ``written``: absent members whose written vote was counted take part in the vote, so a base of the
    members present counts them too (else their "đồng ý" would be counted on a base without them, and a
    line could reach more than 100 %).
    ``valid_ballots``: the valid papers cast on the line (yes + no). ``recused`` is the number of
    members in that base who are the nominee and did not vote: ``excluded`` takes them out of the
    base; ``counted_not_yes`` keeps them in it (a ballot base gains them), as a vote that is not
    "đồng ý". Which one applies is the Quy chế's choice, never silent.
    """
    if base == VoteBase.ALL_MEMBERS:
        counted = members_total
    elif base == VoteBase.PRESENT:
        counted = present + written
    elif base == VoteBase.VALID_BALLOTS:
        counted = valid_ballots
    else:
        raise ValueError(f"unknown vote base {base!r}")
    if recusal == RecusalHandling.EXCLUDED:
        counted -= recused if base != VoteBase.VALID_BALLOTS else 0
    elif recusal == RecusalHandling.COUNTED_NOT_YES:
        counted += recused if base == VoteBase.VALID_BALLOTS else 0
    else:
        raise ValueError(f"unknown recusal handling {recusal!r}")
    return max(counted, 0)


def meets_threshold(*, yes: int, counted: int, comparison: str, threshold_pct: Decimal) -> bool:
    """``gt`` ("trên x%"): strictly more than x % — 6 of 12 is not above 50 %; ``ge`` ("từ x% trở
    lên"): at least x % — 6 of 12 is. Exact (Decimal): 9 of 10 is 90 % and is "từ 90% trở lên"."""
    if counted <= 0:
        return False
    left, right = Decimal(yes) * HUNDRED, Decimal(threshold_pct) * counted
    if comparison == VoteComparison.ABOVE:
        return left > right
    if comparison == VoteComparison.AT_LEAST:
        return left >= right
    raise ValueError(f"unknown comparison {comparison!r}")


def vote_passes(  # noqa: PLR0913 — every parameter of the Quy chế's rule is explicit
    *, yes: int, members_total: int, present: int, valid_ballots: int, recused: int, base: str, comparison: str,
    recusal: str, threshold_pct: Decimal, quorum_pct: Decimal, written: int = 0,
) -> Tally:
    """Whether a line passes its title's vote rule.

    Quorum: the members present (in person) are at least ``quorum_pct`` % of all voting members
    (the council's Quy chế; commonly 2/3); without it nothing passes. The base and the recusal
    handling are ``vote_base``'s; the comparison ``meets_threshold``'s.
    """
    quorum_met = has_quorum(present=present, members_total=members_total, quorum_pct=quorum_pct)
    counted = vote_base(base=base, members_total=members_total, present=present, valid_ballots=valid_ballots,
                        recused=recused, recusal=recusal, written=written)
    percent = (Decimal(yes) * HUNDRED / counted) if counted else Decimal(0)
    passed = quorum_met and meets_threshold(yes=yes, counted=counted, comparison=comparison,
                                            threshold_pct=threshold_pct)
    return Tally(yes=yes, base=counted, percent=percent.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
                 quorum_met=quorum_met, passed=passed)
