"""The arithmetic of the rules, kept pure so that it can be property-tested."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_FLOOR, Decimal


def streak_window(held: Iterable[int], end: int, length: int) -> tuple[list[int], list[int]]:
    """The years ``end - length + 1 … end``, split into those held and those missing.

    "N năm liên tục" (Luật Thi đua, khen thưởng 2022, Art 21(2); Luật 2003 Art 22): the run must
    end in the year under review, so one missing year anywhere breaks it.
    """
    held_set = set(held)
    window = range(end - length + 1, end + 1)
    return [y for y in window if y in held_set], [y for y in window if y not in held_set]


def longest_run_ending(held: Iterable[int], end: int) -> int:
    """How many consecutive years up to ``end`` are held (0 when ``end`` itself is not)."""
    held_set = set(held)
    run = 0
    while end - run in held_set:
        run += 1
    return run


def percent(part: int, whole: int) -> Decimal:
    """``part / whole`` in per cent, to two decimals (for messages only; comparisons are exact)."""
    if whole == 0:
        return Decimal(0)
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"))


def ratio_meets(part: int, whole: int, threshold_pct: Decimal, *, strict: bool) -> bool:
    """Whether ``part / whole`` is above (``strict``) or at least ``threshold_pct`` per cent.

    Compared exactly in integers and Decimals, never in floats: "trên 50 %" of 10 members is 6,
    and exactly 5 of 10 is not above 50 % (Luật 2022 Art 28; Luật 2003 Art 28).
    """
    if whole <= 0:
        return False
    lhs = Decimal(part) * 100
    rhs = Decimal(threshold_pct) * whole
    return lhs > rhs if strict else lhs >= rhs


def cap_allowed(base: int, cap_pct: Decimal) -> int:
    """How many lines a cap of ``cap_pct`` per cent of ``base`` allows (rounded down)."""
    return int((Decimal(base) * Decimal(cap_pct) / 100).to_integral_value(rounding=ROUND_FLOOR))


def months_of_service(started_on: dt.date, year: int) -> int:
    """Whole calendar months worked from ``started_on`` to 31 December of ``year``.

    A start on the 1st counts its month; a later start does not (e.g. from 2023-03-01: 10 months;
    from 2023-03-02: 9).
    """
    if started_on.year > year:
        return 0
    months = (year - started_on.year) * 12 + (12 - started_on.month)
    if started_on.day == 1:
        months += 1
    return months
