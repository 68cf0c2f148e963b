"""Council sessions, attendance, agenda and secret ballots (design §3 flow 3; domain §4).

Secrecy (bỏ phiếu kín): ``Ballot`` records *that* a member voted (or that the secretariat
entered their written vote); the choices are on a ``BallotPaper`` that carries no member, no
time and a random key, so the tally can be recomputed from the papers while no row links a
named member to a choice. Papers keep no history (the history row would name the voter).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from viewflow.workflow.models import Process

from workflow.documents.models import IssuedDocument

from .cycles import Cycle
from .dossiers import Line
from .rules import PERCENT, VoteBase, VoteMethod
from .vote_rules import RecusalHandling, VoteComparison, threshold_text


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Đang chuẩn bị")
    VOTING = "voting", _("Đang bỏ phiếu")
    TALLIED = "tallied", _("Đã kiểm phiếu")
    FINALISED = "finalised", _("Đã hoàn thành biên bản")
    APPROVED = "approved", _("Thủ trưởng đã phê duyệt")
    CANCELLED = "cancelled", _("Đã hủy")


class Session(models.Model):
    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("đợt xét"))
    meeting_date = models.DateField(_("ngày họp"))
    venue = models.CharField(_("địa điểm"), max_length=200, blank=True)
    written_consultation = models.BooleanField(
        _("lấy ý kiến thành viên bằng văn bản"), default=False,
        help_text=_("Hội đồng không họp tập trung mà lấy ý kiến các thành viên bằng văn bản: kiểm phiếu được trước "
                    "ngày họp ghi trên phiên họp."))
    status = models.CharField(_("trạng thái"), max_length=20, choices=SessionStatus.choices,
                              default=SessionStatus.DRAFT, db_index=True)
    members_total = models.PositiveSmallIntegerField(_("tổng số thành viên có quyền biểu quyết"), default=0)
    members_present = models.PositiveSmallIntegerField(_("số thành viên có mặt"), default=0)
    quorum_met = models.BooleanField(_("đủ số thành viên dự họp"), null=True, blank=True)
    published_at = models.DateTimeField(_("thời điểm công bố danh sách"), null=True, blank=True)
    cancel_reason = models.TextField(_("lý do hủy"), blank=True)
    return_reason = models.TextField(_("lý do thủ trưởng trả lại"), blank=True,
                                     help_text=_("Khi thủ trưởng trả lại để Thường trực hoàn thành lại biên bản."))
    minutes = models.ForeignKey(IssuedDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name=_("biên bản"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("người lập"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phiên họp Hội đồng")
        verbose_name_plural = _("phiên họp Hội đồng")
        ordering = ["-meeting_date", "-pk"]

    def __str__(self) -> str:
        return f"{self.cycle.name} — {self.meeting_date:%d/%m/%Y}"


class CountingRole(models.TextChoices):
    """A member's place on the session's ban kiểm phiếu (secret ballot), chosen by the secretariat."""

    HEAD = "head", _("Trưởng ban kiểm phiếu")
    MEMBER = "member", _("Thành viên ban kiểm phiếu")


class SessionMember(models.Model):
    """A voting member of the council for this session, whether they attend, and their place on the
    ban kiểm phiếu when the session votes by secret ballot."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendees",
                                verbose_name=_("phiên họp"))
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("thành viên"))
    present = models.BooleanField(_("có mặt"), default=True)
    absence_reason = models.CharField(_("lý do vắng"), max_length=200, blank=True)
    counting_role = models.CharField(_("ban kiểm phiếu"), max_length=10, choices=CountingRole.choices, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên dự họp")
        verbose_name_plural = _("thành viên dự họp")
        ordering = ["session", "person__name_sort_key"]
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="session_member_unique")]

    def __str__(self) -> str:
        return str(self.person)


class AgendaItem(models.Model):
    """A line on the agenda and, once voting closes, its tally against the title's vote rule.

    Publishing the agenda copies the title's rule (``vote_*``: the agency council's
    ``CouncilVoteRule`` when the ballots open) and the tally applies that copy, so a rule changed
    during the vote or later changes nothing, and the minutes and the audit say what was applied.
    """

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="items", verbose_name=_("phiên họp"))
    line = models.OneToOneField(Line, on_delete=models.PROTECT, related_name="agenda_item",
                                verbose_name=_("dòng đề nghị"))
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    yes = models.PositiveSmallIntegerField(_("số phiếu đồng ý"), default=0)
    no = models.PositiveSmallIntegerField(_("số phiếu không đồng ý"), default=0)
    recused = models.PositiveSmallIntegerField(_("số thành viên không biểu quyết (liên quan)"), default=0)
    base = models.PositiveSmallIntegerField(_("số thành viên làm căn cứ tính tỷ lệ"), default=0)
    percent = models.DecimalField(_("tỷ lệ đồng ý (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("đạt"), null=True, blank=True)
    vote_method = models.CharField(_("hình thức biểu quyết đã áp dụng"), max_length=20, choices=VoteMethod.choices,
                                   blank=True)
    vote_base = models.CharField(_("tính tỷ lệ trên (đã áp dụng)"), max_length=20, choices=VoteBase.choices,
                                 blank=True)
    vote_comparison = models.CharField(_("cách so sánh (đã áp dụng)"), max_length=2, choices=VoteComparison.choices,
                                       blank=True)
    vote_threshold_pct = models.DecimalField(_("tỷ lệ phiếu đồng ý đã áp dụng (%)"), max_digits=5,
                                             decimal_places=2, null=True, blank=True, validators=PERCENT)
    vote_quorum_pct = models.DecimalField(_("tỷ lệ thành viên có mặt tối thiểu đã áp dụng (%)"), max_digits=5,
                                          decimal_places=2, null=True, blank=True, validators=PERCENT)
    vote_recusal = models.CharField(_("thành viên là người được đề nghị (đã áp dụng)"), max_length=20,
                                    choices=RecusalHandling.choices, blank=True)
    vote_rule_source = models.TextField(_("căn cứ quy tắc biểu quyết đã áp dụng"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nội dung biểu quyết")
        verbose_name_plural = _("nội dung biểu quyết")
        ordering = ["session", "position", "pk"]

    def __str__(self) -> str:
        return str(self.line)

    def copy_rule(self, rule) -> None:
        """Take the values of ``rule`` (a ``CouncilVoteRule``) as the rule of this line's vote."""
        self.vote_method, self.vote_base, self.vote_comparison = rule.method, rule.base, rule.comparison
        self.vote_threshold_pct, self.vote_quorum_pct = rule.threshold_pct, rule.quorum_pct
        self.vote_recusal, self.vote_rule_source = rule.recusal, rule.source

    @property
    def threshold_text(self) -> str:
        """The applied threshold in words ("trên 50% số thành viên Hội đồng có mặt"); empty before the tally."""
        if self.vote_threshold_pct is None:
            return ""
        return threshold_text(comparison=self.vote_comparison, threshold_pct=self.vote_threshold_pct,
                              base=self.vote_base)

    @property
    def threshold_label(self) -> str:
        """``threshold_text`` in the page's language."""
        if self.vote_threshold_pct is None:
            return ""
        return threshold_text(comparison=self.vote_comparison, threshold_pct=self.vote_threshold_pct,
                              base=self.vote_base, translate=True)


class Ballot(models.Model):
    """That a member has voted, in person or in writing (entered by the secretariat with a note)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="ballots", verbose_name=_("phiên họp"))
    member = models.OneToOneField(SessionMember, on_delete=models.PROTECT, related_name="ballot",
                                  verbose_name=_("thành viên"))
    written = models.BooleanField(_("phiếu bằng văn bản"), default=False)
    # False when the secretariat recorded that an absent member sent no paper ("Không có phiếu").
    paper = models.BooleanField(_("có phiếu"), default=True)
    note = models.TextField(_("ghi chú"), blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("người ghi nhận"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lượt bỏ phiếu")
        verbose_name_plural = _("lượt bỏ phiếu")

    def __str__(self) -> str:
        return str(self.member)


class BallotPaper(models.Model):
    """An anonymous paper: the choices of one ballot, with nothing that names the member."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="papers", verbose_name=_("phiên họp"))
    history_exempt_reason = "secret ballot (domain §4): a history row would name the member who voted."

    class Meta:
        verbose_name = _("phiếu bầu")
        verbose_name_plural = _("phiếu bầu")

    def __str__(self) -> str:
        return str(self.pk)


class BallotChoice(models.Model):
    paper = models.ForeignKey(BallotPaper, on_delete=models.CASCADE, related_name="choices", verbose_name=_("phiếu"))
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="choices",
                             verbose_name=_("nội dung"))
    approve = models.BooleanField(_("đồng ý"))
    history_exempt_reason = "secret ballot (domain §4): a history row would name the member who voted."

    class Meta:
        verbose_name = _("lựa chọn trên phiếu")
        verbose_name_plural = _("lựa chọn trên phiếu")
        constraints = [models.UniqueConstraint(fields=["paper", "item"], name="ballot_choice_once_per_item")]

    def __str__(self) -> str:
        return str(self.pk)


class CouncilProcess(Process):
    """The viewflow process of one council session (flows/council.py)."""

    session = models.OneToOneField(Session, on_delete=models.PROTECT, null=True, related_name="process",
                                   verbose_name=_("phiên họp"))
    history_exempt_reason = "viewflow keeps every task of the process with its owner and times."

    class Meta:
        verbose_name = _("quy trình họp Hội đồng")
        verbose_name_plural = _("quy trình họp Hội đồng")

    def __str__(self) -> str:
        return str(self.session) if self.session_id else super().__str__()
