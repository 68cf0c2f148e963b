"""Forms of pledge registration pages (domain §6); choices are limited to what the person may pick."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from workflow.dates import DateField

from ..models import Award, AwardKind, Movement, NomineeKind
from .dossiers import NomineePicker


def _titles(collective: bool):
    excluded = NomineeKind.PERSON if collective else NomineeKind.COLLECTIVE
    return Award.objects.filter(kind=AwardKind.TITLE, is_active=True).exclude(nominee_kind=excluded)


class CollectiveTitleForm(forms.Form):
    collective_title = forms.ModelChoiceField(label=_("Danh hiệu tập thể đăng ký"), queryset=Award.objects.none(),
                                              required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collective_title"].queryset = _titles(collective=True)


class TargetForm(forms.Form):
    content = forms.CharField(label=_("Nội dung chỉ tiêu"), max_length=500)
    measure = forms.CharField(label=_("Đơn vị tính"), max_length=100)
    planned_value = forms.CharField(label=_("Chỉ tiêu"), max_length=100)
    movement = forms.ModelChoiceField(label=_("Thuộc phong trào"), queryset=Movement.objects.none(), required=False)

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["movement"].queryset = Movement.objects.filter(is_active=True).running_in(year)


class LineForm(forms.Form):
    """A member's line. ``person`` is any pk: the service refuses people outside the unit, in Vietnamese."""

    person = forms.IntegerField(label=_("Cá nhân"), widget=NomineePicker)
    title = forms.ModelChoiceField(label=_("Danh hiệu đăng ký"), queryset=Award.objects.filter(
        kind=AwardKind.TITLE, is_active=True))
    planned_initiative = forms.CharField(label=_("Sáng kiến, đề tài dự kiến"), max_length=500, required=False)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].widget.choices = [(m.pk, m.full_name) for m in members]


class ReasonForm(forms.Form):
    decision = forms.ChoiceField(label=_("Quyết định"), choices=[("accept", _("Chấp nhận")), ("return", _("Trả lại"))])
    reason = forms.CharField(label=_("Lý do (bắt buộc khi trả lại)"), widget=forms.Textarea(attrs={"rows": 3}),
                             required=False)


class OpenAgencyForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    deadline = DateField(label=_("Hạn đăng ký của các đơn vị"))


class CompileForm(forms.Form):
    collective_title = forms.ModelChoiceField(label=_("Danh hiệu cơ quan đăng ký"), queryset=Award.objects.none(),
                                              required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collective_title"].queryset = _titles(collective=True)


class CovenantForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)
    signed_on = DateField(label=_("Ngày ký giao ước"))
    commitments = forms.CharField(label=_("Nội dung giao ước"), widget=forms.Textarea(attrs={"rows": 3}))
