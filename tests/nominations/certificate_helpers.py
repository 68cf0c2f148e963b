"""An in-house Quyết định for the certificates' tests: two colleagues of Phòng Kinh tế passed as "Lao động tiên
tiến" 2025; the chief approved; optionally the decision is issued (signed, numbered, its PDF stored, the registry
written)."""

from __future__ import annotations

from django.test import TestCase

from accounts.models import User
from nominations.flows.council import CouncilFlow
from nominations.models import OutcomeDocument, OutcomeDocumentKind
from nominations.processes import council as council_processes
from nominations.processes.running import task_run
from workflow.documents import services as document_services

from .council_helpers import finalised_session, open_task


def awardees() -> list[User]:
    return list(User.objects.filter(unit__code="KT", unit__agency__code="VP", username__startswith="canbo")
                .order_by("pk")[1:3])


def approved_decision() -> OutcomeDocument:
    """The chief has approved: the LĐTT decision is signed and queued, not yet issued."""
    session = finalised_session("KT", also=[(colleague, "LDTT") for colleague in awardees()])
    chief = User.objects.get(username="chanhvp")
    task_run(task=open_task(session.process, CouncilFlow.approve), actor=chief,
             action=lambda: council_processes.session_approve(actor=chief, session=session))
    return (session.outcome_documents.select_related("document", "award")
            .get(kind=OutcomeDocumentKind.DECISION, award__code="LDTT"))


def issued_decision() -> OutcomeDocument:
    decision = approved_decision()
    with TestCase.captureOnCommitCallbacks(execute=True):
        document_services.document_issue(document_id=decision.document_id)
    return OutcomeDocument.objects.select_related("document__agency", "award").get(pk=decision.pk)
