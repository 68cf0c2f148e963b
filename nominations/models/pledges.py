"""Pledge registration (đăng ký thi đua, domain §6; design §3 flow 1).

Each unit registers once a year: the collective title it aims for, its targets (content,
measure, planned value, within a movement) and a line per member (the title they aim for and
the sáng kiến or research they plan). The secretariat accepts or returns it; the accepted
registrations of the agency are compiled into one registration that the chief signs and sends
to Sở Nội vụ. A registration once accepted (or an agency registration once signed) never
changes: a change is a new registration that ``amends`` it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from viewflow.workflow.models import Process

from accounts.models import Agency, Unit, User
from workflow.documents.models import IssuedDocument

from .catalogue import Award
from .movements import Movement


class PledgeStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi, chờ thường trực xem xét")
    RETURNED = "returned", _("Bị trả lại để chỉnh sửa")
    ACCEPTED = "accepted", _("Đã được chấp nhận")


class PledgeRegistration(models.Model):
    """A unit's registration for one year."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="pledges", verbose_name=_("đơn vị"))
    year = models.PositiveSmallIntegerField(_("năm"))
    collective_title = models.ForeignKey(
        Award, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("danh hiệu tập thể đăng ký"),
    )
    status = models.CharField(_("trạng thái"), max_length=12, choices=PledgeStatus.choices,
                              default=PledgeStatus.DRAFT)
    amends = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="amended_by",
        verbose_name=_("bổ sung, thay thế cho"),
    )
    is_late = models.BooleanField(_("đăng ký muộn"), default=False)
    submitted_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("thời điểm chấp nhận"), null=True, blank=True)
    included_in = models.ForeignKey(
        "AgencyPledgeRegistration", on_delete=models.PROTECT, null=True, blank=True, related_name="unit_pledges",
        verbose_name=_("đã tổng hợp vào"),
    )
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("người lập"))
    created_at = models.DateTimeField(_("thời điểm lập"), auto_now_add=True)
    # What the unit last sent (collective title, targets, lines), written on submit and never edited: while the
    # registration is back with the unit, everyone outside the unit reads this rather than its unsent edits.
    sent_copy = models.JSONField(_("bản đã gửi gần nhất"), default=dict, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bản đăng ký thi đua của đơn vị")
        verbose_name_plural = _("bản đăng ký thi đua của đơn vị")
        ordering = ["-year", "unit__position", "unit__name", "pk"]
        indexes = [models.Index(fields=["unit", "year"])]

    def __str__(self) -> str:
        return _("Đăng ký thi đua năm %(year)s — %(unit)s") % {"year": self.year, "unit": self.unit}

    @property
    def is_editable(self) -> bool:
        return self.status in (PledgeStatus.DRAFT, PledgeStatus.RETURNED)

    @property
    def last_return(self) -> PledgeReview | None:
        """While the registration is back with its unit, the review that returned it (shown as a banner)."""
        if self.status != PledgeStatus.RETURNED:
            return None
        returned = [r for r in self.reviews.all() if r.decision == PledgeReview.Decision.RETURN]
        return max(returned, key=lambda r: r.round) if returned else None


class PledgeTarget(models.Model):
    """A chỉ tiêu thi đua: what the unit pledges to achieve, and in which movement."""

    registration = models.ForeignKey(PledgeRegistration, on_delete=models.CASCADE, related_name="targets",
                                     verbose_name=_("bản đăng ký"))
    content = models.CharField(_("nội dung"), max_length=500)
    measure = models.CharField(_("đơn vị tính"), max_length=100)
    planned_value = models.CharField(_("chỉ tiêu"), max_length=100)
    movement = models.ForeignKey(Movement, on_delete=models.PROTECT, null=True, blank=True, related_name="targets",
                                 verbose_name=_("thuộc phong trào"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu thi đua")
        verbose_name_plural = _("chỉ tiêu thi đua")
        ordering = ["registration", "pk"]

    def __str__(self) -> str:
        return self.content


class PledgeLine(models.Model):
    """A member's own line: the title they aim for and the sáng kiến they plan; they confirm it."""

    registration = models.ForeignKey(PledgeRegistration, on_delete=models.CASCADE, related_name="lines",
                                     verbose_name=_("bản đăng ký"))
    person = models.ForeignKey(User, on_delete=models.PROTECT, related_name="pledge_lines", verbose_name=_("cá nhân"))
    title = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="+", verbose_name=_("danh hiệu đăng ký"))
    planned_initiative = models.CharField(_("sáng kiến, đề tài dự kiến"), max_length=500, blank=True)
    confirmed_at = models.DateTimeField(_("thời điểm cá nhân xác nhận"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đăng ký của cá nhân")
        verbose_name_plural = _("đăng ký của cá nhân")
        ordering = ["registration", "person__name_sort_key", "pk"]
        constraints = [models.UniqueConstraint(fields=["registration", "person"], name="pledge_line_once_per_person")]

    def __str__(self) -> str:
        return f"{self.person} — {self.title}"


class PledgeReview(models.Model):
    """One round of the secretariat's review: accepted, or returned with the reason. Every round is kept."""

    class Decision(models.TextChoices):
        ACCEPT = "accept", _("Chấp nhận")
        RETURN = "return", _("Trả lại")

    registration = models.ForeignKey(PledgeRegistration, on_delete=models.CASCADE, related_name="reviews",
                                     verbose_name=_("bản đăng ký"))
    round = models.PositiveSmallIntegerField(_("lần"))
    decision = models.CharField(_("kết quả"), max_length=10, choices=Decision.choices)
    reason = models.TextField(_("lý do"), blank=True)
    reviewer = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("người xem xét"))
    reviewed_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lần xem xét bản đăng ký")
        verbose_name_plural = _("các lần xem xét bản đăng ký")
        ordering = ["registration", "round"]
        constraints = [models.UniqueConstraint(fields=["registration", "round"], name="pledge_review_round_once")]

    def __str__(self) -> str:
        return f"{self.registration} — {self.round}"


class AgencyPledgeStatus(models.TextChoices):
    OPEN = "open", _("Đang nhận đăng ký của các đơn vị")
    COMPILED = "compiled", _("Đã tổng hợp, chờ lãnh đạo ký")
    SENT = "sent", _("Đã ký, gửi Sở Nội vụ")
    ACKNOWLEDGED = "acknowledged", _("Sở Nội vụ đã tiếp nhận")
    RETURNED = "returned", _("Sở Nội vụ trả lại")
    CHIEF_RETURNED = "chief_return", _("Lãnh đạo trả lại để tổng hợp lại")


class AgencyPledgeRegistration(models.Model):
    """The agency's consolidated registration of a year, sent to Sở Nội vụ as a signed công văn."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="pledges", verbose_name=_("cơ quan"))
    year = models.PositiveSmallIntegerField(_("năm"))
    deadline = models.DateField(_("hạn đăng ký của các đơn vị"))
    status = models.CharField(_("trạng thái"), max_length=12, choices=AgencyPledgeStatus.choices,
                              default=AgencyPledgeStatus.OPEN)
    collective_title = models.ForeignKey(
        Award, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("danh hiệu cơ quan đăng ký"),
    )
    document = models.ForeignKey(IssuedDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("công văn đăng ký"))
    missing_units = models.TextField(_("đơn vị chưa đăng ký khi tổng hợp"), blank=True)
    compiled_at = models.DateTimeField(_("thời điểm tổng hợp"), null=True, blank=True)
    home_affairs_reason = models.TextField(_("ý kiến của Sở Nội vụ"), blank=True)
    return_reason = models.TextField(_("lý do lãnh đạo trả lại"), blank=True,
                                     help_text=_("Khi người ký trả lại để Thường trực tổng hợp lại."))
    amends = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="amended_by",
        verbose_name=_("bổ sung, thay thế cho"),
    )
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("người lập"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bản đăng ký thi đua của cơ quan")
        verbose_name_plural = _("bản đăng ký thi đua của cơ quan")
        ordering = ["-year", "agency__name", "pk"]
        indexes = [models.Index(fields=["agency", "year"])]

    def __str__(self) -> str:
        return _("Đăng ký thi đua năm %(year)s — %(agency)s") % {"year": self.year, "agency": self.agency}

    @property
    def is_signed(self) -> bool:
        return self.status in (AgencyPledgeStatus.SENT, AgencyPledgeStatus.ACKNOWLEDGED, AgencyPledgeStatus.RETURNED)


class PledgeProcess(Process):
    """The viewflow process of one unit registration (flow ``nominations.flows.pledge.PledgeFlow``)."""

    history_exempt_reason = "viewflow's process row; the registration it carries keeps the history"

    registration = models.ForeignKey(PledgeRegistration, on_delete=models.PROTECT, null=True, related_name="+",
                                     verbose_name=_("bản đăng ký của đơn vị"))

    class Meta:
        verbose_name = _("quy trình đăng ký thi đua của đơn vị")

    def __str__(self) -> str:
        return str(self.registration) if self.registration_id else super().__str__()


class AgencyPledgeProcess(Process):
    """The viewflow process of an agency registration (flow ``nominations.flows.pledge.AgencyPledgeFlow``)."""

    history_exempt_reason = "viewflow's process row; the registration it carries keeps the history"

    registration = models.ForeignKey(AgencyPledgeRegistration, on_delete=models.PROTECT, null=True, related_name="+",
                                     verbose_name=_("bản đăng ký của cơ quan"))

    class Meta:
        verbose_name = _("quy trình đăng ký thi đua của cơ quan")

    def __str__(self) -> str:
        return str(self.registration) if self.registration_id else super().__str__()
