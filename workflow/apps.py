from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = _("Quy trình")

    def ready(self) -> None:
        from .audit import checks, receivers  # noqa: F401  (system checks, audit receivers)
        from .audit.history_admin import refuse_history_reverts

        refuse_history_reverts()
