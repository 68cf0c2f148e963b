"""Reward money: the mức lương cơ sở by effective date, and the agency's quỹ thi đua, khen thưởng as a ledger.

The reward of an award is a multiple of the mức lương cơ sở in force on the day the decision is issued
(Nghị định 152/2025/NĐ-CP, Điều 49 khoản 1; ``nominations.rewards``). Each decree that sets the mức lương
cơ sở is one ``BaseSalary`` row with its citation (docs/legal-basis.md §13); an administrator records the next.

The fund is an append-only ledger per agency and year (Nghị định 152/2025/NĐ-CP, Điều 46 khoản 3 điểm a:
the fund of a provincial department is appropriated from the yearly budget; Điều 47 khoản 2: whoever decides
the award pays it from the fund): the secretariat enters the year's appropriation; a payout is posted for
each award when its decision is issued; a reversal when the award is annulled (Luật Thi đua, khen thưởng 2022,
Điều 93 khoản 2: the money is recovered). An entry is never changed: a mistake is corrected by a new entry.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Agency

from .registries import PastAward
from .submissions import OutcomeDocument

AMOUNT_MAX = 10**12
NOTE_MAX = 500  # a thousand billion đồng: far above any agency's fund; stops a typing slip


class BaseSalary(models.Model):
    """One mức lương cơ sở and the day it takes effect; the row in force on a day is the latest that began by it."""

    amount = models.PositiveIntegerField(_("mức lương cơ sở (đồng/tháng)"),
                                         validators=[MinValueValidator(1), MaxValueValidator(10**9)])
    effective_from = models.DateField(_("áp dụng từ ngày"), unique=True)
    legal_basis = models.CharField(_("văn bản quy định"), max_length=300,
                                   help_text=_("Số, ký hiệu và điều, khoản của văn bản quy định mức lương cơ sở."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = _("mức lương cơ sở")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.amount:,} đ ({self.effective_from:%d/%m/%Y})".replace(",", ".")


class FundEntryKind(models.TextChoices):
    APPROPRIATION = "appropriation", _("Dự toán được giao")
    PAYOUT = "payout", _("Chi tiền thưởng")
    REVERSAL = "reversal", _("Thu hồi tiền thưởng")


# What each kind does to the balance.
SIGN = {FundEntryKind.APPROPRIATION: 1, FundEntryKind.PAYOUT: -1, FundEntryKind.REVERSAL: 1}


class FundEntry(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="fund_entries",
                               verbose_name=_("cơ quan"))
    year = models.PositiveSmallIntegerField(_("năm"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    kind = models.CharField(_("loại"), max_length=20, choices=FundEntryKind.choices)
    amount = models.DecimalField(_("số tiền (đồng)"), max_digits=15, decimal_places=0,
                                 validators=[MinValueValidator(1), MaxValueValidator(AMOUNT_MAX)])
    past_award = models.ForeignKey(PastAward, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="fund_entries", verbose_name=_("khen thưởng"))
    decision = models.ForeignKey(OutcomeDocument, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="fund_entries", verbose_name=_("quyết định"))
    # A payout and its reversal share a round; an award paid again after a reversal (its higher title of the
    # same period annulled, services.funds) is paid in the next round.
    round = models.PositiveSmallIntegerField(_("lần chi"), default=1, validators=[MinValueValidator(1)])
    coefficient = models.DecimalField(_("hệ số"), max_digits=5, decimal_places=2, null=True, blank=True)
    base_salary = models.PositiveIntegerField(_("mức lương cơ sở áp dụng"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=NOTE_MAX, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("người ghi"))
    created_at = models.DateTimeField(_("thời điểm ghi"), auto_now_add=True)
    history_exempt_reason = "Sổ quỹ chỉ ghi thêm: không dòng nào bị sửa; chính sổ là lịch sử (kèm nhật ký kiểm tra)."

    class Meta:
        verbose_name = _("bút toán quỹ thi đua, khen thưởng")
        verbose_name_plural = _("sổ quỹ thi đua, khen thưởng")
        ordering = ["agency", "year", "created_at", "pk"]
        indexes = [models.Index(fields=["agency", "year"], name="fund_entry_agency_year")]
        constraints = [
            models.UniqueConstraint(fields=["past_award", "round"], condition=Q(kind="payout"),
                                    name="fund_entry_one_payout_per_award_round"),
            models.UniqueConstraint(fields=["past_award", "round"], condition=Q(kind="reversal"),
                                    name="fund_entry_one_reversal_per_award_round"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="fund_entry_amount_positive"),
            models.CheckConstraint(condition=Q(kind="appropriation") | Q(past_award__isnull=False),
                                   name="fund_entry_award_of_payout"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} — {self.agency.code} {self.year}"

    @property
    def amount_text(self) -> str:
        """"-710.000" for a payout, "+10.000.000" otherwise (the ledger page)."""
        return ("-" if self.kind == FundEntryKind.PAYOUT else "+") + f"{int(self.amount):,}".replace(",", ".")

    @property
    def signed_amount(self):
        return SIGN[self.kind] * self.amount

    def clean(self) -> None:
        super().clean()
        if self.kind != FundEntryKind.APPROPRIATION and self.past_award_id is None:
            raise ValidationError(_("Khoản chi, thu hồi tiền thưởng phải gắn với một khen thưởng."))
