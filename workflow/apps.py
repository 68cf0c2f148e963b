from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = _("Quy trình")

    def ready(self) -> None:
        from workflow.documents import checks  # noqa: F401  (registers the document checks)
