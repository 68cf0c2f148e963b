"""Hiệp y / lấy ý kiến (issue 21; docs/legal-basis.md §15): before some proposals go higher, the proposing side
asks another body for its written opinion (NĐ 152/2025/NĐ-CP, Điều 34) and the Tờ trình carries the answers
(Điều 33 khoản 11 điểm c).

Which titles need whose opinion is data of the year's rule set (``RequiredConsultation``), as the dossier's
papers are (``RequiredPaper``): an administrator corrects it in the admin, with history. A ``Consultation`` is
one request sent for one line, with its deadline, and the answer recorded when it comes back.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .catalogue import NomineeKind
from .dossiers import Line
from .rules import TitleRule

OPINION_TEXT_MAX = 4000


class ConsultationScope(models.TextChoices):
    ALL = "all", _("Mọi dòng đề nghị của danh hiệu")
    AGENCY_HEAD = "agency_head", _("Chỉ cá nhân là người đứng đầu (cấp trưởng) của cơ quan")


class RequiredConsultation(models.Model):
    """One body whose opinion a line of a title must have before it goes onward, under one rule set."""

    title_rule = models.ForeignKey(TitleRule, on_delete=models.CASCADE, related_name="required_consultations",
                                   verbose_name=_("quy tắc xét danh hiệu"))
    body = models.CharField(_("cơ quan được lấy ý kiến"), max_length=300)
    subject = models.CharField(_("nội dung lấy ý kiến"), max_length=500, blank=True)
    nominee_kind = models.CharField(_("áp dụng cho"), max_length=12, choices=NomineeKind.choices,
                                    default=NomineeKind.BOTH)
    scope = models.CharField(_("phạm vi"), max_length=20, choices=ConsultationScope.choices,
                             default=ConsultationScope.ALL)
    article = models.CharField(_("điều khoản"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cơ quan phải lấy ý kiến (hiệp y)")
        verbose_name_plural = _("cơ quan phải lấy ý kiến (hiệp y)")
        ordering = ["title_rule", "position", "pk"]

    def __str__(self) -> str:
        return self.body

    def applies_to(self, nominee_kind: str, *, is_agency_head: bool) -> bool:
        if self.nominee_kind not in (NomineeKind.BOTH, nominee_kind):
            return False
        return self.scope == ConsultationScope.ALL or is_agency_head

    @property
    def cited(self) -> str:
        return f"{self.body} — {self.article}" if self.article else self.body


class ConsultationStatus(models.TextChoices):
    SENT = "sent", _("Đã gửi, chờ trả lời")
    ANSWERED = "answered", _("Đã có ý kiến trả lời")
    CANCELLED = "cancelled", _("Đã hủy")


class ConsultationVerdict(models.TextChoices):
    AGREE = "agree", _("Đồng ý")
    REMARKS = "remarks", _("Đồng ý, có ý kiến khác")
    DISAGREE = "disagree", _("Không đồng ý")


class Consultation(models.Model):
    """A request for opinions about one line sent to one body, and its answer."""

    line = models.ForeignKey(Line, on_delete=models.PROTECT, related_name="consultations",
                             verbose_name=_("dòng đề nghị"))
    requirement = models.ForeignKey(RequiredConsultation, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="consultations", verbose_name=_("yêu cầu lấy ý kiến"))
    body = models.CharField(_("cơ quan được lấy ý kiến"), max_length=300)
    request_number = models.CharField(_("số văn bản xin ý kiến"), max_length=50)
    sent_on = models.DateField(_("ngày gửi"))
    due_on = models.DateField(_("hạn trả lời"))
    status = models.CharField(_("trạng thái"), max_length=20, choices=ConsultationStatus.choices,
                              default=ConsultationStatus.SENT, db_index=True)
    answer_number = models.CharField(_("số văn bản trả lời"), max_length=50, blank=True)
    answered_on = models.DateField(_("ngày văn bản trả lời"), null=True, blank=True)
    verdict = models.CharField(_("ý kiến"), max_length=20, choices=ConsultationVerdict.choices, blank=True)
    answer_text = models.TextField(_("nội dung trả lời"), blank=True, max_length=OPINION_TEXT_MAX,
                                   validators=[MaxLengthValidator(OPINION_TEXT_MAX), ProhibitNullCharactersValidator()])
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("người gửi"))
    answer_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                           related_name="+", verbose_name=_("người ghi trả lời"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hiệp y, lấy ý kiến")
        verbose_name_plural = _("hiệp y, lấy ý kiến")
        ordering = ["line", "sent_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(due_on__gte=models.F("sent_on")), name="consultation_due_after_sent"),
            models.UniqueConstraint(fields=["line", "requirement"], condition=Q(status__in=["sent", "answered"]),
                                    name="consultation_one_open_per_requirement"),
        ]

    def __str__(self) -> str:
        return f"{self.body} — {self.line}"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.sent_on and self.due_on and self.due_on < self.sent_on:
            errors["due_on"] = _("Hạn trả lời không được trước ngày gửi.")
        if self.status == ConsultationStatus.ANSWERED:
            if not self.answer_number.strip():
                errors["answer_number"] = _("Ghi số văn bản trả lời.")
            if self.answered_on is None:
                errors["answered_on"] = _("Ghi ngày của văn bản trả lời.")
            elif self.sent_on and self.answered_on < self.sent_on:
                errors["answered_on"] = _("Ngày văn bản trả lời không được trước ngày gửi văn bản xin ý kiến.")
            if not self.verdict:
                errors["verdict"] = _("Chọn ý kiến của cơ quan trả lời.")
            if self.verdict in (ConsultationVerdict.REMARKS, ConsultationVerdict.DISAGREE) \
                    and not self.answer_text.strip():
                errors["answer_text"] = _("Ghi nội dung ý kiến khác hoặc lý do không đồng ý.")
        if errors:
            raise ValidationError(errors)
