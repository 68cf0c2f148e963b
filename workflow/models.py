"""Models of the engine; each concern lives in its own module and is collected here."""

from .audit.models import AuditChainHead, AuditEvent

__all__ = ["AuditChainHead", "AuditEvent"]
