"""Reward money pages (docs/legal-basis.md §13): the quỹ thi đua, khen thưởng of an agency and year (entries,
totals, balance; the secretariat enters the year's appropriation), and a decision's payout list on screen, as
PDF and as Excel. Thin: reads through ``selectors.funds``, the write through ``services.funds``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.roles import Role
from accounts.selectors import roles_here
from workflow.exports import XLSX_CONTENT_TYPE, attachment_disposition

from ..documents.payouts import money, payout_list, payout_pdf, payout_sheet_bytes
from ..forms.funds import AppropriationForm, FundYearForm
from ..selectors.funds import (
    fund_agencies_for_user,
    fund_ledger,
    get_fund_agency_for_user,
    get_payout_decision_for_user,
    may_see_payouts,
)
from ..services.funds import fund_appropriation_create


def _messages(error: Exception) -> list[str]:
    return list(getattr(error, "messages", None) or [str(error)])


class FundView(TemplateView):
    """GET ``?co_quan=&nam=``: the ledger of one agency and year. POST: the secretariat's appropriation."""

    template_name = "nominations/fund.html"

    def _chosen(self, request, data):
        agencies = fund_agencies_for_user(request.user)
        form = FundYearForm(data if "nam" in data else None, agencies=agencies)
        agency = get_fund_agency_for_user(request.user, None)  # 404 for whoever works over no agency
        year = form.fields["nam"].initial
        if form.is_bound and form.is_valid():
            year = form.cleaned_data["nam"]
            agency = form.cleaned_data["co_quan"] or agency
        return form, agency, year

    def get(self, request, *args, **kwargs):
        form, agency, year = self._chosen(request, request.GET)
        return self.render_to_response(self._context(form, agency, year, AppropriationForm()))

    def post(self, request, *args, **kwargs):
        form, agency, year = self._chosen(request, request.POST)
        entry_form = AppropriationForm(request.POST)
        if form.is_bound and not form.is_valid():
            return self.render_to_response(self._context(form, agency, year, entry_form), status=400)
        if entry_form.is_valid():
            try:
                fund_appropriation_create(actor=request.user, agency=agency, year=year,
                                          amount=entry_form.cleaned_data["so_tien"],
                                          note=entry_form.cleaned_data["ghi_chu"])
            except PermissionDenied as error:
                messages.error(request, " ".join(_messages(error)))
                return redirect(f"{request.path}?nam={year}&co_quan={agency.pk}")
            except ValidationError as error:
                field = {"amount": "so_tien", "note": "ghi_chu"}
                for key, texts in getattr(error, "message_dict", {"__all__": error.messages}).items():
                    entry_form.add_error(field.get(key), texts)
                return self.render_to_response(self._context(form, agency, year, entry_form), status=400)
            messages.success(request, _("Đã ghi dự toán quỹ thi đua, khen thưởng năm %(year)s.") % {"year": year})
            return redirect(f"{request.path}?nam={year}&co_quan={agency.pk}")
        return self.render_to_response(self._context(form, agency, year, entry_form), status=400)

    def _context(self, form, agency, year, entry_form) -> dict:
        ledger = fund_ledger(agency, year)
        return self.get_context_data(
            form=form, agency=agency, year=year, ledger=ledger, entry_form=entry_form,
            may_enter=Role.SECRETARIAT in roles_here(self.request.user, agency),
            amounts={"appropriated": money(ledger.appropriated), "paid": money(ledger.paid),
                     "recovered": money(ledger.recovered), "balance": money(ledger.balance)},
            balance_negative=ledger.balance < 0)


class PayoutListView(TemplateView):
    template_name = "nominations/payouts.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        outcome = get_payout_decision_for_user(self.request.user, kwargs["pk"])
        context.update(outcome=outcome, payouts=payout_list(outcome),
                       pdf_url=reverse("nominations:payouts_pdf", args=[outcome.document_id]),
                       xlsx_url=reverse("nominations:payouts_xlsx", args=[outcome.document_id]),
                       decision_url=reverse("documents:detail", args=[outcome.document_id]))
        return context


class _PayoutDownload(View):
    def _file_name(self, outcome, extension: str) -> str:
        number = outcome.document.number_text.replace("/", "-")
        return f"Danh sach tien thuong QD {number}.{extension}"

    def _respond(self, content: bytes, content_type: str, name: str) -> HttpResponse:
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = attachment_disposition(name)
        response["X-Content-Type-Options"] = "nosniff"
        return response


class PayoutPdfView(_PayoutDownload):
    def get(self, request, pk):
        outcome = get_payout_decision_for_user(request.user, pk)
        return self._respond(payout_pdf(payout_list(outcome)), "application/pdf", self._file_name(outcome, "pdf"))


class PayoutXlsxView(_PayoutDownload):
    def get(self, request, pk):
        outcome = get_payout_decision_for_user(request.user, pk)
        return self._respond(payout_sheet_bytes(payout_list(outcome)), XLSX_CONTENT_TYPE,
                             self._file_name(outcome, "xlsx"))


def payout_links(document, user) -> list[dict]:
    """The register's page of an issued decision links to its payout list, for who may see it."""
    outcome = getattr(document, "nomination_outcome", None)
    if outcome is None or not may_see_payouts(user, outcome):
        return []
    return [{"text": _("Danh sách nhận tiền thưởng"), "url": reverse("nominations:payouts", args=[document.pk])}]
