"""Each person's choice (immediate or daily digest) and the outbox of notifications."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class DeliveryMode(models.TextChoices):
    IMMEDIATE = "immediate", _("Gửi ngay từng thư")
    DIGEST = "digest", _("Gộp thành một thư tổng hợp mỗi sáng")


def new_message_id() -> str:
    """A Message-ID fixed when the row is written, before any send: a resend after a send that was
    never acknowledged carries the same id, so a mail server or client recognises the repeat."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or urlsplit(settings.SITE_URL).hostname
    return f"<notification.{uuid.uuid4().hex}@{domain or 'localhost'}>"


class NotificationPreference(models.Model):
    """How a person wants to hear of new work; without a row, immediately."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference",
        verbose_name=_("người dùng"),
    )
    mode = models.CharField(
        _("cách nhận thông báo"), max_length=10, choices=DeliveryMode.choices, default=DeliveryMode.IMMEDIATE
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cách nhận thông báo")
        verbose_name_plural = _("cách nhận thông báo")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_mode_display()}"


class Notification(models.Model):
    """One message for one person, rendered when the event happened; sent now or in a digest."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("người nhận")
    )
    event = models.CharField(_("sự kiện"), max_length=50)
    subject = models.CharField(_("tiêu đề"), max_length=250)
    body_text = models.TextField(_("nội dung"))
    body_html = models.TextField(_("nội dung HTML"), blank=True)
    mode = models.CharField(_("cách gửi"), max_length=10, choices=DeliveryMode.choices)
    task = models.ForeignKey("viewflow.Task", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    sent_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True, db_index=True)
    # The outbox's delivery state: at least once, recognisably, and never again once sent.
    message_id = models.CharField(_("Message-ID"), max_length=250, unique=True, default=new_message_id,
                                  editable=False)
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    next_attempt_at = models.DateTimeField(_("gửi lại sau"), null=True, blank=True)
    last_error = models.TextField(_("lỗi lần gửi gần nhất"), blank=True)
    failed_at = models.DateTimeField(_("thời điểm bỏ gửi"), null=True, blank=True)
    history_exempt_reason = ("An outbox: written once, then stamped by the sender (attempts, error, sent_at or "
                             "failed_at); the row is the record.")

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["mode", "sent_at"], name="notification_pending_idx")]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.subject}"

    @property
    def status(self) -> str:
        if self.sent_at is not None:
            return NotificationStatus.SENT
        if self.failed_at is not None:
            return NotificationStatus.FAILED
        return NotificationStatus.PENDING


class NotificationStatus(models.TextChoices):
    """Read from the row (sent_at, failed_at), never stored twice."""

    PENDING = "pending", _("Chờ gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi không được, đã bỏ")
