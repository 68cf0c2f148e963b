"""Sáng kiến recognition (issue 21; docs/legal-basis.md §16): the author's đơn yêu cầu công nhận sáng kiến, the
agency's Hội đồng sáng kiến and its members' votes, and the chief's decision. A recognised application ends as an
``Initiative`` row of the registry (``services.registries.initiative_write``), which the CSTĐCS criterion reads.

The đơn's contents follow Thông tư 18/2013/TT-BKHCN, Điều 5 and Phụ lục I (authors with each one's share, the
title, the field of application, the date first applied, the description, the benefits); the council decides with
at least 2/3 of its members agreeing (Thông tư 18/2013/TT-BKHCN, Điều 8 khoản 1); the head of the agency recognises.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, ProhibitNullCharactersValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Agency
from workflow.documents.models import IssuedDocument

from .registries import YEAR, Initiative, InitiativeScope

TEXT_MAX = 5000
NO_NUL = [ProhibitNullCharactersValidator()]


class InitiativeStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi, chờ Hội đồng sáng kiến")
    EVALUATING = "evaluating", _("Hội đồng sáng kiến đang xét")
    RECOGNISED = "recognised", _("Đã được công nhận")
    REJECTED = "rejected", _("Không được công nhận")


class InitiativeCouncilPosition(models.TextChoices):
    """Thông tư 18/2013/TT-BKHCN, Điều 8 khoản 1: chủ tịch, phó chủ tịch, ủy viên thư ký, the experts and others."""

    CHAIR = "chair", _("Chủ tịch Hội đồng")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch Hội đồng")
    SECRETARY = "secretary", _("Ủy viên thư ký")
    MEMBER = "member", _("Ủy viên")


class InitiativeApplication(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="initiative_applications",
                               verbose_name=_("cơ sở xét công nhận"))
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR)
    title = models.CharField(_("tên sáng kiến"), max_length=500, validators=NO_NUL)
    field = models.CharField(_("lĩnh vực áp dụng"), max_length=500, validators=NO_NUL)
    description = models.TextField(_("mô tả bản chất của sáng kiến"), max_length=TEXT_MAX, validators=NO_NUL)
    benefits = models.TextField(_("lợi ích thu được do áp dụng sáng kiến"), max_length=TEXT_MAX, validators=NO_NUL)
    scope = models.CharField(_("phạm vi ảnh hưởng đề nghị"), max_length=10, choices=InitiativeScope.choices,
                             default=InitiativeScope.BASE)
    first_applied_on = models.DateField(_("ngày áp dụng lần đầu hoặc áp dụng thử"))
    status = models.CharField(_("trạng thái"), max_length=12, choices=InitiativeStatus.choices,
                              default=InitiativeStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("người lập đơn"))
    submitted_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("người quyết định"))
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=50, blank=True)
    reject_reason = models.TextField(_("lý do không công nhận"), blank=True, max_length=TEXT_MAX, validators=NO_NUL)
    initiative = models.OneToOneField(Initiative, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="application", verbose_name=_("sáng kiến được công nhận"))
    # The chief's Quyết định công nhận sáng kiến (signed on recognition; its number and PDF come when it is issued).
    document = models.OneToOneField(IssuedDocument, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="initiative_application",
                                    verbose_name=_("quyết định công nhận sáng kiến"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đơn yêu cầu công nhận sáng kiến")
        verbose_name_plural = _("đơn yêu cầu công nhận sáng kiến")
        ordering = ["-year", "-pk"]

    def __str__(self) -> str:
        return self.title


class InitiativeAuthor(models.Model):
    """An author or co-author with the share (%) of their contribution (Thông tư 18/2013/TT-BKHCN, Phụ lục I)."""

    application = models.ForeignKey(InitiativeApplication, on_delete=models.CASCADE, related_name="authors",
                                    verbose_name=_("đơn"))
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("tác giả"))
    share = models.PositiveSmallIntegerField(_("tỷ lệ đóng góp (%)"),
                                             validators=[MinValueValidator(1), MaxValueValidator(100)])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tác giả sáng kiến")
        verbose_name_plural = _("tác giả sáng kiến")
        ordering = ["application", "-share", "pk"]
        constraints = [models.UniqueConstraint(fields=["application", "person"],
                                               name="initiative_author_once_per_application")]

    def __str__(self) -> str:
        return f"{self.person} ({self.share}%)"


class InitiativeCouncilMember(models.Model):
    """A member of the agency's Hội đồng sáng kiến, set up by its head (Thông tư 18/2013/TT-BKHCN, Điều 8)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="initiative_council",
                               verbose_name=_("cơ quan"))
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("thành viên"))
    position = models.CharField(_("chức danh trong Hội đồng sáng kiến"), max_length=12,
                                choices=InitiativeCouncilPosition.choices, default=InitiativeCouncilPosition.MEMBER)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên Hội đồng sáng kiến")
        verbose_name_plural = _("thành viên Hội đồng sáng kiến")
        ordering = ["agency", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["agency", "person"],
                                               name="initiative_council_member_once")]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_position_display()}"


class InitiativeVote(models.Model):
    """One member's vote on an application: agree or not, with a remark."""

    application = models.ForeignKey(InitiativeApplication, on_delete=models.CASCADE, related_name="votes",
                                    verbose_name=_("đơn"))
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("thành viên Hội đồng"))
    agrees = models.BooleanField(_("đồng ý công nhận"))
    remark = models.TextField(_("nhận xét"), blank=True, max_length=TEXT_MAX, validators=NO_NUL)
    voted_at = models.DateTimeField(_("thời điểm biểu quyết"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("biểu quyết của thành viên Hội đồng sáng kiến")
        verbose_name_plural = _("biểu quyết của thành viên Hội đồng sáng kiến")
        ordering = ["application", "pk"]
        constraints = [models.UniqueConstraint(fields=["application", "member"],
                                               name="initiative_vote_once_per_member")]

    def __str__(self) -> str:
        return f"{self.member}: {self.agrees}"
