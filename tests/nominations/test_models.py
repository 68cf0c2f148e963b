"""The catalogue and rule rows as data: routes, vote rules, periods."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from nominations.models import Award, CommendationKind, RuleSet, TitleRule

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("code", "kind", "authority", "route"), [
    ("LDTT", "title", "agency_head", "in_house"),
    ("CSTDCS", "title", "agency_head", "in_house"),
    ("TTLDTT", "title", "agency_head", "in_house"),
    ("GIAY_KHEN", "form", "agency_head", "in_house"),
    ("CSTD_TINH", "title", "province_chair", "home_affairs"),
    ("TTLDXS", "title", "province_chair", "home_affairs"),
    ("BK_TINH", "form", "province_chair", "home_affairs"),
    ("CO_TINH", "title", "province_chair", "home_affairs"),
    ("BK_TTG", "form", "prime_minister", "home_affairs"),
    ("CSTD_TQ", "title", "prime_minister", "home_affairs"),
])
def test_the_authority_decides_the_route(code, kind, authority, route):
    award = Award.objects.get(code=code)

    assert (award.kind, award.authority, award.route) == (kind, authority, route)
    assert award.document_list and award.legal_basis


@pytest.mark.parametrize(("rule_set", "code", "person", "collective"), [
    ("ND91_2017", "LDTT", "0.3", None), ("ND91_2017", "TTLDTT", None, "0.8"), ("ND91_2017", "GIAY_KHEN", None, None),
    ("ND98_2023", "CSTDCS", "1.0", None), ("ND98_2023", "TTLDXS", None, "1.5"), ("ND98_2023", "BK_TINH", None, None),
    ("ND152_2025", "CSTD_TINH", "3.0", None), ("ND152_2025", "GIAY_KHEN", "0.3", "0.6"),
])
def test_reward_coefficients_are_decimals_per_rule_set_and_unknown_ones_are_empty(rule_set, code, person, collective):
    rule = TitleRule.objects.get(rule_set__code=rule_set, award__code=code)

    assert rule.reward_coefficient_for("person") == (Decimal(person) if person else None)
    assert rule.reward_coefficient_for("collective") == (Decimal(collective) if collective else None)
    assert rule.reward_basis


def test_the_six_kinds_of_commendation():
    assert list(CommendationKind.objects.values_list("code", flat=True)) == [
        "THUONG_XUYEN", "CHUYEN_DE", "DOT_XUAT", "CONG_HIEN", "NIEN_HAN", "DOI_NGOAI"]


def test_a_vote_rule_is_data():
    rule = TitleRule.objects.get(rule_set__code="ND91_2017", award__code="CSTD_TINH")

    assert rule.vote_rule == {"method": "secret", "base": "all_members", "threshold_pct": Decimal("90.00"),
                              "quorum_pct": Decimal("66.67")}


ISSUE_TITLES = {"LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "GIAY_KHEN", "BK_TINH", "BK_TTG", "TTLDTT", "TTLDXS",
                "CO_TINH"}


# The Huân chương Lao động classes a cống hiến cycle proposes: title rules in the NĐ 152/2025 set only (its Điều
# 19–21; migration 0055, docs/legal-basis.md §20); the earlier sets keep them history-only.
CONG_HIEN_TITLES = {"HCLD1", "HCLD2", "HCLD3"}


def test_every_rule_set_covers_every_title_of_the_issue_and_history_only_awards_have_none():
    codes = ISSUE_TITLES
    assert set(Award.objects.values_list("code", flat=True)) == codes | {"CO_CP"} | CONG_HIEN_TITLES
    assert not TitleRule.objects.filter(award__code="CO_CP").exists()

    for rule_set in RuleSet.objects.all():
        extra = CONG_HIEN_TITLES if rule_set.code == "ND152_2025" else set()
        assert set(rule_set.title_rules.values_list("award__code", flat=True)) == codes | extra


@pytest.mark.parametrize(("start", "end", "ok"), [
    (dt.date(2010, 1, 1), dt.date(2017, 9, 30), True),     # before NĐ 91: free
    (dt.date(2010, 1, 1), dt.date(2017, 10, 1), False),    # touches NĐ 91's first day
    (dt.date(2023, 12, 31), dt.date(2023, 12, 31), False),
    (dt.date(2017, 1, 1), dt.date(2016, 1, 1), False),     # ends before it starts
])
def test_rule_set_periods_may_not_overlap(start, end, ok):
    candidate = RuleSet(code="THU", name="Thử", legal_basis="Thử", effective_from=start, effective_to=end)

    if ok:
        candidate.full_clean()
    else:
        with pytest.raises(ValidationError):
            candidate.full_clean()
