"""What the fund page asks: the agency and year to show, and the year's appropriation the secretariat enters."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models.funds import NOTE_MAX


class FundYearForm(forms.Form):
    nam = forms.IntegerField(
        label=_("Năm"), min_value=2000, max_value=2100,
        error_messages={"invalid": _("Nhập năm là một số, ví dụ 2025."), "min_value": _("Năm không hợp lệ."),
                        "max_value": _("Năm không hợp lệ.")})
    co_quan = forms.ModelChoiceField(label=_("Cơ quan"), queryset=None, required=False,
                                     error_messages={"invalid_choice": _("Chọn một cơ quan trong danh sách.")})

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["co_quan"].queryset = agencies
        self.fields["nam"].initial = timezone.localdate().year
        if agencies.count() < 2:
            self.fields["co_quan"].widget = forms.HiddenInput()


class AppropriationForm(forms.Form):
    """The amount is typed as an officer writes it ("50.000.000"); the service reads and checks it."""

    so_tien = forms.CharField(label=_("Số tiền dự toán được giao (đồng)"), max_length=30,
                              error_messages={"required": _("Nhập số tiền dự toán được giao.")})
    ghi_chu = forms.CharField(label=_("Căn cứ, ghi chú"), max_length=NOTE_MAX, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}),
                              error_messages={"max_length": _("Ghi chú dài quá %(limit_value)d ký tự.")})
