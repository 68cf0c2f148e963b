"""What the statistics page asks: the report year, the agency (when the person works over several), and the
form and format to download."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..statistics.definitions import FIRST_YEAR

FORMATS = (("xlsx", "Excel"), ("pdf", "PDF"))


class StatisticsForm(forms.Form):
    nam = forms.IntegerField(
        label=_("Năm báo cáo"), min_value=FIRST_YEAR, max_value=2100,
        error_messages={"invalid": _("Nhập năm báo cáo là một số, ví dụ 2025."),
                        "min_value": _("Chưa có biểu thống kê cho năm trước %(limit_value)s."),
                        "max_value": _("Năm báo cáo không hợp lệ.")},
    )
    co_quan = forms.ModelChoiceField(label=_("Cơ quan"), queryset=None, required=False,
                                     error_messages={"invalid_choice": _("Chọn một cơ quan trong danh sách.")})
    bieu = forms.CharField(required=False, max_length=4, widget=forms.HiddenInput)
    tai = forms.ChoiceField(required=False, choices=(("", ""), *FORMATS), widget=forms.HiddenInput)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["co_quan"].queryset = agencies
        self.fields["nam"].initial = timezone.localdate().year
        if agencies.count() < 2:
            self.fields["co_quan"].widget = forms.HiddenInput()
