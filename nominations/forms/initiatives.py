"""The forms of sáng kiến recognition (issue 21): the author's đơn with up to ``AUTHOR_ROWS`` authors and their
shares, a council member's vote, the chief's refusal, and the chief's Hội đồng sáng kiến."""

from __future__ import annotations

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from accounts.models import Agency, User
from workflow.dates import DateField

from ..models import InitiativeApplication, InitiativeCouncilPosition, InitiativeScope
from ..models.initiatives import TEXT_MAX

AUTHOR_ROWS = 5
NO_NUL = [ProhibitNullCharactersValidator()]
PERSON_ERRORS = {"invalid_choice": _("Chọn một cán bộ, công chức của cơ quan trong danh sách.")}
SHARE_ERRORS = {"invalid": _("Tỷ lệ đóng góp là một số nguyên, ví dụ 50."),
                "min_value": _("Tỷ lệ đóng góp của mỗi tác giả phải từ 1%% đến 100%%."),
                "max_value": _("Tỷ lệ đóng góp của mỗi tác giả phải từ 1%% đến 100%%.")}


def _staff(agency: Agency):
    return User.objects.filter(unit__agency=agency, is_active=True).order_by("full_name", "pk")


class InitiativeApplicationForm(forms.Form):
    title = forms.CharField(label=_("Tên sáng kiến"), max_length=500, validators=NO_NUL,
                            error_messages={"required": _("Nhập tên sáng kiến.")})
    field = forms.CharField(label=_("Lĩnh vực áp dụng"), max_length=500, validators=NO_NUL,
                            error_messages={"required": _("Nhập lĩnh vực áp dụng sáng kiến.")})
    first_applied_on = DateField(label=_("Ngày áp dụng lần đầu hoặc áp dụng thử"),
                                 error_messages={"required": _("Nhập ngày áp dụng lần đầu hoặc áp dụng thử.")})
    description = forms.CharField(label=_("Mô tả bản chất của sáng kiến"), max_length=TEXT_MAX, validators=NO_NUL,
                                  widget=forms.Textarea(attrs={"rows": 6}),
                                  error_messages={"required": _("Nhập mô tả bản chất của sáng kiến.")})
    benefits = forms.CharField(label=_("Lợi ích thu được do áp dụng sáng kiến"), max_length=TEXT_MAX,
                               validators=NO_NUL, widget=forms.Textarea(attrs={"rows": 4}),
                               error_messages={"required": _("Nhập lợi ích thu được do áp dụng sáng kiến.")})
    scope = forms.ChoiceField(label=_("Phạm vi ảnh hưởng đề nghị"), choices=InitiativeScope.choices,
                              initial=InitiativeScope.BASE,
                              error_messages={"invalid_choice": _("Chọn phạm vi ảnh hưởng trong danh sách.")})

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        staff = _staff(agency)
        for index in range(1, AUTHOR_ROWS + 1):
            self.fields[f"author_{index}"] = forms.ModelChoiceField(
                label=_("Tác giả %(n)s") % {"n": index}, queryset=staff, required=False,
                error_messages=PERSON_ERRORS)
            self.fields[f"share_{index}"] = forms.IntegerField(
                label=_("Tỷ lệ đóng góp (%%) của tác giả %(n)s") % {"n": index}, required=False, min_value=1,
                max_value=100, error_messages=SHARE_ERRORS)

    @classmethod
    def initial_of(cls, application: InitiativeApplication) -> dict:
        initial = {name: getattr(application, name) for name in
                   ("title", "field", "first_applied_on", "description", "benefits", "scope")}
        for index, row in enumerate(application.authors.all()[:AUTHOR_ROWS], start=1):
            initial[f"author_{index}"], initial[f"share_{index}"] = row.person_id, row.share
        return initial

    def clean(self):
        cleaned = super().clean()
        authors = []
        for index in range(1, AUTHOR_ROWS + 1):
            person, share = cleaned.get(f"author_{index}"), cleaned.get(f"share_{index}")
            if f"author_{index}" in self.errors or f"share_{index}" in self.errors:
                continue
            if person is None and share is None:
                continue
            if person is None or share is None:
                self.add_error(f"share_{index}" if person else f"author_{index}",
                               _("Ghi cả tác giả và tỷ lệ đóng góp của người đó."))
                continue
            authors.append((person, share))
        if not self.errors:
            if not authors:
                raise forms.ValidationError(_("Đơn phải có ít nhất một tác giả."))
            total = sum(share for _person, share in authors)
            if total != 100:
                raise forms.ValidationError(
                    _("Tổng tỷ lệ đóng góp của các tác giả phải bằng 100%% (hiện là %(total)s%%).") % {"total": total})
        cleaned["authors"] = authors
        return cleaned

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"title": data["title"], "field": data["field"], "description": data["description"],
                "benefits": data["benefits"], "scope": data["scope"], "first_applied_on": data["first_applied_on"],
                "authors": data["authors"]}


class InitiativeVoteForm(forms.Form):
    agrees = forms.TypedChoiceField(
        label=_("Ý kiến"), choices=[("1", _("Đồng ý công nhận")), ("0", _("Không đồng ý"))],
        coerce=lambda value: value == "1", widget=forms.RadioSelect,
        error_messages={"required": _("Chọn đồng ý hoặc không đồng ý."),
                        "invalid_choice": _("Chọn đồng ý hoặc không đồng ý.")})
    remark = forms.CharField(label=_("Nhận xét"), required=False, max_length=TEXT_MAX, validators=NO_NUL,
                             widget=forms.Textarea(attrs={"rows": 3}))


class InitiativeRejectForm(forms.Form):
    reason = forms.CharField(label=_("Lý do không công nhận"), max_length=TEXT_MAX, validators=NO_NUL,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("Nêu lý do không công nhận sáng kiến.")})


class InitiativeCouncilMemberForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Thành viên"), queryset=None,
                                    error_messages={**PERSON_ERRORS, "required": _("Chọn thành viên.")})
    position = forms.ChoiceField(label=_("Chức danh trong Hội đồng sáng kiến"),
                                 choices=InitiativeCouncilPosition.choices,
                                 error_messages={"invalid_choice": _("Chọn chức danh trong danh sách.")})

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = _staff(agency)
