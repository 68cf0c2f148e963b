"""A Quyết định that annuls or corrects an issued in-house Quyết định khen thưởng.

Luật Thi đua, khen thưởng 2022, Điều 93(2): a decision awarding a title or a form is annulled (hủy bỏ),
and the award's object and money recovered (thu hồi), when the award rests on (a) a false declaration
of achievements, (b) false information or forged papers, (c) an appraisal, review or proposal against
the law, or (d) an authority's conclusion that the person did not meet the criteria in the period.
Nghị định 152/2025/NĐ-CP, Điều 56(1)-(2) and Điều 58(2): the authority that decided the award issues
the annulment, and the person returns the object and the money to it within 15 working days.

A clerical correction (đính chính) is the same kind of act, a numbered Quyết định of the chief, that
changes what was printed (a name, a position, the title's wording) and never who is awarded.

The original decision is never rewritten: the amendment points to it, and its page links back.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from workflow.documents.models import IssuedDocument

from .dossiers import Line
from .submissions import OutcomeDocument


class AmendmentKind(models.TextChoices):
    # Điều 93(2) couples the two: the decision "bị hủy bỏ, hiện vật khen thưởng và tiền thưởng bị thu
    # hồi" in the same cases, so one act does both; there is no revocation without annulment.
    ANNUL = "annul", _("Hủy bỏ khen thưởng, thu hồi hiện vật và tiền thưởng")
    CORRECT = "correct", _("Đính chính sai sót")


class AnnulmentGround(models.TextChoices):
    """The four cases of Luật Thi đua, khen thưởng 2022, Điều 93 khoản 2 (points a–d)."""

    FALSE_DECLARATION = "93_2_a", _("Gian dối trong việc kê khai công trạng, thành tích (điểm a khoản 2 Điều 93)")
    FALSE_PAPERS = "93_2_b", _("Cung cấp thông tin sai sự thật hoặc làm giả hồ sơ, giấy tờ (điểm b khoản 2 "
                               "Điều 93)")
    UNLAWFUL_REVIEW = "93_2_c", _("Thẩm định, xét, duyệt, đề nghị trái quy định của pháp luật (điểm c khoản 2 "
                                  "Điều 93)")
    CRITERIA_NOT_MET = "93_2_d", _("Có kết luận, quyết định, bản án của cơ quan có thẩm quyền về vi phạm dẫn đến "
                                   "không bảo đảm tiêu chuẩn (điểm d khoản 2 Điều 93)")


# The point of Điều 93 khoản 2 each case is, printed in the decision's reason.
GROUND_POINT = {
    AnnulmentGround.FALSE_DECLARATION: "a", AnnulmentGround.FALSE_PAPERS: "b",
    AnnulmentGround.UNLAWFUL_REVIEW: "c", AnnulmentGround.CRITERIA_NOT_MET: "d",
}


class CorrectedField(models.TextChoices):
    """What a đính chính may change: what the annex printed, never the person or the title awarded."""

    NAME = "name", _("Họ và tên (tên tập thể)")
    POSITION = "position", _("Chức vụ, đơn vị")
    TITLE = "title", _("Cách ghi danh hiệu")


class DecisionAmendment(models.Model):
    """One Quyết định hủy bỏ or đính chính of the chief, about lines of one issued in-house decision."""

    kind = models.CharField(_("loại"), max_length=20, choices=AmendmentKind.choices)
    original = models.ForeignKey(OutcomeDocument, on_delete=models.PROTECT, related_name="amendments",
                                 verbose_name=_("quyết định bị hủy bỏ, được đính chính"))
    document = models.OneToOneField(IssuedDocument, on_delete=models.PROTECT, related_name="decision_amendment",
                                    verbose_name=_("quyết định hủy bỏ, đính chính"))
    lines = models.ManyToManyField(Line, related_name="amendments", verbose_name=_("các dòng"))
    ground = models.CharField(_("trường hợp hủy bỏ"), max_length=10, choices=AnnulmentGround.choices, blank=True)
    reason = models.TextField(_("lý do"))
    rule_broken = models.CharField(_("quy định bị vi phạm"), max_length=500, blank=True)
    # đính chính: [{"line": pk, "field": CorrectedField, "old": printed, "new": corrected}, …]
    corrections = models.JSONField(_("nội dung đính chính"), default=list, blank=True)
    applied_at = models.DateTimeField(_("thời điểm ghi sổ"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("người lập"))
    created_at = models.DateTimeField(_("thời điểm lập"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quyết định hủy bỏ, đính chính khen thưởng")
        verbose_name_plural = _("quyết định hủy bỏ, đính chính khen thưởng")
        ordering = ["original", "pk"]

    def __str__(self) -> str:
        return str(self.document)
