"""Reads for annulling or correcting a decision: only its decider sees the page (Nghị định 152/2025/NĐ-CP,
Điều 56(2): the authority that awarded annuls)."""

from __future__ import annotations

from django.http import Http404

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import roles_here
from workflow.documents.models import DocumentStatus
from workflow.documents.selectors import documents_for_user

from ..models import OutcomeDocument, OutcomeDocumentKind

DECIDERS = frozenset({Role.CHIEF, Role.DEPUTY_CHIEF})


def may_amend(user: User, outcome: OutcomeDocument) -> bool:
    """An issued, registered in-house Quyết định khen thưởng, and the chief (or a deputy, KT.) of its agency."""
    document = outcome.document
    return (outcome.kind == OutcomeDocumentKind.DECISION and outcome.registered
            and document.status == DocumentStatus.READY and bool(roles_here(user, document.agency) & DECIDERS))


def get_decision_to_amend(user: User, document_pk: int) -> OutcomeDocument:
    """The decision issued as document ``document_pk``, for its decider; 404 alike when it does not exist, is not
    an issued in-house decision, or the person may not annul it."""
    document = documents_for_user(user).filter(pk=document_pk).first()
    outcome = (OutcomeDocument.objects.select_related("document__agency", "award", "session__cycle")
               .filter(document=document).first() if document is not None else None)
    if outcome is None or not may_amend(user, outcome):
        raise Http404
    return outcome
