from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from accounts.models import User

from .. import services
from ..eligibility import EligibilityError, check
from ..forms.eligibility import CheckForm, ImportForm
from ..models import NomineeKind, Route
from ..selectors import (
    council_vote_rules,
    get_nominee_for_user,
    get_registry_agency_for_user,
    registry_agencies_for_user,
)


def _plain(value: Decimal | None) -> Decimal | None:
    """1.50 → 1.5 and 3.00 → 3 (never 1E+1), printed in the page's language: "1,5"."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


class CheckView(TemplateView):
    """Any signed-in person checks a nominee in their scope for a title and a year (issue 3)."""

    template_name = "nominations/check.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        form = CheckForm(self.request.GET or None, user=user)
        context["form"] = form
        if self.request.GET and form.is_valid():
            nominee = get_nominee_for_user(user, form.cleaned_data["nominee"])
            try:
                result = check(nominee, form.cleaned_data["title"], form.cleaned_data["year"],
                               on=form.cleaned_data.get("on"))
            except EligibilityError as error:
                context["error"] = str(error)
            else:
                context["result"] = result
                context["title_rule"] = rule = next(
                    (r for r in result.rule_set.title_rules.all() if r.award_id == result.award.pk), None)
                if rule is not None:  # the rule set's own coefficient (NĐ 152/2025 Art 50, 54)
                    kind = NomineeKind.PERSON if isinstance(nominee, User) else NomineeKind.COLLECTIVE
                    context["reward_coefficient"] = _plain(rule.reward_coefficient_for(kind))
                # The agency's own council votes by its Quy chế (NĐ 152/2025 Điều 6(2)(e)); the rule
                # set's vote rule is the provincial council's, shown only for titles it considers.
                agency = result.nominee.agency
                context["council_rule"] = council_vote_rules(agency).get(result.award.pk) if agency else None
                context["province_votes"] = result.award.route == Route.HOME_AFFAIRS
        elif self.request.GET and "nominee" in form.errors and self.request.GET.get("nominee"):
            # A value outside the person's list: the same answer as for a nominee that does not exist.
            raise Http404
        return context


class ImportView(FormView):
    """The secretariat imports past awards or sáng kiến; every row is checked before anything is written."""

    template_name = "nominations/import.html"
    form_class = ImportForm

    def dispatch(self, request, *args, **kwargs):
        self.agencies = list(registry_agencies_for_user(request.user))
        if not self.agencies:
            raise PermissionDenied(_("Chỉ thường trực thi đua – khen thưởng được nhập dữ liệu."))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "agencies": self.agencies}

    def form_valid(self, form):
        agency = get_registry_agency_for_user(self.request.user, int(form.cleaned_data["agency"]))
        upload = form.cleaned_data["file"]
        try:
            report = services.registry_import(
                actor=self.request.user, agency=agency, kind=form.cleaned_data["kind"], filename=upload.name,
                content=upload.read(),
            )
        except (PermissionDenied, ValidationError) as error:
            form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
            return self.form_invalid(form)
        if not report.ok:
            return self.render_to_response(self.get_context_data(form=form, report=report))
        messages.success(self.request, _("Đã nhập %(count)s dòng.") % {"count": report.imported})
        return redirect(self.request.path)
