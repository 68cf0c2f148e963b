"""The agency council's vote rule per title (domain §4; docs/legal-basis.md §4).

``TitleRule``'s vote fields are the rule set's — what a text sets for the ministry/provincial
council (NĐ 91/2017 Điều 45 khoản 8; NĐ 152/2025 Điều 33 khoản 5). The agency's own Hội đồng
Thi đua – Khen thưởng votes by its Quy chế (NĐ 152/2025 Điều 6 khoản 2 điểm e), so its rule is
a row here: the agency's own, or the default row (``agency`` empty) for agencies that entered
none. Every row says where it comes from (``source``), and a default that no text sets says so.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Agency

from .catalogue import Award
from .rules import PERCENT, VoteBase, VoteMethod


class VoteComparison(models.TextChoices):
    """"trên 50%" is strictly more than half (6 of 12 fails); "từ 50% trở lên" is at least (6 of 12 passes)."""

    ABOVE = "gt", _("Trên")
    AT_LEAST = "ge", _("Từ … trở lên")


class RecusalHandling(models.TextChoices):
    """A member who is the nominee does not vote on their own line (domain §4); the Quy chế says
    whether they still count in the base (as a vote that is not "đồng ý") or are taken out of it."""

    EXCLUDED = "excluded", _("Không tính vào số làm căn cứ")
    COUNTED_NOT_YES = "counted_not_yes", _("Vẫn tính vào số làm căn cứ, coi như không đồng ý")


BASE_WORDS = {
    VoteBase.ALL_MEMBERS: gettext_noop("tổng số thành viên Hội đồng"),
    VoteBase.PRESENT: gettext_noop("số thành viên Hội đồng có mặt"),
    VoteBase.VALID_BALLOTS: gettext_noop("số phiếu hợp lệ"),
}
ABOVE_WORDS = gettext_noop("trên %(pct)s%% %(of)s")
AT_LEAST_WORDS = gettext_noop("từ %(pct)s%% trở lên %(of)s")


def percent_text(value: Decimal) -> str:
    """66.67 → "66,67", 50.00 → "50" (Vietnamese decimal comma)."""
    return f"{Decimal(value).normalize():f}".replace(".", ",")


def threshold_text(*, comparison: str, threshold_pct: Decimal, base: str, translate: bool = False) -> str:
    """The threshold as the minutes and a Quy chế write it: "trên 50% số thành viên Hội đồng có mặt"
    or "từ 70% trở lên tổng số thành viên Hội đồng"; in the page's language with ``translate``
    (documents are always Vietnamese)."""
    words = gettext if translate else str
    pct = percent_text(threshold_pct)
    of = words(BASE_WORDS.get(base, base))
    pattern = ABOVE_WORDS if comparison == VoteComparison.ABOVE else AT_LEAST_WORDS
    return words(pattern) % {"pct": pct, "of": of}


class CouncilVoteRule(models.Model):
    """How the agency's council votes on one title: method, base, comparison, threshold, quorum,
    recusal, and the citation of the rule (the agency's Quy chế, or the default's source)."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, null=True, blank=True, related_name="council_vote_rules",
        verbose_name=_("cơ quan"),
        help_text=_("Để trống: quy tắc mặc định cho các cơ quan chưa nhập quy chế của mình."),
    )
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="council_vote_rules",
                              verbose_name=_("danh hiệu, hình thức"))
    method = models.CharField(_("hình thức biểu quyết"), max_length=20, choices=VoteMethod.choices)
    base = models.CharField(_("tính tỷ lệ trên"), max_length=20, choices=VoteBase.choices)
    comparison = models.CharField(_("cách so sánh với tỷ lệ"), max_length=2, choices=VoteComparison.choices)
    threshold_pct = models.DecimalField(_("tỷ lệ phiếu đồng ý (%)"), max_digits=5, decimal_places=2,
                                        validators=PERCENT)
    quorum_pct = models.DecimalField(_("tỷ lệ thành viên có mặt tối thiểu (%)"), max_digits=5, decimal_places=2,
                                     validators=PERCENT)
    recusal = models.CharField(_("thành viên là người được đề nghị"), max_length=20,
                               choices=RecusalHandling.choices, default=RecusalHandling.EXCLUDED)
    source = models.TextField(
        _("căn cứ"),
        help_text=_("Số, điều của Quy chế hoạt động của Hội đồng; với quy tắc mặc định: văn bản làm căn cứ, "
                    "hoặc ghi rõ “chưa xác định được căn cứ”."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quy tắc biểu quyết của Hội đồng cơ quan")
        verbose_name_plural = _("quy tắc biểu quyết của Hội đồng cơ quan")
        ordering = ["agency__name", "award__position"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "award"], condition=Q(agency__isnull=False),
                                    name="council_vote_rule_unique_per_agency"),
            models.UniqueConstraint(fields=["award"], condition=Q(agency__isnull=True),
                                    name="council_vote_rule_one_default"),
        ]

    def __str__(self) -> str:
        return f"{self.award} — {self.agency or gettext('mặc định')}"

    @property
    def threshold_text(self) -> str:
        return threshold_text(comparison=self.comparison, threshold_pct=self.threshold_pct, base=self.base)

    @property
    def threshold_label(self) -> str:
        """``threshold_text`` in the page's language."""
        return threshold_text(comparison=self.comparison, threshold_pct=self.threshold_pct, base=self.base,
                              translate=True)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if not (self.source or "").strip():
            errors["source"] = _("Ghi rõ căn cứ của quy tắc (số, điều của Quy chế) hoặc “chưa xác định được căn cứ”.")
        if self.threshold_pct is not None:
            if self.comparison == VoteComparison.ABOVE and self.threshold_pct >= 100:
                errors["threshold_pct"] = _("“Trên 100%” không thể đạt: chọn “từ 100% trở lên” hoặc tỷ lệ nhỏ hơn.")
            elif self.comparison == VoteComparison.AT_LEAST and self.threshold_pct <= 0:
                errors["threshold_pct"] = _("Tỷ lệ “từ 0% trở lên” luôn đạt: nhập tỷ lệ lớn hơn 0.")
        if self.quorum_pct is not None and self.quorum_pct <= 0:
            errors["quorum_pct"] = _("Tỷ lệ thành viên có mặt tối thiểu phải lớn hơn 0.")
        if self.base == VoteBase.VALID_BALLOTS and self.method == VoteMethod.SHOW_OF_HANDS:
            errors["base"] = _("Biểu quyết giơ tay không có phiếu: chọn tính trên tổng số thành viên hoặc số "
                               "thành viên có mặt.")
        duplicate = CouncilVoteRule.objects.exclude(pk=self.pk).filter(award_id=self.award_id,
                                                                       agency_id=self.agency_id)
        if self.award_id and duplicate.exists():
            errors["award"] = (_("Cơ quan này đã có quy tắc biểu quyết cho danh hiệu, hình thức này.") if self.agency_id
                               else _("Đã có quy tắc mặc định cho danh hiệu, hình thức này."))
        if errors:
            raise ValidationError(errors)
