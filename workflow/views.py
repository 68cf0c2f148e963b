from django.views.generic import TemplateView

from accounts.selectors import active_roles

from .registry import home_sections
from .selectors import open_tasks_for, queued_tasks_for


class HomeView(TemplateView):
    """The signed-in person's desk: who they are, their roles, what waits for them."""

    template_name = "workflow/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            person=user,
            unit=user.unit,
            agency=user.agency,
            roles=active_roles(user),
            open_tasks=list(open_tasks_for(user)[:50]),
            queued_tasks=list(queued_tasks_for(user)[:50]),
            sections=home_sections(user),
        )
        return context
