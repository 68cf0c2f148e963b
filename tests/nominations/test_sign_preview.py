"""The chief signs with his eyes open (issue 18): before approving he reads, as drafts, every document his
approval signs — the minutes, each Quyết định and each Tờ trình, built by the builders the approval itself
uses; he approves only after ticking that he has read them, and may instead return the session to the
secretariat with a reason, who write the minutes again. Afterwards he lands on the session's page with a
message and the list of what was signed."""

from __future__ import annotations

import pytest

from accounts.models import User
from nominations.flows.council import CouncilFlow
from nominations.models import OutcomeDocumentKind, Session, SessionStatus
from workflow.audit import Action
from workflow.audit.models import AuditEvent
from workflow.documents.models import DocumentStatus, IssuedDocument
from workflow.documents.rendering import pdf_text

from .council_helpers import finalised_session, open_task, taken
from .helpers import task_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    """Phòng Kinh tế's session, minutes finalised: a CSTĐ tỉnh line (a Tờ trình) and a colleague's CSTĐCS
    line (a Quyết định), both passed."""
    colleague = User.objects.filter(unit__code="KT", username__startswith="canbo").order_by("pk").last()
    return finalised_session("KT", also=[(colleague, "CSTDCS")])


def approve_url(session: Session, chief: User) -> str:
    return task_url("council", taken(open_task(session.process, CouncilFlow.approve), chief))


def test_the_approval_page_lists_every_document_to_sign_with_its_draft(session, client):
    chief = User.objects.get(username="chanhvp")
    client.force_login(chief)
    stored = IssuedDocument.objects.count()

    page = client.get(approve_url(session, chief)).content.decode()

    previews = page[page.index('id="previews"'):page.index("</ol>", page.index('id="previews"'))]
    assert previews.count('class="preview-link"') == 3  # the minutes, one Quyết định, one Tờ trình
    assert "QUYẾT ĐỊNH" in previews and "TỜ TRÌNH" in previews
    assert 'name="read_drafts" value="1" required' in page
    texts = [pdf_text(client.get(f"/nominations/sessions/{session.pk}/du-thao/{index}/").content)
             for index in range(3)]
    assert all("DỰ THẢO" in text for text in texts)
    colleague_line = session.items.get(line__award__code="CSTDCS").line
    assert colleague_line.person.full_name in texts[1]
    assert "Căn cứ Luật Thi đua, khen thưởng" in texts[1]
    assert IssuedDocument.objects.count() == stored  # reading drafts stores nothing


def test_what_the_chief_read_is_what_he_signed(session, client, django_capture_on_commit_callbacks):
    chief = User.objects.get(username="chanhvp")
    client.force_login(chief)
    url = approve_url(session, chief)
    draft = pdf_text(client.get(f"/nominations/sessions/{session.pk}/du-thao/1/").content)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"read_drafts": "1"})

    assert response.status_code == 302 and response["Location"] == f"/nominations/sessions/{session.pk}/"
    decision = session.outcome_documents.get(kind=OutcomeDocumentKind.DECISION).document
    decision.refresh_from_db()
    issued = pdf_text(decision.pdf.open("rb").read())
    grounds = [line for line in draft.splitlines() if line.startswith("Căn cứ")]
    assert grounds and all(line in issued for line in grounds)
    landing = client.get(response["Location"]).content.decode()
    assert "Đã phê duyệt kết quả và ký 3 văn bản" in landing
    assert f'href="/documents/{decision.pk}/"' in landing


def test_the_chief_returns_the_session_and_the_secretariat_writes_the_minutes_again(session, client):
    chief, secretariat = User.objects.get(username="chanhvp"), User.objects.get(username="hcqt")
    client.force_login(chief)
    minutes = session.minutes

    response = client.post(approve_url(session, chief),
                           {"action": "return", "reason": "Kết luận chưa nêu rõ số phiếu."})

    session.refresh_from_db()
    assert response.status_code == 302
    assert session.status == SessionStatus.TALLIED and session.minutes is None
    assert not IssuedDocument.objects.filter(pk=minutes.pk).exists()
    assert not session.outcome_documents.exists()
    assert AuditEvent.objects.filter(action=Action.RETURNED, object_id=str(session.pk)).exists()
    finalise = open_task(session.process, CouncilFlow.finalise)
    assert finalise is not None
    client.force_login(secretariat)
    page = client.get(task_url("council", taken(finalise, secretariat))).content.decode()
    assert "Kết luận chưa nêu rõ số phiếu." in page and 'id="return-reason"' in page

    client.post(task_url("council", finalise), {"start_time": "08 giờ 00", "end_time": "09 giờ 30",
                                                 "conclusion": "Hội đồng thống nhất."})

    session.refresh_from_db()
    assert session.status == SessionStatus.FINALISED and session.minutes.status == DocumentStatus.DRAFT
    assert session.return_reason == ""
    assert open_task(session.process, CouncilFlow.approve) is not None


def test_a_return_without_a_reason_is_refused_in_vietnamese_and_changes_nothing(session, client):
    chief = User.objects.get(username="chanhvp")
    client.force_login(chief)
    url = approve_url(session, chief)

    response = client.post(url, {"action": "return", "reason": "   "})

    session.refresh_from_db()
    assert response.status_code == 400
    assert "Ghi rõ lý do trả lại" in response.content.decode()
    assert session.status == SessionStatus.FINALISED and session.minutes is not None
    assert open_task(session.process, CouncilFlow.approve) is not None


@pytest.mark.parametrize("username", ["hoidong1", "truongphong.kt", "sonoivu"])
def test_who_may_not_see_drafts_gets_the_missing_answer(session, client, username):
    client.force_login(User.objects.get(username=username))

    for index in (0, 1, 9):
        assert client.get(f"/nominations/sessions/{session.pk}/du-thao/{index}/").status_code == 404


def test_an_index_beyond_the_documents_is_missing(session, client):
    client.force_login(User.objects.get(username="chanhvp"))

    assert client.get(f"/nominations/sessions/{session.pk}/du-thao/3/").status_code == 404
