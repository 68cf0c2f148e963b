"""The shift of the certificates' lines on the agency's blank, as the secretariat measured it on the calibration
page: a number of millimetres either way, typed with a comma or a point ("-2,5")."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import OFFSET_LIMIT_MM, Paper

SCOPES = (("award", _("Phôi của danh hiệu, hình thức này")), ("default", _("Mọi phôi của cơ quan (mặc định)")))


class OffsetField(forms.CharField):
    """Millimetres, one decimal at most, between -50 and 50."""

    def __init__(self, **kwargs):
        super().__init__(max_length=10, **kwargs)

    def clean(self, value):
        text = (super().clean(value) or "").strip().replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(_("Nhập độ dịch là một số mi-li-mét, ví dụ 2,5 hoặc -3.")) from None
        if not number.is_finite() or number != number.quantize(Decimal("0.1")):
            raise forms.ValidationError(_("Độ dịch chỉ lấy tới một chữ số thập phân, ví dụ 2,5."))
        if abs(number) > OFFSET_LIMIT_MM:
            raise forms.ValidationError(_("Độ dịch tối đa là 50 mm về mỗi phía."))
        return number.quantize(Decimal("0.1"))


class CertificateLayoutForm(forms.Form):
    scope = forms.ChoiceField(label=_("Áp dụng cho"), choices=SCOPES,
                              error_messages={"invalid_choice": _("Chọn phôi áp dụng trong danh sách.")})
    paper = forms.ChoiceField(label=_("Khổ giấy"), choices=Paper.choices,
                              error_messages={"invalid_choice": _("Chọn khổ giấy trong danh sách.")})
    offset_x_mm = OffsetField(label=_("Dịch ngang (mm, dương: sang phải)"),
                              error_messages={"required": _("Nhập độ dịch ngang (0 nếu không dịch).")})
    offset_y_mm = OffsetField(label=_("Dịch dọc (mm, dương: xuống dưới)"),
                              error_messages={"required": _("Nhập độ dịch dọc (0 nếu không dịch).")})
    print_heading = forms.BooleanField(label=_("In tên danh hiệu, hình thức khen thưởng"), required=False,
                                       help_text=_("Bỏ chọn khi phôi đã in sẵn dòng “GIẤY KHEN” hoặc tên danh hiệu."))
