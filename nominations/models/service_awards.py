"""Khen thưởng quá trình cống hiến and theo niên hạn (issue 21; docs/legal-basis.md §20): the periods a person
held a position (the service record the rules count) and the rules that turn years into an award.

A ``PositionRecord`` is one period of work: the position held, its level for the cống hiến rules (Nghị định
152/2025/NĐ-CP, Điều 10: "Vụ trưởng và tương đương", "Phó Vụ trưởng và tương đương"), from and to. The years of
service are the sum of a person's periods (a gap counts nothing); the years in a level are the sum of the periods
at that level. A ``ServiceAwardRule`` says which award a number of years gives, for a loại hình (cống hiến or niên
hạn), with its citation and its dates of force: the rules are data, an officer corrects them in the admin.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .catalogue import Award, CommendationKind


class PositionLevel(models.TextChoices):
    """Levels of leadership the cống hiến rules name (NĐ 152/2025, Điều 10 khoản 5 và 6), highest first."""

    NONE = "", _("Không giữ chức vụ thuộc diện xét cống hiến")
    DIRECTOR = "vu_truong", _("Vụ trưởng và tương đương (Giám đốc sở, trưởng cơ quan, ban, ngành cấp tỉnh)")
    DEPUTY_DIRECTOR = "pho_vu_truong", _("Phó Vụ trưởng và tương đương (Phó Giám đốc sở, phó trưởng cơ quan, "
                                         "ban, ngành cấp tỉnh)")


# Highest first: NĐ 152/2025, Điều 9 khoản 2 điểm b adds a level's time to the next lower one.
LEVEL_ORDER = [PositionLevel.DIRECTOR, PositionLevel.DEPUTY_DIRECTOR]


class PositionRecord(models.Model):
    """One period of a person's work: the position held and its level, from and to (empty: still held)."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="position_records",
                               verbose_name=_("cá nhân"))
    title = models.CharField(_("chức vụ, vị trí công tác"), max_length=200)
    level = models.CharField(_("cấp chức vụ để xét cống hiến"), max_length=20, choices=PositionLevel.choices,
                             blank=True, default=PositionLevel.NONE)
    started_on = models.DateField(_("từ ngày"))
    ended_on = models.DateField(_("đến ngày"), null=True, blank=True, help_text=_("Để trống khi đang giữ."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quá trình giữ chức vụ, công tác")
        verbose_name_plural = _("quá trình giữ chức vụ, công tác")
        ordering = ["person", "started_on", "pk"]

    def __str__(self) -> str:
        end = f"{self.ended_on:%d/%m/%Y}" if self.ended_on else "…"
        return f"{self.person} — {self.title} ({self.started_on:%d/%m/%Y} – {end})"

    def clean(self) -> None:
        super().clean()
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("Ngày kết thúc không được trước ngày bắt đầu.")})
        if self.person_id and self.started_on:
            others = PositionRecord.objects.filter(person_id=self.person_id).exclude(pk=self.pk)
            for other in others:
                other_end = other.ended_on or self.started_on.max
                own_end = self.ended_on or self.started_on.max
                if other.started_on <= own_end and self.started_on <= other_end:
                    raise ValidationError(_("Giai đoạn này trùng với giai đoạn “%(other)s”: mỗi ngày chỉ tính một "
                                            "lần.") % {"other": other})


class ServiceAwardRule(models.Model):
    """Years that give an award, for the cống hiến or niên hạn loại hình. ``level`` empty: the years of service;
    otherwise the years at that level. ``min_years`` ≤ years < ``max_years`` (empty: no upper bound)."""

    kind = models.ForeignKey(CommendationKind, on_delete=models.PROTECT, related_name="service_rules",
                             verbose_name=_("loại hình khen thưởng"))
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="service_rules",
                              verbose_name=_("hình thức khen thưởng"))
    level = models.CharField(_("chức vụ được tính"), max_length=20, choices=PositionLevel.choices, blank=True,
                             default=PositionLevel.NONE, help_text=_("Để trống: tính tổng thời gian công tác."))
    min_years = models.PositiveSmallIntegerField(_("từ (năm)"))
    max_years = models.PositiveSmallIntegerField(_("đến dưới (năm)"), null=True, blank=True)
    min_years_women = models.PositiveSmallIntegerField(
        _("từ (năm) đối với nữ"), null=True, blank=True,
        help_text=_("Để trống: như nam, hoặc giảm 1/3 khi quy tắc giảm cho nữ lãnh đạo, quản lý."))
    women_leader_reduction = models.BooleanField(
        _("nữ lãnh đạo, quản lý được giảm 1/3 thời gian"), default=False,
        help_text=_("Nghị định 152/2025/NĐ-CP, Điều 4 khoản 7."))
    requires_retirement = models.BooleanField(
        _("chỉ xét khi có thông báo, quyết định nghỉ hưu"), default=False,
        help_text=_("Nghị định 152/2025/NĐ-CP, Điều 9 khoản 2 điểm a."))
    in_force_from = models.DateField(_("áp dụng từ ngày"))
    in_force_to = models.DateField(_("áp dụng đến ngày"), null=True, blank=True)
    citation = models.TextField(_("căn cứ (điều, khoản)"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quy tắc khen thưởng theo thời gian công tác")
        verbose_name_plural = _("quy tắc khen thưởng theo thời gian công tác")
        ordering = ["kind", "level", "-min_years", "pk"]

    def __str__(self) -> str:
        upper = f"–{self.max_years}" if self.max_years else "+"
        return f"{self.kind} · {self.award} · {self.get_level_display()} {self.min_years}{upper}"

    def clean(self) -> None:
        super().clean()
        if self.max_years is not None and self.max_years <= self.min_years:
            raise ValidationError({"max_years": _("“Đến dưới” phải lớn hơn “từ”.")})
        if self.in_force_to and self.in_force_from and self.in_force_to < self.in_force_from:
            raise ValidationError({"in_force_to": _("Ngày kết thúc áp dụng không được trước ngày bắt đầu.")})
