"""The same document signed, or made again, by two people at the same instant (PostgreSQL, real
threads, one client each, over HTTP).

The chief and a deputy both press "Ký" on one draft; two secretaries press "Tạo lại" on one failed
document. ``document_sign`` and ``document_retry`` lock the document's row (``services._lock``), so
the second waits, then finds the document signed or queued and is refused in Vietnamese: one
signature, one number, one PDF, one SIGNED and one ISSUED event. The control experiment takes the
row lock away and shows the first test can fail. (Two *different* documents signed at once get
consecutive numbers: test_documents_numbering.py.)
"""

from __future__ import annotations

import threading

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.models import User
from tests.concurrency import posts_at_once
from tests.workflow.documents_helpers import blank_page, decision_draft, failed_document
from workflow.audit import Action, verify_chain
from workflow.audit.models import AuditEvent
from workflow.documents import rendering, services
from workflow.documents.models import DocumentCounter, DocumentStatus, IssuedDocument

pytestmark = pytest.mark.postgres

SIGNED = "Đã ký văn bản. Hệ thống đang cấp số và tạo bản PDF."
ALREADY_SIGNED = "Văn bản này đã được ký."
NOT_FAILED = "Chỉ tạo lại được văn bản bị lỗi khi tạo PDF hoặc đang chờ ký số."
RETRIED = "Đã cho cấp số và tạo bản PDF lại; trang này cho biết kết quả."


@pytest.fixture(autouse=True)
def _blank_pages(monkeypatch):
    monkeypatch.setattr(rendering, "html_to_pdf", blank_page)


def press_at_once(url: str, usernames: list[str]) -> list[tuple[int, list[str]]]:
    """Each person POSTs ``url`` from their own thread and connection, all released together;
    returns each answer's status and the messages it left for the next page."""
    people = [User.objects.get(username=name) for name in usernames]
    return posts_at_once([(person, url, {}) for person in people], read=lambda response: (
        response.status_code, [str(m) for m in get_messages(response.wsgi_request)]))


def events(action: str, document: IssuedDocument) -> int:
    return AuditEvent.objects.filter(action=action, object_id=str(document.pk)).count()


def test_one_document_pressed_by_two_people_at_once_is_signed_once_and_made_again_once(seeded_transactional_db):
    """One flush and seed for both scenarios (seconds each on PostgreSQL)."""
    hcqt, chief = User.objects.get(username="hcqt"), User.objects.get(username="chanhvp")
    draft = decision_draft(hcqt, hcqt.unit.agency)

    # The chief and a deputy press "Ký" on the same draft.
    answers = press_at_once(reverse("documents:sign", args=[draft.pk]), ["chanhvp", "phochanhvp1"])

    assert [status for status, _ in answers] == [302, 302]
    assert sorted(messages for _, messages in answers) == sorted([[SIGNED], [ALREADY_SIGNED]])
    document = IssuedDocument.objects.select_related("signer").get(pk=draft.pk)
    assert (document.status, document.number, document.number_text) == (DocumentStatus.READY, 1, "01/QĐ-VP")
    assert document.signer.username in ("chanhvp", "phochanhvp1")
    assert document.signer_is_deputy == (document.signer.username == "phochanhvp1")
    assert (events(Action.SIGNED, document), events(Action.ISSUED, document)) == (1, 1)

    # The secretariat and the chief press "Tạo lại" on the same failed document.
    failed = failed_document(hcqt, chief)
    assert (failed.status, failed.number) == (DocumentStatus.FAILED, None)

    answers = press_at_once(reverse("documents:retry", args=[failed.pk]), ["hcqt", "chanhvp"])

    assert [status for status, _ in answers] == [302, 302]
    assert sorted(messages for _, messages in answers) == sorted([[RETRIED], [NOT_FAILED]])
    document = IssuedDocument.objects.get(pk=failed.pk)
    assert (document.status, document.number, document.error) == (DocumentStatus.READY, 2, "")
    assert (events(Action.SIGNED, document), events(Action.ISSUED, document)) == (1, 1)
    assert DocumentCounter.objects.get(agency=document.agency, doc_type="QĐ").last_number == 2
    assert verify_chain().ok


def test_without_the_row_lock_both_signatures_would_be_recorded(seeded_transactional_db, monkeypatch):
    """The control experiment: the first test can fail, and does when the document is read unlocked."""
    unlocked = IssuedDocument.objects.select_related("agency", "signer")
    both_read_the_draft = threading.Barrier(2)
    reads: list[int] = []

    def read_without_lock(document):
        found = unlocked.get(pk=document.pk)
        reads.append(found.pk)
        if len(reads) <= 2:  # the two signatures; the issuing after them goes on
            both_read_the_draft.wait(timeout=10)
        return found

    monkeypatch.setattr(services, "_lock", read_without_lock)
    draft = decision_draft(User.objects.get(username="hcqt"), User.objects.get(username="hcqt").unit.agency)

    answers = press_at_once(reverse("documents:sign", args=[draft.pk]), ["chanhvp", "phochanhvp1"])

    assert [messages for _, messages in answers] == [[SIGNED], [SIGNED]]
    assert events(Action.SIGNED, IssuedDocument.objects.get(pk=draft.pk)) == 2
