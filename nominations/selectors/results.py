"""What came of the nominations, for the people concerned (issue 18 "results reach people"): a person's
own awards across the years, a unit head's unit, and each line's decision.

Every row names the decision that granted it; the decision is linked only when the reader may open it
(``workflow.documents.selectors.documents_for_user`` — a Quyết định is sent to whom it names, so the
person and the head of their unit may).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import Agency, Unit, User
from accounts.roles import PERM_HEAD_UNIT
from accounts.scope import objects_with_perms
from workflow.documents.models import DocumentStatus, IssuedDocument
from workflow.documents.selectors import documents_for_user

from ..documents.base import decider
from ..models import Line, OutcomeDocument, OutcomeDocumentKind, PastAward


@dataclass(frozen=True)
class DecisionRef:
    """A decision as a reader sees it: its number and date, who decided, and its page if readable."""

    number: str
    date: date | None
    issuer: str
    document_id: int | None = None


def _readable_documents(user: User, keys: set[tuple[str, date | None]]) -> dict[tuple[str, date | None], int]:
    """(number, signing day) → the issued document the reader may open (one query)."""
    numbers = {number for number, _day in keys if number}
    if not numbers:
        return {}
    found = {}
    for pk, number, signed_at in (documents_for_user(user).filter(status=DocumentStatus.READY, number_text__in=numbers)
                                  .values_list("pk", "number_text", "signed_at")):
        found[(number, timezone.localtime(signed_at).date() if signed_at else None)] = pk
    return {key: found[key] for key in keys if key in found}


def _award_rows(user: User, awards: Iterable[PastAward]) -> list[dict]:
    awards = list(awards)
    links = _readable_documents(user, {(a.decision_number, a.decision_date) for a in awards})
    return [{
        "award": award,
        "name": award.printed_name or (award.person.full_name if award.person_id else award.unit.name),
        "title": award.printed_title or award.award.name,
        "decision": DecisionRef(award.decision_number, award.decision_date, award.issuer,
                                links.get((award.decision_number, award.decision_date))),
        "annulled": award.annulled_by_id is not None,
    } for award in awards]


def person_awards(*, user: User) -> list[dict]:
    """The reader's own awards, newest first, annulled ones kept and marked (they stay in history)."""
    awards = PastAward.objects.filter(person=user).select_related("award", "person").order_by(
        "-year", "award__position", "pk")
    return _award_rows(user, awards)


def person_lines(*, user: User) -> QuerySet[Line]:
    """The nominations that name the reader, once their unit has sent them (a draft is the unit's own),
    of the cycles still open and of the last two years: where each stands, never how anyone voted."""
    year = timezone.localdate().year
    return (Line.objects.filter(person=user, dossier__rounds__isnull=False)
            .filter(Q(cycle__is_open=True) | Q(cycle__year__gte=year - 1)).distinct()
            .select_related("award", "cycle", "dossier__unit").order_by("-cycle__year", "pk"))


def headed_units(*, user: User) -> QuerySet[Unit]:
    """The units the reader heads (the unit-head role, in force)."""
    if not user.is_authenticated or not user.is_active:
        return Unit.objects.none()
    return (objects_with_perms(user, [PERM_HEAD_UNIT], Unit)
            .select_related("agency").order_by("position", "name"))


def unit_awards(*, user: User, unit: Unit) -> list[dict]:
    """A headed unit's awards: the unit's own and its people's, newest first."""
    awards = (PastAward.objects.filter(Q(unit=unit) | Q(person__unit=unit))
              .select_related("award", "person", "unit").order_by("-year", "award__position", "person__name_sort_key",
                                                                  "pk"))
    return _award_rows(user, awards)


def unit_decisions(*, user: User, unit: Unit) -> QuerySet[IssuedDocument]:
    """The issued documents that name the unit or one of its people, that the reader may open."""
    return (documents_for_user(user).filter(status=DocumentStatus.READY)
            .filter(Q(recipients__unit=unit) | Q(recipients__person__unit=unit)).distinct()
            .order_by("-signed_at", "-pk"))


def line_decisions(*, user: User, lines: Iterable[Line]) -> dict[int, DecisionRef]:
    """Each awarded line's decision (the number and date the registry recorded on it): the chief's Quyết
    định for an in-house title, linked when the reader may open it; the province's decision that Sở Nội vụ
    recorded for a higher award (three queries whatever the number of lines)."""
    awarded = [line for line in lines if line.decision_number]
    if not awarded:
        return {}
    rows = OutcomeDocument.objects.filter(
        kind=OutcomeDocumentKind.DECISION, lines__in=[line.pk for line in awarded],
        document__status=DocumentStatus.READY).values_list("lines", "document_id", "document__agency_id")
    documents = {line_id: (document_id, agency_id) for line_id, document_id, agency_id in rows}
    readable = set(documents_for_user(user).filter(pk__in=[d for d, _a in documents.values()])
                   .values_list("pk", flat=True))
    agencies = Agency.objects.in_bulk({agency_id for _d, agency_id in documents.values()})
    refs = {}
    for line in awarded:
        document_id, agency_id = documents.get(line.pk, (None, None))
        refs[line.pk] = DecisionRef(line.decision_number, line.decision_date,
                                    decider(agencies[agency_id]) if agency_id else "",
                                    document_id if document_id in readable else None)
    return refs
