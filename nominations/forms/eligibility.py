from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflow.dates import DateField

from ..selectors import awards_for_check, nominee_people_for_user, nominee_units_for_user


class CheckForm(forms.Form):
    """Who, which title, which year: the questions of the check page."""

    nominee = forms.ChoiceField(label=_("Cá nhân hoặc tập thể"))
    title = forms.ChoiceField(label=_("Danh hiệu, hình thức khen thưởng"))
    year = forms.IntegerField(label=_("Năm xét"), min_value=1945, max_value=2100)
    on = DateField(
        label=_("Ngày họp xét (không bắt buộc)"), required=False,
        help_text=_("Để trống: áp dụng bộ quy tắc có hiệu lực ngày 31/12 của năm xét."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        people = [(f"person:{p.pk}", f"{p.full_name} — {p.unit or ''}") for p in nominee_people_for_user(user)]
        units = [(f"unit:{u.pk}", f"{u.name}") for u in nominee_units_for_user(user)]
        choices = [("", "—")]
        if units:
            choices.append((_("Tập thể"), units))
        choices.append((_("Cá nhân"), people))
        self.fields["nominee"].choices = choices
        self.fields["title"].choices = [("", "—")] + [
            (a.code, f"{a.name} ({a.get_kind_display().lower()})") for a in awards_for_check()
        ]
        self.fields["year"].initial = timezone.localdate().year

    def clean_nominee(self):
        # The choice list is built from the person's scope; the view still looks the nominee up
        # through the selector so that a forged value is a 404, like a missing one.
        return self.cleaned_data["nominee"]


class ImportForm(forms.Form):
    KIND_CHOICES = [("awards", _("Khen thưởng đã nhận")), ("initiatives", _("Sáng kiến"))]

    agency = forms.ChoiceField(label=_("Cơ quan"))
    kind = forms.ChoiceField(label=_("Loại dữ liệu"), choices=KIND_CHOICES)
    file = forms.FileField(label=_("Tệp .xlsx hoặc .csv"))

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(a.pk, a.name) for a in agencies]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Tệp lớn hơn 5 MB."))
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Chỉ nhận tệp .xlsx hoặc .csv."))
        return upload
