"""The legal texts a document cites in its "Căn cứ" (docs/legal-basis.md §2), each with its validity range.

A Quyết định or a Tờ trình cites the texts in force on the day it is signed, never the texts of the year
it rewards: a decision for 2023 signed on 02/01/2024 cites Luật Thi đua, khen thưởng 2022 and Nghị định
98/2023 (``nominations.selectors.legal.grounds_on``). The căn cứ thẩm quyền come first: the decision on the
agency's functions, tasks and organisation (tied to the agency) and the province's regulation on
emulation and commendation (tied to the province); then the Law, the decree, the circular.

A text whose number, date or title could not be read stays in the data, not printed (``printed`` off),
so that an officer can confirm and complete it in the admin (every change is kept in history).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class LegalTextKind(models.TextChoices):
    AGENCY = "agency", _("Quyết định chức năng, nhiệm vụ của cơ quan")
    PROVINCE = "province", _("Quy định thi đua, khen thưởng của tỉnh")
    LAW = "law", _("Luật")
    DECREE = "decree", _("Nghị định")
    CIRCULAR = "circular", _("Thông tư")


# The order of the căn cứ: authority first (Nghị định 30/2020, Phụ lục I: the text giving the issuer its
# competence), then the Law, its decree, its circular.
KIND_ORDER = {LegalTextKind.AGENCY: 0, LegalTextKind.PROVINCE: 1, LegalTextKind.LAW: 2, LegalTextKind.DECREE: 3,
              LegalTextKind.CIRCULAR: 4}
# The tên loại printed before the number; a Law's title already names it.
TYPE_WORDS = {LegalTextKind.AGENCY: "Quyết định", LegalTextKind.PROVINCE: "Quyết định",
              LegalTextKind.DECREE: "Nghị định", LegalTextKind.CIRCULAR: "Thông tư"}


def vn_long_date(day) -> str:
    """"ngày 15 tháng 6 năm 2022": the day zero-padded, the month as written in the texts' own căn cứ
    (months 1 and 2 padded, "tháng 01", "tháng 02", as Nghị định 30/2020 writes them)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


class LegalText(models.Model):
    kind = models.CharField(_("loại văn bản"), max_length=10, choices=LegalTextKind.choices)
    number = models.CharField(_("số, ký hiệu"), max_length=50, blank=True,
                              help_text=_("Ví dụ: “98/2023/NĐ-CP”. Để trống nếu chưa xác minh được."))
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan, người ban hành"), max_length=200, blank=True,
                              help_text=_("In sau “của”, ví dụ: “Chính phủ”, “Bộ trưởng Bộ Nội vụ”, “UBND tỉnh "
                                          "Quảng Ngãi”. Không in với Luật."))
    title = models.CharField(_("trích yếu"), max_length=500,
                             help_text=_("Đúng như tên của văn bản, ví dụ: “Quy định chi tiết thi hành một số điều "
                                         "của Luật Thi đua, khen thưởng”; với Luật: “Luật Thi đua, khen thưởng”."))
    in_force_from = models.DateField(_("có hiệu lực từ ngày"), null=True, blank=True)
    in_force_to = models.DateField(_("hết hiệu lực sau ngày"), null=True, blank=True,
                                   help_text=_("Ngày cuối cùng văn bản còn hiệu lực; để trống nếu còn hiệu lực."))
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+", verbose_name=_("cơ quan áp dụng"),
                               help_text=_("Chỉ với quyết định chức năng, nhiệm vụ: cơ quan mà văn bản quy định."))
    province = models.ForeignKey("accounts.Province", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("tỉnh áp dụng"),
                                 help_text=_("Chỉ với quy định thi đua, khen thưởng của tỉnh."))
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    printed = models.BooleanField(_("in trong phần căn cứ"), default=True,
                                  help_text=_("Bỏ chọn khi số, ngày hoặc trích yếu chưa xác minh được."))
    note = models.TextField(_("nguồn, ghi chú"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("văn bản căn cứ")
        verbose_name_plural = _("văn bản căn cứ")
        ordering = ["in_force_from", "position", "pk"]

    def __str__(self) -> str:
        return self.citation() if self.issued_on else self.title

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.in_force_from and self.in_force_to and self.in_force_to < self.in_force_from:
            errors["in_force_to"] = _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")
        if self.printed:
            if not self.issued_on:
                errors["issued_on"] = _("Văn bản in trong phần căn cứ phải có ngày ban hành.")
            if not self.in_force_from:
                errors["in_force_from"] = _("Văn bản in trong phần căn cứ phải có ngày có hiệu lực.")
            if self.kind != LegalTextKind.LAW and not (self.number and self.issuer):
                errors["number"] = _("Văn bản in trong phần căn cứ phải có số, ký hiệu và cơ quan ban hành.")
        if self.kind == LegalTextKind.AGENCY and not self.agency_id:
            errors["agency"] = _("Quyết định chức năng, nhiệm vụ phải gắn với một cơ quan.")
        if self.kind == LegalTextKind.PROVINCE and not self.province_id:
            errors["province"] = _("Quy định thi đua, khen thưởng của tỉnh phải gắn với một tỉnh.")
        if errors:
            raise ValidationError(errors)

    def citation(self) -> str:
        """"Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết …";
        a Law: "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022" (its title, then its date)."""
        date = vn_long_date(self.issued_on) if self.issued_on else ""
        if self.kind == LegalTextKind.LAW:
            return " ".join(part for part in (self.title.strip(), date) if part)
        title = self.title.strip()
        title = title[:1].lower() + title[1:]
        number = f"số {self.number.strip()}" if self.number.strip() else ""
        issuer = f"của {self.issuer.strip()}" if self.issuer.strip() else ""
        return " ".join(part for part in (TYPE_WORDS[self.kind], number, date, issuer, title) if part)
