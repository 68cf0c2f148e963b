"""Forms of the nomination pages; they only shape input, the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from workflow.dates import DateField

from ..eligibility.rulesets import rule_set_for
from ..models import AttachmentKind, Award, CommendationKind, Line, NomineeKind, PaperKind, RequiredPaper
from ..models.cycles import DEFAULT_KIND_CODE
from ..uploads import check_size


def _nominee_kind(token: str) -> str:
    """``person:<pk>`` is a person, ``unit:<pk>`` the unit itself (a collective)."""
    return {"person": NomineeKind.PERSON, "unit": NomineeKind.COLLECTIVE}.get(str(token).partition(":")[0], "")


class KindSelect(forms.Select):
    """A select whose options say whom they concern (``data-kind``: person, collective, both), so the page can
    offer a person line only individual titles and a unit line only collective ones (``static/js/forms.js``)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):  # noqa: PLR0917 - Django's signature
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        kind = getattr(instance, "nominee_kind", None) or _nominee_kind(value)
        if kind:
            option["attrs"]["data-kind"] = kind
        return option


class NomineePicker(KindSelect):
    """The unit's people (and the unit) in a select, with a search box above it that narrows the list as one
    types, with or without tones ("nguyen van" finds "Nguyễn Văn …"); without JavaScript, a plain select."""

    template_name = "forms/widgets/search_select.html"


class LineForm(forms.Form):
    """A line of a dossier, added or changed by the unit head. Only the unit and its people are offered and
    accepted; a title is accepted only for the kind of nominee it is given to (the service checks both again)."""

    nominee = forms.ChoiceField(label=_("Cá nhân hoặc tập thể"), widget=NomineePicker, error_messages={
        "invalid_choice": _("Người được chọn không thuộc đơn vị: chỉ đề nghị cho người của đơn vị mình hoặc "
                            "chính đơn vị, chọn trong danh sách.")})
    award = forms.ModelChoiceField(label=_("Danh hiệu, hình thức"), queryset=Award.objects.none(),
                                   widget=KindSelect(attrs={"data-kind-of": "nominee"}))
    commendation_kind = forms.ModelChoiceField(label=_("Loại hình khen thưởng"),
                                               queryset=CommendationKind.objects.all())
    achievements = forms.CharField(label=_("Tóm tắt thành tích"), widget=forms.Textarea(attrs={"rows": 3}))
    report_text = forms.CharField(label=_("Báo cáo thành tích"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, people=(), unit=None, cycle=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].queryset = Award.objects.filter(is_active=True, rules__isnull=False).distinct()
        if cycle is not None and cycle.kind_code != DEFAULT_KIND_CODE:
            # A đột xuất or chuyên đề cycle gives its own loại hình to every line (services.dossiers._line_kind).
            self.fields["commendation_kind"].queryset = CommendationKind.objects.filter(pk=cycle.kind_id)
            self.fields["commendation_kind"].initial = cycle.kind_id
        choices = [("", "—")]
        choices += [(f"unit:{unit.pk}", f"{unit.name} ({_('tập thể')})")] if unit else []
        choices += [(f"person:{p.pk}", p.full_name) for p in people]
        self.fields["nominee"].choices = choices
        # The awards select filters itself by the nominee select of the same form (static/js/forms.js).
        self.fields["award"].widget.attrs["data-kind-of"] = self["nominee"].auto_id

    def clean(self):
        cleaned = super().clean()
        award, nominee = cleaned.get("award"), cleaned.get("nominee")
        if award is not None and nominee and not award.accepts(_nominee_kind(nominee)):
            self.add_error("award", _("“%(award)s” không xét tặng cho %(kind)s: chọn danh hiệu dành cho %(kind)s.")
                           % {"award": award.name, "kind": _("cá nhân") if _nominee_kind(nominee) == NomineeKind.PERSON
                              else _("tập thể")})
        return cleaned


class AttachmentForm(forms.Form):
    """A file of the dossier, or of one of its lines, chosen by the nominee and title (not a number)."""
    kind = forms.ChoiceField(label=_("Loại tệp"), choices=AttachmentKind.choices)
    line = forms.ModelChoiceField(label=_("Dòng đề nghị"), queryset=Line.objects.none(), required=False,
                                  empty_label=_("— Cả hồ sơ —"))
    paper = forms.ModelChoiceField(label=_("Giấy tờ theo quy định"), queryset=RequiredPaper.objects.none(),
                                   required=False, empty_label=_("— Không chọn —"),
                                   help_text=_("Với tệp kèm theo một dòng đề nghị: giấy tờ mà bộ quy tắc của năm "
                                               "yêu cầu (ví dụ quyết định công nhận sáng kiến)."))
    file = forms.FileField(label=_("Tệp (PDF, Word, JPEG, PNG)"))

    def __init__(self, *args, dossier=None, **kwargs):
        super().__init__(*args, **kwargs)
        if dossier is not None:
            self.fields["line"].queryset = dossier.lines.select_related("award", "person", "unit").order_by("pk")
            self.fields["paper"].queryset = (RequiredPaper.objects.filter(
                title_rule__rule_set=rule_set_for(dossier.cycle.year), kind=PaperKind.SUPPORTING,
                title_rule__award__in=dossier.lines.values("award")).select_related("title_rule__award"))
        self.fields["line"].label_from_instance = lambda line: f"{line.nominee_name} — {line.award.name}"
        self.fields["paper"].label_from_instance = lambda paper: f"{paper.title_rule.award.name}: {paper.name}"

    def clean_file(self):
        """Refuse an oversize file before the view reads it into memory (the service checks again)."""

        upload = self.cleaned_data["file"]
        check_size(upload.size)
        return upload


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Kết quả kiểm tra"), choices=[
        ("accept", _("Tiếp nhận hồ sơ")), ("return", _("Trả lại để bổ sung"))])
    reason = forms.CharField(label=_("Lý do trả lại"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    acknowledge = forms.CharField(
        label=_("Xác nhận các điểm “Lưu ý”"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Khi tiếp nhận: ghi đã kiểm tra gì (ví dụ “đã đối chiếu bản đăng ký thi đua và kết quả xếp loại "
                    "bản giấy”). Dòng có điểm “Lưu ý” chưa được xác nhận thì không tiếp nhận được."),
    )


class AchievementReportForm(forms.Form):
    """The báo cáo thành tích of one line, in the headings of the decree's form; a collective's has no
    sơ lược lý lịch but its đặc điểm, tình hình."""

    PERSON_ONLY = ("born_on", "gender", "hometown", "residence", "position", "qualification", "political_theory",
                   "duties", "discipline")
    born_on = DateField(label=_("Ngày, tháng, năm sinh"), required=False)
    gender = forms.CharField(label=_("Giới tính"), required=False, max_length=10)
    hometown = forms.CharField(label=_("Quê quán"), required=False, max_length=300)
    residence = forms.CharField(label=_("Nơi thường trú"), required=False, max_length=300)
    position = forms.CharField(label=_("Chức vụ (Đảng, chính quyền, đoàn thể)"), required=False, max_length=300)
    qualification = forms.CharField(label=_("Trình độ chuyên môn, nghiệp vụ"), required=False, max_length=300)
    political_theory = forms.CharField(label=_("Trình độ lý luận chính trị"), required=False, max_length=100)
    situation = forms.CharField(label=_("Đặc điểm, tình hình"), required=False,
                                widget=forms.Textarea(attrs={"rows": 4}))
    duties = forms.CharField(label=_("Quyền hạn, nhiệm vụ được giao hoặc đảm nhận"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))
    achievements = forms.CharField(label=_("Thành tích đạt được"), widget=forms.Textarea(attrs={"rows": 8}))
    initiatives = forms.CharField(label=_("Sáng kiến, giải pháp, đề tài được công nhận"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}), help_text=_("Mỗi dòng một sáng kiến."))
    discipline = forms.CharField(label=_("Kỷ luật"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, person: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.PERSON_ONLY if not person else ("situation",):
            del self.fields[name]
