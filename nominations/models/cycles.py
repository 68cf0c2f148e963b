"""Cycles (đợt xét): one agency's review of a year, with its deadlines (design §3, flow 2).

Deadlines are data on the cycle (design §3): when dossiers are due, the internal posting window
before the council (domain §4: công khai), the council date.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Agency

from .catalogue import THEMATIC_KIND_CODE, URGENT_KIND_CODE, CommendationKind
from .movements import Movement
from .registries import YEAR

# The loại hình a cycle takes when none is named: the annual review (Luật TĐKT 2022, Điều 9 khoản 1).
DEFAULT_KIND_CODE = "THUONG_XUYEN"
__all__ = ["DEFAULT_KIND_CODE", "THEMATIC_KIND_CODE", "URGENT_KIND_CODE", "Cycle"]


class Cycle(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="cycles", verbose_name=_("cơ quan"))
    year = models.PositiveSmallIntegerField(_("năm xét"), validators=YEAR)
    name = models.CharField(_("tên đợt xét"), max_length=200)
    kind = models.ForeignKey(
        CommendationKind, on_delete=models.PROTECT, related_name="cycles", verbose_name=_("loại hình khen thưởng"),
        help_text=_("Thường xuyên (xét hằng năm), đột xuất, theo chuyên đề, cống hiến, niên hạn: mỗi loại hình có "
                    "tiêu chuẩn, hồ sơ, thời hạn và mẫu quyết định riêng."))
    movement = models.ForeignKey(
        Movement, on_delete=models.PROTECT, null=True, blank=True, related_name="cycles",
        verbose_name=_("phong trào thi đua"),
        help_text=_("Chỉ với khen thưởng theo chuyên đề: phong trào mà đợt xét tổng kết."))
    period_from = models.DateField(_("thành tích từ ngày"), null=True, blank=True)
    period_to = models.DateField(_("thành tích đến ngày"), null=True, blank=True)
    nominations_due = models.DateField(_("hạn nộp hồ sơ đề nghị"))
    posting_from = models.DateField(_("công khai từ ngày"), null=True, blank=True)
    posting_to = models.DateField(_("công khai đến ngày"), null=True, blank=True)
    council_date = models.DateField(_("ngày họp Hội đồng dự kiến"), null=True, blank=True)
    posting_public = models.BooleanField(
        _("công khai cả trên trang không cần đăng nhập"), default=False,
        help_text=_("Trong thời gian công khai, danh sách (họ tên, đơn vị, danh hiệu đề nghị) được đăng tại một địa "
                    "chỉ không cần đăng nhập để cổng thông tin của cơ quan dẫn tới."))
    is_open = models.BooleanField(_("đang nhận hồ sơ"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("người mở đợt"))
    created_at = models.DateTimeField(_("thời điểm mở"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đợt xét khen thưởng")
        verbose_name_plural = _("đợt xét khen thưởng")
        ordering = ["-year", "agency__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "name"], name="cycle_unique_name_per_agency_year"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency.code} {self.year})"

    @property
    def kind_code(self) -> str:
        return self.kind.code if self.kind_id else DEFAULT_KIND_CODE

    @property
    def is_urgent(self) -> bool:
        return self.kind_code == URGENT_KIND_CODE

    @property
    def is_thematic(self) -> bool:
        return self.kind_code == THEMATIC_KIND_CODE

    def clean(self) -> None:
        super().clean()
        if self.is_thematic:
            missing = {name: _("Khen thưởng theo chuyên đề: chọn phong trào thi đua và thời gian tính thành tích.")
                       for name in ("movement", "period_from", "period_to") if not getattr(self, name)}
            if missing:
                raise ValidationError(missing)
            if self.period_to < self.period_from:
                raise ValidationError({"period_to": _("Ngày kết thúc phải sau ngày bắt đầu tính thành tích.")})
        elif self.movement_id or self.period_from or self.period_to:
            raise ValidationError({"movement": _("Chỉ đợt khen thưởng theo chuyên đề mới gắn với một phong trào thi "
                                                 "đua và thời gian tính thành tích.")})
        if bool(self.posting_from) != bool(self.posting_to):
            # One date alone gave no window at all (selectors.postings.has_window): nothing posted, nothing held back.
            missing = "posting_to" if self.posting_from else "posting_from"
            raise ValidationError({missing: _("Nhập cả ngày bắt đầu và ngày kết thúc công khai, hoặc bỏ trống "
                                              "cả hai.")})
        if self.posting_from and self.posting_to and self.posting_to < self.posting_from:
            raise ValidationError({"posting_to": _("Ngày kết thúc công khai phải sau ngày bắt đầu.")})
        if self.posting_to and self.council_date and self.council_date <= self.posting_to:
            # NĐ 98/2023 Điều 46 khoản 2 (legal-basis §14, P1): the list is posted *before* the council meets.
            raise ValidationError({"council_date": _("Ngày họp Hội đồng phải sau ngày kết thúc công khai.")})
        if self.posting_public and not self.posting_from:
            raise ValidationError({"posting_public": _("Chỉ công khai trên trang không cần đăng nhập khi đợt xét có "
                                                       "thời gian công khai.")})
        if self.council_date and self.nominations_due and self.council_date < self.nominations_due:
            raise ValidationError({"council_date": _("Ngày họp Hội đồng phải sau hạn nộp hồ sơ.")})
