"""What the chief's approval produces: a Quyết định per in-house title and a Tờ trình for the
higher awards (Luật Thi đua, khen thưởng 2022, Điều 80(1)); and Home Affairs' answer per line
of a Tờ trình (design §3 flow 4)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from viewflow.workflow.models import Process

from workflow.documents.models import IssuedDocument

from .catalogue import Award
from .council import Session
from .dossiers import Line


class OutcomeDocumentKind(models.TextChoices):
    DECISION = "decision", _("Quyết định khen thưởng")
    SUBMISSION = "submission", _("Tờ trình đề nghị cấp trên khen thưởng")


class OutcomeDocument(models.Model):
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="outcome_documents",
                                verbose_name=_("phiên họp"))
    kind = models.CharField(_("loại"), max_length=20, choices=OutcomeDocumentKind.choices)
    award = models.ForeignKey(Award, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("danh hiệu (quyết định)"))
    document = models.OneToOneField(IssuedDocument, on_delete=models.PROTECT, related_name="nomination_outcome",
                                    verbose_name=_("văn bản"))
    lines = models.ManyToManyField(Line, related_name="outcome_documents", verbose_name=_("các dòng"))
    registered = models.BooleanField(_("đã ghi vào sổ khen thưởng"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("văn bản kết quả xét")
        verbose_name_plural = _("văn bản kết quả xét")
        ordering = ["session", "kind", "pk"]

    def __str__(self) -> str:
        return str(self.document)


class AnswerStatus(models.TextChoices):
    PENDING = "pending", _("Chờ Sở Nội vụ")
    ACCEPTED = "accepted", _("Đã có quyết định")
    RETURNED = "returned", _("Trả lại để bổ sung")
    REJECTED = "rejected", _("Không khen thưởng")


class SubmissionAnswer(models.Model):
    """Home Affairs' answer to one line of a Tờ trình; a returned line goes back to the secretariat."""

    submission = models.ForeignKey(OutcomeDocument, on_delete=models.PROTECT, related_name="answers",
                                   verbose_name=_("tờ trình"))
    line = models.OneToOneField(Line, on_delete=models.PROTECT, related_name="home_affairs_answer",
                                verbose_name=_("dòng đề nghị"))
    status = models.CharField(_("trạng thái"), max_length=20, choices=AnswerStatus.choices,
                              default=AnswerStatus.PENDING)
    decision_number = models.CharField(_("số quyết định của tỉnh"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    rounds = models.PositiveSmallIntegerField(_("số lần trình"), default=1)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("người trả lời"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ý kiến Sở Nội vụ")
        verbose_name_plural = _("ý kiến Sở Nội vụ")
        ordering = ["submission", "line__position", "pk"]

    def __str__(self) -> str:
        return f"{self.line} — {self.get_status_display()}"


class HomeAffairsProcess(Process):
    """The viewflow process of one Tờ trình at Home Affairs (flows/home_affairs.py)."""

    submission = models.OneToOneField(OutcomeDocument, on_delete=models.PROTECT, null=True, related_name="process",
                                      verbose_name=_("tờ trình"))
    history_exempt_reason = "viewflow keeps every task of the process with its owner and times."

    class Meta:
        verbose_name = _("quy trình trình Sở Nội vụ")
        verbose_name_plural = _("quy trình trình Sở Nội vụ")

    def __str__(self) -> str:
        return str(self.submission) if self.submission_id else super().__str__()
