"""The auditor's workspace (design §1, §5): search the log, export it, read an object's timeline.

Thin views: scope comes from ``workflow.audit.selectors`` (404 outside it), every page is a
GET; the site application is visible to auditors only.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from viewflow.urls import Application

from accounts.roles import Role
from accounts.selectors import role_set
from workflow.audit import Action, audit_record, chain_head
from workflow.audit.actions import action_label
from workflow.audit.export import csv_chunks, xlsx_bytes
from workflow.audit.forms import EventSearchForm
from workflow.audit.selectors import audited_agencies, events_for_user
from workflow.audit.timeline import get_timeline_for_user
from workflow.jobs.kinds import AUDIT_EXPORT
from workflow.jobs.services import job_start
from workflow.menu import MenuEntry

PAGE_SIZE = 50


def _search(request):
    agencies = audited_agencies(request.user)
    form = EventSearchForm(request.GET or None, agencies=agencies)
    if request.GET and not form.is_valid():
        return form, None
    return form, events_for_user(request.user, form.to_filter())


class AuditSearchView(TemplateView):
    """The global search over the log, newest first, 50 a page, the same few queries at any size."""
    template_name = "workflow/audit/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, events = _search(self.request)
        page = None
        if events is not None:
            page = Paginator(events, PAGE_SIZE).get_page(self.request.GET.get("page"))
            for event in page.object_list:
                event.action_label = action_label(event.action)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(form=form, page=page, query=query.urlencode(), head=chain_head())
        return context


class AuditExportView(View):
    """The filtered log as CSV or Excel; the export itself is an audit event."""
    formats = ("csv", "xlsx")

    def get(self, request, fmt: str):
        if fmt not in self.formats:
            raise Http404
        form, events = _search(request)
        if events is None:
            raise Http404
        filters = {key: value for key, value in request.GET.items() if value and key != "page"}
        with transaction.atomic():
            audit_record(actor=request.user, action=Action.AUDIT_EXPORTED, agency=request.user.agency,
                         changes={"format": fmt, "filters": filters})
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        filename = f"nhat-ky-kiem-tra-{stamp}.{fmt}"
        if fmt == "csv":
            response = StreamingHttpResponse(csv_chunks(events), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(
                xlsx_bytes(events),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class AuditExportJobView(View):
    """The same filtered log as Excel, made in the background for a large extract (POST, owner-only file)."""
    def post(self, request):
        form, events = _search(request)
        if events is None:
            raise Http404
        filters = {key: value for key, value in request.GET.items() if value and key != "page"}
        job = job_start(actor=request.user, kind=AUDIT_EXPORT, params=filters)
        return redirect("home:job", pk=job.pk)


class TimelineView(TemplateView):
    template_name = "workflow/audit/timeline.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timeline"] = get_timeline_for_user(
            self.request.user, self.kwargs["content_type_id"], self.kwargs["object_id"]
        )
        return context


def _is_auditor_cached(user) -> bool:
    """``is_auditor`` from the roles read once per request, which the drawer reads too (one query a page)."""
    return getattr(user, "is_authenticated", False) and user.is_active and Role.AUDITOR in role_set(user)


class AuditApplication(Application):
    """The "Kiểm tra" section of the site, shown to auditors only."""
    title = _("Kiểm tra")
    menu_template_name = None
    icon = "fact_check"
    app_name = "audit"
    permission = staticmethod(_is_auditor_cached)
    menu_entries = (MenuEntry("audit:index", _("Nhật ký kiểm tra"), "manage_search", ("auditor",)),)

    index_path = path("", AuditSearchView.as_view(), name="index")
    export_path = path("export/<str:fmt>/", AuditExportView.as_view(), name="export")
    export_job_path = path("export-job/", AuditExportJobView.as_view(), name="export_job")
    timeline_path = path(
        "timeline/<int:content_type_id>/<str:object_id>/", TimelineView.as_view(), name="timeline"
    )
