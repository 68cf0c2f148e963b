"""Models of the engine; each mechanism keeps its own module and is gathered here for Django."""

from workflow.audit.models import AuditChainHead, AuditEvent  # noqa: F401
from workflow.deadlines.models import CalendarDay, TaskDeadline, TaskNotice  # noqa: F401
from workflow.delegation.models import Delegation, TaskDelegation  # noqa: F401
from workflow.documents.models import DocumentCounter, DocumentRecipient, IssuedDocument  # noqa: F401
from workflow.jobs.models import Job  # noqa: F401
from workflow.notifications.models import Notification, NotificationPreference  # noqa: F401
from workflow.signing.models import DocumentSignature, SigningCertificate  # noqa: F401
from workflow.webhooks.models import WebhookDelivery, WebhookSubscription  # noqa: F401
