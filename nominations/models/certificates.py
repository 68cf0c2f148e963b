"""Where the text of a printed certificate (Giấy khen, giấy chứng nhận danh hiệu) falls on the agency's
pre-printed blank: per agency, and per award where that award's blank differs.

The blank itself (frame, national emblem, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", the authority, "GIẤY KHEN")
is printed by the supplier; the system prints only the awardee's lines, the decision's number and date and the
signer's block. Its size and frame are fixed by the Thủ tướng (Nghị định 152/2025/NĐ-CP, Điều 6 khoản 1 điểm
a, on Luật Thi đua, khen thưởng 2022, Điều 12 khoản 2); no text read fixes where the lines go, so the
positions are the officer's: a shift in millimetres measured on the calibration page (docs/legal-basis.md §12).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Agency

from .catalogue import Award

OFFSET_LIMIT_MM = Decimal(50)


class Paper(models.TextChoices):
    A4_LANDSCAPE = "a4_landscape", _("A4 khổ ngang (297 × 210 mm)")
    A4_PORTRAIT = "a4_portrait", _("A4 khổ dọc (210 × 297 mm)")


# Width and height in millimetres of each paper.
PAPER_SIZE_MM = {Paper.A4_LANDSCAPE: (297, 210), Paper.A4_PORTRAIT: (210, 297)}


def _offset_field(label):
    return models.DecimalField(
        label, max_digits=4, decimal_places=1, default=Decimal(0),
        validators=[MinValueValidator(-OFFSET_LIMIT_MM, message=_("Độ dịch tối đa là 50 mm về mỗi phía.")),
                    MaxValueValidator(OFFSET_LIMIT_MM, message=_("Độ dịch tối đa là 50 mm về mỗi phía."))])


class CertificateLayout(models.Model):
    """The shift of every printed line on one agency's blank: ``award`` empty is the agency's default, an award
    its own blank. Positive ``offset_x_mm`` moves right, positive ``offset_y_mm`` moves down."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="certificate_layouts",
                               verbose_name=_("cơ quan"))
    award = models.ForeignKey(Award, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("danh hiệu, hình thức khen thưởng (để trống: mọi phôi)"))
    paper = models.CharField(_("khổ giấy"), max_length=20, choices=Paper.choices, default=Paper.A4_LANDSCAPE)
    offset_x_mm = _offset_field(_("dịch ngang (mm, dương: sang phải)"))
    offset_y_mm = _offset_field(_("dịch dọc (mm, dương: xuống dưới)"))
    print_heading = models.BooleanField(
        _("in tên danh hiệu, hình thức khen thưởng"), default=True,
        help_text=_("Bỏ chọn khi phôi đã in sẵn dòng “GIẤY KHEN” hoặc tên danh hiệu."))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("người sửa"))
    updated_at = models.DateTimeField(_("thời điểm sửa"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("căn chỉnh in giấy khen")
        verbose_name_plural = _("căn chỉnh in giấy khen")
        ordering = ["agency", "award"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "award"], name="certificate_layout_agency_award"),
            models.UniqueConstraint(fields=["agency"], condition=models.Q(award__isnull=True),
                                    name="certificate_layout_agency_default"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} — {self.award or _('mặc định')}"

    @property
    def size_mm(self) -> tuple[int, int]:
        return PAPER_SIZE_MM[Paper(self.paper)]
