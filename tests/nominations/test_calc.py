"""The arithmetic of streaks, ratios, caps and months of service: tables at the boundaries and
properties over random inputs (hypothesis)."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nominations.eligibility import calc


@pytest.mark.parametrize(("held", "end", "length", "got", "missing"), [
    ({2021, 2022, 2023}, 2023, 3, [2021, 2022, 2023], []),
    ({2021, 2022}, 2023, 3, [2021, 2022], [2023]),
    ({2021, 2023}, 2023, 3, [2021, 2023], [2022]),
    ({2020, 2021, 2022, 2023}, 2023, 3, [2021, 2022, 2023], []),
    (set(), 2023, 2, [], [2022, 2023]),
    ({2023}, 2023, 1, [2023], []),
])
def test_streak_window(held, end, length, got, missing):
    assert calc.streak_window(held, end, length) == (got, missing)


years = st.sets(st.integers(min_value=2000, max_value=2030), max_size=20)


@given(held=years, end=st.integers(min_value=2005, max_value=2030), length=st.integers(min_value=1, max_value=8))
def test_a_streak_holds_exactly_when_the_run_ending_that_year_is_long_enough(held, end, length):
    got, missing = calc.streak_window(held, end, length)

    assert sorted(got + missing) == list(range(end - length + 1, end + 1))
    assert (not missing) == (calc.longest_run_ending(held, end) >= length)


@given(held=years, end=st.integers(min_value=2005, max_value=2030), length=st.integers(min_value=1, max_value=8))
def test_removing_any_year_of_a_complete_streak_breaks_it(held, end, length):
    full = set(held) | set(range(end - length + 1, end + 1))
    for year in range(end - length + 1, end + 1):
        assert calc.streak_window(full - {year}, end, length)[1] == [year]


@pytest.mark.parametrize(("part", "whole", "pct", "strict", "ok"), [
    (5, 10, 50, True, False),    # exactly 50 %: not "trên 50 %"
    (6, 10, 50, True, True),
    (7, 10, 70, False, True),    # exactly 70 %: "từ 70 %" holds
    (6, 10, 70, False, False),
    (7, 13, Decimal("53.84"), False, True),
    (10, 10, 100, False, True),
    (9, 10, 100, False, False),
    (0, 0, 50, True, False),
])
def test_ratio_at_the_boundaries(part, whole, pct, strict, ok):
    assert calc.ratio_meets(part, whole, Decimal(pct), strict=strict) is ok


@given(whole=st.integers(min_value=1, max_value=500), data=st.data(),
       pct=st.decimals(min_value=0, max_value=100, places=2), strict=st.booleans())
def test_ratio_agrees_with_exact_fractions(whole, data, pct, strict):
    part = data.draw(st.integers(min_value=0, max_value=whole))
    exact = Fraction(part, whole) * 100
    threshold = Fraction(pct)

    assert calc.ratio_meets(part, whole, pct, strict=strict) == (exact > threshold if strict else exact >= threshold)


@given(whole=st.integers(min_value=1, max_value=500), pct=st.decimals(min_value=0, max_value=100, places=2),
       strict=st.booleans())
def test_more_members_meeting_never_makes_a_ratio_fail(whole, pct, strict):
    results = [calc.ratio_meets(part, whole, pct, strict=strict) for part in range(whole + 1)]

    assert results == sorted(results)


@given(base=st.integers(min_value=0, max_value=2000), pct=st.decimals(min_value=0, max_value=100, places=2))
def test_the_cap_is_the_largest_count_within_the_percentage(base, pct):
    allowed = calc.cap_allowed(base, pct)

    assert Fraction(allowed * 100) <= Fraction(pct) * base
    assert Fraction((allowed + 1) * 100) > Fraction(pct) * base


@pytest.mark.parametrize(("started", "year", "months"), [
    (dt.date(2023, 3, 1), 2023, 10),
    (dt.date(2023, 3, 2), 2023, 9),
    (dt.date(2023, 1, 1), 2023, 12),
    (dt.date(2022, 12, 15), 2023, 12),
    (dt.date(2024, 1, 1), 2023, 0),
])
def test_months_of_service(started, year, months):
    assert calc.months_of_service(started, year) == months
