"""Models of the engine; each mechanism keeps its own module and is gathered here for Django."""

from workflow.audit.models import AuditChainHead, AuditEvent  # noqa: F401
from workflow.documents.models import DocumentCounter, IssuedDocument  # noqa: F401
