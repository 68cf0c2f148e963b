"""Calendar exceptions, the due date of each task and the notices sent about it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class CalendarDay(models.Model):
    """A day that breaks the Monday–Friday rule: a public holiday or a Saturday made a working day.

    Bộ luật Lao động 2019, Điều 112: Tết Dương lịch (1 day), Tết Âm lịch (5 days), Giỗ Tổ Hùng
    Vương (10/3 âm lịch), 30/4, 1/5, Quốc khánh 2/9 and one adjacent day; a holiday on a weekly
    rest day is compensated on the next working day. The Prime Minister announces each year's
    exact days and any swap (a Saturday worked in exchange for a bridge day), so each is a row.
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Ngày nghỉ")
        WORKING = "working", _("Ngày làm việc bù")

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.HOLIDAY)
    name = models.CharField(_("tên"), max_length=150)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("lịch ngày nghỉ, ngày làm bù")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.name}"


class TaskDeadline(models.Model):
    """When a task is due, stored once when the task is created (the calendar may change later)."""

    task = models.OneToOneField(
        "viewflow.Task", on_delete=models.CASCADE, related_name="deadline", verbose_name=_("công việc")
    )
    due_date = models.DateField(_("hạn xử lý"), db_index=True)
    escalated_at = models.DateTimeField(_("thời điểm báo cáo cấp trên"), null=True, blank=True)
    history_exempt_reason = "Written once by the engine when the task is created; TaskNotice records what followed."

    class Meta:
        verbose_name = _("hạn xử lý công việc")
        verbose_name_plural = _("hạn xử lý công việc")

    def __str__(self) -> str:
        return f"{self.task_id}: {self.due_date:%d/%m/%Y}"


class TaskNotice(models.Model):
    """One reminder, due-day notice or escalation sent about a task: each kind at most once."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Nhắc trước hạn")
        DUE = "due", _("Đến hạn")
        ESCALATION = "escalation", _("Quá hạn, báo cáo cấp trên")

    task = models.ForeignKey("viewflow.Task", on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("người nhận"),
    )
    sent_at = models.DateTimeField(_("thời điểm gửi"), auto_now_add=True)
    history_exempt_reason = "Append-only log of notices; a row is the record that the notice went out."

    class Meta:
        verbose_name = _("thông báo hạn xử lý")
        verbose_name_plural = _("thông báo hạn xử lý")
        constraints = [models.UniqueConstraint(fields=["task", "kind"], name="one_notice_of_each_kind_per_task")]

    def __str__(self) -> str:
        return f"{self.task_id}: {self.kind}"
