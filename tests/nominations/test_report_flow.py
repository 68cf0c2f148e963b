"""The annual report flow over HTTP (design §3 flow 5; domain §7): each role does its step."""

from __future__ import annotations

import pytest
from django.urls import reverse
from viewflow.workflow.status import STATUS

from nominations.flows import AnnualReportFlow
from nominations.models import AnnualReport, AnnualReportProcess, ReportStatus
from tests.workflow.documents_helpers import page_texts
from workflow.deadlines.models import TaskDeadline
from workflow.documents.models import DocumentStatus

from .report_helpers import SECTION_TEXT, do_task, open_report, open_tasks, prose_post, write_all_sections

pytestmark = pytest.mark.django_db


def test_the_whole_report_from_opening_to_home_affairs_acknowledging_it(login, django_capture_on_commit_callbacks):
    secretariat = login("hcqt")
    report = open_report(secretariat)
    assert report.sections.count() == 8
    write_tasks = open_tasks(report, "write")
    assert len(write_tasks) == 8 and all(t.owner_id for t in write_tasks)
    assert TaskDeadline.objects.filter(task__in=[t.pk for t in write_tasks]).count() == 8

    write_all_sections(login, report)
    report.refresh_from_db()
    assert report.status == ReportStatus.COMPILING

    secretariat = login("hcqt")
    [compile_task] = open_tasks(report, "compile")
    assert secretariat.post(reverse("annualreport:compile:assign",
                                    args=[compile_task.process_id, compile_task.pk])).status_code == 302
    compile_task.refresh_from_db()
    page = secretariat.get(reverse("annualreport:compile:execute", args=[compile_task.process_id, compile_task.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Phòng Kinh tế: Hoàn thành 100% nhiệm vụ" in text  # the units' sections are in the prefill

    response = do_task(secretariat, compile_task, prose_post(report, "preview"))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.COMPILING and report.document.status == DocumentStatus.DRAFT
    draft = secretariat.get(reverse("documents:draft", args=[report.document_id]))
    draft_text = "\n".join(page_texts(b"".join(draft.streaming_content) if draft.streaming else draft.content))
    assert "DỰ THẢO" in draft_text and "/BC-VP" in draft_text

    response = do_task(secretariat, compile_task, prose_post(report, "finish"))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.COMPILED

    chief = login("chanhvp")
    [sign_task] = open_tasks(report, "sign")
    with django_capture_on_commit_callbacks(execute=True):
        response = do_task(chief, sign_task, {"read_drafts": "1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:detail", args=[report.pk])
    report.refresh_from_db()
    assert report.status == ReportStatus.SENT
    assert report.document.status == DocumentStatus.READY
    assert report.document.number_text.endswith("/BC-VP")

    officer = login("sonoivu")
    [ha_task] = open_tasks(report, "home_affairs")
    response = do_task(officer, ha_task, {"decision": "accept"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ACKNOWLEDGED
    assert AnnualReportProcess.objects.get(report=report).status == STATUS.DONE


def test_the_secretariat_returns_a_section_and_the_unit_head_supplements_it(login, person):
    report = open_report(login("hcqt"))
    write_all_sections(login, report)
    secretariat = login("hcqt")
    [compile_task] = open_tasks(report, "compile")
    kt = report.sections.get(unit__code="KT")

    response = do_task(secretariat, compile_task, {"action": "return_section", "section": kt.pk,
                                                    "reason": "Bổ sung số liệu sáng kiến."})

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SECTION_RETURNED
    [rewrite] = open_tasks(report, "rewrite")
    assert rewrite.owner == person("truongphong.kt")
    head = login("truongphong.kt")
    assert "Bổ sung số liệu sáng kiến." in head.get(
        reverse("annualreport:rewrite:execute", args=[rewrite.process_id, rewrite.pk])).content.decode()
    response = do_task(head, rewrite, {"action": "submit", **SECTION_TEXT, "initiatives": "02 sáng kiến cấp cơ sở."})
    assert response.status_code == 302
    report.refresh_from_db()
    kt.refresh_from_db()
    assert report.status == ReportStatus.COMPILING and kt.initiatives == "02 sáng kiến cấp cơ sở."
    assert len(open_tasks(report, "compile")) == 1


def test_the_chief_returns_the_report_with_a_reason_and_a_delegated_deputy_signs_kt(
        login, person, django_capture_on_commit_callbacks):
    import datetime as dt

    from django.utils import timezone

    from workflow.delegation.services import delegation_create

    report = open_report(login("hcqt"))
    write_all_sections(login, report)
    secretariat = login("hcqt")
    [compile_task] = open_tasks(report, "compile")
    do_task(secretariat, compile_task, prose_post(report, "finish"))

    chief = login("chanhvp")
    [sign_task] = open_tasks(report, "sign")
    refused = do_task(chief, sign_task, {"action": "return", "reason": ""})
    assert refused.status_code == 400 and "Ghi rõ lý do trả lại" in refused.content.decode()
    response = chief.post(reverse("annualreport:sign:execute", args=[sign_task.process_id, sign_task.pk]),
                          {"action": "return", "reason": "Bổ sung phần đánh giá chung."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.CHIEF_RETURNED and report.reason == "Bổ sung phần đánh giá chung."

    secretariat = login("hcqt")
    [compile_task] = open_tasks(report, "compile")
    do_task(secretariat, compile_task, prose_post(report, "finish", assessment="Đánh giá chung đã bổ sung."))

    [sign_task] = open_tasks(report, "sign")
    assert sign_task.owner.username == "chanhvp"  # only the chief signs: his when created, no claim
    today = timezone.localdate()
    delegation_create(actor=person("chanhvp"), delegator=person("chanhvp"), delegate=person("phochanhvp1"),
                      start_date=today, end_date=today + dt.timedelta(days=3), reason="Đi công tác")
    [sign_task] = open_tasks(report, "sign")
    deputy = login("phochanhvp1")
    assert sign_task.owner == person("phochanhvp1")  # the chief's task was handed over
    page = deputy.get(reverse("annualreport:sign:execute", args=[sign_task.process_id, sign_task.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        response = do_task(deputy, sign_task, {"read_drafts": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    report.refresh_from_db()
    assert report.document.signer_is_deputy
    text = "\n".join(page_texts(open(report.document.pdf.path, "rb").read()))
    assert "KT. CHÁNH VĂN PHÒNG" in text and "PHÓ CHÁNH VĂN PHÒNG" in text
    assert "KT. CHÁNH VĂN PHÒNG" in page.content.decode()


def test_home_affairs_returns_the_report_and_the_secretariat_compiles_a_new_one(
        login, django_capture_on_commit_callbacks):
    report = open_report(login("hcqt"))
    write_all_sections(login, report)
    secretariat = login("hcqt")
    do_task(secretariat, open_tasks(report, "compile")[0], prose_post(report, "finish"))
    with django_capture_on_commit_callbacks(execute=True):
        do_task(login("chanhvp"), open_tasks(report, "sign")[0], {"read_drafts": "1"})
    report.refresh_from_db()
    first = report.document

    do_task(login("sonoivu"), open_tasks(report, "home_affairs")[0],
            {"decision": "return", "reason": "Bổ sung phụ lục thống kê."})

    report.refresh_from_db()
    assert report.status == ReportStatus.HOME_AFFAIRS_RETURNED
    do_task(login("hcqt"), open_tasks(report, "compile")[0], prose_post(report, "finish"))
    report.refresh_from_db()
    assert report.document_id != first.pk and report.status == ReportStatus.COMPILED
    first.refresh_from_db()
    assert first.status == DocumentStatus.READY  # the signed report stays as issued


def test_the_flow_is_registered_with_deadlines_on_every_human_step():
    for node in ("write", "compile", "rewrite", "sign", "home_affairs"):
        assert getattr(AnnualReportFlow, node).has_deadline
    assert AnnualReport._meta.get_field("year")
