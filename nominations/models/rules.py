"""Rule sets, versioned by legal basis and effective dates (domain §2).

A cycle's year selects its rule set (``nominations.eligibility.rulesets``). Every [P]/[U] fact of
the domain reference is a row here an administrator can change: each title's criteria with their
parameters, and each title's vote rule ``{method, base, threshold_pct, quorum_pct}`` (domain §4).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .catalogue import Award, NomineeKind
from .registries import DisciplineLevel, DutyRating, InitiativeScope

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class RuleSet(models.Model):
    code = models.CharField(
        _("mã"), max_length=30, unique=True,
        validators=[RegexValidator(r"^[A-Z0-9_]{1,30}$", _("Mã chỉ gồm chữ in hoa không dấu, chữ số và “_”."))],
    )
    name = models.CharField(_("tên"), max_length=200)
    legal_basis = models.TextField(
        _("căn cứ pháp lý"),
        help_text=_("Các văn bản của bộ quy tắc, để tham khảo. Phần căn cứ của Quyết định, Tờ trình in các văn bản "
                    "căn cứ có hiệu lực vào ngày ký (mục “Văn bản căn cứ”)."))
    effective_from = models.DateField(_("áp dụng từ ngày"))
    effective_to = models.DateField(_("áp dụng đến hết ngày"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bộ quy tắc xét khen thưởng")
        verbose_name_plural = _("bộ quy tắc xét khen thưởng")
        ordering = ["effective_from"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.effective_from and self.effective_to and self.effective_to < self.effective_from:
            raise ValidationError({"effective_to": _("Ngày hết hiệu lực phải sau ngày bắt đầu áp dụng.")})
        if not self.effective_from:
            return
        overlapping = RuleSet.objects.exclude(pk=self.pk).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=self.effective_from)
        )
        if self.effective_to:
            overlapping = overlapping.filter(effective_from__lte=self.effective_to)
        clash = overlapping.first()
        if clash is not None:
            raise ValidationError(
                _("Thời gian áp dụng trùng với bộ quy tắc “%(other)s”: mỗi ngày chỉ có một bộ quy tắc.")
                % {"other": clash.name}
            )


class VoteMethod(models.TextChoices):
    SECRET = "secret", _("Bỏ phiếu kín")
    SHOW_OF_HANDS = "show_of_hands", _("Biểu quyết giơ tay")


class VoteBase(models.TextChoices):
    ALL_MEMBERS = "all_members", _("Tổng số thành viên Hội đồng")
    PRESENT = "present", _("Số thành viên có mặt")
    VALID_BALLOTS = "valid_ballots", _("Số phiếu hợp lệ")


class TitleRule(models.Model):
    """How one title is considered under one rule set: its article, criteria and vote rule."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="title_rules",
                                 verbose_name=_("bộ quy tắc"))
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="rules",
                              verbose_name=_("danh hiệu, hình thức"))
    legal_basis = models.TextField(_("điều khoản áp dụng"), blank=True)
    vote_method = models.CharField(_("hình thức biểu quyết"), max_length=20, choices=VoteMethod.choices,
                                   default=VoteMethod.SECRET)
    vote_base = models.CharField(_("tính tỷ lệ trên"), max_length=20, choices=VoteBase.choices,
                                 default=VoteBase.ALL_MEMBERS)
    vote_threshold_pct = models.DecimalField(_("tỷ lệ phiếu đồng ý tối thiểu (%)"), max_digits=5,
                                             decimal_places=2, validators=PERCENT)
    vote_quorum_pct = models.DecimalField(_("tỷ lệ thành viên có mặt tối thiểu (%)"), max_digits=5,
                                          decimal_places=2, validators=PERCENT)
    # The reward is a multiple of the mức lương cơ sở in force on the day of the decision (NĐ 152/2025
    # Art 49(1)); the multiple is the decree's, so it belongs to the rule set, not to the award.
    reward_coefficient = models.DecimalField(
        _("hệ số tiền thưởng cá nhân (× lương cơ sở)"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Để trống khi văn bản của bộ quy tắc này không quy định (hoặc chưa xác định được) mức thưởng."),
    )
    collective_reward_coefficient = models.DecimalField(
        _("hệ số tiền thưởng tập thể (× lương cơ sở)"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Để trống khi văn bản của bộ quy tắc này không quy định (hoặc chưa xác định được) mức thưởng."),
    )
    reward_basis = models.CharField(_("căn cứ mức thưởng"), max_length=300, blank=True,
                                    help_text=_("Điều, khoản quy định hệ số tiền thưởng."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quy tắc xét danh hiệu")
        verbose_name_plural = _("quy tắc xét danh hiệu")
        ordering = ["rule_set__effective_from", "award__position"]
        constraints = [
            models.UniqueConstraint(fields=["rule_set", "award"], name="title_rule_unique_per_set"),
        ]

    def __str__(self) -> str:
        return f"{self.award} — {self.rule_set}"

    def reward_coefficient_for(self, nominee_kind: str) -> Decimal | None:
        """The multiple of the mức lương cơ sở for a person (``NomineeKind.PERSON``) or a unit."""
        if nominee_kind == NomineeKind.COLLECTIVE:
            return self.collective_reward_coefficient
        return self.reward_coefficient

    @property
    def vote_rule(self) -> dict:
        """The vote rule as data, as the council session reads it (domain §4)."""
        return {
            "method": self.vote_method,
            "base": self.vote_base,
            "threshold_pct": self.vote_threshold_pct,
            "quorum_pct": self.vote_quorum_pct,
        }


class Criterion(models.TextChoices):
    """Each code is a named function of ``nominations.eligibility.criteria`` (system check E101)."""

    RATING_AT_LEAST = "rating_at_least", _("Mức hoàn thành nhiệm vụ trong năm")
    SERVICE_MONTHS = "service_months", _("Thời gian công tác tối thiểu")
    ABSENT_DAYS = "absent_days", _("Số ngày nghỉ trong năm")
    NO_DISCIPLINE = "no_discipline", _("Không bị kỷ luật")
    NO_ADMIN_SANCTION = "no_administrative_sanction", _("Không bị xử phạt hành chính")
    PLEDGE_REGISTERED = "pledge_registered", _("Có đăng ký thi đua")
    SAME_CYCLE_TITLE = "same_cycle_title", _("Đạt danh hiệu tiền đề trong cùng đợt")
    INITIATIVES = "initiatives", _("Sáng kiến được công nhận")
    TITLE_STREAK = "title_streak", _("Số năm liên tục đạt danh hiệu")
    RATING_STREAK = "rating_streak", _("Số năm liên tục đạt mức hoàn thành nhiệm vụ")
    AWARD_COUNT = "award_count", _("Đã được khen thưởng trước đó")
    MEMBER_TITLE_RATIO_ABOVE = "member_title_ratio_above", _("Tỷ lệ thành viên đạt danh hiệu (trên)")
    MEMBER_TITLE_RATIO_AT_LEAST = "member_title_ratio_at_least", _("Tỷ lệ thành viên đạt danh hiệu (từ)")
    MEMBER_RATING_RATIO = "member_rating_ratio", _("Tỷ lệ thành viên hoàn thành nhiệm vụ")
    MEMBER_TITLE_COUNT = "member_title_count", _("Số thành viên đạt danh hiệu")
    MEMBERS_NO_DISCIPLINE = "members_no_discipline", _("Không có thành viên bị kỷ luật")
    AGENCY_CAP = "agency_cap", _("Tỷ lệ tối đa trong cơ quan")
    DOCUMENT = "document", _("Giấy tờ phải có trong hồ sơ")


class TitleCriterion(models.Model):
    """One criterion of a title under a rule set, with its parameters as editable data.

    ``value``, ``years`` and ``option`` mean what the criterion's function says (e.g. for
    ``agency_cap``: value = 15 (%), option = "LDTT" the base it is counted against).
    """

    title_rule = models.ForeignKey(TitleRule, on_delete=models.CASCADE, related_name="criteria",
                                   verbose_name=_("quy tắc xét danh hiệu"))
    criterion = models.CharField(_("tiêu chí"), max_length=40, choices=Criterion.choices)
    nominee_kind = models.CharField(
        _("áp dụng cho"), max_length=12, choices=NomineeKind.choices, default=NomineeKind.BOTH,
        help_text=_("Với hình thức xét tặng cho cả cá nhân và tập thể: tiêu chí này áp dụng cho ai."),
    )
    value = models.DecimalField(_("giá trị"), max_digits=7, decimal_places=2, null=True, blank=True)
    years = models.PositiveSmallIntegerField(_("số năm xét"), null=True, blank=True)
    option = models.CharField(_("tham số"), max_length=100, blank=True)
    article = models.CharField(_("điều khoản"), max_length=300)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tiêu chí xét")
        verbose_name_plural = _("tiêu chí xét")
        ordering = ["title_rule", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["title_rule", "criterion", "option"],
                                    name="title_criterion_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.title_rule.award.code}: {self.get_criterion_display()}"

    def clean(self) -> None:
        super().clean()
        errors = validate_parameters(self)
        if errors:
            raise ValidationError(errors)


# What each code reads in the row: (value kind, option kind, years allowed).
PARAMETERS: dict[str, tuple[str | None, str | None]] = {
    Criterion.RATING_AT_LEAST: (None, "rating"),
    Criterion.SERVICE_MONTHS: ("count", None),
    Criterion.ABSENT_DAYS: ("count", None),
    Criterion.NO_DISCIPLINE: (None, "discipline"),
    Criterion.NO_ADMIN_SANCTION: (None, None),
    Criterion.PLEDGE_REGISTERED: (None, None),
    Criterion.SAME_CYCLE_TITLE: (None, "award"),
    Criterion.INITIATIVES: ("count", "scope"),
    Criterion.TITLE_STREAK: ("count", "award"),
    Criterion.RATING_STREAK: ("count", "rating"),
    Criterion.AWARD_COUNT: ("count", "award"),
    Criterion.MEMBER_TITLE_RATIO_ABOVE: ("pct", "award"),
    Criterion.MEMBER_TITLE_RATIO_AT_LEAST: ("pct", "award"),
    Criterion.MEMBER_RATING_RATIO: ("pct", "rating"),
    Criterion.MEMBER_TITLE_COUNT: ("count", "award"),
    Criterion.MEMBERS_NO_DISCIPLINE: (None, "discipline"),
    Criterion.AGENCY_CAP: ("pct", "award"),
    Criterion.DOCUMENT: (None, "text"),
}


def validate_parameters(row: TitleCriterion) -> dict[str, str]:
    """Field errors (Vietnamese) when a row's parameters do not fit its criterion."""
    errors: dict[str, str] = {}
    value_kind, option_kind = PARAMETERS.get(row.criterion, (None, None))
    if value_kind is not None:
        if row.value is None:
            errors["value"] = _("Tiêu chí này cần một giá trị.")
        elif row.value < 0 or (value_kind == "count" and row.value != int(row.value)):
            errors["value"] = _("Giá trị phải là số nguyên không âm.")
        elif value_kind == "pct" and row.value > 100:
            errors["value"] = _("Tỷ lệ phải trong khoảng 0–100 %.")
    choices = {
        "rating": DutyRating.values, "discipline": DisciplineLevel.values, "scope": InitiativeScope.values,
    }
    if option_kind in choices and row.option not in choices[option_kind]:
        errors["option"] = _("Tham số phải là một trong: %(values)s.") % {"values": ", ".join(choices[option_kind])}
    elif option_kind == "award" and not Award.objects.filter(code=row.option).exists():
        errors["option"] = _("Không có danh hiệu, hình thức mã “%(code)s”.") % {"code": row.option}
    elif option_kind == "text" and not row.option.strip():
        errors["option"] = _("Ghi rõ giấy tờ cần có.")
    return errors
