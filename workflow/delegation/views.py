"""Pages of delegation: my delegations (give, revoke) and the secretariat's reassignment of a task."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.models import User

from . import services
from .forms import DelegationForm, ReassignForm
from .rules import task_agency
from .selectors import delegate_candidates, delegations_for, get_delegation_for_user, get_task_for_reassign


def _errors(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


class DelegationListView(TemplateView):
    template_name = "workflow/delegations.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            delegations=list(delegations_for(user)[:50]),
            form=form or DelegationForm(candidates=delegate_candidates(user)),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = DelegationForm(request.POST, candidates=delegate_candidates(request.user))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            services.delegation_create(
                actor=request.user, delegator=request.user, delegate=form.cleaned_data["delegate"],
                start_date=form.cleaned_data["start_date"], end_date=form.cleaned_data["end_date"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            for message in _errors(exc):
                form.add_error(None, message)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, _("Đã ủy quyền xử lý công việc."))
        return redirect("home:delegations")


class DelegationRevokeView(View):
    def post(self, request, pk: int):
        delegation = get_delegation_for_user(request.user, pk)
        try:
            services.delegation_revoke(actor=request.user, delegation=delegation)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(_errors(exc)) if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("Đã thu hồi ủy quyền; các việc chưa xử lý đã trả lại người ủy quyền."))
        return redirect("home:delegations")


class TaskReassignView(TemplateView):
    template_name = "workflow/reassign.html"

    def _people(self, task):
        agency = task_agency(task)
        return User.objects.filter(unit__agency=agency, is_active=True)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        task = get_task_for_reassign(self.request.user, self.kwargs["pk"])
        context.update(task=task, form=form or ReassignForm(people=self._people(task)))
        return context

    def post(self, request, pk: int):
        task = get_task_for_reassign(request.user, pk)
        form = ReassignForm(request.POST, people=self._people(task))
        if form.is_valid():
            try:
                services.task_reassign(
                    actor=request.user, task=task, to_user=form.cleaned_data["to_user"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                for message in _errors(exc):
                    form.add_error(None, message)
            else:
                messages.success(request, _("Đã chuyển công việc cho %(name)s.") % {
                    "name": form.cleaned_data["to_user"].full_name})
                return redirect("home:index")
        return self.render_to_response(self.get_context_data(form=form), status=400)
