"""The auditor's search form: every field optional, bad input answered in Vietnamese."""

from __future__ import annotations

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from ..dates import DateField
from .actions import action_choices
from .selectors import EventFilter

OBJECT_APPS = ["accounts", "workflow", "nominations", "viewflow"]


class EventSearchForm(forms.Form):
    actor = forms.CharField(label=_("Người thực hiện"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("Hành động"), required=False)
    content_type = forms.ModelChoiceField(
        label=_("Loại đối tượng"), required=False, queryset=ContentType.objects.none(), empty_label=_("Tất cả"),
    )
    object_id = forms.CharField(label=_("Mã đối tượng"), required=False, max_length=64)
    object_text = forms.CharField(label=_("Tên đối tượng chứa"), required=False, max_length=200)
    agency = forms.ModelChoiceField(label=_("Cơ quan"), required=False, queryset=None, empty_label=_("Tất cả"))
    date_from = DateField(label=_("Từ ngày"), required=False)
    date_to = DateField(label=_("Đến ngày"), required=False)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["action"].choices = [("", _("Tất cả"))] + action_choices()
        self.fields["content_type"].queryset = ContentType.objects.filter(app_label__in=OBJECT_APPS).order_by(
            "app_label", "model")
        self.fields["content_type"].label_from_instance = lambda ct: str(ct.model_class()._meta.verbose_name) \
            if ct.model_class() else ct.model

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            raise forms.ValidationError(_("“Đến ngày” phải sau hoặc bằng “Từ ngày”."))
        return data

    def to_filter(self) -> EventFilter:
        if not self.is_valid():
            return EventFilter()
        data = self.cleaned_data
        return EventFilter(
            actor=data["actor"].strip(),
            action=data["action"],
            content_type_id=data["content_type"].pk if data["content_type"] else None,
            object_id=data["object_id"].strip(),
            object_text=data["object_text"].strip(),
            agency_id=data["agency"].pk if data["agency"] else None,
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
