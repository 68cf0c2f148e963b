"""The sweep for stale work (workflow.sweep), time frozen: a job whose worker died is failed once with a
Vietnamese message; a signed document whose issuing was lost is queued again and takes its number once."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from accounts.models import Agency
from tests.concurrency import row_held
from workflow import sweep
from workflow.audit.models import AuditEvent
from workflow.documents import rendering, services
from workflow.documents.models import DocumentCounter, DocumentStatus, IssuedDocument
from workflow.documents.tasks import document_issue_task
from workflow.jobs import registry
from workflow.jobs.models import Job, JobStatus
from workflow.jobs.services import job_run, job_start
from workflow.sweep import register_sweep, sweep_stale

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2025, 12, 22, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
DECISION = {"authority": "Chánh Văn phòng UBND tỉnh Quảng Ngãi", "grounds": ["Căn cứ Luật Thi đua, khen thưởng;"],
            "articles": ["Tặng Giấy khen cho 01 cá nhân."], "annex_title": "DANH SÁCH", "annex": [],
            "noi_nhan": ["Như Điều 3;"]}


class WorkerKilled(BaseException):
    """What a killed worker looks like from inside: nothing after this line runs, no handler catches it."""


@pytest.fixture
def dying_kind(monkeypatch):
    def run(job, progress):
        progress(40, "Đang đọc tệp")
        raise WorkerKilled

    kind = registry.JobKind(code="test.dies", label="Thử", run=run, may_start=lambda user: True)
    monkeypatch.setitem(registry._kinds, "test.dies", kind)
    return kind


def events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def sweep_at(when: dt.datetime, capture=None) -> dict:
    with freeze_time(when):
        if capture is None:
            return sweep_stale()
        with capture(execute=True):
            return sweep_stale()


def test_a_job_whose_worker_died_is_failed_once_after_the_timeout(person, dying_kind, settings):
    settings.WORKFLOW_STALE_JOB_MINUTES = 60
    owner = person("admin")
    with freeze_time(T0):
        job = job_start(actor=owner, kind="test.dies")
        with pytest.raises(WorkerKilled):
            job_run(job_id=job.pk)
        done = Job.objects.create(owner=owner, kind="test.dies", status=JobStatus.DONE, started_at=timezone.now())
    assert Job.objects.get(pk=job.pk).status == JobStatus.RUNNING

    assert sweep_at(T0 + dt.timedelta(minutes=59))["jobs_failed"] == 0
    assert Job.objects.get(pk=job.pk).status == JobStatus.RUNNING

    assert sweep_at(T0 + dt.timedelta(minutes=61))["jobs_failed"] == 1
    failed = Job.objects.get(pk=job.pk)
    assert failed.status == JobStatus.FAILED and failed.finished_at == T0 + dt.timedelta(minutes=61)
    assert failed.message.startswith("Công việc đã dừng vì chạy quá 60 phút mà chưa xong")
    assert failed.progress == 40
    assert Job.objects.get(pk=done.pk).status == JobStatus.DONE
    assert events("job.timed_out") == 1
    event = AuditEvent.objects.get(action="job.timed_out")
    assert event.actor is None and event.object_id == str(job.pk)

    assert sweep_at(T0 + dt.timedelta(hours=3))["jobs_failed"] == 0
    assert events("job.timed_out") == 1


@pytest.fixture
def draft(person):
    return services.document_create(actor=person("hcqt"), agency=Agency.objects.get(code="VP"),
                                    template_key="quyet_dinh_khen_thuong", summary="Về việc tặng Giấy khen",
                                    data=DECISION, issuer_unit_code="HCQT")


def test_a_signed_document_whose_issue_job_was_lost_is_queued_again_and_issued_once(
        draft, person, settings, django_capture_on_commit_callbacks):
    settings.WORKFLOW_STALE_DOCUMENT_MINUTES = 15
    with freeze_time(T0):
        services.document_sign(actor=person("chanhvp"), document=draft)  # the job is never delivered

    assert sweep_at(T0 + dt.timedelta(minutes=14), django_capture_on_commit_callbacks)["documents_requeued"] == 0
    assert IssuedDocument.objects.get(pk=draft.pk).status == DocumentStatus.QUEUED

    assert sweep_at(T0 + dt.timedelta(minutes=16), django_capture_on_commit_callbacks)["documents_requeued"] == 1
    issued = IssuedDocument.objects.get(pk=draft.pk)
    assert issued.status == DocumentStatus.READY and issued.number_text == "01/QĐ-VP"
    assert events("document.requeued") == 1 and events("document.issued") == 1

    document_issue_task.apply(args=(draft.pk,))  # the lost message turns up after all
    assert sweep_at(T0 + dt.timedelta(hours=2), django_capture_on_commit_callbacks)["documents_requeued"] == 0
    assert IssuedDocument.objects.get(pk=draft.pk).number == 1
    assert DocumentCounter.objects.get(agency__code="VP", year=2025, doc_type="QĐ").last_number == 1
    assert events("document.requeued") == 1 and events("document.issued") == 1


def test_a_document_left_rendering_by_a_dead_worker_takes_the_next_number_without_a_gap(
        draft, person, settings, monkeypatch, django_capture_on_commit_callbacks):
    settings.WORKFLOW_STALE_DOCUMENT_MINUTES = 15
    real_render = rendering.render_pdf

    def killed(*args, **kwargs):
        raise WorkerKilled

    with freeze_time(T0):
        monkeypatch.setattr(rendering, "render_pdf", killed)
        with pytest.raises(WorkerKilled), django_capture_on_commit_callbacks(execute=True):
            services.document_sign(actor=person("chanhvp"), document=draft)
    stuck = IssuedDocument.objects.get(pk=draft.pk)
    assert stuck.status == DocumentStatus.RENDERING and stuck.number is None
    monkeypatch.setattr(rendering, "render_pdf", real_render)

    sweep_at(T0 + dt.timedelta(minutes=16), django_capture_on_commit_callbacks)

    issued = IssuedDocument.objects.get(pk=draft.pk)
    assert issued.status == DocumentStatus.READY and issued.number_text == "01/QĐ-VP"
    assert DocumentCounter.objects.get(agency__code="VP", year=2025, doc_type="QĐ").last_number == 1


@pytest.fixture
def no_domain_sweeps(monkeypatch):
    """The engine's own sweep only: the domain's registrations (``ready()``) set aside for the test."""
    monkeypatch.setattr(sweep, "_sweeps", {})


def test_the_command_reports_what_it_did(draft, person, settings, django_capture_on_commit_callbacks,
                                         no_domain_sweeps):
    settings.WORKFLOW_STALE_DOCUMENT_MINUTES = 15
    with freeze_time(T0):
        services.document_sign(actor=person("chanhvp"), document=draft)
    out = io.StringIO()

    with freeze_time(T0 + dt.timedelta(minutes=20)), django_capture_on_commit_callbacks(execute=True):
        call_command("sweep_stale", stdout=out)

    assert out.getvalue().strip() == ("stale jobs failed: 0; documents queued again: 1; notifications sent: 0; "
                                      "webhooks delivered: 0")
    assert IssuedDocument.objects.get(pk=draft.pk).status == DocumentStatus.READY


@pytest.mark.postgres
def test_a_document_a_worker_holds_right_now_is_left_to_that_worker(seeded_transactional_db, person, settings,
                                                                      monkeypatch):
    """The worker rendering a document holds its row lock (``document_issue``): the sweep skips it."""
    settings.WORKFLOW_STALE_DOCUMENT_MINUTES = 15
    queued = []
    monkeypatch.setattr(document_issue_task, "delay", queued.append)
    with freeze_time(T0):
        document = services.document_create(
            actor=person("hcqt"), agency=Agency.objects.get(code="VP"), template_key="quyet_dinh_khen_thuong",
            summary="Về việc tặng Giấy khen", data=DECISION, issuer_unit_code="HCQT")
        services.document_sign(actor=person("chanhvp"), document=document)
    assert queued == [document.pk]
    with row_held(IssuedDocument, document.pk):
        skipped = sweep_at(T0 + dt.timedelta(minutes=16))

    assert skipped["documents_requeued"] == 0
    assert sweep_at(T0 + dt.timedelta(minutes=17))["documents_requeued"] == 1
    assert queued == [document.pk, document.pk]


def test_a_job_whose_message_never_arrived_is_failed_once_with_its_own_message(person, settings):
    settings.WORKFLOW_STALE_JOB_MINUTES = 60
    with freeze_time(T0):
        job = job_start(actor=person("admin"), kind="people_export")  # the broker lost the message

    assert sweep_at(T0 + dt.timedelta(minutes=59))["jobs_failed"] == 0
    assert sweep_at(T0 + dt.timedelta(minutes=61))["jobs_failed"] == 1
    failed = Job.objects.get(pk=job.pk)
    assert failed.status == JobStatus.FAILED and failed.started_at is None
    assert failed.message.startswith("Công việc chưa được xử lý sau 60 phút")
    assert AuditEvent.objects.get(action="job.timed_out").changes["was"] == JobStatus.QUEUED

    job_run(job_id=job.pk)  # the lost message turns up after all: the job is over, nothing runs
    assert Job.objects.get(pk=job.pk).status == JobStatus.FAILED
    assert sweep_at(T0 + dt.timedelta(hours=3))["jobs_failed"] == 0 and events("job.timed_out") == 1


@pytest.mark.postgres
def test_the_same_job_delivered_twice_at_once_runs_once(seeded_transactional_db, person, monkeypatch):
    """Celery delivers at least once: two workers handed the same message must not import twice.

    The first worker is held between reading the queued job and marking it running, the window in
    which a second reader would also see it queued; it waits there until the second worker gets as
    far, or 3 s. With the row lock the second cannot read it before the first commits its claim."""
    import threading

    from django.db import connection

    from workflow.jobs import services as job_services

    runs, claims = [], []
    first_reading, second_reading = threading.Event(), threading.Event()
    real_save = job_services._save

    def held_save(job, **fields):
        if fields.get("status") == JobStatus.RUNNING:
            claims.append(job.pk)
            if len(claims) == 1:
                first_reading.set()
                second_reading.wait(3)
            else:
                second_reading.set()
        real_save(job, **fields)

    def run(job, progress):
        runs.append(job.pk)
        return registry.JobOutcome(message="Xong")

    monkeypatch.setattr(job_services, "_save", held_save)
    monkeypatch.setitem(registry._kinds, "test.once",
                        registry.JobKind(code="test.once", label="Thử", run=run, may_start=lambda user: True))
    job = Job.objects.create(owner=person("admin"), kind="test.once")

    def deliver():
        try:
            job_run(job_id=job.pk)
        finally:
            connection.close()

    first = threading.Thread(target=deliver)
    first.start()
    assert first_reading.wait(30)
    second = threading.Thread(target=deliver)
    second.start()
    first.join(30)
    second.join(30)

    assert runs == [job.pk] and claims == [job.pk]
    assert Job.objects.get(pk=job.pk).status == JobStatus.DONE


def test_a_registered_sweep_runs_with_the_engines_and_its_count_is_reported(no_domain_sweeps):
    # given a domain's correction registered twice under one name (ready() may run twice), and one counting
    calls = []

    def requeue(*, now):
        calls.append(now)
        return [11, 12]

    register_sweep("things_requeued", requeue)
    register_sweep("things_requeued", requeue)
    register_sweep("others_fixed", lambda *, now: 3)
    # when the sweep runs
    counts = sweep_at(T0)
    # then it ran once, at the sweep's moment, and each count is reported under its name beside the engine's
    assert calls == [T0]
    assert counts == {"jobs_failed": 0, "documents_requeued": 0, "notifications_sent": 0, "webhooks_delivered": 0,
                      "things_requeued": 2, "others_fixed": 3}
    # and the command prints them after the engine's own
    out = io.StringIO()
    with freeze_time(T0):
        call_command("sweep_stale", stdout=out)
    assert out.getvalue().strip().endswith("webhooks delivered: 0; things_requeued: 2; others_fixed: 3")
    assert len(calls) == 2


def test_a_failing_registered_sweep_does_not_keep_the_others_from_running(no_domain_sweeps):
    # given two registered corrections, the first of which fails
    ran = []

    def broken(*, now):
        raise RuntimeError("the domain's query failed")

    register_sweep("broken", broken)
    register_sweep("working", lambda *, now: ran.append(now) or 1)
    # when the sweep runs, then the other one still ran and the run reports the failure
    with pytest.raises(RuntimeError, match="the domain's query failed"):
        sweep_at(T0)
    assert ran == [T0]


def test_a_registered_sweep_may_not_take_an_engine_count_name(no_domain_sweeps):
    with pytest.raises(ValueError, match="engine's own count"):
        register_sweep("documents_requeued", lambda *, now: 0)


def test_the_award_domain_registers_its_report_pdf_sweep():
    # the engine names no domain: the registration comes from nominations' AppConfig.ready()
    from nominations.services.papers import achievement_reports_sweep

    assert sweep._sweeps["report_pdfs_requeued"] is achievement_reports_sweep
