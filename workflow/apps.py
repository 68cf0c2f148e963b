from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = _("Quy trình")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from . import checks, task_events  # noqa: F401  (registers the system checks and task hooks)
        from .audit import checks as audit_checks  # noqa: F401  (history and secret-ballot checks)
        from .audit import receivers  # noqa: F401  (login, roles, task life cycle → audit log)
        from .audit.history_admin import refuse_history_reverts

        refuse_history_reverts()
        from .jobs import kinds as job_kinds

        job_kinds.register()
        from .webhooks import engine_events as webhook_events

        webhook_events.register()  # document.issued, and the outbox listening to the audit log
        from .menu import administration_section
        from .registry import register_home_section

        register_home_section(administration_section)
        # Import every app's flows.py so checks and inboxes see all flows.
        autodiscover_modules("flows")
        from workflow.deadlines import checks as deadline_checks  # noqa: F401
        from workflow.deadlines import signals as deadline_signals  # noqa: F401
        from workflow.documents import checks as document_checks  # noqa: F401
        from workflow.signing import checks as signing_checks  # noqa: F401
