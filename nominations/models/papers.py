"""The papers of a dossier (Luật Thi đua, khen thưởng 2022, Điều 84; NĐ 152/2025, Điều 33(9)): the
báo cáo thành tích of each line, and the papers each title's rule set requires.

A báo cáo thành tích is written by the unit (or the nominee) in the fields of the decree's form and
confirmed by the unit head; once confirmed it is rendered to a PDF that becomes the line's
``Attachment`` of kind "report". Changing it afterwards takes the confirmation and that file away.
What papers a line needs is data of its rule set (``RequiredPaper``), so the gates check what the
law of the year asks, and an administrator can correct it in the admin (with history).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .catalogue import NomineeKind
from .dossiers import Attachment, Line
from .rules import TitleRule


class PaperKind(models.TextChoices):
    REPORT = "report", _("Báo cáo thành tích của dòng đề nghị (đơn vị lập, trưởng đơn vị xác nhận)")
    MINUTES = "minutes", _("Biên bản họp bình xét của đơn vị (tệp của cả hồ sơ)")
    SUPPORTING = "supporting", _("Giấy tờ kèm theo dòng đề nghị (tệp đính kèm ghi rõ giấy tờ này)")


class RequiredPaper(models.Model):
    """One paper a line of a title must have in its dossier under one rule set."""

    title_rule = models.ForeignKey(TitleRule, on_delete=models.CASCADE, related_name="required_papers",
                                   verbose_name=_("quy tắc xét danh hiệu"))
    name = models.CharField(_("tên giấy tờ"), max_length=300)
    kind = models.CharField(_("loại"), max_length=20, choices=PaperKind.choices)
    nominee_kind = models.CharField(_("áp dụng cho"), max_length=12, choices=NomineeKind.choices,
                                    default=NomineeKind.BOTH)
    article = models.CharField(_("điều khoản"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("giấy tờ phải có trong hồ sơ")
        verbose_name_plural = _("giấy tờ phải có trong hồ sơ")
        ordering = ["title_rule", "position", "pk"]

    def __str__(self) -> str:
        return self.name

    def applies_to(self, nominee_kind: str) -> bool:
        return self.nominee_kind in (NomineeKind.BOTH, nominee_kind)


class AchievementReport(models.Model):
    """The báo cáo thành tích of one line, in the headings of the decree's form: for a person sơ lược lý
    lịch, thành tích đạt được (quyền hạn, nhiệm vụ được giao; thành tích; sáng kiến, giải pháp), the
    commendations already received, discipline; for a collective đặc điểm, tình hình, thành tích,
    commendations. The commendations received are read from the awards registry when it is confirmed.

    The head's confirmation freezes what the PDF prints (``content``, the template's context); a worker then
    renders it and attaches the PDF (``attachment``), or records why it could not (``pdf_error``)."""

    line = models.OneToOneField(Line, on_delete=models.CASCADE, related_name="achievement_report",
                                verbose_name=_("dòng đề nghị"))
    born_on = models.DateField(_("ngày, tháng, năm sinh"), null=True, blank=True)
    gender = models.CharField(_("giới tính"), max_length=10, blank=True)
    hometown = models.CharField(_("quê quán"), max_length=300, blank=True)
    residence = models.CharField(_("nơi thường trú"), max_length=300, blank=True)
    position = models.CharField(_("chức vụ (Đảng, chính quyền, đoàn thể)"), max_length=300, blank=True)
    qualification = models.CharField(_("trình độ chuyên môn, nghiệp vụ"), max_length=300, blank=True)
    political_theory = models.CharField(_("trình độ lý luận chính trị"), max_length=100, blank=True)
    situation = models.TextField(
        _("đặc điểm, tình hình"), blank=True,
        help_text=_("Tập thể: chức năng, nhiệm vụ được giao; cơ cấu tổ chức, số người; thuận lợi, khó khăn."))
    duties = models.TextField(_("quyền hạn, nhiệm vụ được giao hoặc đảm nhận"), blank=True)
    achievements = models.TextField(_("thành tích đạt được"))
    initiatives = models.TextField(_("sáng kiến, giải pháp, đề tài được công nhận"), blank=True)
    discipline = models.TextField(_("kỷ luật"), blank=True)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("người lập"))
    written_at = models.DateTimeField(_("thời điểm lập, sửa"))
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("trưởng đơn vị xác nhận"))
    confirmed_at = models.DateTimeField(_("thời điểm xác nhận"), null=True, blank=True)
    attachment = models.OneToOneField(Attachment, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="achievement_report", verbose_name=_("tệp PDF"))
    content = models.JSONField(_("nội dung đã xác nhận"), default=dict, blank=True,
                               help_text=_("Dữ liệu in ra tệp PDF, chốt lúc trưởng đơn vị xác nhận."))
    pdf_error = models.CharField(_("lỗi tạo tệp PDF"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo thành tích")
        verbose_name_plural = _("báo cáo thành tích")
        ordering = ["line__dossier", "line__position", "pk"]

    def __str__(self) -> str:
        return f"{_('Báo cáo thành tích')}: {self.line}"

    @property
    def confirmed(self) -> bool:
        """The unit head has confirmed it (its PDF may still be being made: ``pdf_pending``)."""
        return self.confirmed_at is not None

    @property
    def pdf_pending(self) -> bool:
        return self.confirmed_at is not None and self.attachment_id is None and not self.pdf_error

    @property
    def pdf_failed(self) -> bool:
        return self.confirmed_at is not None and self.attachment_id is None and bool(self.pdf_error)
