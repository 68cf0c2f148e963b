"""A delegation for a date range, and each task handed over because of it or by the secretariat."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Delegation(models.Model):
    """``delegator`` hands their tasks to ``delegate`` from ``start_date`` to ``end_date`` inclusive."""

    delegator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="delegations_given",
        verbose_name=_("người ủy quyền"),
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="delegations_received",
        verbose_name=_("người được ủy quyền"),
    )
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))
    reason = models.CharField(_("lý do"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người tạo")
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("thời điểm thu hồi"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("người thu hồi"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ủy quyền xử lý công việc")
        verbose_name_plural = _("ủy quyền xử lý công việc")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="delegation_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegator} → {self.delegate} ({self.start_date:%d/%m/%Y}–{self.end_date:%d/%m/%Y})"

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Ngày kết thúc phải từ ngày bắt đầu trở đi.")})
        if self.delegator_id and self.delegator_id == self.delegate_id:
            raise ValidationError({"delegate": _("Không thể ủy quyền cho chính mình.")})

    def covers(self, day) -> bool:
        return self.revoked_at is None and self.start_date <= day <= self.end_date


class TaskDelegation(models.Model):
    """A task handed from one person to another: by a delegation, or reassigned by the secretariat."""

    class Kind(models.TextChoices):
        DELEGATION = "delegation", _("Ủy quyền")
        REASSIGNMENT = "reassignment", _("Chuyển người xử lý")

    task = models.ForeignKey("viewflow.Task", on_delete=models.CASCADE, related_name="handovers")
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    delegation = models.ForeignKey(
        Delegation, on_delete=models.PROTECT, null=True, blank=True, related_name="task_handovers"
    )
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("người giao"),
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người nhận")
    )
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("người thực hiện"),
    )
    reason = models.CharField(_("lý do"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    returned_at = models.DateTimeField(_("thời điểm trả lại"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chuyển giao công việc")
        verbose_name_plural = _("chuyển giao công việc")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.task_id}: {self.from_user} → {self.to_user}"
