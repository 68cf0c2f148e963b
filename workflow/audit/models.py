"""The append-only audit log (design §5) and the one row that records its head.

Each ``AuditEvent`` carries the hash of the event before it and its own hash over a canonical
serialisation (``chain.canonical``), so any edit, removal or reordering shows up when
``verify_audit`` walks the chain. Database triggers refuse UPDATE and DELETE on the table
(migration ``audit_append_only_triggers``). ``AuditChainHead`` is the single row every writer
locks before appending: it serialises inserts so the chain never forks, and it remembers the
last sequence number and hash, so a truncated tail is detected too.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AuditEvent(models.Model):
    history_exempt_reason = "Nhật ký kiểm tra chỉ ghi thêm; chính nó là lịch sử, được bảo vệ bằng chuỗi băm."

    seq = models.PositiveBigIntegerField(_("số thứ tự"), unique=True)
    created_at = models.DateTimeField(_("thời điểm (UTC)"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("người thực hiện"),
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("thay mặt"),
    )
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("cơ quan"),
    )
    action = models.CharField(_("hành động"), max_length=60)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("loại đối tượng"),
    )
    object_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True, default="")
    object_repr = models.CharField(_("đối tượng"), max_length=255, blank=True, default="")
    reason = models.TextField(_("lý do"), blank=True, default="")
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    request_id = models.CharField(_("mã yêu cầu"), max_length=64, blank=True, default="")
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    prev_hash = models.CharField(_("mã băm sự kiện trước"), max_length=64, unique=True)
    hash = models.CharField(_("mã băm"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("sự kiện kiểm tra")
        verbose_name_plural = _("nhật ký kiểm tra")
        ordering = ["-seq"]
        indexes = [
            models.Index(fields=["agency", "seq"], name="audit_agency_seq"),
            models.Index(fields=["content_type", "object_id", "seq"], name="audit_object_seq"),
            models.Index(fields=["actor", "seq"], name="audit_actor_seq"),
            models.Index(fields=["action", "seq"], name="audit_action_seq"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_repr}".strip()


class AuditChainHead(models.Model):
    """The last appended event: locked by every writer, written into issued documents' metadata."""

    history_exempt_reason = "Một dòng kỹ thuật được khóa khi ghi nhật ký; giá trị của nó được kiểm lại từ chuỗi."

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("đầu chuỗi nhật ký")
        verbose_name_plural = _("đầu chuỗi nhật ký")

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash}"
