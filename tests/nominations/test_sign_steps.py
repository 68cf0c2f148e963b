"""Every signing step signs with its eyes open (issue 18), like the council approval (test_sign_preview.py):
the chief, or a deputy "KT.", reads the draft of what he signs — the agency's pledge công văn with its annexed
Bản đăng ký, the annual Báo cáo — as an unnumbered "DỰ THẢO" that nobody else may open; he signs only after
ticking that he read it (the browser asks, the server refuses without it); he may instead return the work to
the secretariat with a reason, which their compile step shows as a banner, and the register's number is not
taken; after signing he lands on the registration's or report's page with a message and the link to what was
issued. Over HTTP, through the real flows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import User
from nominations import demo_pledges
from nominations.flows.council import CouncilFlow
from nominations.models import AgencyPledgeRegistration, AgencyPledgeStatus, ReportStatus, SessionStatus
from workflow.audit import Action
from workflow.audit.models import AuditEvent
from workflow.documents.models import DocumentCounter, DocumentStatus, DocumentType, IssuedDocument
from workflow.documents.rendering import pdf_text

from . import pledge_helpers, report_helpers
from .council_helpers import finalised_session, open_task, taken
from .helpers import task_url
from .test_pledges_flow import unit_registered

pytestmark = pytest.mark.django_db
YEAR = 2023
CONFIRM = {"read_drafts": "1"}
OUTSIDERS = ["truongphong.kt", "canbo.kt.02", "hoidong1", "sonoivu"]


def last_number(doc_type: str) -> int:
    counter = DocumentCounter.objects.filter(agency__code="VP", doc_type=doc_type).order_by("-year").first()
    return counter.last_number if counter else 0


# --- the agency's pledge công văn ---------------------------------------------------------------------------


@pytest.fixture
def registration(login, person) -> AgencyPledgeRegistration:
    """The Office's registration of 2023, compiled by the secretariat: the chief's signing step is open."""
    demo_pledges.seed()
    agency_registration = pledge_helpers.open_round(login, person, YEAR, "2023-01-02")
    unit = unit_registered(login, person)
    client = login("hcqt")
    assert pledge_helpers.do_task(client, unit, "review", {"decision": "accept"}).status_code == 302
    assert pledge_helpers.do_task(client, agency_registration, "compile", {}, agency=True).status_code == 302
    agency_registration.refresh_from_db()
    assert agency_registration.status == AgencyPledgeStatus.COMPILED
    return agency_registration


def pledge_sign_url(registration, client) -> str:
    task = pledge_helpers.open_task(registration, "sign", agency=True)
    if task.owner_id is None:
        assert client.post(reverse("agencypledge:sign:assign", args=[task.process_id, task.pk])).status_code == 302
    return reverse("agencypledge:sign:execute", args=[task.process_id, task.pk])


def test_the_signer_reads_the_cong_van_with_its_annex_as_a_draft_nobody_else_opens(registration, login, person):
    client = login("chanhvp")
    draft_url = reverse("documents:draft", args=[registration.document_id])

    page = client.get(pledge_sign_url(registration, client)).content.decode()
    pdf = client.get(draft_url)

    previews = page[page.index('id="previews"'):page.index("</ol>", page.index('id="previews"'))]
    assert previews.count('class="preview-link"') == 1 and f'href="{draft_url}"' in previews
    assert "CÔNG VĂN V/v đăng ký thi đua năm 2023" in previews
    assert 'name="read_drafts" value="1" required' in page and 'id="return-form"' in page
    text = pdf_text(pdf.content)
    assert pdf.status_code == 200 and "DỰ THẢO" in text
    assert "BẢN ĐĂNG KÝ" in text.upper() and person("canbo.kt.02").full_name in text  # the annex
    for username in OUTSIDERS:
        assert login(username).get(draft_url).status_code == 404, username


def test_signing_the_cong_van_without_confirming_is_refused_in_vietnamese_and_signs_nothing(registration, login):
    client = login("chanhvp")
    before = last_number(DocumentType.CONG_VAN)

    response = client.post(pledge_sign_url(registration, client), {})

    registration.refresh_from_db()
    assert response.status_code == 400
    assert "Chưa ký: hãy đọc các dự thảo" in response.content.decode()
    assert registration.status == AgencyPledgeStatus.COMPILED
    assert registration.document.status == DocumentStatus.DRAFT and registration.document.number is None
    assert last_number(DocumentType.CONG_VAN) == before
    assert pledge_helpers.open_task(registration, "sign", agency=True) is not None


def test_the_signer_returns_the_cong_van_and_the_secretariat_reads_why_and_compiles_again(
        registration, login, django_capture_on_commit_callbacks):
    client = login("chanhvp")
    draft = registration.document
    before = last_number(DocumentType.CONG_VAN)

    response = client.post(pledge_sign_url(registration, client),
                           {"action": "return", "reason": "Bổ sung chỉ tiêu của Phòng Hành chính – Quản trị."})

    registration.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == reverse("pledges:agency", args=[registration.pk])
    assert "Đã trả lại bản đăng ký cho Thường trực" in client.get(response["Location"]).content.decode()
    assert registration.status == AgencyPledgeStatus.CHIEF_RETURNED and registration.document is None
    assert not IssuedDocument.objects.filter(pk=draft.pk).exists()  # discarded: it took no number
    assert last_number(DocumentType.CONG_VAN) == before
    assert AuditEvent.objects.filter(action=Action.RETURNED, object_id=str(registration.pk),
                                     content_type__model="agencypledgeregistration").exists()
    secretariat = login("hcqt")
    compile_task = pledge_helpers.open_task(registration, "compile", agency=True)
    secretariat.post(reverse("agencypledge:compile:assign", args=[compile_task.process_id, compile_task.pk]))
    page = secretariat.get(reverse("agencypledge:compile:execute",
                                   args=[compile_task.process_id, compile_task.pk])).content.decode()
    assert 'id="return-reason"' in page and "Bổ sung chỉ tiêu của Phòng Hành chính – Quản trị." in page

    assert pledge_helpers.do_task(secretariat, registration, "compile", {}, agency=True).status_code == 302
    client = login("chanhvp")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(pledge_sign_url(registration, client), CONFIRM).status_code == 302

    registration.refresh_from_db()
    assert registration.status == AgencyPledgeStatus.SENT and registration.return_reason == ""
    assert registration.document.number == before + 1  # the returned draft consumed no number


def test_after_signing_the_cong_van_the_signer_lands_on_its_page_with_a_message_and_the_link(
        registration, login, django_capture_on_commit_callbacks):
    client = login("chanhvp")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(pledge_sign_url(registration, client), CONFIRM)

    registration.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == reverse("pledges:agency", args=[registration.pk])
    landing = client.get(response["Location"]).content.decode()
    assert "Đã ký công văn đăng ký thi đua" in landing
    assert f'id="agency-document" href="/documents/{registration.document_id}/"' in landing
    assert registration.document.status == DocumentStatus.READY
    assert pledge_helpers.open_task(registration, "home_affairs", agency=True) is not None


# --- the annual report ----------------------------------------------------------------------------------------


@pytest.fixture
def report(login):
    """The Office's report of 2023, compiled by the secretariat: the chief's signing step is open."""
    report = report_helpers.open_report(login("hcqt"))
    report_helpers.write_all_sections(login, report)
    secretariat = login("hcqt")
    [compile_task] = report_helpers.open_tasks(report, "compile")
    assert report_helpers.do_task(secretariat, compile_task,
                                  report_helpers.prose_post(report, "finish")).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.COMPILED
    return report


def report_sign_url(report, client) -> str:
    [task] = report_helpers.open_tasks(report, "sign")
    if task.owner_id is None:
        assert client.post(report_helpers.task_url(task, "assign")).status_code == 302
    return report_helpers.task_url(task)


def test_the_signer_reads_the_report_as_a_draft_nobody_else_opens(report, login):
    client = login("chanhvp")
    draft_url = reverse("documents:draft", args=[report.document_id])

    page = client.get(report_sign_url(report, client)).content.decode()
    pdf = client.get(draft_url)

    previews = page[page.index('id="previews"'):page.index("</ol>", page.index('id="previews"'))]
    assert previews.count('class="preview-link"') == 1 and f'href="{draft_url}"' in previews
    assert "BÁO CÁO" in previews
    assert 'name="read_drafts" value="1" required' in page and 'id="return-form"' in page
    assert 'name="decision"' not in page  # one way to sign, one way to return
    text = pdf_text(pdf.content)
    assert pdf.status_code == 200 and "DỰ THẢO" in text and "Hoàn thành 100% nhiệm vụ" in text
    for username in OUTSIDERS:
        assert login(username).get(draft_url).status_code == 404, username


def test_signing_the_report_without_confirming_is_refused_in_vietnamese_and_signs_nothing(report, login):
    client = login("chanhvp")

    response = client.post(report_sign_url(report, client), {})

    report.refresh_from_db()
    assert response.status_code == 400
    assert "Chưa ký: hãy đọc các dự thảo" in response.content.decode()
    assert report.status == ReportStatus.COMPILED
    assert report.document.status == DocumentStatus.DRAFT and report.document.number is None
    assert report_helpers.open_tasks(report, "sign")


def test_the_signer_returns_the_report_and_the_secretariat_reads_why_and_compiles_again(
        report, login, django_capture_on_commit_callbacks):
    client = login("chanhvp")
    before = last_number(DocumentType.BAO_CAO)

    response = client.post(report_sign_url(report, client),
                           {"action": "return", "reason": "Bổ sung phần đánh giá chung."})

    report.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == reverse("reports:detail", args=[report.pk])
    assert "Đã trả lại báo cáo cho Thường trực" in client.get(response["Location"]).content.decode()
    assert report.status == ReportStatus.CHIEF_RETURNED and report.reason == "Bổ sung phần đánh giá chung."
    assert report.document.status == DocumentStatus.DRAFT and report.document.number is None
    assert last_number(DocumentType.BAO_CAO) == before
    assert AuditEvent.objects.filter(action=Action.RETURNED, object_id=str(report.pk),
                                     content_type__model="annualreport").exists()
    secretariat = login("hcqt")
    [compile_task] = report_helpers.open_tasks(report, "compile")
    secretariat.post(report_helpers.task_url(compile_task, "assign"))
    compile_task.refresh_from_db()
    page = secretariat.get(report_helpers.task_url(compile_task)).content.decode()
    assert 'id="return-reason"' in page and "Bổ sung phần đánh giá chung." in page

    assert report_helpers.do_task(secretariat, compile_task, report_helpers.prose_post(
        report, "finish", assessment="Đánh giá chung đã bổ sung.")).status_code == 302
    client = login("chanhvp")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(report_sign_url(report, client), CONFIRM).status_code == 302

    report.refresh_from_db()
    assert report.status == ReportStatus.SENT and report.document.number == before + 1


def test_after_signing_the_report_the_signer_lands_on_its_page_with_a_message_and_the_link(
        report, login, django_capture_on_commit_callbacks):
    client = login("chanhvp")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(report_sign_url(report, client), CONFIRM)

    report.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == reverse("reports:detail", args=[report.pk])
    landing = client.get(response["Location"]).content.decode()
    assert "Đã ký báo cáo" in landing
    assert f'id="report-document" href="/documents/{report.document_id}/"' in landing
    assert report.document.status == DocumentStatus.READY and report_helpers.open_tasks(report, "home_affairs")


# --- the council approval: the same confirmation, enforced -----------------------------------------------


def test_the_council_approval_without_confirming_is_refused_and_signs_nothing(client):
    session = finalised_session("KT")
    chief = User.objects.get(username="chanhvp")
    client.force_login(chief)

    response = client.post(task_url("council", taken(open_task(session.process, CouncilFlow.approve), chief)), {})

    session.refresh_from_db()
    assert response.status_code == 400 and "Chưa ký: hãy đọc các dự thảo" in response.content.decode()
    assert session.status == SessionStatus.FINALISED and session.minutes.status == DocumentStatus.DRAFT
    assert not session.outcome_documents.exists()
