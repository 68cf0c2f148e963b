"""Issue 23, branch f/pdf: the báo cáo thành tích's PDF is rendered by a worker after the unit head's
confirmation commits, from the content frozen at confirmation; the job attaches it once, a failure is shown
to the head with a retry button, and the submission renders what no worker has made."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nominations import demo_facts, services
from nominations.models import AchievementReport, Attachment, AttachmentKind, DossierRound, DossierStatus
from nominations.services.papers import achievement_report_pdf_make
from tests.conftest import blank_renderer
from workflow.audit.models import AuditEvent
from workflow.documents import rendering

from .helpers import edit_task, run, task_url
from .test_papers import draft, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    """WeasyPrint replaced by a blank page that records the HTML of each PDF asked for; ``fail`` makes it raise."""
    blank = blank_renderer()
    calls = {"html": [], "fail": False}

    def render(html: str) -> rendering.RenderResult:
        calls["html"].append(html)
        if calls["fail"]:
            raise OSError("WeasyPrint could not lay the page out")
        return blank(html)

    monkeypatch.setattr(rendering, "html_to_pdf", render)
    return calls


def written(person=None):
    person = person or staff()[0]
    dossier = draft(person)
    line = dossier.lines.get()
    services.achievement_report_save(actor=dossier.created_by, line=line, achievements="Dẫn đầu phong trào thi đua.")
    return dossier, line


def report_files(line) -> int:
    return Attachment.objects.filter(line=line, kind=AttachmentKind.REPORT).count()


def test_the_heads_confirmation_does_not_render_the_worker_does_after_commit(login, renders,
                                                                              django_capture_on_commit_callbacks):
    # given a written report
    dossier, line = written()
    head = login("truongphong.kt")
    url = task_url("dossier", edit_task(dossier))
    # when the head confirms it and nothing runs after commit yet
    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert head.post(url, {"action": "report_confirm", "line": line.pk}).status_code == 302
    # then it is confirmed, frozen and queued, but no PDF was rendered or attached
    report = AchievementReport.objects.get(line=line)
    assert report.confirmed and report.pdf_pending and report.content["data"]["achievements"]
    assert renders["html"] == [] and report_files(line) == 0 and len(queued) == 1
    page = head.get(f"{url}?report={line.pk}").content.decode()
    assert "Tệp PDF đang được chuẩn bị" in page and "Đã xác nhận, tệp PDF đang được tạo" in page
    assert "Tạo lại tệp PDF" not in page
    # when the worker runs the job
    queued[0]()
    # then the PDF is rendered once and attached as the line's report file
    report.refresh_from_db()
    assert len(renders["html"]) == 1 and report_files(line) == 1
    assert report.attachment.kind == AttachmentKind.REPORT and report.attachment.line_id == line.pk
    assert not report.pdf_pending
    assert "Tệp PDF đang được chuẩn bị" not in head.get(f"{url}?report={line.pk}").content.decode()


def test_the_job_attaches_once_when_it_is_delivered_twice(renders, django_capture_on_commit_callbacks):
    # given a confirmed report whose job is queued
    dossier, line = written()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        report = services.achievement_report_confirm(actor=dossier.created_by, line=line)
    # when the job runs, and the same message is delivered again, and the service is called once more
    queued[0]()
    queued[0]()
    achievement_report_pdf_make(report_id=report.pk)
    # then there is one file, rendered once
    assert report_files(line) == 1 and len(renders["html"]) == 1
    assert AchievementReport.objects.get(pk=report.pk).attachment_id == Attachment.objects.get(
        line=line, kind=AttachmentKind.REPORT).pk


def test_the_pdf_prints_what_the_head_confirmed_even_after_the_persons_data_change(
        renders, django_capture_on_commit_callbacks):
    # given a confirmed report whose PDF is not rendered yet
    person = staff()[0]
    old_name = person.full_name
    dossier, line = written(person)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        services.achievement_report_confirm(actor=dossier.created_by, line=line)
    # when the person's name changes in the master data before the worker runs
    person.full_name = "Nguyễn Văn Đổi Tên"
    person.save(update_fields=["full_name"])
    queued[0]()
    # then the PDF prints the name the head confirmed
    html = renders["html"][0]
    assert old_name in html and "Nguyễn Văn Đổi Tên" not in html and "Dẫn đầu phong trào thi đua." in html


def test_a_failed_rendering_is_shown_and_the_head_makes_it_again(login, renders, django_capture_on_commit_callbacks):
    # given a confirmed report whose rendering fails in the worker
    dossier, line = written()
    person = line.person
    head = login("truongphong.kt")
    url = task_url("dossier", edit_task(dossier))
    renders["fail"] = True
    with django_capture_on_commit_callbacks(execute=True):
        assert head.post(url, {"action": "report_confirm", "line": line.pk}).status_code == 302
    # then the failure is recorded and the head sees it with a retry button
    report = AchievementReport.objects.get(line=line)
    assert report.confirmed and report.pdf_failed and report_files(line) == 0
    page = head.get(f"{url}?report={line.pk}").content.decode()
    assert "Không tạo được tệp PDF" in page and "Tạo lại tệp PDF" in page and 'value="report_pdf_retry"' in page
    # when the nominee asks for it again, then it is refused (only the unit head)
    with pytest.raises(PermissionDenied):
        services.achievement_report_pdf_retry(actor=person, line=line)
    # when the head presses "Tạo lại tệp PDF" and the rendering works again
    renders["fail"] = False
    with django_capture_on_commit_callbacks(execute=True):
        assert head.post(url, {"action": "report_pdf_retry", "line": line.pk}).status_code == 302
    # then the PDF is attached, the error gone, the request audited
    report.refresh_from_db()
    assert report_files(line) == 1 and report.attachment_id and report.pdf_error == ""
    assert AuditEvent.objects.filter(action="nominations.achievement_report_pdf_retried",
                                     object_id=str(report.pk)).exists()
    # and a report with its file cannot be asked for again
    with pytest.raises(ValidationError):
        services.achievement_report_pdf_retry(actor=dossier.created_by, line=line)


def test_the_submission_renders_the_pdfs_no_worker_made(renders, django_capture_on_commit_callbacks):
    # given a confirmed report whose job never ran (no worker), and the unit's minutes
    dossier, line = written()
    head = dossier.created_by
    with django_capture_on_commit_callbacks(execute=False):
        report = services.achievement_report_confirm(actor=head, line=line)
    demo_facts.papers_record(dossier=dossier)
    assert report_files(line) == 0 and renders["html"] == []
    # when the head submits the dossier
    run(edit_task(dossier), head, lambda: services.dossier_submit(actor=head, dossier=dossier))
    # then the PDF was rendered in the submission and sent with the dossier
    report.refresh_from_db()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED and len(renders["html"]) == 1 and report_files(line) == 1
    sent = DossierRound.objects.get(dossier=dossier).attachments
    assert any(a["id"] == report.attachment_id and a["kind"] == AttachmentKind.REPORT for a in sent)
    # and the worker's late job leaves it as it is
    achievement_report_pdf_make(report_id=report.pk)
    assert report_files(line) == 1 and len(renders["html"]) == 1


def test_a_submission_whose_missing_pdf_cannot_be_rendered_is_refused_naming_the_line(
        renders, django_capture_on_commit_callbacks):
    # given a confirmed report without its PDF, and a renderer that fails
    dossier, line = written()
    head = dossier.created_by
    with django_capture_on_commit_callbacks(execute=False):
        services.achievement_report_confirm(actor=head, line=line)
    demo_facts.papers_record(dossier=dossier)
    renders["fail"] = True
    # when the head submits, then it is refused naming the nominee, and nothing is sent
    with pytest.raises(ValidationError) as refused:
        services.dossier_submit(actor=head, dossier=dossier)
    assert "Không tạo được tệp PDF của báo cáo thành tích" in str(refused.value)
    assert line.nominee_name in str(refused.value)
    dossier.refresh_from_db()
    assert dossier.status != DossierStatus.SUBMITTED and not DossierRound.objects.filter(dossier=dossier).exists()
    assert report_files(line) == 0
