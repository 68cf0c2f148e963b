"""Công khai (domain §4; issue 21): the posted list of a cycle's proposed lines and the staff's opinions.

During the window every active staff member of the agency reads the list (nominee, unit, title: nothing
more) and may leave an opinion; the secretariat, the chief, the deputies and the auditor read it at any time,
with the opinions and their authors. Anyone else, and the staff outside the window: 404, as for a missing
cycle.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from workflow.audit.selectors import is_auditor

from ..models import OPINION_MAX, Cycle
from ..selectors import postings as selectors
from ..services import postings


class PostingOpinionForm(forms.Form):
    line = forms.ModelChoiceField(
        label=gettext_lazy("Góp ý về"), queryset=None, required=False,
        empty_label=gettext_lazy("Cả danh sách"),
        error_messages={"invalid_choice": gettext_lazy("Dòng đề nghị không có trong danh sách công khai.")})
    text = forms.CharField(label=gettext_lazy("Ý kiến"), max_length=OPINION_MAX,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           error_messages={"required": gettext_lazy("Nhập nội dung ý kiến.")})

    def __init__(self, *args, cycle: Cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = selectors.posted_lines(cycle)
        self.fields["line"].label_from_instance = lambda line: f"{line.nominee_name} — {line.award.name}"


class PostingView(TemplateView):
    template_name = "nominations/posting.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cycle = context["cycle"] = selectors.get_cycle_for_posting(self.request.user, self.kwargs["pk"])
        context["lines"] = list(selectors.posted_lines(cycle))
        context["window_open"] = selectors.window_open(cycle)
        # An auditor's account is read-only everywhere (workflow.audit.middleware): no form to be refused.
        context["may_give"] = (context["window_open"] and selectors.is_agency_staff(self.request.user, cycle)
                               and not is_auditor(self.request.user))
        if context["may_give"]:
            context.setdefault("form", PostingOpinionForm(cycle=cycle))
        context["reads_opinions"] = selectors.reads_opinions(self.request.user, cycle)
        context["opinions"] = selectors.posting_opinions(self.request.user, cycle)
        return context

    def post(self, request, pk):
        cycle = selectors.get_cycle_for_posting(request.user, pk)
        form = PostingOpinionForm(request.POST, cycle=cycle)
        if form.is_valid():
            try:
                postings.posting_opinion_create(actor=request.user, cycle=cycle, **form.cleaned_data)
            except (PermissionDenied, ValidationError) as error:
                for message in getattr(error, "messages", [str(error)]):
                    form.add_error(None, message)
            else:
                messages.success(request, _("Đã gửi ý kiến tới thường trực thi đua – khen thưởng."))
                return redirect("nominations:posting", pk=cycle.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


@method_decorator(login_not_required, name="dispatch")
class PublicPostingView(TemplateView):
    """The posted list on a page without login, for the agency's portal to link to (``Cycle.posting_public``).

    Only during the window, and only what the staff's page shows anyone: nominee, unit, title proposed — no
    birth date, no verdict, no opinion. Opinions are sent in writing and named (NĐ 98/2023 Điều 46 khoản 2 as
    read in legal-basis §14): the page says where, it takes none.
    """

    template_name = "nominations/posting_public.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cycle = context["cycle"] = selectors.get_cycle_for_public_posting(self.kwargs["pk"])
        context["lines"] = list(selectors.posted_lines(cycle))
        return context
