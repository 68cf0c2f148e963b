from django.conf import settings
from django.utils import timezone
from django.views.generic import TemplateView

from accounts.models import Unit
from accounts.selectors import active_roles

from .deadlines.selectors import with_due_dates
from .deadlines.workdays import add_working_days
from .delegation.selectors import delegated_tasks_for, delegators_of_tasks, tasks_delegated_by
from .inbox import LIMIT as INBOX_LIMIT
from .inbox import inbox_rows
from .naming import name_tasks
from .notifications.events import task_url
from .registry import home_sections
from .selectors import managed_open_tasks_for, open_tasks_for, queued_tasks_for

PAGE = 50


def _rows(tasks, today, horizon, delegators=None, *, queued=False):
    """Rows of a task table; a queued task's ``take_url`` is viewflow's assign, posted with ``_continue``
    ("Nhận và mở": taken and opened in one click)."""
    delegators = delegators or {}
    return [
        {"task": task, "url": task_url(task), "take_url": task.reverse("assign") if queued else None,
         "due_date": task.due_date, "is_overdue": task.is_overdue,
         "due_soon": task.due_date is not None and today <= task.due_date <= horizon,
         "escalated": task.escalated_at is not None, "on_behalf_of": delegators.get(task.pk)}
        for task in tasks
    ]


class HomeView(TemplateView):
    """The signed-in person's desk: who they are, their roles, what waits for them and by when."""

    template_name = "workflow/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()

        def dated(queryset):
            return list(with_due_dates(queryset, today=today)[:PAGE])

        open_tasks = dated(open_tasks_for(user))
        delegated = dated(delegated_tasks_for(user))
        handed_over = dated(tasks_delegated_by(user))
        queued = dated(queued_tasks_for(user))
        managed = dated(managed_open_tasks_for(user))
        every = (*open_tasks, *delegated, *handed_over, *queued, *managed)
        name_tasks(every)  # named by what they carry, in one query per kind of process
        due = [t.due_date for t in every if t.due_date]
        # The calendar is read only when some task has a due date.
        horizon = add_working_days(today, settings.WORKFLOW_REMINDER_WORKING_DAYS) if due else today
        delegators = delegators_of_tasks(delegated)
        unit = Unit.objects.select_related("agency").filter(pk=user.unit_id).first()
        context.update(
            person=user,
            unit=unit,
            agency=unit.agency if unit else None,
            roles=active_roles(user),
            today=today,
            open_tasks=_rows([t for t in open_tasks if t.pk not in delegators], today, horizon),
            delegated_tasks=_rows(delegated, today, horizon, delegators),
            handed_over_tasks=_rows(handed_over, today, horizon),
            queued_tasks=_rows(queued, today, horizon, queued=True),
            managed_tasks=_rows(managed, today, horizon),
            sections=home_sections(user),
        )
        if len(open_tasks) < PAGE and len(queued) < PAGE:
            context["inbox_count"] = len(open_tasks) + len(queued)  # known here: the menu's count costs no query
        return context


class InboxView(TemplateView):
    """"Việc của tôi": every task the person holds or may take, in every flow, overdue first
    (``workflow.inbox``); a queued one is taken and opened in one click."""

    template_name = "workflow/inbox.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        rows = inbox_rows(self.request.user, today=today)
        context.update(rows=rows, today=today, overdue_count=sum(1 for row in rows if row["is_overdue"]))
        if len(rows) < INBOX_LIMIT:
            context["inbox_count"] = len(rows)  # known already: the menu's count costs no query here
        return context
