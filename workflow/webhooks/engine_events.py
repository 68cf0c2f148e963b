"""The engine's own subscribable event, and the outbox listening to the audit log (``WorkflowConfig.ready``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from workflow.audit import Action
from workflow.audit.services import register_append_listener

from .events import register_webhook_event
from .outbox import record_deliveries

DOCUMENT_ISSUED = "document.issued"


def _document_visible(user, document) -> bool:
    from workflow.documents.selectors import documents_for_user  # noqa: PLC0415 - the selectors import the models

    return documents_for_user(user).filter(pk=document.pk).exists()


def register() -> None:
    register_webhook_event(DOCUMENT_ISSUED, label=_("Văn bản được ban hành (cấp số)"), actions=[Action.ISSUED],
                           model="workflow.issueddocument", visible=_document_visible)
    register_append_listener(record_deliveries)
