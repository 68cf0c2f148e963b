"""Forms of the annual report: the unit's section, the secretariat's compilation, the decisions.

Prose is plain text, one paragraph a line; what is typed is printed as typed (never rendered as a
template), and a field longer than ``PROSE_MAX`` is refused with the limit.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from workflow.dates import DateField

from ..models import REPORT_PROSE_FIELDS, SECTION_PROSE_FIELDS, AnnualReport, Movement, ReportReference, ReportSection
from ..models.reports import PROSE_MAX


def _prose_field(label, rows: int = 5) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=PROSE_MAX,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": _("Nội dung quá dài: tối đa %(limit_value)s ký tự (hiện có %(show_value)s).")},
    )


class SectionForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in SECTION_PROSE_FIELDS:
            self.fields[name] = _prose_field(ReportSection._meta.get_field(name).verbose_name)


class CompileForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in REPORT_PROSE_FIELDS:
            self.fields[name] = _prose_field(AnnualReport._meta.get_field(name).verbose_name, rows=6)


class ReturnSectionForm(forms.Form):
    section = forms.ModelChoiceField(label=_("Phần báo cáo trả lại"), queryset=ReportSection.objects.none())
    reason = forms.CharField(label=_("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, report: AnnualReport, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = report.sections.select_related("unit")
        self.fields["section"].label_from_instance = lambda section: section.unit.name


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Quyết định"), choices=[("accept", _("Duyệt và ký")),
                                                                ("return", _("Trả lại"))])
    reason = forms.CharField(label=_("Lý do (bắt buộc khi trả lại)"), widget=forms.Textarea(attrs={"rows": 3}),
                             required=False, max_length=2000)


class OpenReportForm(forms.Form):
    year = forms.IntegerField(label=_("Năm báo cáo"), min_value=2000, max_value=2100)


class ReferenceForm(forms.ModelForm):
    """A document the report cites, as the secretariat records it."""

    class Meta:
        model = ReportReference
        fields = ["role", "kind", "number", "date", "issuer", "summary", "movement", "position"]
        field_classes = {"date": DateField}

    def __init__(self, *args, report: AnnualReport, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agency, self.instance.year = report.agency, report.year
        self.fields["movement"].queryset = Movement.objects.filter(is_active=True).running_in(report.year).filter(
            Q(agency__isnull=True, province__isnull=True) | Q(province_id=report.agency.province_id)
            | Q(agency=report.agency))
