"""Issue 23: a báo cáo thành tích whose PDF job was lost (a broker restart, a publish refused after commit, a worker
killed without redelivery) is queued again by the engine's periodic sweep (``workflow.sweep.sweep_stale``, the award
domain's registered part), once it has waited ``NOMINATIONS_STALE_REPORT_PDF_MINUTES``; each requeue is an audit event
of the system, and the worker still attaches once. Time is frozen; the message is "lost" by capturing the after-commit
callbacks without running them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from freezegun import freeze_time

from nominations import services
from nominations.models import AchievementReport, DossierStatus
from nominations.services.papers import achievement_report_pdf_task, achievement_reports_requeue_stale
from tests.concurrency import row_held
from workflow.audit.models import AuditEvent
from workflow.sweep import sweep_stale

from . import test_report_pdf_job
from .test_report_pdf_job import report_files, written

pytestmark = pytest.mark.django_db

renders = test_report_pdf_job.renders  # WeasyPrint replaced by a blank page that records each rendering

REQUEUED = "nominations.achievement_report_pdf_requeued"


@pytest.fixture
def t0(settings):
    settings.NOMINATIONS_STALE_REPORT_PDF_MINUTES = 15
    return timezone.now().replace(microsecond=0)


def confirmed_and_lost(when: dt.datetime, capture):
    """A written report the head confirms at ``when``; the job's message never reaches a worker."""
    dossier, line = written()
    with freeze_time(when), capture(execute=False) as dropped:
        report = services.achievement_report_confirm(actor=dossier.created_by, line=line)
    assert len(dropped) == 1 and AchievementReport.objects.get(pk=report.pk).pdf_pending
    return dossier, line, report


def sweep(when: dt.datetime, capture, *, deliver: bool = True) -> tuple[int, int]:
    """The sweep at ``when``: (reports it queued again, messages it published); ``deliver`` runs them."""
    with freeze_time(when), capture(execute=deliver) as published:
        counts = sweep_stale()
    return counts["report_pdfs_requeued"], sum(1 for _callback in published)


def requeue_events(report) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=REQUEUED, object_id=str(report.pk)).order_by("seq"))


def test_a_report_whose_pdf_job_was_lost_is_queued_again_after_the_timeout_and_attached_once(
        t0, renders, django_capture_on_commit_callbacks):
    # given a confirmed report whose message was lost
    dossier, line, report = confirmed_and_lost(t0, django_capture_on_commit_callbacks)
    # when the sweep runs before the timeout, then it is left waiting
    assert sweep(t0 + dt.timedelta(minutes=14), django_capture_on_commit_callbacks) == (0, 0)
    assert AchievementReport.objects.get(pk=report.pk).pdf_pending and renders["html"] == []
    # when the sweep runs past the timeout
    assert sweep(t0 + dt.timedelta(minutes=16), django_capture_on_commit_callbacks) == (1, 1)
    # then the worker rendered it once and the PDF is the line's report file
    report.refresh_from_db()
    assert report.attachment_id and not report.pdf_pending and report_files(line) == 1 and len(renders["html"]) == 1
    # and the auditor sees the system's correction, for the report, in the dossier's agency
    [event] = requeue_events(report)
    assert event.actor is None and event.agency_id == dossier.cycle.agency_id
    assert event.changes == {"confirmed_at": t0.isoformat()}
    # when the sweep runs again, and the lost message turns up after all
    assert sweep(t0 + dt.timedelta(hours=2), django_capture_on_commit_callbacks) == (0, 0)
    assert achievement_report_pdf_task.apply(args=(report.pk,)).get() == "attached"
    # then nothing more is queued, rendered or attached
    assert report_files(line) == 1 and len(renders["html"]) == 1 and len(requeue_events(report)) == 1


def test_a_requeued_report_whose_message_is_lost_again_waits_the_timeout_again(
        t0, renders, django_capture_on_commit_callbacks):
    # given a report queued again by the sweep, that message lost too
    _dossier, line, report = confirmed_and_lost(t0, django_capture_on_commit_callbacks)
    assert sweep(t0 + dt.timedelta(minutes=16), django_capture_on_commit_callbacks, deliver=False) == (1, 1)
    # when the sweep runs within the timeout of that requeue, then it is not queued once more
    assert sweep(t0 + dt.timedelta(minutes=26), django_capture_on_commit_callbacks) == (0, 0)
    # when it runs past it, then it is queued again and attached
    assert sweep(t0 + dt.timedelta(minutes=32), django_capture_on_commit_callbacks) == (1, 1)
    assert report_files(line) == 1 and len(requeue_events(report)) == 2


def test_the_heads_retry_counts_as_queued(t0, renders, django_capture_on_commit_callbacks):
    # given a report whose rendering failed long ago and which the head retried just now, that message lost
    dossier, line, report = confirmed_and_lost(t0, django_capture_on_commit_callbacks)
    AchievementReport.objects.filter(pk=report.pk).update(pdf_error="WeasyPrint")
    with freeze_time(t0 + dt.timedelta(hours=3)), django_capture_on_commit_callbacks(execute=False):
        services.achievement_report_pdf_retry(actor=dossier.created_by, line=line)
    # when the sweep runs within the timeout of the retry, then it waits
    assert sweep(t0 + dt.timedelta(hours=3, minutes=10), django_capture_on_commit_callbacks) == (0, 0)
    # and past it, then it is queued again
    assert sweep(t0 + dt.timedelta(hours=3, minutes=16), django_capture_on_commit_callbacks) == (1, 1)
    assert report_files(line) == 1


def test_a_report_confirmed_recently_is_left_alone(t0, renders, django_capture_on_commit_callbacks):
    # given a report confirmed ten minutes ago, whose message is merely not delivered yet
    _dossier, line, report = confirmed_and_lost(t0, django_capture_on_commit_callbacks)
    # when the sweep runs, then it is not queued
    assert sweep(t0 + dt.timedelta(minutes=10), django_capture_on_commit_callbacks) == (0, 0)
    assert AchievementReport.objects.get(pk=report.pk).pdf_pending and report_files(line) == 0
    assert renders["html"] == [] and not requeue_events(report)


def test_a_report_whose_rendering_failed_is_left_to_the_heads_retry(t0, renders, django_capture_on_commit_callbacks):
    # given a confirmed report whose rendering failed in the worker (recorded on the report)
    dossier, line = written()
    renders["fail"] = True
    with freeze_time(t0), django_capture_on_commit_callbacks(execute=True):
        report = services.achievement_report_confirm(actor=dossier.created_by, line=line)
    assert AchievementReport.objects.get(pk=report.pk).pdf_failed
    renders["fail"] = False
    # when the sweep runs long after, then it does not render it again unasked
    assert sweep(t0 + dt.timedelta(hours=1), django_capture_on_commit_callbacks) == (0, 0)
    assert AchievementReport.objects.get(pk=report.pk).pdf_failed and report_files(line) == 0
    assert len(renders["html"]) == 1 and not requeue_events(report)


def test_a_report_of_a_dossier_no_longer_with_its_unit_is_left_alone(t0, renders, django_capture_on_commit_callbacks):
    # given a confirmed report with its lost message, in a dossier that has left its unit (set directly: the
    # submission itself renders every missing PDF, so only a dossier changed outside it can be in this state)
    dossier, line, report = confirmed_and_lost(t0, django_capture_on_commit_callbacks)
    type(dossier).objects.filter(pk=dossier.pk).update(status=DossierStatus.SUBMITTED)
    # when the sweep runs past the timeout, then it is not queued
    assert sweep(t0 + dt.timedelta(hours=1), django_capture_on_commit_callbacks) == (0, 0)
    assert report_files(line) == 0 and not requeue_events(report)


def test_finding_the_stale_reports_is_one_query(t0, renders, django_capture_on_commit_callbacks,
                                                django_assert_num_queries):
    # given confirmed reports none of which is stale (one recent)
    confirmed_and_lost(t0, django_capture_on_commit_callbacks)
    ContentType.objects.get_for_model(AchievementReport)  # cached for the process, as in a worker
    # when the domain's sweep looks for stale ones, then it asks one query, the reports not read one by one
    with django_assert_num_queries(1):
        assert achievement_reports_requeue_stale(now=t0 + dt.timedelta(minutes=5),
                                                 older_than=dt.timedelta(minutes=15)) == []


@pytest.mark.postgres
def test_a_report_a_worker_holds_right_now_is_left_to_that_worker(catalogue_transactional_db, t0, monkeypatch):
    """A worker attaching the PDF holds the report's row (``achievement_report_pdf_make``): the sweep skips it."""
    # given a confirmed report whose message was lost (committed, as in production)
    published = []
    monkeypatch.setattr(achievement_report_pdf_task, "delay", published.append)
    dossier, line = written()
    with freeze_time(t0):
        report = services.achievement_report_confirm(actor=dossier.created_by, line=line)
    assert published == [report.pk]
    # and another worker holding the report's row right now
    with row_held(AchievementReport, report.pk):
        # when the sweep runs past the timeout, then it does not wait for the row and leaves the report alone
        with freeze_time(t0 + dt.timedelta(minutes=16)):
            skipped = sweep_stale()["report_pdfs_requeued"]
    assert skipped == 0 and published == [report.pk] and not requeue_events(report)
    # and once the row is free (the worker died without attaching), the next sweep queues it again
    with freeze_time(t0 + dt.timedelta(minutes=26)):
        assert sweep_stale()["report_pdfs_requeued"] == 1
    assert published == [report.pk, report.pk] and len(requeue_events(report)) == 1
