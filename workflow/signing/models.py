"""Signing certificates and the signatures a document carries.

A certificate is registered to exactly one owner: a person (the signer's own chứng thư số) or an agency
(the agency's, used for its seal signature). Verification compares the certificate embedded in a signature
with the ones registered to the person the register says signed, so a signature by anyone else's key is
reported, whatever CA issued it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Agency


class SigningCertificate(models.Model):
    """A chứng thư số and where its key is: ``key_label`` names the key in the configured back-end (a file of
    the development CA, an object on a PKCS#11 token, a key of the remote signing service)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="signing_certificates", verbose_name=_("người được cấp"))
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="signing_certificates", verbose_name=_("cơ quan được cấp"))
    key_label = models.CharField(_("nhãn khóa"), max_length=100,
                                 help_text=_("Tên của khóa bí mật trong thiết bị ký số hoặc dịch vụ ký số."))
    certificate_pem = models.TextField(_("chứng thư số (PEM)"))
    fingerprint = models.CharField(_("dấu vân tay SHA-256"), max_length=64, unique=True)
    subject = models.CharField(_("chủ thể"), max_length=300)
    issuer = models.CharField(_("tổ chức cấp"), max_length=300)
    not_before = models.DateTimeField(_("hiệu lực từ"))
    not_after = models.DateTimeField(_("hiệu lực đến"))
    image_png = models.BinaryField(
        _("hình ảnh chữ ký số (PNG)"), blank=True, default=b"",
        help_text=_("Người ký: hình chữ ký tay, màu xanh, nền trong suốt; cơ quan: hình con dấu, màu đỏ, nền trong "
                    "suốt (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.7.d và II.8.a)."))
    revoked_at = models.DateTimeField(_("thời điểm thu hồi"), null=True, blank=True)
    created_at = models.DateTimeField(_("thời điểm đăng ký"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["image_png"])

    class Meta:
        verbose_name = _("chứng thư số")
        verbose_name_plural = _("chứng thư số")
        ordering = ["-not_after", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(user__isnull=False, agency__isnull=True)
                           | models.Q(user__isnull=True, agency__isnull=False)),
                name="signing_certificate_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.fingerprint[:16]}…)"

    @property
    def owner(self):
        return self.user or self.agency

    def usable_at(self, when=None) -> bool:
        when = when or timezone.now()
        return self.revoked_at is None and self.not_before <= when <= self.not_after


class SignatureRole(models.TextChoices):
    CO_SIGNER = "co_signer", _("Người cùng ký (thư ký cuộc họp)")
    SIGNER = "signer", _("Người có thẩm quyền ký")
    AGENCY = "agency", _("Cơ quan ban hành (văn thư ký số)")


class DocumentSignature(models.Model):
    """One signature embedded in an issued document's PDF: who, with which certificate, in which field."""

    document = models.ForeignKey("workflow.IssuedDocument", on_delete=models.CASCADE, related_name="signatures",
                                 verbose_name=_("văn bản"))
    role = models.CharField(_("chữ ký của"), max_length=20, choices=SignatureRole.choices)
    field_name = models.CharField(_("trường chữ ký"), max_length=50)
    certificate = models.ForeignKey(SigningCertificate, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("chứng thư số"))
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("người ký"))
    signed_at = models.DateTimeField(_("thời điểm ký số"))
    position = models.PositiveSmallIntegerField(_("thứ tự ký"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chữ ký số trên văn bản")
        verbose_name_plural = _("chữ ký số trên văn bản")
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(fields=["document", "position"], name="document_signature_one_per_position"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.certificate.subject}"
