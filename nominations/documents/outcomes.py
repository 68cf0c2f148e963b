"""What the chief's approval will create from a tallied session: the lines grouped into documents (one
Quyết định per in-house award, one Tờ trình per route and loại hình) and each document's draft. One source
for the approval itself (``services.council.outcome_documents_create``) and for the drafts the chief reads
before he signs (``selectors.previews``), so what he reads is what he signs."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from accounts.models import User

from ..models import AgendaItem, Line, OutcomeDocumentKind, Route, Session
from .base import Draft
from .council import decision_draft, submission_draft, submission_groups


@dataclass(frozen=True)
class OutcomeDraft:
    kind: str  # OutcomeDocumentKind
    draft: Draft
    lines: list[Line]


def outcome_groups(items: Iterable[AgendaItem]) -> tuple[list[list[Line]], list[list[Line]]]:
    """The passed lines, as the documents will hold them: in-house lines per award (agenda order), higher
    lines per Tờ trình (``submission_groups``)."""
    in_house: dict[int, list[Line]] = defaultdict(list)
    higher: list[Line] = []
    for item in items:
        if not item.passed:
            continue
        if item.line.award.route == Route.IN_HOUSE:
            in_house[item.line.award_id].append(item.line)
        else:
            higher.append(item.line)
    return list(in_house.values()), submission_groups(higher)


def outcome_drafts(session: Session, in_house: list[list[Line]], higher: list[list[Line]], *,
                   drafter: User | None, on: dt.date) -> list[OutcomeDraft]:
    """Each document's draft, decisions first, with the căn cứ in force on ``on`` (the signing day)."""
    return [
        *(OutcomeDraft(OutcomeDocumentKind.DECISION, decision_draft(session, lines, drafter=drafter, on=on), lines)
          for lines in in_house),
        *(OutcomeDraft(OutcomeDocumentKind.SUBMISSION, submission_draft(session, lines, drafter=drafter, on=on),
                       lines) for lines in higher),
    ]
