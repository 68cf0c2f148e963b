"""The emulation bloc's year (khối thi đua, domain §6; issue 21): the giao ước at the start of the year, each
member's self-assessment at its end, the leader's ranking, the bloc's vote and its Tờ trình to Sở Nội vụ.

The bloc and its members of a year are ``movements.EmulationBloc`` and ``movements.BlocMembership``. Targets
mirror a unit's ``pledges.PledgeTarget`` (content, measure, planned value) and add the score the covenant sets
for each and the score the member gives itself at year end. Rules of the bloc that no text read fixes (how many
Cờ and Bằng khen it proposes, the share of members' votes that carries a proposal) are data on the bloc
(docs/legal-basis.md §18).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import User
from workflow.documents.models import IssuedDocument

from .movements import BlocMembership, EmulationBloc


class BlocYearStatus(models.TextChoices):
    DRAFTING = "drafting", _("Đang xây dựng giao ước")
    SIGNED = "signed", _("Đã ký giao ước")
    COMPILED = "compiled", _("Đã tổng hợp, xếp hạng kết quả chấm điểm")
    VOTED = "voted", _("Khối đã họp, bình xét suy tôn")
    SUBMITTED = "submitted", _("Đã trình Sở Nội vụ")


class BlocYear(models.Model):
    """A bloc's year: its covenant document, the compiled ranking, the meeting and the Tờ trình."""

    bloc = models.ForeignKey(EmulationBloc, on_delete=models.PROTECT, related_name="years",
                             verbose_name=_("khối thi đua"))
    year = models.PositiveSmallIntegerField(_("năm"))
    status = models.CharField(_("trạng thái"), max_length=12, choices=BlocYearStatus.choices,
                              default=BlocYearStatus.DRAFTING)
    covenant_document = models.ForeignKey(IssuedDocument, on_delete=models.PROTECT, null=True, blank=True,
                                          related_name="+", verbose_name=_("bản giao ước thi đua"))
    compiled_at = models.DateTimeField(_("thời điểm tổng hợp"), null=True, blank=True)
    meeting_on = models.DateField(_("ngày họp bình xét"), null=True, blank=True)
    submission_document = models.ForeignKey(IssuedDocument, on_delete=models.PROTECT, null=True, blank=True,
                                            related_name="+", verbose_name=_("tờ trình của khối"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("năm thi đua của khối")
        verbose_name_plural = _("năm thi đua của khối")
        ordering = ["bloc", "-year"]
        constraints = [models.UniqueConstraint(fields=["bloc", "year"], name="bloc_year_once")]

    def __str__(self) -> str:
        return f"{self.bloc} {self.year}"


class BlocTarget(models.Model):
    """A chỉ tiêu of a member's giao ước: the leader's secretariat drafts it, the member confirms it and scores
    itself against it at year end."""

    membership = models.ForeignKey(BlocMembership, on_delete=models.CASCADE, related_name="targets",
                                   verbose_name=_("thành viên khối"))
    content = models.CharField(_("nội dung"), max_length=500)
    measure = models.CharField(_("đơn vị tính"), max_length=100)
    planned_value = models.CharField(_("chỉ tiêu"), max_length=100)
    max_score = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2,
                                    validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(1000))])
    achieved = models.CharField(_("kết quả đạt được"), max_length=300, blank=True)
    self_score = models.DecimalField(_("điểm tự chấm"), max_digits=6, decimal_places=2, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu giao ước của khối")
        verbose_name_plural = _("chỉ tiêu giao ước của khối")
        ordering = ["membership", "pk"]

    def __str__(self) -> str:
        return self.content


class BlocVote(models.Model):
    """One member agency's vote, at the bloc's meeting, on one proposal (suy tôn) of another member."""

    voter = models.ForeignKey(BlocMembership, on_delete=models.CASCADE, related_name="votes_cast",
                              verbose_name=_("cơ quan bỏ phiếu"))
    candidate = models.ForeignKey(BlocMembership, on_delete=models.CASCADE, related_name="votes_received",
                                  verbose_name=_("cơ quan được suy tôn"))
    agree = models.BooleanField(_("đồng ý"))
    cast_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("người bỏ phiếu"))
    cast_at = models.DateTimeField(_("thời điểm"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phiếu bình xét của khối")
        verbose_name_plural = _("phiếu bình xét của khối")
        ordering = ["candidate", "voter"]
        constraints = [models.UniqueConstraint(fields=["voter", "candidate"], name="bloc_vote_once")]

    def __str__(self) -> str:
        return f"{self.voter} → {self.candidate}"
