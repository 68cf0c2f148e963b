"""Guards every viewflow task URL must pass.

viewflow's task view wrapper loads the task by ``task_pk`` and locks the URL's
``process_pk`` without checking that one belongs to the other (viewflow notes): a crafted
URL would act on one process while holding the lock of another. Here a task URL whose task
is not in its process is a 404, before any view runs; so is every URL of a process the person
may not see (``selectors.get_process_for_user``): viewflow would answer 403 there, telling a
forbidden process from a missing one (the access matrix, tests/security, holds both).
"""

from __future__ import annotations

from django.http import Http404
from viewflow.workflow.models import Task

from .selectors import get_process_for_user


class TaskInProcessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        process_pk, task_pk = view_kwargs.get("process_pk"), view_kwargs.get("task_pk")
        if process_pk is None:
            return None
        get_process_for_user(request.user, process_pk)
        if task_pk is not None and not Task.objects.filter(pk=task_pk, process_id=process_pk).exists():
            raise Http404
        return None
