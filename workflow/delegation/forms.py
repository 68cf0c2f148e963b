from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from workflow.dates import DateField


class DelegationForm(forms.Form):
    delegate = forms.ModelChoiceField(queryset=User.objects.none(), label=_("Người được ủy quyền"))
    start_date = DateField(label=_("Từ ngày"))
    end_date = DateField(label=_("Đến ngày"))
    reason = forms.CharField(label=_("Lý do"), max_length=300, required=False)

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegate"].queryset = candidates if candidates is not None else User.objects.none()
        self.fields["delegate"].error_messages["invalid_choice"] = _("Người được chọn không hợp lệ.")


class ReassignForm(forms.Form):
    to_user = forms.ModelChoiceField(queryset=User.objects.none(), label=_("Chuyển cho"))
    reason = forms.CharField(label=_("Lý do"), max_length=300, required=False)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].queryset = people if people is not None else User.objects.none()
        self.fields["to_user"].error_messages["invalid_choice"] = _("Người được chọn không hợp lệ.")
