"""The award domain listens to the document engine: an issued Quyết định fills the registry."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from workflow.documents.models import DocumentStatus, IssuedDocument

from .services.submissions import decision_register


@receiver(post_save, sender=IssuedDocument, dispatch_uid="nominations-register-issued-decision")
def register_issued_decision(sender, instance: IssuedDocument, **kwargs) -> None:
    if instance.status == DocumentStatus.READY:
        decision_register(document=instance)
