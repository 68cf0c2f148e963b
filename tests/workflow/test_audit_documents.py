"""The document engine and the audit log together: events for drafting, signing and issuing,
and the chain head printed in the footer of every issued document (issue 7)."""

import pytest

from accounts.models import Agency
from workflow.audit import Action, chain_head, verify_chain
from workflow.audit.models import AuditEvent
from workflow.documents import services
from workflow.documents.models import IssuedDocument

from .documents_helpers import page_texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(person, django_capture_on_commit_callbacks):
    draft = services.document_create(
        actor=person("hcqt"), agency=Agency.objects.get(code="VP"), template_key="quyet_dinh_khen_thuong",
        summary="Về việc tặng Giấy khen", data={"authority": "Chánh Văn phòng", "articles": ["Tặng."], "annex": []},
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.document_sign(actor=person("chanhvp"), document=draft)
    return IssuedDocument.objects.get(pk=draft.pk)


def test_drafting_signing_and_issuing_are_in_the_log(issued):
    events = AuditEvent.objects.filter(object_id=str(issued.pk), content_type__model="issueddocument").order_by("seq")

    assert [e.action for e in events] == [Action.CREATED, Action.SIGNED, Action.ISSUED]
    assert [e.actor.username for e in events] == ["hcqt", "chanhvp", "chanhvp"]
    assert {e.agency.code for e in events} == {"VP"}
    assert events[2].changes["number_text"] == issued.number_text
    assert events[2].changes["pdf_sha256"] == issued.pdf_sha256
    assert verify_chain().ok


def test_every_page_of_an_issued_document_prints_the_chain_head_at_signing(issued):
    issue_event = AuditEvent.objects.get(action=Action.ISSUED, object_id=str(issued.pk))
    printed = issued.snapshot["doc"]["audit_head"]
    before_issue = AuditEvent.objects.get(seq=issue_event.seq - 1)

    pages = page_texts(issued.pdf.open("rb").read())

    assert printed == f"#{before_issue.seq} · {before_issue.hash[:16]}"
    assert issue_event.changes["audit_head"] == printed
    assert all(f"Chuỗi kiểm toán: {printed}" in page for page in pages)
    assert chain_head().seq >= issue_event.seq
