"""Pages of background jobs: my jobs, one job's progress (polled as JSON), its file; people import/export."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from workflow.exports import attachment_disposition

from . import kinds
from .models import JobStatus
from .registry import kind_label
from .selectors import get_job_for_user, jobs_for_user
from .services import job_start

POLL_MILLISECONDS = 1500
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def _messages(error: Exception) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


class JobListView(TemplateView):
    template_name = "workflow/jobs/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        jobs = list(jobs_for_user(self.request.user)[:50])
        for job in jobs:
            job.kind_label = kind_label(job.kind)
        user = self.request.user
        context.update(jobs=jobs, may_import=kinds.may_import_people(user), may_export=kinds.may_export_people(user))
        return context


class JobDetailView(TemplateView):
    """The progress bar; a few lines of our own JavaScript poll the status endpoint until it ends."""

    template_name = "workflow/jobs/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = get_job_for_user(self.request.user, self.kwargs["pk"])
        job.kind_label = kind_label(job.kind)
        context.update(job=job, statuses=JobStatus, poll_ms=POLL_MILLISECONDS)
        return context


def job_state(job) -> dict:
    return {
        "id": job.pk,
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "progress": job.progress,
        "message": job.message,
        "errors": job.errors,
        "finished": job.is_finished,
        "download_url": reverse("home:job_download", args=[job.pk]) if job.status == JobStatus.DONE and job.result
        else "",
    }


class JobStatusView(View):
    def get(self, request, pk: int):
        response = JsonResponse(job_state(get_job_for_user(request.user, pk)))
        response["Cache-Control"] = "no-store"
        return response


class JobDownloadView(View):
    def get(self, request, pk: int):
        job = get_job_for_user(request.user, pk)
        if job.status != JobStatus.DONE or not job.result:
            raise Http404
        try:
            handle = job.result.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        response = FileResponse(handle, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml"
                                                      ".sheet")
        response["Content-Disposition"] = attachment_disposition(job.result_name or "ket-qua.xlsx")
        return response


class WorkbookForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp Excel (.xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("Tệp quá lớn (tối đa %(mb)d MB).") % {"mb": MAX_UPLOAD_BYTES >> 20})
        return upload


class PeopleImportView(TemplateView):
    """Upload the people/units workbook; the import runs in the background, all or nothing."""

    template_name = "workflow/jobs/people_import.html"

    def dispatch(self, request, *args, **kwargs):
        if not kinds.may_import_people(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", WorkbookForm())
        return context

    def post(self, request):
        form = WorkbookForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                job = job_start(actor=request.user, kind=kinds.PEOPLE_IMPORT, source=upload.read(),
                                source_name=upload.name)
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, _messages(error))
            else:
                messages.success(request, _("Đã nhận tệp %(name)s; việc nhập chạy trong nền, trang này cho biết kết "
                                            "quả.") % {"name": upload.name})
                return redirect("home:job", pk=job.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class PeopleExportView(View):
    """Start the export of the people and units the person may see."""

    def post(self, request):
        try:
            job = job_start(actor=request.user, kind=kinds.PEOPLE_EXPORT)
        except ValidationError as error:
            messages.error(request, _messages(error))
            return redirect("home:jobs")
        messages.success(request, _("Đang xuất danh sách người dùng và đơn vị trong nền; tệp tải về ở trang này khi "
                                    "xong."))
        return redirect("home:job", pk=job.pk)
