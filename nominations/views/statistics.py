"""The Ministry of Home Affairs' statistics forms of an agency (docs/legal-basis.md, "Biểu thống kê thi đua, khen
thưởng"): the secretariat, the chief and the auditor choose the year, see which circular's forms apply and each
form's counts, and download each form as Excel or PDF. Read only: a GET page, no write (the project audits no
export; a download records nothing)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from workflow.exports import XLSX_CONTENT_TYPE, attachment_disposition

from ..forms.statistics import StatisticsForm
from ..selectors.statistics import fill_form, get_statistics_agency_for_user, statistics_agencies_for_user
from ..statistics.definitions import CIRCULARS, circular_for_year
from ..statistics.excel import form_sheet_bytes
from ..statistics.rendering import form_corner, form_pdf


class StatisticsView(TemplateView):
    template_name = "nominations/reports/statistics.html"

    def get(self, request, *args, **kwargs):
        agencies = statistics_agencies_for_user(request.user)
        form = StatisticsForm(request.GET if "nam" in request.GET else None, agencies=agencies)
        agency = get_statistics_agency_for_user(request.user, None)  # 404 for whoever works over no agency
        year = form.fields["nam"].initial
        if form.is_bound:
            if not form.is_valid():  # each error is shown beside its field
                return self.render_to_response(self._context(form, agency, None, []))
            year = form.cleaned_data["nam"]
            agency = form.cleaned_data["co_quan"] or agency
        circular = circular_for_year(year)
        filled = [fill_form(agency=agency, year=year, circular=circular, form=f) for f in circular.forms] \
            if circular else []
        wanted = form.cleaned_data.get("bieu") if form.is_bound else ""
        if wanted:
            chosen = next((f for f in filled if f.form.short == wanted), None)
            if chosen is None or form.cleaned_data.get("tai") not in ("xlsx", "pdf"):
                messages.error(request, _("Không có biểu %(form)s theo %(circular)s cho năm %(year)s.")
                               % {"form": wanted, "circular": circular.name if circular else "—", "year": year})
                return self.render_to_response(self._context(form, agency, circular, filled))
            return self._download(chosen, form.cleaned_data["tai"])
        return self.render_to_response(self._context(form, agency, circular, filled))

    def _download(self, filled, fmt: str) -> HttpResponse:
        name = f"Bieu {filled.form.short} {filled.agency.code} {filled.year}.{fmt}"
        if fmt == "pdf":
            response = HttpResponse(form_pdf(filled), content_type="application/pdf")
        else:
            response = HttpResponse(form_sheet_bytes(filled, corner=form_corner(filled)),
                                    content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = attachment_disposition(name)
        response["X-Content-Type-Options"] = "nosniff"
        return response

    def _context(self, form, agency, circular, filled) -> dict:
        return self.get_context_data(form=form, agency=agency, circular=circular,
                                     filled=[(f, form_corner(f)) for f in filled], circulars=CIRCULARS)
