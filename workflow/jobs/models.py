"""One background import or export: who asked, what, how far it is, and its private result file."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..documents.models import PrivateStorage

job_storage = PrivateStorage("jobs")  # uploaded sources and produced files, beside the documents


def _job_storage():
    return job_storage


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ xử lý")
    RUNNING = "running", _("Đang xử lý")
    DONE = "done", _("Hoàn thành")
    FAILED = "failed", _("Không thành công")


class Job(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs",
                              verbose_name=_("người yêu cầu"))
    kind = models.CharField(_("loại công việc"), max_length=60)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    message = models.CharField(_("thông báo"), max_length=300, blank=True)
    errors = models.JSONField(_("danh sách lỗi"), default=list, blank=True)
    source = models.FileField(_("tệp đưa vào"), storage=_job_storage, upload_to="in/%Y/", blank=True)
    result = models.FileField(_("tệp kết quả"), storage=_job_storage, upload_to="out/%Y/", blank=True)
    result_name = models.CharField(_("tên tệp kết quả"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("thời điểm yêu cầu"), auto_now_add=True)
    started_at = models.DateTimeField(_("thời điểm bắt đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True)
    history_exempt_reason = (
        "Progress is rewritten many times a second by the worker; the request is an audit event and the "
        "rows an import changes keep their own history."
    )

    class Meta:
        verbose_name = _("công việc chạy nền")
        verbose_name_plural = _("công việc chạy nền")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
