"""A unit's nomination dossier for a cycle and its lines (design §3 flow 2; domain §5;
Luật Thi đua, khen thưởng 2022, Điều 84: hồ sơ đề nghị khen thưởng).

Every submission is a ``DossierRound``: what was sent, when, and, if the secretariat returned
it, why. A line keeps the verdicts the eligibility engine gave when it was last checked, so
everyone who handles it sees the same thing.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from viewflow.workflow.models import Process

from accounts.models import Unit
from workflow.documents.models import PrivateStorage

from .catalogue import Award, CommendationKind
from .cycles import Cycle

upload_storage = PrivateStorage("uploads")  # dossier files, beside the issued documents


def _upload_storage():
    return upload_storage


class DossierStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã nộp, chờ thường trực kiểm tra")
    RETURNED = "returned", _("Trả lại để bổ sung")
    ACCEPTED = "accepted", _("Đã tiếp nhận, chờ Hội đồng")
    RELEASED = "released", _("Đã có kết quả")


class Dossier(models.Model):
    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("đợt xét"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("đơn vị"))
    status = models.CharField(_("trạng thái"), max_length=20, choices=DossierStatus.choices,
                              default=DossierStatus.DRAFT, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("người lập"))
    created_at = models.DateTimeField(_("thời điểm lập"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        ordering = ["-cycle__year", "unit__position", "unit__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["cycle", "unit"], name="dossier_one_per_unit_and_cycle")]

    def __str__(self) -> str:
        return f"{self.unit.name} — {self.cycle.name}"

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def last_return(self) -> DossierRound | None:
        """While the dossier is back with its unit, the round the secretariat returned (its reason, who, when),
        shown as a banner at the top of the dossier's pages; reads the prefetched rounds when there are."""
        if self.status != DossierStatus.RETURNED:
            return None
        returned = [r for r in self.rounds.all() if r.accepted is False]
        return max(returned, key=lambda r: r.number) if returned else None


# While the unit may change it, what others read of a dossier is what it last sent (``Line.sent_round``).
EDITABLE_STATUSES = (DossierStatus.DRAFT, DossierStatus.RETURNED)


class DossierRound(models.Model):
    """One submission and the secretariat's answer to it; rounds are never rewritten."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("hồ sơ"))
    number = models.PositiveSmallIntegerField(_("lần nộp"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("người nộp"))
    submitted_at = models.DateTimeField(_("thời điểm nộp"))
    lines = models.JSONField(_("các dòng đề nghị khi nộp"), default=list)
    attachments = models.JSONField(_("các tệp khi nộp"), default=list, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("người kiểm tra"))
    answered_at = models.DateTimeField(_("thời điểm kiểm tra"), null=True, blank=True)
    accepted = models.BooleanField(_("tiếp nhận"), null=True, blank=True)
    reason = models.TextField(_("lý do trả lại"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lần nộp hồ sơ")
        verbose_name_plural = _("lần nộp hồ sơ")
        ordering = ["dossier", "number"]
        constraints = [models.UniqueConstraint(fields=["dossier", "number"], name="dossier_round_unique_number")]

    def __str__(self) -> str:
        return f"{self.dossier} — {self.number}"


class LineStatus(models.TextChoices):
    PROPOSED = "proposed", _("Đề nghị")
    ACCEPTED = "accepted", _("Thường trực đã tiếp nhận")
    NOT_ACCEPTED = "not_accepted", _("Thường trực không tiếp nhận")
    ON_AGENDA = "on_agenda", _("Đưa ra Hội đồng")
    VOTE_FAILED = "vote_failed", _("Không đủ số phiếu")
    VOTE_PASSED = "vote_passed", _("Hội đồng đề nghị")
    AWARDED = "awarded", _("Đã có quyết định khen thưởng")
    SUBMITTED = "submitted", _("Đã trình Sở Nội vụ")
    HA_RETURNED = "ha_returned", _("Sở Nội vụ trả lại để bổ sung")
    HA_REJECTED = "ha_rejected", _("Cấp trên không khen thưởng")
    ANNULLED = "annulled", _("Quyết định khen thưởng đã bị hủy bỏ")


class Line(models.Model):
    """One proposal: a person of the unit or the unit itself, for one title or form."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="lines", verbose_name=_("hồ sơ"))
    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="lines", verbose_name=_("đợt xét"))
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="nomination_lines", verbose_name=_("cá nhân"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="nomination_lines",
                             verbose_name=_("tập thể"))
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="+", verbose_name=_("danh hiệu, hình thức"))
    commendation_kind = models.ForeignKey(CommendationKind, on_delete=models.PROTECT, related_name="+",
                                          verbose_name=_("loại hình khen thưởng"))
    achievements = models.TextField(_("tóm tắt thành tích"))
    report_text = models.TextField(_("báo cáo thành tích"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=LineStatus.choices,
                              default=LineStatus.PROPOSED, db_index=True)
    outcome = models.CharField(_("kết quả xét điều kiện"), max_length=20, blank=True)
    verdicts = models.JSONField(_("kết quả từng tiêu chí"), default=list, blank=True)
    # The secretariat's acknowledgements of "Lưu ý" verdicts: [{"criterion", "reason", "by", "at"}]. A warning
    # stops the line at acceptance, on the agenda and at approval until acknowledged (services.gates).
    acknowledgements = models.JSONField(_("xác nhận các điểm cần lưu ý"), default=list, blank=True)
    note = models.TextField(_("ghi chú xử lý"), blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    # The round that first sent it (null: the unit's work in progress). Outside the unit a dossier is read as it
    # was last sent (selectors.dossiers): a line added after a return stays with the unit until sent again.
    sent_round = models.PositiveSmallIntegerField(_("gửi đi ở lần nộp"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dòng đề nghị")
        verbose_name_plural = _("dòng đề nghị")
        ordering = ["dossier", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False, unit__isnull=True) | Q(person__isnull=True, unit__isnull=False)),
                name="line_person_xor_unit",
            ),
            models.UniqueConstraint(fields=["cycle", "person", "award"], condition=Q(person__isnull=False),
                                    name="line_unique_person_title_in_cycle"),
            models.UniqueConstraint(fields=["cycle", "unit", "award"], condition=Q(unit__isnull=False),
                                    name="line_unique_unit_title_in_cycle"),
        ]

    def __str__(self) -> str:
        return f"{self.nominee} — {self.award}"

    @property
    def nominee(self):
        return self.person if self.person_id else self.unit

    @property
    def nominee_name(self) -> str:
        return self.person.full_name if self.person_id else self.unit.name

    def clean(self) -> None:
        super().clean()
        if bool(self.person_id) == bool(self.unit_id):
            raise ValidationError(_("Chọn đúng một: cá nhân hoặc tập thể."))


class AttachmentKind(models.TextChoices):
    REPORT = "report", _("Báo cáo thành tích")
    SUPPORTING = "supporting", _("Tài liệu kèm theo (công nhận sáng kiến…)")
    MINUTES = "minutes", _("Biên bản họp bình xét của đơn vị")


class Attachment(models.Model):
    """A file of the dossier; checked by content when uploaded, served only through a permission check."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="attachments",
                                verbose_name=_("hồ sơ"))
    line = models.ForeignKey(Line, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments",
                             verbose_name=_("dòng đề nghị"))
    kind = models.CharField(_("loại tệp"), max_length=20, choices=AttachmentKind.choices)
    file = models.FileField(_("tệp"), storage=_upload_storage, upload_to="%Y/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("định dạng"), max_length=100)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("người tải lên"))
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)
    sent_round = models.PositiveSmallIntegerField(_("gửi đi ở lần nộp"), null=True, blank=True)
    # A signed PDF's digital signatures as checked when it was uploaded (workflow.signing.verify): who signed, when,
    # valid or why not. Empty: no signature (or not a PDF).
    signatures = models.JSONField(_("chữ ký số (kiểm tra khi tải lên)"), default=list, blank=True)
    # The paper of the rule set this file is (models.papers.RequiredPaper), when the unit names one.
    paper = models.ForeignKey("nominations.RequiredPaper", on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="attachments", verbose_name=_("giấy tờ theo quy định"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tệp hồ sơ")
        verbose_name_plural = _("tệp hồ sơ")
        ordering = ["dossier", "pk"]

    def __str__(self) -> str:
        return self.original_name


class DossierProcess(Process):
    """The viewflow process of one dossier (flows/dossier.py)."""

    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, null=True, related_name="process",
                                   verbose_name=_("hồ sơ"))
    history_exempt_reason = "viewflow keeps every task of the process with its owner and times."

    class Meta:
        verbose_name = _("quy trình hồ sơ đề nghị")
        verbose_name_plural = _("quy trình hồ sơ đề nghị")

    def __str__(self) -> str:
        return str(self.dossier) if self.dossier_id else super().__str__()
