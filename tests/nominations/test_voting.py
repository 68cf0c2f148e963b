"""The vote rule as a table: quorum, base, comparison, threshold, recusal (domain §4; issue 16).

Every parameter is explicit: the base (all members / members present / valid ballots), the
comparison ("trên x%" strictly above, "từ x% trở lên" at least) and what a recused nominee-member
does to the base (taken out, or kept in as a vote that is not "đồng ý")."""

from decimal import Decimal

import pytest

from nominations.voting import vote_passes

D = Decimal
GE, GT = "ge", "gt"
OUT, KEPT = "excluded", "counted_not_yes"


@pytest.mark.parametrize(
    "yes,total,present,valid,recused,base,comparison,recusal,threshold,quorum,percent,quorum_met,passed",
    [
        # 90 % of all members: 9 of 10 is exactly 90 % and passes "từ 90% trở lên"; 8 of 10 fails.
        (9, 10, 10, 10, 0, "all_members", GE, OUT, D(90), D("66.67"), D("90.00"), True, True),
        (8, 10, 10, 10, 0, "all_members", GE, OUT, D(90), D("66.67"), D("80.00"), True, False),
        # ... and 9 of 10 is not "trên 90%".
        (9, 10, 10, 10, 0, "all_members", GT, OUT, D(90), D("66.67"), D("90.00"), True, False),
        # 13 voting members: 12 of 13 is 92.31 % (passes), 11 of 13 is 84.62 % (fails).
        (12, 13, 13, 13, 0, "all_members", GE, OUT, D(90), D("66.67"), D("92.31"), True, True),
        (11, 13, 13, 13, 0, "all_members", GE, OUT, D(90), D("66.67"), D("84.62"), True, False),
        # An absent member who did not vote counts against on the all-members base.
        (10, 13, 10, 10, 0, "all_members", GE, OUT, D(90), D("66.67"), D("76.92"), True, False),
        # Present base: 5 of 9 present is 55.56 % and passes "trên 50%".
        (5, 13, 9, 9, 0, "present", GT, OUT, D(50), D("66.67"), D("55.56"), True, True),
        # Quorum: 8 of 13 present is 61.5 % < 66.67 %: nothing passes, even unanimously.
        (8, 13, 8, 8, 0, "present", GT, OUT, D(50), D("66.67"), D("100.00"), False, False),
        # Quorum boundary: 9 of 13 = 69.2 % ≥ 66.67 %.
        (9, 13, 9, 9, 0, "present", GT, OUT, D(50), D("66.67"), D("100.00"), True, True),
    ],
)
def test_vote_passes(yes, total, present, valid, recused, base, comparison, recusal, threshold, quorum,  # noqa: PLR0917
                     percent, quorum_met, passed):
    tally = vote_passes(yes=yes, members_total=total, present=present, valid_ballots=valid, recused=recused,
                        base=base, comparison=comparison, recusal=recusal, threshold_pct=threshold, quorum_pct=quorum)

    assert (tally.percent, tally.quorum_met, tally.passed) == (percent, quorum_met, passed)


def _tally(**given):
    rule = {"members_total": 12, "present": 12, "valid_ballots": 12, "recused": 0, "base": "present",
            "comparison": GT, "recusal": OUT, "threshold_pct": D(50), "quorum_pct": D("66.67")}
    return vote_passes(**{**rule, **given})


def test_a_tie_of_6_of_12_fails_above_50_and_passes_from_50_up():
    """Given 12 members present and 6 for, when the rule is "trên 50%" the line fails; when it is
    "từ 50% trở lên" it passes (the 2023 year's tie passed under a rule that said neither)."""
    above = _tally(yes=6, comparison=GT)
    at_least = _tally(yes=6, comparison=GE)

    assert (above.percent, above.passed) == (D("50.00"), False)
    assert (at_least.percent, at_least.passed) == (D("50.00"), True)
    assert _tally(yes=7, comparison=GT).passed


@pytest.mark.parametrize("base", ["all_members", "present"])
def test_recusal_changes_the_base_only_as_the_rule_says(base):
    """Given 13 members, the nominee among them not voting and 11 for under "từ 90% trở lên":
    taken out of the base it is 11 of 12 (91.67 %, passes); kept in the base it is 11 of 13
    (84.62 %, fails)."""
    common = {"yes": 11, "members_total": 13, "present": 13, "valid_ballots": 11, "recused": 1, "base": base,
              "comparison": GE, "threshold_pct": D(90)}

    out = _tally(**common, recusal=OUT)
    kept = _tally(**common, recusal=KEPT)

    assert (out.base, out.percent, out.passed) == (12, D("91.67"), True)
    assert (kept.base, kept.percent, kept.passed) == (13, D("84.62"), False)


def test_without_a_recused_member_the_recusal_setting_changes_nothing():
    for recusal in (OUT, KEPT):
        tally = _tally(yes=7, members_total=13, present=13, recused=0, base="all_members", recusal=recusal)
        assert (tally.base, tally.percent) == (13, D("53.85"))


def test_the_valid_ballots_base_counts_the_papers_cast_on_the_line():
    """Given 12 present, 10 valid papers on the line (two members sent none) and 6 for: on the
    valid-ballots base 6 of 10 is 60 % and passes "trên 50%"; on the present base 6 of 12 fails.
    A nominee kept in the base adds to the papers (6 of 11), taken out changes nothing."""
    valid = _tally(yes=6, valid_ballots=10, base="valid_ballots")
    present = _tally(yes=6, valid_ballots=10, base="present")
    kept = _tally(yes=6, valid_ballots=10, recused=1, base="valid_ballots", recusal=KEPT)
    out = _tally(yes=6, valid_ballots=10, recused=1, base="valid_ballots", recusal=OUT)

    assert (valid.base, valid.percent, valid.passed) == (10, D("60.00"), True)
    assert (present.base, present.passed) == (12, False)
    assert (kept.base, kept.percent) == (11, D("54.55"))
    assert out.base == 10


def test_no_base_no_pass():
    tally = _tally(yes=0, valid_ballots=0, base="valid_ballots", comparison=GE, threshold_pct=D(50))

    assert (tally.base, tally.percent, tally.passed) == (0, D("0.00"), False)


def test_an_unknown_parameter_is_refused_rather_than_guessed():
    with pytest.raises(ValueError, match="comparison"):
        _tally(yes=6, comparison="approximately")
    with pytest.raises(ValueError, match="recusal"):
        _tally(yes=6, recusal="")
