"""Printing the certificates of an issued in-house Quyết định khen thưởng on the agency's pre-printed blanks
(docs/legal-basis.md §12): the page lists the awardees and holds the layout form (the secretariat saves the
shift measured on the calibration page); the preview shows the certificates on screen before printing; the PDF
has one page per awardee; the calibration PDF is the millimetre grid. Reached from the decision's page."""

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
from workflow.exports import attachment_disposition

from ..documents.certificates import calibration_pdf, certificates_html, certificates_pdf
from ..forms.certificates import CertificateLayoutForm
from ..models import OutcomeDocument, OutcomeDocumentKind
from ..selectors.certificates import certificate_layout_for, certificates, get_decision_for_certificates, may_print
from ..services.certificates import certificate_layout_save


def _messages(error: Exception) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


class CertificatesView(TemplateView):
    """GET: the awardees, the layout in force and its form, the links to preview and print. POST: the
    secretariat saves the layout (the decision's award's blank, or the agency's default)."""

    template_name = "nominations/certificates.html"

    def get(self, request, pk: int):
        decision = get_decision_for_certificates(request.user, pk)
        layout = certificate_layout_for(decision)
        form = CertificateLayoutForm(initial={
            "scope": "award" if layout.award_id else "default", "paper": layout.paper,
            "offset_x_mm": f"{layout.offset_x_mm}".replace(".", ","),
            "offset_y_mm": f"{layout.offset_y_mm}".replace(".", ","), "print_heading": layout.print_heading})
        return self.render_to_response(self._context(decision, layout, form))

    def post(self, request, pk: int):
        decision = get_decision_for_certificates(request.user, pk)
        form = CertificateLayoutForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                certificate_layout_save(
                    actor=request.user, agency=decision.document.agency,
                    award=decision.award if data["scope"] == "award" else None, paper=data["paper"],
                    offset_x_mm=data["offset_x_mm"], offset_y_mm=data["offset_y_mm"],
                    print_heading=data["print_heading"])
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, _messages(error))
            else:
                messages.success(request, _("Đã lưu căn chỉnh. In lại trang căn chỉnh để kiểm tra trước khi in "
                                            "trên phôi."))
                return redirect(request.path)
        return self.render_to_response(self._context(decision, certificate_layout_for(decision), form), status=200)

    def _context(self, decision: OutcomeDocument, layout, form) -> dict:
        return self.get_context_data(
            decision=decision, layout=layout, form=form, certificates=certificates(decision),
            may_save=Role.SECRETARIAT in roles_here(self.request.user, decision.document.agency))


class CertificatePreviewView(View):
    """The certificates on screen, each page outlined as the blank, before anything is printed."""

    def get(self, request, pk: int):
        decision = get_decision_for_certificates(request.user, pk)
        return HttpResponse(certificates_html(certificates(decision), certificate_layout_for(decision), preview=True))


class CertificatePdfView(View):
    def get(self, request, pk: int):
        decision = get_decision_for_certificates(request.user, pk)
        response = HttpResponse(certificates_pdf(certificates(decision), certificate_layout_for(decision)),
                                content_type="application/pdf")
        number = decision.document.number_text.replace("/", "-")
        response["Content-Disposition"] = attachment_disposition(f"Giấy khen {number}.pdf")
        return response


class CertificateCalibrationView(View):
    def get(self, request, pk: int):
        decision = get_decision_for_certificates(request.user, pk)
        response = HttpResponse(calibration_pdf(certificate_layout_for(decision)), content_type="application/pdf")
        response["Content-Disposition"] = attachment_disposition("Trang căn chỉnh giấy khen.pdf")
        return response


def certificate_links(document, user) -> list[dict]:
    """The register's page of an issued in-house Quyết định offers its certificates to those who print them."""
    outcome = getattr(document, "nomination_outcome", None)
    if (outcome is None or outcome.kind != OutcomeDocumentKind.DECISION or not document.is_issued
            or not document.number_text or not may_print(user, outcome)):
        return []
    return [{"text": _("In giấy khen"), "url": reverse("nominations:certificates", args=[document.pk])}]

