"""What the award history search (Tra cứu khen thưởng) asks. A plain form rather than a django-filter FilterSet:
its fields narrow the scope together (an agency and a unit, a name and a birth year ask about people first), which
``selectors.records.search_registry`` does in one place."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import vietnamese
from workflow.forms_rendering import LongSelect

from ..models import Award
from ..selectors.records import RecordQuery

YEAR_ERRORS = {"invalid": _("Nhập năm là một số, ví dụ 2024."), "min_value": _("Năm không hợp lệ."),
               "max_value": _("Năm không hợp lệ.")}


class RecordSearchForm(forms.Form):
    ten = forms.CharField(label=_("Họ và tên (gõ có dấu hoặc không dấu)"), required=False, max_length=150)
    nam_sinh = forms.IntegerField(label=_("Năm sinh"), required=False, min_value=1900, max_value=2100,
                                  error_messages=YEAR_ERRORS)
    co_quan = forms.ModelChoiceField(label=_("Cơ quan"), queryset=None, required=False,
                                     error_messages={"invalid_choice": _("Chọn một cơ quan trong danh sách.")})
    don_vi = forms.ModelChoiceField(label=_("Đơn vị"), queryset=None, required=False, widget=LongSelect,
                                    error_messages={"invalid_choice": _("Chọn một đơn vị trong danh sách.")})
    danh_hieu = forms.ModelChoiceField(label=_("Danh hiệu, hình thức"), queryset=Award.objects.order_by("position"),
                                       required=False,
                                       error_messages={"invalid_choice": _("Chọn một danh hiệu trong danh sách.")})
    tu_nam = forms.IntegerField(label=_("Từ năm"), required=False, min_value=1945, max_value=2100,
                                error_messages=YEAR_ERRORS)
    den_nam = forms.IntegerField(label=_("Đến năm"), required=False, min_value=1945, max_value=2100,
                                 error_messages=YEAR_ERRORS)
    so_quyet_dinh = forms.CharField(label=_("Số quyết định"), required=False, max_length=50,
                                    help_text=_("Phần đầu của số, ví dụ 123/QĐ"))

    def __init__(self, *args, agencies, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["co_quan"].queryset = agencies
        self.fields["don_vi"].queryset = units
        self.fields["don_vi"].label_from_instance = lambda unit: f"{unit.name} ({unit.agency.code})"

    def clean_ten(self) -> str:
        return vietnamese.normalize(self.cleaned_data["ten"])

    def clean_so_quyet_dinh(self) -> str:
        return vietnamese.normalize(self.cleaned_data["so_quyet_dinh"])

    def clean_nam_sinh(self):
        year = self.cleaned_data["nam_sinh"]
        if year and year > timezone.localdate().year:
            raise forms.ValidationError(_("Năm sinh không thể sau năm nay."))
        return year

    def clean(self):
        data = super().clean()
        start, end = data.get("tu_nam"), data.get("den_nam")
        if start and end and start > end:
            self.add_error("den_nam", _("“Đến năm” phải từ “Từ năm” trở về sau."))
        agency, unit = data.get("co_quan"), data.get("don_vi")
        if agency and unit and unit.agency_id != agency.pk:
            self.add_error("don_vi", _("Đơn vị này không thuộc cơ quan đã chọn."))
        return data

    def query(self) -> RecordQuery:
        data = self.cleaned_data
        return RecordQuery(name=data.get("ten") or "", birth_year=data.get("nam_sinh"), agency=data.get("co_quan"),
                           unit=data.get("don_vi"), award=data.get("danh_hieu"), year_from=data.get("tu_nam"),
                           year_to=data.get("den_nam"), decision_number=data.get("so_quyet_dinh") or "")
