"""Subscriptions of API clients to events, and the outbox of their deliveries."""

from __future__ import annotations

import secrets
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# The prefix that tells a webhook secret apart (as "whsec_" does elsewhere); no secret itself.
SECRET_PREFIX = "whsec_"  # noqa: S105  # nosec B105


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


class WebhookSubscription(models.Model):
    """An API client's address told of the events it chose, signed with the subscription's own secret.

    The secret must stay usable to sign (HMAC needs it), so it is stored as it is; it is shown once, when created
    or replaced, never on a page after, and never copied into the row's history.
    """

    client = models.ForeignKey("accounts.ApiClient", on_delete=models.PROTECT, related_name="webhook_subscriptions",
                               verbose_name=_("hệ thống kết nối"))
    url = models.URLField(_("địa chỉ nhận (URL)"), max_length=500)
    secret = models.CharField(_("khóa bí mật"), max_length=100, default=new_secret, editable=False)
    event_types = models.JSONField(_("sự kiện đăng ký nhận"), default=list)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["secret"])

    class Meta:
        verbose_name = _("đăng ký nhận sự kiện (webhook)")
        verbose_name_plural = _("đăng ký nhận sự kiện (webhook)")
        ordering = ["client__name", "pk"]

    def __str__(self) -> str:
        return f"{self.client}: {self.url}"


class DeliveryStatus(models.TextChoices):
    """Read from the row (delivered_at, failed_at, attempts), never stored twice."""

    PENDING = "pending", _("Chờ gửi")
    RETRYING = "retrying", _("Gửi lỗi, chờ gửi lại")
    DELIVERED = "delivered", _("Đã gửi")
    FAILED = "failed", _("Gửi không được, đã bỏ")


class WebhookDelivery(models.Model):
    """One event for one subscription: written in the transaction of the audit event, sent after it commits.

    The body is fixed when written (ids, never the object's content: the subscriber reads that through the API,
    which applies its scope), so every retry sends the same bytes under the same delivery id.
    """

    delivery_id = models.UUIDField(_("mã lần gửi"), default=uuid.uuid4, unique=True, editable=False)
    subscription = models.ForeignKey(WebhookSubscription, on_delete=models.PROTECT, related_name="deliveries",
                                     verbose_name=_("đăng ký nhận"))
    event = models.CharField(_("sự kiện"), max_length=60)
    audit_event = models.ForeignKey("workflow.AuditEvent", on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("sự kiện kiểm tra"))
    body = models.TextField(_("nội dung gửi (JSON)"))
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    next_attempt_at = models.DateTimeField(_("gửi lại sau"), null=True, blank=True)
    last_status = models.PositiveSmallIntegerField(_("mã trả lời HTTP gần nhất"), null=True, blank=True)
    last_error = models.TextField(_("lỗi lần gửi gần nhất"), blank=True)
    delivered_at = models.DateTimeField(_("thời điểm gửi được"), null=True, blank=True)
    failed_at = models.DateTimeField(_("thời điểm bỏ gửi"), null=True, blank=True)
    history_exempt_reason = ("An outbox: written once with its audit event, then stamped by the sender (attempts, "
                             "error, delivered_at or failed_at); the row is the record.")

    class Meta:
        verbose_name = _("lần gửi sự kiện (webhook)")
        verbose_name_plural = _("lần gửi sự kiện (webhook)")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["delivered_at", "failed_at", "next_attempt_at"],
                                name="webhook_delivery_due_idx")]

    def __str__(self) -> str:
        return f"{self.event} → {self.subscription.url} ({self.delivery_id})"

    @property
    def status(self) -> str:
        if self.delivered_at is not None:
            return DeliveryStatus.DELIVERED
        if self.failed_at is not None:
            return DeliveryStatus.FAILED
        return DeliveryStatus.RETRYING if self.attempts else DeliveryStatus.PENDING
