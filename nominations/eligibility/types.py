"""What the engine takes and gives back: proposed lines, verdicts, results and its errors."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from accounts.models import Unit, User

PERSON = "person"
UNIT = "unit"

NomineeKey = tuple[str, int]


def nominee_key(nominee: User | Unit) -> NomineeKey:
    """("person", pk) or ("unit", pk): how facts and lines are indexed."""
    if isinstance(nominee, Unit):
        return (UNIT, nominee.pk)
    if isinstance(nominee, User):
        return (PERSON, nominee.pk)
    raise TypeError(f"not a nominee: {nominee!r}")


@dataclass(frozen=True)
class ProposedLine:
    """One line proposed in a cycle: a person or a unit, and the code of a title or award.

    The nominations flow passes the cycle's lines so that same-cycle prerequisites (a CSTĐCS
    line needs the LĐTT line of the same person), collective ratios (members' lines) and
    agency-wide caps are computed from what is proposed, not only from what was decided.
    """

    nominee: User | Unit
    title_code: str

    @property
    def key(self) -> NomineeKey:
        return nominee_key(self.nominee)


class Outcome(enum.StrEnum):
    PASS = "pass"  # noqa: S105  # nosec B105
    FAIL = "fail"
    WARNING = "warning"
    NEEDS_DOCUMENT = "needs_document"

    @property
    def label(self) -> str:
        return str(OUTCOME_LABELS[self])


OUTCOME_LABELS = {
    Outcome.PASS: _("Đạt"),
    Outcome.FAIL: _("Không đạt"),
    Outcome.WARNING: _("Lưu ý"),
    Outcome.NEEDS_DOCUMENT: _("Cần bổ sung"),
}


@dataclass(frozen=True)
class Verdict:
    """The answer of one criterion: outcome, the rule and article, and the facts it used."""

    criterion: str
    rule: str
    article: str
    outcome: Outcome
    facts: str

    @property
    def explanation(self) -> str:
        """"<rule> (<article>): <facts>" — what the page and the dossier print."""
        return f"{self.rule} ({self.article}): {self.facts}"


@dataclass
class Result:
    nominee: User | Unit
    award: object
    year: int
    rule_set: object
    verdicts: list[Verdict] = field(default_factory=list)
    error: str = ""

    @property
    def outcome(self) -> Outcome:
        """The worst verdict: fail, then a missing document, then a warning; a line the engine
        could not check (``error``) fails."""
        if self.error:
            return Outcome.FAIL
        outcomes = {v.outcome for v in self.verdicts}
        for worst in (Outcome.FAIL, Outcome.NEEDS_DOCUMENT, Outcome.WARNING):
            if worst in outcomes:
                return worst
        return Outcome.PASS

    @property
    def eligible(self) -> bool:
        return self.outcome != Outcome.FAIL


class EligibilityError(Exception):
    """A question the engine cannot answer; the message is Vietnamese and shown to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


class UnknownTitle(EligibilityError):
    pass


class TitleNotForNominee(EligibilityError):
    pass


class NoRuleSet(EligibilityError):
    pass
