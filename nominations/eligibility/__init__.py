"""The eligibility engine (issue 3): who may receive what, explained article by article.

``check(nominee, title, year, same_cycle=...)`` and ``check_many(lines, year)`` return a
``Result`` with one ``Verdict`` per criterion (pass / fail / warning / needs_document). Rules
are data (``RuleSet`` → ``TitleRule`` → ``TitleCriterion``); criteria are the named functions
of ``criteria``; facts come from the registries (``facts``) and, for pledge registration, from
the hook of ``pledges``.
"""

from .engine import check, check_many, evaluate
from .rulesets import rule_set_for
from .types import (
    EligibilityError,
    NoRuleSet,
    Outcome,
    ProposedLine,
    Result,
    TitleNotForNominee,
    UnknownTitle,
    Verdict,
    nominee_key,
)

__all__ = [
    "EligibilityError", "NoRuleSet", "Outcome", "ProposedLine", "Result", "TitleNotForNominee", "UnknownTitle",
    "Verdict", "check", "check_many", "evaluate", "nominee_key", "rule_set_for",
]
