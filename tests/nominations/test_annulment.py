"""Annul (hủy bỏ, with thu hồi) and correct (đính chính) awards of an issued in-house Quyết định (issue 16):
Luật Thi đua, khen thưởng 2022, Điều 93(2); Nghị định 152/2025/NĐ-CP, Điều 56 and 58(2).

Given a decided in-house cycle (the chief approved; the Quyết định issued and registered), the chief annuls a
line's award over HTTP and signs it: the registry stops counting it, the next year's streak breaks, the
statistics stop counting it, the annulling decision is numbered and issued, the original stays as issued and
both link to each other; everything is audited, and a refused request writes nothing.
"""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from accounts.models import User
from nominations import services
from nominations.audit import AMENDMENT_DRAFTED, AWARDS_ANNULLED, AWARDS_CORRECTED
from nominations.eligibility import check
from nominations.flows.council import CouncilFlow
from nominations.models import (
    Award,
    DecisionAmendment,
    LineStatus,
    OutcomeDocument,
    OutcomeDocumentKind,
    PastAward,
)
from nominations.processes import council as council_processes
from nominations.processes.running import task_run
from nominations.selectors.report import award_statistics, awards_summary
from nominations.services import annulments
from workflow.audit import Action
from workflow.audit.models import AuditEvent
from workflow.documents import services as document_services
from workflow.documents.models import DocumentStatus, IssuedDocument

from .council_helpers import finalised_session, open_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(person, django_capture_on_commit_callbacks):
    """A 2025 cycle whose council passed a colleague of Phòng Kinh tế as Chiến sĩ thi đua cơ sở; the chief
    approved and the Quyết định was issued and written into the registry. The colleague also holds CSTĐCS 2024
    and 2026 in the registry, so 2026's CSTĐ tỉnh streak (3 consecutive CSTĐCS) runs through the 2025 award."""
    colleague = User.objects.filter(unit__code="KT", username__startswith="canbo").order_by("pk").last()
    session = finalised_session("KT", also=[(colleague, "CSTDCS")])
    chief = person("chanhvp")
    task_run(task=open_task(session.process, CouncilFlow.approve), actor=chief,
             action=lambda: council_processes.session_approve(actor=chief, session=session))
    decision = session.outcome_documents.select_related("document").get(kind=OutcomeDocumentKind.DECISION)
    with django_capture_on_commit_callbacks(execute=True):
        document_services.document_issue(document_id=decision.document_id)
    cstdcs = Award.objects.get(code="CSTDCS")
    for year in (2024, 2026):
        services.past_award_record(actor=None, award=cstdcs, year=year, person=colleague,
                                   decision_number=f"{year - 2000}/QĐ-VP", issuer="Chánh Văn phòng")
    decision = OutcomeDocument.objects.select_related("document__agency").get(pk=decision.pk)
    assert decision.registered and decision.document.status == DocumentStatus.READY
    return decision, colleague, decision.lines.get()


def _amend_url(decision: OutcomeDocument) -> str:
    return reverse("nominations:amend", args=[decision.document_id])


def _streak(colleague: User) -> str:
    result = check(colleague, "CSTD_TINH", 2026)
    return next(v.outcome for v in result.verdicts if v.criterion == "title_streak")


def _writes() -> tuple:
    """What a refused request must not change (signing in and the refusal of an auditor's write are logged by
    design; they are not the request's writes)."""
    return (DecisionAmendment.objects.count(), IssuedDocument.objects.count(),
            AuditEvent.objects.exclude(action__in=[Action.LOGIN, Action.AUDITOR_WRITE_REFUSED]).count(),
            PastAward.objects.standing().count())


def _sign_and_issue(client, decision, amendment, capture) -> IssuedDocument:
    with capture(execute=True):
        response = client.post(_amend_url(decision), {"action": "sign", "amendment": amendment.pk})
    assert response.status_code == 302, response.content
    return IssuedDocument.objects.get(pk=amendment.document_id)


def test_the_chief_annuls_an_award_and_the_registry_streaks_and_statistics_follow(
        decided, login, django_capture_on_commit_callbacks):
    decision, colleague, line = decided
    original_pdf, original_text = decision.document.pdf_sha256, decision.document.text_sha256
    assert PastAward.objects.standing().filter(person=colleague, year=2025, award__code="CSTDCS").exists()
    assert _streak(colleague) == "pass"
    client = login("chanhvp")

    # When the chief opens the page from the decision's page, drafts the annulment and signs it
    page = client.get(reverse("documents:detail", args=[decision.document_id]))
    assert _amend_url(decision) in page.content.decode()
    form = client.get(_amend_url(decision)).content.decode()
    assert f'name="line" value="{line.pk}"' in form and 'value="93_2_b"' in form
    response = client.post(_amend_url(decision), {
        "action": "annul", "line": [str(line.pk)], "ground": "93_2_b",
        "reason": "Hồ sơ kê khai sáng kiến không có quyết định công nhận",
        "rule_broken": "điểm b khoản 1 Điều 23 Luật Thi đua, khen thưởng"})
    assert response.status_code == 302
    amendment = DecisionAmendment.objects.get(original=decision)
    assert amendment.document.status == DocumentStatus.DRAFT
    # a draft changes nothing
    assert PastAward.objects.standing().filter(person=colleague, year=2025, award__code="CSTDCS").exists()
    page = client.get(_amend_url(decision)).content.decode()
    assert reverse("documents:draft", args=[amendment.document_id]) in page and 'value="sign"' in page
    annulling = _sign_and_issue(client, decision, amendment, django_capture_on_commit_callbacks)

    # Then the annulling decision is numbered and issued, next in the register after the original
    assert annulling.status == DocumentStatus.READY and annulling.number_text.endswith("/QĐ-VP")
    assert annulling.number == decision.document.number + 1
    text = " ".join(annulling.snapshot["data"]["articles"])
    assert "điểm b khoản 2 Điều 93" in text and decision.document.number_text in text
    assert colleague.full_name in text
    # the registry keeps the row, marked, and no longer counts it
    row = PastAward.objects.get(person=colleague, year=2025, award__code="CSTDCS")
    assert row.annulled_by == annulling and row.annulled_on is not None
    assert not PastAward.objects.standing().filter(person=colleague, year=2025, award__code="CSTDCS").exists()
    assert row.history.count() == 2
    line.refresh_from_db()
    assert line.status == LineStatus.ANNULLED
    assert f"Đã hủy bỏ (Quyết định số {annulling.number_text}" in client.get(_amend_url(decision)).content.decode()
    # the next year's streak through 2025 is broken
    assert _streak(colleague) == "fail"
    # the statistics no longer count it as awarded
    summary = next(r for r in awards_summary(decision.document.agency, 2025) if r["award"] == line.award.name)
    assert summary["awarded"] == 0 and summary["annulled"] == 1
    table = award_statistics(agency=decision.document.agency, year=2025)
    assert "Khen thưởng bị hủy bỏ" in str(table)
    # the original is unchanged, and each links to the other
    original = IssuedDocument.objects.get(pk=decision.document_id)
    assert (original.pdf_sha256, original.text_sha256, original.status) == (original_pdf, original_text,
                                                                             DocumentStatus.READY)
    assert f"Bị hủy bỏ khen thưởng bởi Quyết định số {annulling.number_text}" in client.get(
        reverse("documents:detail", args=[original.pk])).content.decode()
    assert f"Hủy bỏ khen thưởng tại Quyết định số {original.number_text}" in client.get(
        reverse("documents:detail", args=[annulling.pk])).content.decode()
    # every step is in the log: drafted, signed, issued, then the registry changed
    kind = ContentType.objects.get_for_model(DecisionAmendment)
    actions = list(AuditEvent.objects.filter(content_type=kind, object_id=str(amendment.pk))
                   .order_by("seq").values_list("action", flat=True))
    assert actions == [AMENDMENT_DRAFTED, AWARDS_ANNULLED]
    issued = AuditEvent.objects.get(action=Action.ISSUED, object_id=str(annulling.pk),
                                    content_type=ContentType.objects.get_for_model(IssuedDocument))
    annulled = AuditEvent.objects.get(action=AWARDS_ANNULLED)
    assert annulled.seq == issued.seq + 1 and annulled.changes["original"] == original.number_text
    # and the award cannot be annulled twice
    before = _writes()
    response = client.post(_amend_url(decision), {"action": "annul", "line": [str(line.pk)], "ground": "93_2_b",
                                                   "reason": "Lần nữa"}, follow=True)
    assert "đã bị hủy bỏ" in response.content.decode()
    assert _writes() == before
    # and the colleague's record, as the secretariat reads it, counts as the engine does: CSTĐCS 2024, 2025
    # (annulled, marked so) and 2026 make a run of one year, not three
    record = login("hcqt").get(reverse("records:person", args=[colleague.pk]))
    streak = next(s for s in record.context["record"].streaks if s.label == line.award.name)
    assert (streak.length, streak.end) == (1, 2026)
    assert "<strong>(quyết định đã bị hủy bỏ" in record.content.decode()


def test_a_deputy_annuls_signing_kt(decided, login, django_capture_on_commit_callbacks):
    # Given the decided cycle; when a deputy chief drafts and signs the annulment
    decision, colleague, line = decided
    client = login("phochanhvp1")
    response = client.post(_amend_url(decision), {"action": "annul", "line": [str(line.pk)], "ground": "93_2_d",
                                                   "reason": "Kết luận thanh tra: bị khiển trách trong năm 2025"})
    assert response.status_code == 302
    annulling = _sign_and_issue(client, decision, DecisionAmendment.objects.get(original=decision),
                                django_capture_on_commit_callbacks)
    # Then the decision is signed "KT." and the award no longer stands
    assert annulling.signer_is_deputy and annulling.snapshot["doc"]["signature_lines"][0].startswith("KT. ")
    assert not PastAward.objects.standing().filter(person=colleague, year=2025, award__code="CSTDCS").exists()


def test_who_is_not_the_chief_gets_the_missing_answer_and_nothing_is_written(decided, login):
    decision, _colleague, line = decided
    before = _writes()
    # the secretariat, a unit head, the auditor, and the chief of another agency
    for username in ("hcqt", "truongphong.kt", "kiemtra", "giamdoc.skhdt"):
        client = login(username)
        assert client.get(_amend_url(decision)).status_code == 404
        assert _amend_url(decision) not in client.get(
            reverse("documents:detail", args=[decision.document_id])).content.decode()
        response = client.post(_amend_url(decision), {"action": "annul", "line": [str(line.pk)],
                                                       "ground": "93_2_a", "reason": "Gian dối"})
        assert response.status_code == (403 if username == "kiemtra" else 404)  # an auditor's POST: refused first
    assert _writes() == before
    # and the service refuses them too
    with pytest.raises(annulments.PermissionDenied):
        annulments.annulment_draft(actor=User.objects.get(username="hcqt"), decision=decision, lines=[line],
                                   ground="93_2_a", reason="Gian dối")
    assert _writes() == before


@pytest.mark.parametrize(("post", "message"), [
    ({"ground": "93_2_a", "reason": "  "}, "Vui lòng nêu lý do hủy bỏ khen thưởng."),
    ({"ground": "93_2_a", "reason": "Gian dối", "line": []}, "Chọn ít nhất một cá nhân, tập thể trong quyết định."),
    ({"ground": "khong_co", "reason": "Gian dối"}, "Chọn trường hợp hủy bỏ theo khoản 2 Điều 93"),
    ({"ground": "93_2_a", "reason": "Gian dối", "line": ["other"]}, "không thuộc Quyết định số"),
    ({"ground": "93_2_a", "reason": "Gian dối", "line": ["abc"]}, "không thuộc Quyết định số"),
])
def test_bad_input_gets_a_vietnamese_message_and_nothing_is_written(decided, login, post, message):
    decision, _colleague, line = decided
    other_line = finalised_session("NC").items.get().line  # a line of another session, never in this decision
    lines = {"other": str(other_line.pk)}
    posted = {"action": "annul", "line": [str(line.pk)], **post}
    posted["line"] = [lines.get(value, value) for value in posted["line"]]
    before = _writes()
    response = login("chanhvp").post(_amend_url(decision), posted, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _writes() == before


def test_a_correction_changes_the_printed_name_with_history_and_the_award_still_counts(
        decided, login, django_capture_on_commit_callbacks):
    decision, colleague, line = decided
    client = login("chanhvp")
    printed = decision.document.snapshot["data"]["annex"][0]["name"]

    response = client.post(_amend_url(decision), {"action": "correct", "line": str(line.pk), "field": "name",
                                                   "new": printed + " Anh", "reason": "Ghi thiếu tên đệm"})
    assert response.status_code == 302
    amendment = DecisionAmendment.objects.get(original=decision)
    correcting = _sign_and_issue(client, decision, amendment, django_capture_on_commit_callbacks)

    assert correcting.status == DocumentStatus.READY
    assert correcting.summary == f"Về việc đính chính Quyết định số {decision.document.number_text}"
    text = correcting.snapshot["data"]["articles"][0]
    assert f"họ và tên đã ghi: “{printed}”, nay đính chính là: “{printed} Anh”" in text
    row = PastAward.objects.get(person=colleague, year=2025, award__code="CSTDCS")
    assert row.printed_name == printed + " Anh" and row.corrected_by == correcting
    assert row.person == colleague and row.annulled_by is None
    assert [h.printed_name for h in row.history.order_by("history_id")] == ["", printed + " Anh"]
    assert PastAward.objects.standing().filter(pk=row.pk).exists()
    assert _streak(colleague) == "pass"
    line.refresh_from_db()
    assert line.status == LineStatus.AWARDED
    assert AuditEvent.objects.filter(action=AWARDS_CORRECTED, changes__original=decision.document.number_text).exists()
    assert f"Được đính chính bởi Quyết định số {correcting.number_text}" in client.get(
        reverse("documents:detail", args=[decision.document_id])).content.decode()
    # a correction without a reason, or to the same text, is refused, nothing written
    before = _writes()
    response = client.post(_amend_url(decision), {"action": "correct", "line": str(line.pk), "field": "position",
                                                   "new": "Phó Trưởng phòng", "reason": ""}, follow=True)
    assert "Vui lòng nêu lý do đính chính." in response.content.decode()
    response = client.post(_amend_url(decision), {"action": "correct", "line": str(line.pk), "field": "name",
                                                   "new": printed + " Anh", "reason": "Lặp lại"}, follow=True)
    assert "giống nội dung đã ghi" in response.content.decode()
    assert _writes() == before


def test_a_second_draft_for_an_award_already_annulled_cannot_be_signed(decided, person,
                                                                       django_capture_on_commit_callbacks):
    # Given two drafts annulling the same award, the first signed and issued
    decision, colleague, line = decided
    chief = person("chanhvp")
    first, second = (annulments.annulment_draft(actor=chief, decision=decision, lines=[line], ground="93_2_c",
                                                reason=reason) for reason in ("Xét trái quy định", "Lặp lại"))
    with django_capture_on_commit_callbacks(execute=True):
        annulments.amendment_sign(actor=chief, amendment=first)
    assert IssuedDocument.objects.get(pk=first.document_id).status == DocumentStatus.READY
    before = _writes()
    # When the chief signs the second, then it is refused and nothing changes
    with pytest.raises(annulments.ValidationError, match="đã bị hủy bỏ"):
        annulments.amendment_sign(actor=chief, amendment=second)
    assert IssuedDocument.objects.get(pk=second.document_id).status == DocumentStatus.DRAFT
    assert _writes() == before
    assert PastAward.objects.get(person=colleague, year=2025, award__code="CSTDCS").annulled_by_id == first.document_id
