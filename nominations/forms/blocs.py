"""Forms of the bloc's year (khối thi đua): a member's target, the meeting's date, a member's self-assessment."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from workflow.dates import DateField

ACTIONS = ("target", "confirm", "sign", "compile", "vote", "close", "submit")


class BlocActionForm(forms.Form):
    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    membership = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class BlocTargetForm(forms.Form):
    membership = forms.IntegerField(label=_("Cơ quan"), min_value=1)
    content = forms.CharField(label=_("Nội dung chỉ tiêu"), max_length=500)
    measure = forms.CharField(label=_("Đơn vị tính"), max_length=100)
    planned_value = forms.CharField(label=_("Chỉ tiêu"), max_length=100)
    max_score = forms.CharField(label=_("Điểm tối đa"), max_length=10)


class BlocMeetingForm(forms.Form):
    meeting_on = DateField(label=_("Ngày họp bình xét"))


class BlocAssessmentForm(forms.Form):
    """One pair of fields per target: what was achieved, the score the member gives itself."""

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        for target in targets:
            self.fields[f"achieved_{target.pk}"] = forms.CharField(
                label=_("Kết quả đạt được"), max_length=300, required=False, initial=target.achieved)
            self.fields[f"score_{target.pk}"] = forms.CharField(
                label=_("Điểm tự chấm"), max_length=10, required=False,
                initial=str(target.self_score).replace(".", ",") if target.self_score is not None else "")
