"""Pages of the document register: the list, one document's status, its PDF, signing.

Thin: every lookup through selectors (404 alike for missing and forbidden), every write
through services; the PDF is only ever sent as an attachment.
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, ListView

from workflow.exports import Column, ExcelExportMixin, ExportSpec, attr

from . import edxml, services
from .kinds import document_links
from .models import DocumentStatus
from .selectors import can_draft_documents, documents_for_user, get_document_for_user, signing_role

POLL_SECONDS = 2


DOCUMENTS_EXPORT = ExportSpec(title=gettext_lazy("Sổ văn bản"), filename="so-van-ban", columns=[
    Column(gettext_lazy("Số, ký hiệu"), attr("number_text"), 20),
    Column(gettext_lazy("Trích yếu"), attr("summary"), 60),
    Column(gettext_lazy("Cơ quan"), attr("agency.name"), 30),
    Column(gettext_lazy("Người ký"), attr("signer.full_name"), 25),
    Column(gettext_lazy("Ngày ký"), attr("signed_at"), 16),
    Column(gettext_lazy("Trạng thái"), attr("get_status_display"), 25),
])


class DocumentListView(ExcelExportMixin, ListView):
    export_spec = DOCUMENTS_EXPORT
    template_name = "documents/list.html"
    context_object_name = "documents"
    paginate_by = 50

    def get_queryset(self):
        return documents_for_user(self.request.user).order_by("-created_at", "-pk")


class DocumentDetailView(DetailView):
    """Shows progress while the PDF is being made (the page refreshes itself), then offers it."""

    template_name = "documents/detail.html"
    context_object_name = "document"

    def get_object(self, queryset=None):
        return get_document_for_user(self.request.user, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.object
        user = self.request.user
        links = document_links(document, user)
        context.update(
            poll_seconds=POLL_SECONDS if document.is_in_progress else None,
            can_sign=document.status == DocumentStatus.DRAFT and signing_role(user, document.agency) is not None,
            can_preview=document.status == DocumentStatus.DRAFT and can_draft_documents(user, document.agency),
            can_retry=document.status in (DocumentStatus.FAILED, DocumentStatus.SIGN_PENDING) and (
                signing_role(user, document.agency) is not None or can_draft_documents(user, document.agency)
            ),
            statuses=DocumentStatus,
            related=_readable_links(user, links),
            audit_head=(document.snapshot or {}).get("doc", {}).get("audit_head", ""),
            actions=[link for link in links if "url" in link],
            signature_checks=_signature_checks(document),
        )
        return context


def _signature_checks(document) -> list:
    """Each signature of the issued PDF as the reader should see it: by whom, when, valid or why not (checked
    against the trust roots and the register; remembered per file for ten minutes)."""
    if document.status != DocumentStatus.READY or not document.pdf:
        return []
    try:
        checks = services.document_check(document, rerender=False, cached=True).signatures
    except OSError:
        return []
    roles = {row.field_name: row.get_role_display() for row in document.signatures.all()}
    return [{"check": check, "role": roles.get(check.field_name, "")} for check in checks]


def _readable_links(user, links: list[dict]) -> list[dict]:
    """The documents the domain relates to this one (``kinds.register_document_links``): linked when the reader
    may open them, named otherwise."""
    links = [link for link in links if "document" in link]
    readable = set(documents_for_user(user).filter(pk__in=[link["document"].pk for link in links])
                   .values_list("pk", flat=True))
    return [{**link, "readable": link["document"].pk in readable} for link in links]


def _filename(document) -> str:
    if document.number_text:
        return document.number_text.replace("/", "-") + ".pdf"
    return f"du-thao-{document.pk}.pdf"


class DocumentDownloadView(View):
    """The issued PDF, as an attachment, to people whose scope covers the issuing agency."""

    def get(self, request, pk: int):
        document = get_document_for_user(request.user, pk)
        if document.status != DocumentStatus.READY or not document.pdf:
            raise Http404
        return FileResponse(
            document.pdf.open("rb"), as_attachment=True, filename=_filename(document), content_type="application/pdf"
        )


class DocumentEdxmlDownloadView(View):
    """The issued document as an edXML package (QCVN 102:2016/BTTTT) for the e-office system, as an attachment,
    to whoever may read the document (404 alike otherwise). When the package cannot be made (an agency without
    its mã định danh điện tử), the document's page says why."""

    def get(self, request, pk: int):
        document = get_document_for_user(request.user, pk)
        if document.status != DocumentStatus.READY or not document.pdf:
            raise Http404
        try:
            package = edxml.document_edxml(document)
        except edxml.EdxmlError as exc:
            messages.error(request, str(exc))
            return redirect(reverse("documents:detail", args=[pk]))
        return FileResponse(io.BytesIO(package), as_attachment=True, filename=edxml.package_filename(document),
                            content_type=edxml.CONTENT_TYPE)


class DocumentDraftView(View):
    """The draft with its "DỰ THẢO" watermark, made on the fly and never stored."""

    def get(self, request, pk: int):
        document = get_document_for_user(request.user, pk)
        if document.status != DocumentStatus.DRAFT:
            raise Http404
        try:
            pdf = services.document_draft_render(actor=request.user, document=document)
        except PermissionDenied:
            raise Http404 from None
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="du-thao-{document.pk}.pdf"'
        return response


class DocumentSignView(View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        document = get_document_for_user(request.user, pk)
        try:
            services.document_sign(actor=request.user, document=document)
        except (PermissionDenied, ValidationError) as exc:
            messages.error(request, _message(exc))
        else:
            messages.success(request, _("Đã ký văn bản. Hệ thống đang cấp số và tạo bản PDF."))
        return redirect(reverse("documents:detail", args=[pk]))


class DocumentRetryView(View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        document = get_document_for_user(request.user, pk)
        try:
            services.document_retry(actor=request.user, document=document)
        except (PermissionDenied, ValidationError) as exc:
            messages.error(request, _message(exc))
        else:
            messages.success(request, _("Đã cho cấp số và tạo bản PDF lại; trang này cho biết kết quả."))
        return redirect(reverse("documents:detail", args=[pk]))


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or _("Bạn không có quyền thực hiện thao tác này.")
