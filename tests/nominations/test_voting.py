"""The vote rule as a table: quorum, base, threshold, recusal, the 90 % boundary (NĐ 91/2017, Điều 45(8))."""

from decimal import Decimal

import pytest

from nominations.voting import vote_passes

D = Decimal


@pytest.mark.parametrize(
    "yes,total,present,recused,base,threshold,quorum,percent,quorum_met,passed",
    [
        # 90 % of all members: 9 of 10 is exactly 90 % and passes; 8 of 10 fails.
        (9, 10, 10, 0, "all_members", D(90), D("66.67"), D("90.00"), True, True),
        (8, 10, 10, 0, "all_members", D(90), D("66.67"), D("80.00"), True, False),
        # 13 voting members: 12 of 13 is 92.31 % (passes), 11 of 13 is 84.62 % (fails).
        (12, 13, 13, 0, "all_members", D(90), D("66.67"), D("92.31"), True, True),
        (11, 13, 13, 0, "all_members", D(90), D("66.67"), D("84.62"), True, False),
        # An absent member who did not vote counts against on the all-members base.
        (10, 13, 10, 0, "all_members", D(90), D("66.67"), D("76.92"), True, False),
        # Recusal: the nominee is out of the base, 11 of 12 is 91.67 %.
        (11, 13, 13, 1, "all_members", D(90), D("66.67"), D("91.67"), True, True),
        # Present base: 5 of 9 present is 55.56 % and passes a > 50 % rule.
        (5, 13, 9, 0, "present", D("50.01"), D("66.67"), D("55.56"), True, True),
        # Quorum: 8 of 13 present is 61.5 % < 66.67 %: nothing passes, even unanimously.
        (8, 13, 8, 0, "present", D("50.01"), D("66.67"), D("100.00"), False, False),
        # Quorum boundary: 9 of 13 = 69.2 % ≥ 66.67 %.
        (9, 13, 9, 0, "present", D("50.01"), D("66.67"), D("100.00"), True, True),
    ],
)
def test_vote_passes(yes, total, present, recused, base, threshold, quorum, percent, quorum_met, passed):  # noqa: PLR0917
    tally = vote_passes(yes=yes, members_total=total, present=present, recused=recused, base=base,
                        threshold_pct=threshold, quorum_pct=quorum)

    assert (tally.percent, tally.quorum_met, tally.passed) == (percent, quorum_met, passed)
