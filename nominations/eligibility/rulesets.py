"""Which rule set governs a cycle (domain §2).

A calendar year N is governed by the rule set in force on **31 December N**: annual titles
reward a whole year's results, which are judged when the year closes under the rules then in
force. So 2023 → Nghị định 91/2017, 2024 → Luật 06/2022 + Nghị định 98/2023, and 2025 →
Nghị định 152/2025 (in force from 2025-07-01) although the year began under Nghị định 98.
A cycle that is reviewed under another set — a special (chuyên đề, đột xuất) review held
before 2025-07-01, say — passes its review date as ``on``: 2025-06-30 selects Nghị định 98,
2025-07-01 selects Nghị định 152.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from nominations.models import RuleSet, TitleCriterion, TitleRule

from .types import NoRuleSet


def governing_date(year: int, on: dt.date | None = None) -> dt.date:
    return on or dt.date(year, 12, 31)


def rule_set_for(year: int, *, on: dt.date | None = None) -> RuleSet:
    """The rule set of the cycle's year with its titles and criteria (3 queries), or ``NoRuleSet``."""
    day = governing_date(year, on)
    rule_set = (
        RuleSet.objects.filter(effective_from__lte=day)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day))
        .prefetch_related(
            Prefetch(
                "title_rules",
                queryset=TitleRule.objects.select_related("award").prefetch_related(
                    Prefetch("criteria", queryset=TitleCriterion.objects.order_by("position", "pk"))
                ),
            )
        )
        .first()
    )
    if rule_set is None:
        raise NoRuleSet(
            _("Không có bộ quy tắc xét khen thưởng nào áp dụng cho năm %(year)s (ngày xét %(day)s). "
              "Quản trị hệ thống cần khai báo bộ quy tắc có hiệu lực vào ngày này.")
            % {"year": year, "day": day.strftime("%d/%m/%Y")}
        )
    return rule_set
