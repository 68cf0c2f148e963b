"""An issued Quyết định fills the awards registry after the engine records its issuing: the hash-chained
log reads cause, then effect (the decision kind's ``on_issued`` hook, issue 14)."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from accounts.models import User
from nominations.audit import AWARDS_REGISTERED
from nominations.flows.council import CouncilFlow
from nominations.models import LineStatus, OutcomeDocumentKind, PastAward
from nominations.processes import council as council_processes
from nominations.processes.running import task_run
from workflow.audit import Action
from workflow.audit.models import AuditEvent
from workflow.documents import services as document_services
from workflow.documents.models import IssuedDocument

from .council_helpers import finalised_session, open_task

pytestmark = pytest.mark.django_db


def test_the_year_logs_the_decision_issued_then_its_awards_registered(person, django_capture_on_commit_callbacks):
    # Given a session whose agenda holds an in-house title (Lao động tiên tiến), approved by the chief
    colleague = User.objects.filter(unit__code="KT", username__startswith="canbo").order_by("pk").last()
    session = finalised_session("KT", also=[(colleague, "LDTT")])
    chief = person("chanhvp")
    task_run(task=open_task(session.process, CouncilFlow.approve), actor=chief,
             action=lambda: council_processes.session_approve(actor=chief, session=session))
    decision = session.outcome_documents.select_related("document").get(kind=OutcomeDocumentKind.DECISION)

    # When the document worker issues the decision
    with django_capture_on_commit_callbacks(execute=True):
        document_services.document_issue(document_id=decision.document_id)
    document = IssuedDocument.objects.get(pk=decision.document_id)

    # Then the year's log holds its issuing and, right after, the awards it registered
    issued = AuditEvent.objects.get(action=Action.ISSUED, object_id=str(document.pk),
                                    content_type=ContentType.objects.get_for_model(IssuedDocument))
    registered = AuditEvent.objects.get(action=AWARDS_REGISTERED, changes__decision=document.number_text)
    year = list(AuditEvent.objects.filter(seq__gte=issued.seq).order_by("seq").values_list("action", flat=True))
    assert year[:2] == [Action.ISSUED, AWARDS_REGISTERED]
    assert registered.seq == issued.seq + 1
    # and the registry holds the line, under that number
    line = decision.lines.get()
    assert line.status == LineStatus.AWARDED and line.decision_number == document.number_text
    assert PastAward.objects.filter(person=colleague, year=2025, decision_number=document.number_text).exists()
