"""The registries the rules read (domain §3): past awards, sáng kiến, discipline, yearly duty
ratings of people and units, and the start of service for the 10-month rule."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts import vietnamese
from accounts.models import Unit
from workflow.documents.models import IssuedDocument

from .catalogue import Award, CommendationKind

YEAR = [MinValueValidator(1945), MaxValueValidator(2100)]


class DutyRating(models.TextChoices):
    """Ratings of duty completion since Nghị định 90/2020/NĐ-CP; before 2020 the third level read
    "hoàn thành nhiệm vụ nhưng còn hạn chế về năng lực" and is recorded here as HT."""

    EXCELLENT = "htxs", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "htt", _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = "ht", _("Hoàn thành nhiệm vụ")
    NOT_COMPLETED = "kht", _("Không hoàn thành nhiệm vụ")


RATING_RANK = {DutyRating.EXCELLENT: 4, DutyRating.GOOD: 3, DutyRating.COMPLETED: 2, DutyRating.NOT_COMPLETED: 1}


class DisciplineLevel(models.TextChoices):
    """Forms of discipline of cán bộ, công chức, viên chức, mildest first."""

    REPRIMAND = "khien_trach", _("Khiển trách")
    WARNING = "canh_cao", _("Cảnh cáo")
    SALARY_DOWN = "ha_bac_luong", _("Hạ bậc lương")
    DEMOTION = "giang_chuc", _("Giáng chức")
    DISMISSAL_FROM_POST = "cach_chuc", _("Cách chức")
    DISMISSAL = "buoc_thoi_viec", _("Buộc thôi việc")


DISCIPLINE_RANK = {level: rank for rank, level in enumerate(DisciplineLevel.values, start=1)}


class InitiativeScope(models.TextChoices):
    BASE = "co_so", _("Cấp cơ sở")
    PROVINCE = "tinh", _("Cấp tỉnh")
    NATIONAL = "toan_quoc", _("Toàn quốc")


SCOPE_RANK = {InitiativeScope.BASE: 1, InitiativeScope.PROVINCE: 2, InitiativeScope.NATIONAL: 3}


class PastAwardQuerySet(models.QuerySet):
    def standing(self) -> PastAwardQuerySet:
        """The awards still in force: an award whose decision was annulled (hủy bỏ, Luật Thi đua, khen
        thưởng 2022, Điều 93(2)) stays in the registry for history but no longer counts — not in a
        later year's streak or prerequisite, not in the statistics."""
        return self.filter(annulled_by__isnull=True)


HOLDER_FIELDS = ("holder_unit", "holder_name_key", "holder_birth_year")  # PastAward's derived search columns


class PastAward(models.Model):
    """An award a person or a unit received, with the decision that granted it.

    An annulled award keeps its row (``annulled_by``: the Quyết định hủy bỏ, with its date): history
    stays, and every reader that counts awards asks for ``PastAward.objects.standing()``. A clerical
    correction (đính chính) sets the ``printed_*`` fields — what the decision should have printed —
    and ``corrected_by``; who is awarded never changes (history keeps each version).
    """

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="past_awards", verbose_name=_("cá nhân"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="past_awards", verbose_name=_("tập thể"))
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="granted",
                              verbose_name=_("danh hiệu, hình thức"))
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR)
    commendation_kind = models.ForeignKey(
        CommendationKind, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("loại hình khen thưởng"),
        help_text=_("Ghi khi khen thưởng từ một dòng đề nghị; để trống với khen thưởng ghi nhận từ trước (coi như "
                    "thường xuyên). Khen thưởng đột xuất, theo chuyên đề không tính làm căn cứ khen thưởng công "
                    "trạng."))
    decision_number = models.CharField(_("số quyết định"), max_length=50)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    issuer = models.CharField(_("cấp quyết định"), max_length=200)
    annulled_by = models.ForeignKey(IssuedDocument, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("bị hủy bỏ bởi quyết định"))
    annulled_on = models.DateField(_("ngày hủy bỏ"), null=True, blank=True)
    printed_name = models.CharField(_("họ tên, tên tập thể (đã đính chính)"), max_length=200, blank=True)
    printed_position = models.CharField(_("chức vụ, đơn vị (đã đính chính)"), max_length=300, blank=True)
    printed_title = models.CharField(_("danh hiệu ghi trên quyết định (đã đính chính)"), max_length=200,
                                     blank=True)
    corrected_by = models.ForeignKey(IssuedDocument, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("được đính chính bởi quyết định"))
    # Derived, for the award history search (selectors.records): the unit whose registry holds the row — the
    # unit itself, or the person's unit now — the holder's name folded (``name_key``) and a person's birth year
    # (what tells namesakes apart). Kept by
    # ``fill_holder`` on save and by the receivers of a person's or a unit's change (nominations.receivers);
    # out of the history: they copy what the person's and the unit's own history already records.
    holder_unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, editable=False,
                                    related_name="+", db_index=False)
    holder_name_key = models.CharField(max_length=200, editable=False, blank=True, default="")
    holder_birth_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["holder_unit", "holder_name_key", "holder_birth_year"])

    objects = PastAwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("khen thưởng đã nhận")
        verbose_name_plural = _("khen thưởng đã nhận")
        ordering = ["-year", "award__position", "pk"]
        # What the award history search (selectors.records) reads: newest first — overall, within a unit's
        # registry, within a title — and by the first characters of a decision number (pattern operators on
        # PostgreSQL; ignored elsewhere). A name is found through a trigram index on PostgreSQL (migration 0043).
        indexes = [
            models.Index(fields=["-year", "-id"], name="past_award_newest"),
            models.Index(fields=["holder_unit", "-year", "-id"], name="past_award_holder_newest"),
            models.Index(fields=["award", "-year", "-id"], name="past_award_title_newest"),
            models.Index(fields=["decision_number"], name="past_award_decision_no", opclasses=["varchar_pattern_ops"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False, unit__isnull=True) | Q(person__isnull=True, unit__isnull=False)),
                name="past_award_person_xor_unit",
            ),
            # An annulled award no longer holds its place: the same title of the same year may be
            # decided again, lawfully, by a new decision.
            models.UniqueConstraint(fields=["person", "award", "year"],
                                    condition=Q(person__isnull=False, annulled_by__isnull=True),
                                    name="past_award_unique_person_standing"),
            models.UniqueConstraint(fields=["unit", "award", "year"],
                                    condition=Q(unit__isnull=False, annulled_by__isnull=True),
                                    name="past_award_unique_unit_standing"),
        ]

    def __str__(self) -> str:
        return f"{self.award.code} {self.year} — {self.person or self.unit}"

    def save(self, *args, **kwargs):
        self.fill_holder()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *HOLDER_FIELDS}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if bool(self.person_id) == bool(self.unit_id):
            raise ValidationError(_("Chọn đúng một: cá nhân hoặc tập thể."))
        if self.award_id:
            kind = "person" if self.person_id else "collective"
            if not self.award.accepts(kind):
                raise ValidationError(
                    {"award": _("“%(award)s” không xét tặng cho %(kind)s.")
                     % {"award": self.award, "kind": _("cá nhân") if self.person_id else _("tập thể")}}
                )
        if self.decision_date and self.year and self.decision_date.year < self.year:
            raise ValidationError({"decision_date": _("Ngày quyết định không thể trước năm được khen.")})

    def fill_holder(self) -> None:
        """Copy the holder's unit, folded name and birth year into the search columns (also before a
        ``bulk_create``)."""
        if self.unit_id or self.person_id:
            for column, value in self.holder_columns(unit=self.unit if self.unit_id else None,
                                                     person=self.person if self.person_id else None).items():
                setattr(self, column, value)

    @classmethod
    def holder_columns(cls, *, person=None, unit: Unit | None = None) -> dict:
        """The search columns of a row held by ``unit`` or, when it is None, by ``person``, as they are now."""
        if unit is not None:
            return {"holder_unit_id": unit.pk, "holder_name_key": cls.name_key(unit.name), "holder_birth_year": None}
        return {"holder_unit_id": person.unit_id, "holder_name_key": cls.name_key(person.full_name),
                "holder_birth_year": person.birth_date.year if person.birth_date else None}

    @staticmethod
    def name_key(name: str) -> str:
        """The name folded (no tones, lower case) after one space: a typed word is looked for as " word", so it
        matches the start of a word of the name — "an" finds "Nguyễn Văn An" and "Văn Anh", not every "Văn"."""
        return " " + vietnamese.fold(name)


class Initiative(models.Model):
    """A sáng kiến recognised by a decision (the Office's Hội đồng sáng kiến or higher)."""

    title = models.CharField(_("tên sáng kiến"), max_length=500)
    authors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="initiatives",
                                     verbose_name=_("tác giả"))
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày công nhận"))
    issuer = models.CharField(_("cơ quan công nhận"), max_length=200, blank=True)
    scope = models.CharField(_("phạm vi ảnh hưởng"), max_length=10, choices=InitiativeScope.choices)
    history = HistoricalRecords(m2m_fields=[authors])

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["-decision_date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["title", "decision_date"], name="initiative_unique_title_date"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def year(self) -> int:
        return self.decision_date.year


class Discipline(models.Model):
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="disciplines",
                               verbose_name=_("cá nhân"))
    level = models.CharField(_("hình thức kỷ luật"), max_length=20, choices=DisciplineLevel.choices)
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR)
    decision_number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["-year", "pk"]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_level_display()} ({self.year})"


class PersonYearRecord(models.Model):
    """What a year says of a person: the duty rating and the facts the exclusions read."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="year_records",
                               verbose_name=_("cá nhân"))
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR)
    rating = models.CharField(_("xếp loại"), max_length=5, choices=DutyRating.choices)
    absent_days = models.PositiveSmallIntegerField(_("số ngày nghỉ làm việc"), default=0)
    maternity_leave_days = models.PositiveSmallIntegerField(
        _("trong đó nghỉ thai sản"), default=0, help_text=_("Không tính vào số ngày nghỉ khi xét."))
    administrative_sanction = models.BooleanField(_("bị xử phạt vi phạm hành chính"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kết quả đánh giá cá nhân trong năm")
        verbose_name_plural = _("kết quả đánh giá cá nhân trong năm")
        ordering = ["-year", "pk"]
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="person_year_unique")]

    def __str__(self) -> str:
        return f"{self.person} — {self.year}: {self.get_rating_display()}"

    def clean(self) -> None:
        super().clean()
        if self.maternity_leave_days > self.absent_days:
            raise ValidationError({"maternity_leave_days": _("Số ngày nghỉ thai sản không thể lớn hơn tổng số "
                                                             "ngày nghỉ.")})


class UnitYearRecord(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="year_records", verbose_name=_("tập thể"))
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR)
    rating = models.CharField(_("xếp loại"), max_length=5, choices=DutyRating.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kết quả đánh giá tập thể trong năm")
        verbose_name_plural = _("kết quả đánh giá tập thể trong năm")
        ordering = ["-year", "pk"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="unit_year_unique")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.year}: {self.get_rating_display()}"


class ServiceRecord(models.Model):
    """When a person started working for the agency: the 10-month minimum reads it."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="service_record", verbose_name=_("cá nhân"))
    started_on = models.DateField(_("ngày bắt đầu công tác"))
    # Khen thưởng quá trình cống hiến and theo niên hạn (models.service_awards): who is a woman (Nghị định
    # 152/2025/NĐ-CP, Điều 4 khoản 7) and the retirement the notice or decision names (Điều 9 khoản 2 điểm a).
    female = models.BooleanField(_("nữ"), default=False)
    retires_on = models.DateField(_("ngày nghỉ hưu"), null=True, blank=True,
                                  help_text=_("Theo thông báo nghỉ hưu hoặc quyết định nghỉ hưu; để trống khi chưa "
                                              "có."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quá trình công tác")
        verbose_name_plural = _("quá trình công tác")

    def __str__(self) -> str:
        return f"{self.person} — {self.started_on:%d/%m/%Y}"
