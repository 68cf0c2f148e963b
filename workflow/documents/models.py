"""The numbering register and the issued documents (Nghị định 30/2020/NĐ-CP, Điều 15 and Phụ lục I).

Numbers restart each year per issuer and per kind of document, with no gap and no duplicate;
a number is taken only when a document is signed, inside the issuing transaction.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Agency, Unit


class DocumentType(models.TextChoices):
    """Type codes of Nghị định 30/2020 Phụ lục III; a công văn has no type code."""

    BAO_CAO = "BC", _("Báo cáo")
    TO_TRINH = "TTr", _("Tờ trình")
    QUYET_DINH = "QĐ", _("Quyết định")
    BIEN_BAN = "BB", _("Biên bản")
    KE_HOACH = "KH", _("Kế hoạch")
    THONG_BAO = "TB", _("Thông báo")
    CONG_VAN = "CV", _("Công văn")


class SignatureForm(models.TextChoices):
    """How the authority line reads (Nghị định 30/2020, Điều 13 and Phụ lục I, mục 8)."""

    HEAD = "head", _("Thủ trưởng cơ quan ký (hoặc cấp phó ký thay – KT.)")
    COLLECTIVE = "collective", _("Ký thay mặt tập thể (TM.)")


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    QUEUED = "queued", _("Đã ký, đang chờ tạo bản PDF")
    RENDERING = "rendering", _("Đang tạo bản PDF")
    # Signed by the person in the system, but the digital signature could not be made (token missing, PIN wrong,
    # certificate expired or revoked, signing service down): no number taken, retried by ``sweep_stale``.
    SIGN_PENDING = "sign_pending", _("Đã ký duyệt, chờ ký số")
    READY = "ready", _("Đã ban hành")
    FAILED = "failed", _("Tạo bản PDF không thành công")


class PrivateStorage(LazyObject):
    """A folder under ``DOCUMENTS_ROOT``, outside static and media (design §5): only a
    permission-checked view serves what it holds. Lazy, so tests may point the setting elsewhere."""

    def __init__(self, folder: str = ""):
        super().__init__()
        self.__dict__["folder"] = folder

    def _setup(self):
        root = settings.DOCUMENTS_ROOT
        self._wrapped = FileSystemStorage(location=root / self.folder if self.folder else root, base_url=None)


private_storage = PrivateStorage()


def _private_storage():
    return private_storage


class DocumentCounter(models.Model):
    """The last number given in one register: issuer agency × year × document type.

    One row per register, locked with SELECT … FOR UPDATE while a number is taken, so two
    signatures at the same instant get consecutive numbers.
    """

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan"))
    year = models.PositiveSmallIntegerField(_("năm"))
    doc_type = models.CharField(_("loại văn bản"), max_length=5, choices=DocumentType.choices)
    last_number = models.PositiveIntegerField(_("số cuối cùng đã cấp"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sổ đăng ký số văn bản")
        verbose_name_plural = _("sổ đăng ký số văn bản")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "doc_type"], name="document_counter_one_per_register"),
        ]

    def __str__(self) -> str:
        return f"{self.agency.code} {self.year} {self.doc_type}: {self.last_number}"


class IssuedDocument(models.Model):
    """A document of the agency, from draft to the signed, numbered, stored PDF.

    ``snapshot`` holds everything the PDF was made from (the template's data and the header
    and signature lines as printed), so the same text can always be produced again.
    """

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="documents", verbose_name=_("cơ quan ban hành")
    )
    template_key = models.CharField(_("mẫu văn bản"), max_length=50)
    doc_type = models.CharField(
        _("loại văn bản"), max_length=5, choices=DocumentType.choices, blank=True,
        help_text=_("Để trống với văn bản không đánh số (báo cáo thành tích, đăng ký thi đua của đơn vị)."),
    )
    issuer_unit_code = models.CharField(
        _("mã đơn vị soạn thảo"), max_length=20, blank=True,
        help_text=_("In ở dòng “Lưu: VT, HCQT.”; với công văn còn in sau số: “Số: 1014/VP-HCQT”."),
    )
    summary = models.CharField(_("trích yếu"), max_length=500)
    data = models.JSONField(_("dữ liệu văn bản"), default=dict)
    signature_form = models.CharField(
        _("hình thức ký"), max_length=20, choices=SignatureForm.choices, default=SignatureForm.HEAD
    )
    collective_name = models.CharField(
        _("tập thể ký thay mặt"), max_length=200, blank=True,
        help_text=_("Với hình thức TM., ví dụ “Hội đồng Thi đua – Khen thưởng”."),
    )
    collective_head_title = models.CharField(_("chức danh người đứng đầu tập thể"), max_length=100, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    number_text = models.CharField(_("số, ký hiệu"), max_length=50, blank=True)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("người ký"),
    )
    signer_is_deputy = models.BooleanField(_("cấp phó ký thay (KT.)"), default=False)
    signed_at = models.DateTimeField(_("thời điểm ký"), null=True, blank=True)
    # When the issuing was last queued (signed, retried, or queued again by ``sweep_stale``): a
    # document still queued or rendering long after this was lost by its worker.
    queued_at = models.DateTimeField(_("thời điểm xếp hàng tạo PDF"), null=True, blank=True)
    snapshot = models.JSONField(_("dữ liệu đã in"), null=True, blank=True)
    pdf = models.FileField(_("tệp PDF"), storage=_private_storage, upload_to="%Y/", blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 của tệp PDF"), max_length=64, blank=True)
    text_sha256 = models.CharField(_("SHA-256 của nội dung chữ"), max_length=64, blank=True)
    error = models.TextField(_("lỗi khi tạo PDF hoặc ký số"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người soạn")
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "doc_type", "number"],
                condition=models.Q(number__isnull=False),
                name="document_number_unique_in_register",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number_text or _('Dự thảo')} — {self.summary}"

    @property
    def is_issued(self) -> bool:
        return self.status == DocumentStatus.READY

    @property
    def is_in_progress(self) -> bool:
        return self.status in (DocumentStatus.QUEUED, DocumentStatus.RENDERING)


class RecipientKind(models.TextChoices):
    """Who a document is addressed or copied to (its "Nơi nhận"): what decides who outside the issuing agency
    may read it (``selectors.documents_for_user``)."""

    HOME_AFFAIRS = "home_affairs", _("Sở Nội vụ (cơ quan thi đua, khen thưởng của tỉnh)")
    AGENCY = "agency", _("Cơ quan khác")
    INTERNAL = "internal", _("Đơn vị, cá nhân trong cơ quan")
    ARCHIVE = "archive", _("Lưu tại cơ quan")


class DocumentRecipient(models.Model):
    """One entry of a document's Nơi nhận, as data: Sở Nội vụ of the issuing agency's province, another agency,
    the agency's own units and people, or its archive ("Lưu"). Set when the document is drafted; an outside
    agency reads an issued document only when it is among them."""

    document = models.ForeignKey(IssuedDocument, on_delete=models.CASCADE, related_name="recipients",
                                 verbose_name=_("văn bản"))
    kind = models.CharField(_("nơi nhận"), max_length=20, choices=RecipientKind.choices)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("cơ quan nhận"))
    # A Quyết định is sent to whom it names ("Như Điều 3"): the unit and the person read it once issued.
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("đơn vị nhận"))
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+", verbose_name=_("cá nhân nhận"))
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nơi nhận văn bản")
        verbose_name_plural = _("nơi nhận văn bản")
        ordering = ["document", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="agency", agency__isnull=False) | (
                    ~models.Q(kind="agency") & models.Q(agency__isnull=True)),
                name="document_recipient_agency_only_for_agency",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="internal") | (models.Q(unit__isnull=True) & models.Q(person__isnull=True)),
                name="document_recipient_unit_person_only_internal",
            ),
        ]

    def __str__(self) -> str:
        named = self.agency or self.unit or self.person
        return str(named) if named is not None else self.get_kind_display()
