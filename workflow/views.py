from django.conf import settings
from django.utils import timezone
from django.views.generic import TemplateView

from accounts.models import Unit
from accounts.selectors import active_roles

from .deadlines.selectors import with_due_dates
from .deadlines.workdays import add_working_days
from .delegation.selectors import delegated_tasks_for, delegators_of_tasks, tasks_delegated_by
from .notifications.events import task_url
from .registry import home_sections
from .selectors import managed_open_tasks_for, open_tasks_for, queued_tasks_for

PAGE = 50


def _rows(tasks, today, horizon, delegators=None):
    delegators = delegators or {}
    return [
        {"task": task, "url": task_url(task), "due_date": task.due_date, "is_overdue": task.is_overdue,
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
        due = [t.due_date for t in (*open_tasks, *delegated, *handed_over, *queued, *managed) if t.due_date]
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
            queued_tasks=_rows(queued, today, horizon),
            managed_tasks=_rows(managed, today, horizon),
            sections=home_sections(user),
        )
        return context
