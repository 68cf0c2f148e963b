"""Emulation movements (phong trào thi đua, domain §6) and emulation blocs (khối thi đua).

A movement is launched at one of four levels — the Prime Minister, the Ministry of Home
Affairs, the province or the agency itself — by a document (number, date, issuer) and runs for
a period. Units pledge targets within the movements running in their year.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts import vietnamese
from accounts.models import Agency, Province, User


class MovementLevel(models.TextChoices):
    PRIME_MINISTER = "thu_tuong", _("Thủ tướng Chính phủ")
    MINISTRY = "bo_noi_vu", _("Bộ Nội vụ")
    PROVINCE = "tinh", _("Tỉnh")
    AGENCY = "co_quan", _("Cơ quan, đơn vị")


class MovementQuerySet(models.QuerySet):
    def running_in(self, year: int) -> MovementQuerySet:
        """Movements whose period covers some day of ``year``."""
        return self.filter(period_start__year__lte=year).filter(
            models.Q(period_end__isnull=True) | models.Q(period_end__year__gte=year)
        )


class Movement(models.Model):
    """A phong trào thi đua and the document that launched it."""

    name = models.CharField(_("tên phong trào"), max_length=300)
    level = models.CharField(_("cấp phát động"), max_length=12, choices=MovementLevel.choices)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, null=True, blank=True, related_name="movements",
        verbose_name=_("tỉnh"), help_text=_("Tỉnh phát động hoặc tỉnh triển khai phong trào cấp trên."),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="movements",
        verbose_name=_("cơ quan phát động"), help_text=_("Chỉ với phong trào do cơ quan phát động."),
    )
    document_number = models.CharField(_("số văn bản phát động"), max_length=60, blank=True)
    document_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    document_issuer = models.CharField(_("cơ quan ban hành văn bản"), max_length=200, blank=True)
    period_start = models.DateField(_("bắt đầu"))
    period_end = models.DateField(_("kết thúc"), null=True, blank=True)
    aim = models.TextField(_("mục tiêu"), blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang sử dụng"), default=True)
    history = HistoricalRecords()

    objects = MovementQuerySet.as_manager()

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["level", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "document_number"], name="movement_unique_document"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def period_label(self) -> str:
        if self.period_end is None:
            return _("từ %(start)s") % {"start": self.period_start.strftime("%d/%m/%Y")}
        if self.period_end.year == self.period_start.year:
            return str(self.period_start.year)
        return f"{self.period_start.year} – {self.period_end.year}"

    @property
    def launched_by(self) -> str:
        if not self.document_number:
            return self.document_issuer
        if self.document_date is None:
            return _("%(number)s của %(issuer)s") % {"number": self.document_number, "issuer": self.document_issuer}
        return _("%(number)s ngày %(date)s của %(issuer)s") % {
            "number": self.document_number, "date": self.document_date.strftime("%d/%m/%Y"),
            "issuer": self.document_issuer,
        }

    def clean(self) -> None:
        super().clean()
        self.name = vietnamese.normalize(self.name)
        if self.level == MovementLevel.AGENCY and not self.agency_id:
            raise ValidationError({"agency": _("Phong trào do cơ quan phát động cần chọn cơ quan.")})
        if self.level != MovementLevel.AGENCY and self.agency_id:
            raise ValidationError({"agency": _("Chỉ phong trào cấp cơ quan mới gắn với một cơ quan.")})
        if self.document_number and not (self.document_date and self.document_issuer):
            raise ValidationError(_("Nhập đủ số, ngày và cơ quan ban hành văn bản phát động."))
        if self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("Ngày kết thúc phải sau ngày bắt đầu.")})


class EmulationBloc(models.Model):
    """A khối thi đua of the province: member agencies sign a giao ước each year."""

    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="blocs", verbose_name=_("tỉnh"))
    code = models.CharField(_("mã"), max_length=20, help_text=_("In trên văn bản của khối, ví dụ “TMTH”."))
    name = models.CharField(_("tên khối"), max_length=200)
    flag_award = models.ForeignKey(
        "nominations.Award", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("danh hiệu suy tôn cho cơ quan dẫn đầu"), help_text=_("Thường là Cờ thi đua của UBND tỉnh."))
    flags_per_year = models.PositiveSmallIntegerField(_("số cơ quan được suy tôn danh hiệu mỗi năm"), default=1)
    commendation_award = models.ForeignKey(
        "nominations.Award", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("hình thức đề nghị cho các cơ quan kế tiếp"),
        help_text=_("Thường là Bằng khen của Chủ tịch UBND tỉnh."))
    commendations_per_year = models.PositiveSmallIntegerField(_("số cơ quan được đề nghị hình thức này mỗi năm"),
                                                              default=1)
    vote_threshold_pct = models.DecimalField(
        _("tỷ lệ phiếu đồng ý (%)"), max_digits=5, decimal_places=2, default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Đề nghị được thông qua khi số cơ quan đồng ý vượt tỷ lệ này trên tổng số thành viên khối "
                    "(theo quy chế hoạt động của khối)."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khối thi đua")
        verbose_name_plural = _("khối thi đua")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["province", "code"], name="bloc_code_unique_in_province")]

    def __str__(self) -> str:
        return self.name


class BlocMembership(models.Model):
    """An agency in a bloc for one year; one member leads (khối trưởng), the leader rotates yearly."""

    bloc = models.ForeignKey(EmulationBloc, on_delete=models.PROTECT, related_name="memberships",
                             verbose_name=_("khối thi đua"))
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="bloc_memberships",
                               verbose_name=_("cơ quan"))
    year = models.PositiveSmallIntegerField(_("năm"))
    is_leader = models.BooleanField(_("khối trưởng"), default=False)
    covenant_signed_on = models.DateField(_("ngày ký giao ước"), null=True, blank=True)
    commitments = models.TextField(_("nội dung giao ước"), blank=True)
    covenant_recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True,
                                             related_name="+", verbose_name=_("người ghi nhận"))
    confirmed_at = models.DateTimeField(_("thời điểm cơ quan xác nhận giao ước"), null=True, blank=True)
    confirmed_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                     verbose_name=_("người xác nhận giao ước"))
    assessment_submitted_at = models.DateTimeField(_("thời điểm gửi bản tự chấm điểm"), null=True, blank=True)
    assessment_submitted_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True,
                                                related_name="+", verbose_name=_("người gửi bản tự chấm điểm"))
    total_score = models.DecimalField(_("tổng điểm"), max_digits=8, decimal_places=2, null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("xếp hạng"), null=True, blank=True)
    proposed_award = models.ForeignKey("nominations.Award", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+", verbose_name=_("đề nghị suy tôn"))
    votes_for = models.PositiveSmallIntegerField(_("số phiếu đồng ý"), null=True, blank=True)
    carried = models.BooleanField(_("được khối suy tôn"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên khối thi đua")
        verbose_name_plural = _("thành viên khối thi đua")
        ordering = ["bloc", "year", "-is_leader", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["bloc", "agency", "year"], name="bloc_member_once_a_year"),
            models.UniqueConstraint(fields=["bloc", "year"], condition=models.Q(is_leader=True),
                                    name="bloc_one_leader_a_year"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} — {self.bloc} {self.year}"

    def clean(self) -> None:
        super().clean()
        if self.bloc_id and self.agency_id and self.agency.province_id != self.bloc.province_id:
            raise ValidationError(_("Cơ quan và khối thi đua phải cùng một tỉnh."))
