"""The annual report (báo cáo tổng kết công tác thi đua, khen thưởng; domain §7; design §3 flow 5).

Each unit head writes the unit's section; the secretariat compiles the agency's report from the
sections and from what the system knows (head count, documents, movements, registrations, awards,
sáng kiến); the chief signs the numbered Báo cáo (BC) and Sở Nội vụ acknowledges it. The prose is
stored as typed: one paragraph a line, printed literally (never as a template).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from viewflow.workflow.models import Process

from accounts.models import Agency, Unit, User
from workflow.documents.models import IssuedDocument

from .movements import Movement

# A prose field holds at most this many characters: a long section of the seed report is ~6,000.
PROSE_MAX = 20000
PROSE_VALIDATORS = [MaxLengthValidator(PROSE_MAX, message=_(
    "Nội dung quá dài: tối đa %(limit_value)s ký tự (hiện có %(show_value)s)."))]


def prose(label):
    return models.TextField(label, blank=True, validators=PROSE_VALIDATORS)


class ReportStatus(models.TextChoices):
    WRITING = "writing", _("Các đơn vị đang viết báo cáo")
    COMPILING = "compiling", _("Thường trực đang tổng hợp")
    SECTION_RETURNED = "section_returned", _("Trả lại một đơn vị để bổ sung")
    COMPILED = "compiled", _("Đã tổng hợp, chờ lãnh đạo ký")
    CHIEF_RETURNED = "chief_returned", _("Lãnh đạo trả lại để chỉnh sửa")
    SENT = "sent", _("Đã ký, gửi Sở Nội vụ")
    ACKNOWLEDGED = "acknowledged", _("Sở Nội vụ đã tiếp nhận")
    HOME_AFFAIRS_RETURNED = "ha_returned", _("Sở Nội vụ trả lại")


# The prose of the seed's outline (domain §7), in the order it is printed.
REPORT_PROSE_FIELDS = (
    "request", "situation", "favourable", "direction_a", "direction_b", "direction_c",
    "results_prime_minister", "results_ministry", "results_province", "results_socio_economic",
    "results_agency", "propaganda", "assessment", "tasks", "measures", "recipients",
)
SECTION_PROSE_FIELDS = ("results", "movements", "initiatives", "propaganda", "proposals")


class AnnualReport(models.Model):
    """The agency's report of a year to Sở Nội vụ; one per agency and year."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="annual_reports",
                               verbose_name=_("cơ quan"))
    year = models.PositiveSmallIntegerField(_("năm"))
    status = models.CharField(_("trạng thái"), max_length=20, choices=ReportStatus.choices,
                              default=ReportStatus.WRITING)
    request = prose(_("căn cứ, yêu cầu báo cáo"))
    situation = prose(_("I.1. Đặc điểm, tình hình"))
    favourable = prose(_("I.2. Thuận lợi, khó khăn"))
    direction_a = prose(_("II.1.a) Tổ chức thực hiện văn bản của Trung ương và của tỉnh"))
    direction_b = prose(_("II.1.b) Văn bản chỉ đạo, hướng dẫn đã ban hành"))
    direction_c = prose(_("II.1.c) Phát động phong trào thi đua"))
    results_prime_minister = prose(_("II.2.1. Phong trào do Thủ tướng Chính phủ phát động"))
    results_ministry = prose(_("II.2.2. Phong trào do Bộ Nội vụ phát động"))
    results_province = prose(_("II.2.3. Phong trào do tỉnh phát động"))
    results_socio_economic = prose(_("II.2.4. Thực hiện chỉ tiêu, nhiệm vụ phát triển kinh tế – xã hội"))
    results_agency = prose(_("II.2.5. Phong trào do cơ quan, đơn vị phát động"))
    propaganda = prose(_("II.3. Tuyên truyền, nhân rộng điển hình tiên tiến"))
    assessment = prose(_("III. Đánh giá chung"))
    tasks = prose(_("Phần thứ hai, I. Nhiệm vụ trọng tâm"))
    measures = prose(_("Phần thứ hai, II. Biện pháp, giải pháp"))
    recipients = prose(_("Nơi nhận (mỗi dòng một nơi; “Lưu: VT, …” được in tự động)"))
    returned_section = models.ForeignKey("ReportSection", on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="+", verbose_name=_("phần đang trả lại đơn vị"))
    reason = models.TextField(_("lý do trả lại gần nhất"), blank=True)
    document = models.ForeignKey(IssuedDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("báo cáo (văn bản)"))
    compiled_at = models.DateTimeField(_("thời điểm tổng hợp"), null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("người lập"))
    created_at = models.DateTimeField(_("thời điểm lập"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo tổng kết thi đua, khen thưởng")
        verbose_name_plural = _("báo cáo tổng kết thi đua, khen thưởng")
        ordering = ["-year", "agency__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="annual_report_once_a_year")]

    def __str__(self) -> str:
        return _("Báo cáo tổng kết năm %(year)s — %(agency)s") % {"year": self.year, "agency": self.agency}

    @property
    def is_signed(self) -> bool:
        return self.status in (ReportStatus.SENT, ReportStatus.ACKNOWLEDGED)


class ReportSection(models.Model):
    """A unit's part of the report, written by the unit head."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="sections",
                               verbose_name=_("báo cáo"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="report_sections", verbose_name=_("đơn vị"))
    results = prose(_("Kết quả thực hiện nhiệm vụ trong năm"))
    movements = prose(_("Kết quả hưởng ứng các phong trào thi đua"))
    initiatives = prose(_("Sáng kiến, giải pháp, cách làm hay"))
    propaganda = prose(_("Tuyên truyền, điển hình tiên tiến"))
    proposals = prose(_("Đề xuất, kiến nghị"))
    submitted_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    submitted_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                     verbose_name=_("người gửi"))
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    # What the unit last sent (its prose, when and by whom), written on submit and never edited: while the section
    # is back with the unit, everyone outside the unit reads this rather than its unsent edits.
    sent_copy = models.JSONField(_("bản đã gửi gần nhất"), default=dict, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phần báo cáo của đơn vị")
        verbose_name_plural = _("phần báo cáo của đơn vị")
        ordering = ["report", "unit__position", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["report", "unit"], name="report_section_once_per_unit")]

    def __str__(self) -> str:
        return f"{self.report} — {self.unit}"


class AnnualReportProcess(Process):
    """The viewflow process of an annual report (flow ``nominations.flows.report.AnnualReportFlow``)."""

    history_exempt_reason = "viewflow's process row; the report it carries keeps the history"

    report = models.ForeignKey(AnnualReport, on_delete=models.PROTECT, null=True, related_name="+",
                               verbose_name=_("báo cáo tổng kết"))

    class Meta:
        verbose_name = _("quy trình báo cáo tổng kết")

    def __str__(self) -> str:
        return str(self.report) if self.report_id else super().__str__()


class ReferenceRole(models.TextChoices):
    REQUEST = "request", _("Văn bản đề nghị báo cáo (văn bản đến)")
    IMPLEMENTED = "implemented", _("Văn bản của Trung ương, của tỉnh được tổ chức thực hiện")
    ISSUED = "issued", _("Văn bản chỉ đạo, hướng dẫn do cơ quan ban hành")
    LAUNCHED = "launched", _("Văn bản phát động, đăng ký thi đua của cơ quan")


class ReportReference(models.Model):
    """A document the year's report cites (domain §7; the seed's opening and II.1 a, b): the request it answers
    (a received document, e.g. Công văn 1273/SNV-TĐKT), a text of the centre or the province the agency
    implemented, the agency's own guidance (kế hoạch, công văn, quyết định) of the year, never the system's
    own QĐ/BB/TTr, or the agency's documents launching the year's emulation and its registration (II.1 c).
    The secretariat records them; the report's prose is prefilled from them."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="report_references",
                               verbose_name=_("cơ quan"))
    year = models.PositiveSmallIntegerField(_("năm báo cáo"))
    role = models.CharField(_("vai trò trong báo cáo"), max_length=12, choices=ReferenceRole.choices)
    kind = models.CharField(_("loại văn bản"), max_length=60, help_text=_("Ví dụ: Công văn, Kế hoạch, Quyết định."))
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    summary = models.CharField(_("trích yếu"), max_length=500, blank=True,
                               help_text=_("In sau số và ngày, ví dụ “về việc báo cáo kết quả công tác thi đua, "
                                           "khen thưởng”."))
    movement = models.ForeignKey(Movement, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("thuộc phong trào"),
                                 help_text=_("Văn bản triển khai một phong trào: in dưới phong trào đó."))
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("văn bản dẫn trong báo cáo tổng kết")
        verbose_name_plural = _("văn bản dẫn trong báo cáo tổng kết")
        ordering = ["agency", "year", "role", "position", "date", "pk"]
        constraints = [models.UniqueConstraint(fields=["agency", "year", "role", "kind", "number", "issuer"],
                                               name="report_reference_once")]

    def __str__(self) -> str:
        return self.citation

    @property
    def citation(self) -> str:
        """“Công văn số 1273/SNV-TĐKT ngày 04/06/2021 của Sở Nội vụ”; the agency's own: without “của …”."""
        text = self.kind
        if self.number:
            text += " " + _("số %(number)s") % {"number": self.number}
        if self.date:
            text += " " + _("ngày %(date)s") % {"date": self.date.strftime("%d/%m/%Y")}
        if self.issuer and self.role not in (ReferenceRole.ISSUED, ReferenceRole.LAUNCHED):
            text += " " + _("của %(issuer)s") % {"issuer": self.issuer}
        return text

    def clean(self) -> None:
        super().clean()
        if self.role == ReferenceRole.REQUEST and not (self.number and self.date and self.issuer):
            raise ValidationError(_("Văn bản đề nghị báo cáo cần đủ số, ngày và cơ quan ban hành."))
        if self.number and not self.date:
            raise ValidationError({"date": _("Văn bản có số thì cần ngày ban hành.")})
