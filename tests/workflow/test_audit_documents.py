"""The document engine and the audit log together: events for drafting, signing and issuing, and
the chain head at signing carried in the issued PDF's metadata and on its page in the register —
not printed on the page, which Nghị định 30 does not provide for (issues 7, 17)."""

import pytest

from accounts.models import Agency
from workflow.audit import Action, chain_head, verify_chain
from workflow.audit.models import AuditEvent
from workflow.documents import services
from workflow.documents.models import IssuedDocument
from workflow.documents.rendering import pdf_audit_head
from workflow.signing.services import CERTIFICATE_REGISTERED, DOCUMENT_DIGITALLY_SIGNED

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

    # The chief signs in the system; the issuing makes the two digital signatures (his, then the Office's: ký
    # số, issue 19) and then records the number and the signed file's hash.
    assert [e.action for e in events] == [Action.CREATED, Action.SIGNED, DOCUMENT_DIGITALLY_SIGNED,
                                          DOCUMENT_DIGITALLY_SIGNED, Action.ISSUED]
    assert [e.actor.username if e.actor else None for e in events] == ["hcqt", "chanhvp", "chanhvp", None, "chanhvp"]
    assert {e.agency.code for e in events} == {"VP"}
    assert events[4].changes["number_text"] == issued.number_text
    assert events[2].changes["pdf_sha256"] == events[4].changes["pdf_sha256"] == issued.pdf_sha256
    assert verify_chain().ok


def test_the_chain_head_at_signing_is_in_the_pdf_metadata_not_on_its_pages(issued):
    issue_event = AuditEvent.objects.get(action=Action.ISSUED, object_id=str(issued.pk))
    recorded = issued.snapshot["doc"]["audit_head"]
    # The head when the page was laid out: the last event before the digital signatures (recorded after signing)
    # and before the development CA registered the chief's and the Office's first certificates.
    first_signature = AuditEvent.objects.filter(action=DOCUMENT_DIGITALLY_SIGNED, object_id=str(issued.pk)).earliest(
        "seq")
    before_issue = (AuditEvent.objects.filter(seq__lt=first_signature.seq)
                    .exclude(action=CERTIFICATE_REGISTERED).latest("seq"))
    pdf = issued.pdf.open("rb").read()

    assert recorded == f"#{before_issue.seq} · {before_issue.hash[:16]}"
    assert issue_event.changes["audit_head"] == recorded
    assert pdf_audit_head(pdf) == recorded
    assert not any("Chuỗi kiểm toán" in page or before_issue.hash[:16] in page for page in page_texts(pdf))
    assert chain_head().seq >= issue_event.seq


def test_the_register_page_shows_the_chain_head_at_signing(issued, client, person):
    client.force_login(person("chanhvp"))

    page = client.get(f"/documents/{issued.pk}/").content.decode()

    assert issued.snapshot["doc"]["audit_head"] in page
    assert 'id="audit-head"' in page


def test_a_register_record_whose_chain_head_was_altered_fails_verification(issued):
    snapshot = issued.snapshot
    snapshot["doc"]["audit_head"] = "#1 · 0000000000000000"
    IssuedDocument.objects.filter(pk=issued.pk).update(snapshot=snapshot)

    assert not services.document_verify(IssuedDocument.objects.get(pk=issued.pk))
