"""Hiệp y / lấy ý kiến (issue 21; docs/legal-basis.md §15): a cycle's lines whose title needs another body's
opinion, the requests sent and their answers. The agency's leads and its auditor read the page; the secretariat
records a request and an answer. Anyone else: 404, as for a missing cycle.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from accounts.roles import Role
from accounts.selectors import roles_here
from workflow.dates import DateField

from ..models import (
    OPINION_TEXT_MAX,
    Consultation,
    ConsultationStatus,
    ConsultationVerdict,
    Cycle,
    Line,
    RequiredConsultation,
)
from ..selectors import consultations as selectors
from ..selectors.dossiers import get_managed_cycle
from ..services import consultations

REQUIRED = gettext_lazy("Trường này bắt buộc.")


class ConsultationRequestForm(forms.Form):
    line = forms.ModelChoiceField(label=gettext_lazy("Dòng đề nghị"), queryset=None, widget=forms.HiddenInput,
                                  error_messages={"invalid_choice": gettext_lazy("Dòng đề nghị không hợp lệ."),
                                                  "required": REQUIRED})
    requirement = forms.ModelChoiceField(label=gettext_lazy("Cơ quan được lấy ý kiến"), queryset=None,
                                         widget=forms.HiddenInput,
                                         error_messages={"invalid_choice": gettext_lazy("Yêu cầu không hợp lệ."),
                                                         "required": REQUIRED})
    request_number = forms.CharField(label=gettext_lazy("Số văn bản xin ý kiến"), max_length=50,
                                     error_messages={"required": gettext_lazy("Ghi số văn bản xin ý kiến.")})
    sent_on = DateField(label=gettext_lazy("Ngày gửi"),
                        error_messages={"required": gettext_lazy("Ghi ngày gửi văn bản.")})
    due_on = DateField(label=gettext_lazy("Hạn trả lời"),
                       error_messages={"required": gettext_lazy("Ghi hạn trả lời.")})

    def __init__(self, *args, cycle: Cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = Line.objects.filter(cycle=cycle, status__in=selectors.OPEN_STATUSES)
        self.fields["requirement"].queryset = RequiredConsultation.objects.all()

    def clean(self):
        data = super().clean()
        if data.get("sent_on") and data.get("due_on") and data["due_on"] < data["sent_on"]:
            self.add_error("due_on", _("Hạn trả lời không được trước ngày gửi."))
        return data


class ConsultationAnswerForm(forms.Form):
    consultation = forms.ModelChoiceField(
        label=gettext_lazy("Văn bản xin ý kiến"), queryset=None, widget=forms.HiddenInput,
        error_messages={"invalid_choice": gettext_lazy("Văn bản xin ý kiến không có hoặc đã có trả lời."),
                        "required": REQUIRED})
    answer_number = forms.CharField(label=gettext_lazy("Số văn bản trả lời"), max_length=50,
                                    error_messages={"required": gettext_lazy("Ghi số văn bản trả lời.")})
    answered_on = DateField(label=gettext_lazy("Ngày văn bản trả lời"),
                            error_messages={"required": gettext_lazy("Ghi ngày của văn bản trả lời.")})
    verdict = forms.ChoiceField(label=gettext_lazy("Ý kiến"), choices=ConsultationVerdict.choices,
                                error_messages={"required": gettext_lazy("Chọn ý kiến của cơ quan trả lời."),
                                                "invalid_choice": gettext_lazy("Ý kiến không hợp lệ.")})
    answer_text = forms.CharField(label=gettext_lazy("Nội dung trả lời"), required=False, max_length=OPINION_TEXT_MAX,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, cycle: Cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = Consultation.objects.filter(line__cycle=cycle,
                                                                           status=ConsultationStatus.SENT)


FORMS = {"request": ConsultationRequestForm, "answer": ConsultationAnswerForm}


class ConsultationsView(TemplateView):
    template_name = "nominations/consultations.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cycle = context.get("cycle") or selectors.get_cycle_for_consultations(self.request.user, self.kwargs["pk"])
        context["cycle"] = cycle
        context["rows"] = selectors.consultation_board(cycle)
        context["may_write"] = Role.SECRETARIAT in roles_here(self.request.user, cycle.agency)
        context["verdicts"] = ConsultationVerdict.choices
        return context

    def post(self, request, pk):
        cycle = get_managed_cycle(request.user, pk)
        action = request.POST.get("action")
        form_class = FORMS.get(action)
        if form_class is None:
            messages.error(request, _("Yêu cầu không hợp lệ."))
            return self.render_to_response(self.get_context_data(cycle=cycle), status=400)
        form = form_class(request.POST, cycle=cycle)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                if action == "request":
                    consultations.consultation_request(actor=request.user, **data)
                else:
                    consultations.consultation_answer_record(actor=request.user, **data)
            except (PermissionDenied, ValidationError) as error:
                for message in getattr(error, "messages", [str(error)]):
                    form.add_error(None, message)
            else:
                messages.success(request, _("Đã ghi văn bản xin ý kiến.") if action == "request"
                                 else _("Đã ghi văn bản trả lời."))
                return redirect("nominations:consultations", pk=cycle.pk)
        return self.render_to_response(self.get_context_data(cycle=cycle, failed=form, failed_action=action),
                                       status=400)
