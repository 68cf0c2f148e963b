"""Gợi ý khen thưởng cống hiến, niên hạn (issue 21; docs/legal-basis.md §20): the people a cống hiến or niên hạn
cycle's rules suggest from the service records, with the years counted and the periods, for the agency's leads
and auditor (the whole agency) and for a unit head (their units). The unit head ticks whom to propose: the lines
are added to the unit's dossier (opened when it has none). Anyone else, or a cycle of another kind: 404.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from accounts.models import Unit, User
from accounts.roles import Role
from accounts.selectors import roles_here
from workflow.params import posted_pk

from ..models import Dossier
from ..processes.dossier import dossier_open
from ..selectors import service_awards as selectors
from ..services import service_candidates_confirm


class ConfirmForm(forms.Form):
    unit = forms.ModelChoiceField(label=gettext_lazy("Đơn vị"), queryset=None, widget=forms.HiddenInput,
                                  error_messages={"invalid_choice": gettext_lazy("Đơn vị không hợp lệ."),
                                                  "required": gettext_lazy("Đơn vị không hợp lệ.")})
    people = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Người được đề nghị"), queryset=None,
        error_messages={"required": gettext_lazy("Chọn ít nhất một người trong danh sách gợi ý."),
                        "invalid_choice": gettext_lazy("Người được chọn không có trong danh sách gợi ý."),
                        "invalid_pk_value": gettext_lazy("Người được chọn không có trong danh sách gợi ý.")})

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])
        self.fields["people"].queryset = User.objects.filter(unit__in=units)

    def clean(self):
        data = super().clean()
        unit, people = data.get("unit"), data.get("people")
        if unit is not None and people and any(p.unit_id != unit.pk for p in people):
            self.add_error("people", _("Chỉ đề nghị cho người của đơn vị mình."))
        return data


class ServiceCandidatesView(TemplateView):
    template_name = "nominations/service_candidates.html"

    def _headed(self, cycle) -> list[Unit]:
        return [unit for unit in Unit.objects.filter(agency=cycle.agency)
                if Role.UNIT_HEAD in roles_here(self.request.user, unit)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cycle = context.get("cycle") or selectors.get_service_cycle_for_user(self.request.user, self.kwargs["pk"])
        headed = {unit.pk for unit in self._headed(cycle)}
        rows = selectors.candidates_for_user(self.request.user, cycle)
        groups: dict[int, dict] = {}
        for row in rows:
            group = groups.setdefault(row.person.unit_id, {"unit": row.person.unit, "rows": [],
                                                           "may_confirm": row.person.unit_id in headed
                                                           and cycle.is_open})
            group["rows"].append(row)
        context.update(cycle=cycle, groups=list(groups.values()), reference=selectors.reference_date(cycle),
                       rules=selectors.rules_in_force(cycle.kind.code, selectors.reference_date(cycle)))
        return context

    def post(self, request, pk):
        cycle = selectors.get_service_cycle_for_user(request.user, pk)
        data = request.POST.copy()  # forged keys (past 64 bits, not digits) match nothing rather than raise
        data.setlist("people", [str(posted_pk(value)) for value in data.getlist("people")])
        data.setlist("unit", [str(posted_pk(value)) for value in data.getlist("unit")])
        form = ConfirmForm(data, units=self._headed(cycle))
        if form.is_valid():
            unit, people = form.cleaned_data["unit"], list(form.cleaned_data["people"])
            try:
                dossier = Dossier.objects.filter(cycle=cycle, unit=unit).first()
                if dossier is None:
                    dossier = dossier_open(actor=request.user, cycle=cycle, unit=unit)
                lines = service_candidates_confirm(actor=request.user, dossier=dossier, people=people)
            except (PermissionDenied, ValidationError) as error:
                for message in getattr(error, "messages", [str(error)]):
                    form.add_error(None, message)
            else:
                messages.success(request, _("Đã thêm %(count)d dòng đề nghị vào hồ sơ của %(unit)s.")
                                 % {"count": len(lines), "unit": unit.name})
                return redirect("nominations:dossier", pk=dossier.pk)
        return self.render_to_response(self.get_context_data(cycle=cycle, failed=form), status=400)
