"""Công khai (domain §4): before the council meets, the list of proposed lines is posted to every staff
member of the agency between the cycle's ``posting_from`` and ``posting_to``; a staff member may leave an
opinion, on one line or on the list as a whole. Named, read by the secretariat, the chief, the deputies and
the auditor (never by other staff); the minutes count them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .cycles import Cycle
from .dossiers import Line

OPINION_MAX = 2000


class PostingOpinion(models.Model):
    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="posting_opinions",
                              verbose_name=_("đợt xét"))
    line = models.ForeignKey(Line, on_delete=models.PROTECT, null=True, blank=True, related_name="posting_opinions",
                             verbose_name=_("dòng đề nghị"),
                             help_text=_("Để trống: ý kiến về cả danh sách."))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("người góp ý"))
    text = models.TextField(_("ý kiến"), max_length=OPINION_MAX,
                            validators=[MaxLengthValidator(OPINION_MAX), ProhibitNullCharactersValidator()])
    created_at = models.DateTimeField(_("thời điểm góp ý"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ý kiến về danh sách công khai")
        verbose_name_plural = _("ý kiến về danh sách công khai")
        ordering = ["cycle", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.cycle} — {self.author}"

    def clean(self) -> None:
        super().clean()
        if self.line_id and self.cycle_id and self.line.cycle_id != self.cycle_id:
            raise ValidationError({"line": _("Dòng đề nghị không thuộc đợt xét này.")})
