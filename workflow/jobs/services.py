"""Starting and running background jobs.

``job_start`` is the write a person makes (checked, audited, queued after commit); ``job_run`` is
the worker's side: it writes progress outside any long transaction so the polling page sees it,
and always ends in done or failed, never leaving a job running after an error.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from workflow.audit import audit_record
from workflow.audit.actions import register_action
from workflow.exports import ascii_filename

from .models import Job, JobStatus
from .registry import JobFailed, job_kind

logger = logging.getLogger(__name__)

JOB_STARTED = register_action("job.started", gettext_lazy("Yêu cầu nhập, xuất dữ liệu chạy nền"))
JOB_TIMED_OUT = register_action("job.timed_out", gettext_lazy("Công việc chạy nền quá thời gian, bị dừng"))


@transaction.atomic
def job_start(*, actor: User, kind: str, params: dict | None = None, source: bytes | None = None,
              source_name: str = "") -> Job:
    """Record the request and queue the work after commit (Celery; inline without a broker)."""
    registered = job_kind(kind)
    if registered is None:
        raise ValidationError(_("Loại công việc không hợp lệ."))
    if not actor.is_authenticated or not actor.is_active or not registered.may_start(actor):
        raise PermissionDenied(_("Bạn không có quyền thực hiện việc này."))
    job = Job(owner=actor, kind=kind, params=params or {}, message=_("Đang chờ xử lý"))
    job.full_clean(exclude=["source", "result"])
    if source is not None:
        job.source.save(ascii_filename(source_name or "tep.xlsx"), ContentFile(source), save=False)
    job.save()
    audit_record(actor=actor, action=JOB_STARTED, obj=job, agency=actor.agency,
                 changes={"kind": kind, "params": params or {}})
    from .tasks import run_job_task  # noqa: PLC0415 - the task module imports this service

    transaction.on_commit(lambda: run_job_task.delay(job.pk))
    return job


def _save(job: Job, **fields) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=list(fields))


def _claim(job_id: int) -> Job | None:
    """Take a queued job for this worker, or None when another delivery of the same message already
    has (Celery delivers at least once): the row is locked and re-read, so two workers never run one
    import twice."""
    with transaction.atomic():
        job = (Job.objects.select_for_update(of=("self",)).select_related("owner")
               .filter(pk=job_id, status=JobStatus.QUEUED).first())
        if job is not None:
            _save(job, status=JobStatus.RUNNING, started_at=timezone.now(), progress=0, message=_("Đang xử lý"))
        return job


def job_run(*, job_id: int) -> Job:
    job = _claim(job_id)
    if job is None:
        return Job.objects.get(pk=job_id)
    registered = job_kind(job.kind)

    def progress(percent: int, message: str = "") -> None:
        _save(job, progress=max(0, min(99, int(percent))), message=message or job.message)

    try:
        if registered is None:
            raise JobFailed(_("Loại công việc không còn được hỗ trợ."))
        outcome = registered.run(job, progress)
    except JobFailed as failed:
        _save(job, status=JobStatus.FAILED, finished_at=timezone.now(), message=failed.message[:300],
              errors=failed.errors)
        return job
    except Exception:  # noqa: BLE001 - the person sees a plain failure, the log keeps the trace
        logger.exception("Background job %s (%s) failed", job.pk, job.kind)
        _save(job, status=JobStatus.FAILED, finished_at=timezone.now(),
              message=_("Có lỗi khi xử lý. Vui lòng thử lại hoặc báo quản trị hệ thống."))
        return job
    if outcome.content is not None:
        job.result.save(ascii_filename(outcome.filename or "ket-qua.xlsx"), ContentFile(outcome.content), save=False)
        job.result_name = outcome.filename
    _save(job, status=JobStatus.DONE, finished_at=timezone.now(), progress=100,
          message=(outcome.message or _("Hoàn thành"))[:300], result=job.result, result_name=job.result_name)
    return job


def jobs_fail_stale(*, older_than: dt.timedelta, now: dt.datetime | None = None) -> list[int]:
    """Mark failed the jobs still "running" ``older_than`` after they started, or still "queued"
    ``older_than`` after they were asked for (the message was lost; the system acts).

    ``job_run`` always ends a job in done or failed, unless its worker died (killed, restarted, out of
    memory): the owner's page would then poll "Đang xử lý" for ever. Each is failed with a Vietnamese
    message saying to start it again, and one audit event; a job already finished is left alone, so the
    sweep may run any number of times.
    """
    now = now or timezone.now()
    cutoff = now - older_than
    minutes = int(older_than.total_seconds() // 60)
    failed = []
    stale = Job.objects.filter(Q(status=JobStatus.RUNNING, started_at__lt=cutoff)
                               | Q(status=JobStatus.QUEUED, created_at__lt=cutoff))
    for pk in stale.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            job = (Job.objects.select_for_update(of=("self",), skip_locked=True).select_related("owner")
                   .filter(Q(status=JobStatus.RUNNING, started_at__lt=cutoff)
                           | Q(status=JobStatus.QUEUED, created_at__lt=cutoff), pk=pk).first())
            if job is None:
                continue
            was = job.status
            if was == JobStatus.QUEUED:
                job.message = _("Công việc chưa được xử lý sau %(minutes)s phút (máy xử lý chưa nhận việc). Vui "
                                "lòng thực hiện lại.") % {"minutes": minutes}
            else:
                job.message = _("Công việc đã dừng vì chạy quá %(minutes)s phút mà chưa xong (máy xử lý có thể "
                                "đã khởi động lại). Vui lòng thực hiện lại.") % {"minutes": minutes}
            job.status, job.finished_at = JobStatus.FAILED, now
            job.save(update_fields=["status", "finished_at", "message"])
            audit_record(actor=None, action=JOB_TIMED_OUT, obj=job, agency=job.owner.agency,
                         changes={"kind": job.kind, "progress": job.progress, "was": was,
                                  "since": (job.started_at or job.created_at).isoformat()})
            failed.append(job.pk)
    return failed
