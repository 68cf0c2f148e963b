"""Guards every request passes before a view runs.

``NulInputMiddleware``: PostgreSQL cannot store the NUL character (0x00) in text, and Django's
model fields do not refuse it (only form ``CharField`` does), so a NUL typed or forged into a field
the page reads without a form reached the database and failed there with a 500. No Vietnamese
text contains it: such a request is answered 400 with a Vietnamese message and changes nothing.
Uploaded files are not inspected (their bytes legitimately contain NUL); their names are.

``TaskInProcessMiddleware`` — every viewflow task URL must pass it.

viewflow's task view wrapper loads the task by ``task_pk`` and locks the URL's
``process_pk`` without checking that one belongs to the other (viewflow notes): a crafted
URL would act on one process while holding the lock of another. Here a task URL whose task
is not in its process is a 404, before any view runs; so is every URL of a process the person
may not see (``selectors.get_process_for_user``): viewflow would answer 403 there, telling a
forbidden process from a missing one (the access matrix, tests/security, holds both).

viewflow refuses a step that is no longer the person's — a double click, a second tab, a task
another person took — with a bare 403 or with its state machine's own English ("Start :: no
transition from "DONE""). The same middleware turns that refusal into a 403 that says why in
Vietnamese; the view has already rolled back, so the message can truthfully add that nothing changed.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views.defaults import permission_denied
from viewflow.workflow.models import Task

from .deadlines.selectors import OPEN
from .selectors import get_process_for_user

VIEWFLOW_FSM_WORDS = " :: "  # viewflow.fsm's TransitionNotAllowed: "<transition> :: no transition from ..."


class TaskInProcessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        process_pk, task_pk = view_kwargs.get("process_pk"), view_kwargs.get("task_pk")
        if process_pk is None:
            return None
        # A task of another process (or none) is missing whoever asks: one indexed look-up, before the process's
        # visibility, which costs a query per kind of process and per open task (the same 404 either way).
        if task_pk is not None and not Task.objects.filter(pk=task_pk, process_id=process_pk).exists():
            raise Http404
        get_process_for_user(request.user, process_pk)
        return None

    def process_exception(self, request, exception):
        if not isinstance(exception, PermissionDenied) or request.resolver_match is None:
            return None
        task_pk = request.resolver_match.kwargs.get("task_pk")
        task = Task.objects.filter(pk=task_pk).only("status", "owner_id").first() if task_pk else None
        if task is None:
            return None
        if task.status not in OPEN:
            reason = _("Việc này đã được xử lý xong hoặc đã hủy; không có gì thay đổi.")
        elif task.owner_id is not None and task.owner_id != request.user.pk:
            reason = _("Việc này đang do người khác xử lý; không có gì thay đổi.")
        elif str(exception) and VIEWFLOW_FSM_WORDS not in str(exception):
            return None  # a reason of ours, already in Vietnamese
        else:
            reason = _("Bạn không được thực hiện việc này; không có gì thay đổi.")
        return permission_denied(request, PermissionDenied(reason))


def _has_nul(data) -> bool:
    return any("\x00" in key or any("\x00" in value for value in data.getlist(key)) for key in data)


class NulInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request.GET) or (request.method == "POST" and (
                _has_nul(request.POST) or any("\x00" in (f.name or "") for f in request.FILES.values()))):
            return HttpResponseBadRequest(_("Dữ liệu gửi lên có ký tự không hợp lệ (NUL); không có gì được lưu."),
                                          content_type="text/plain; charset=utf-8")
        return self.get_response(request)
