"""Admin of the engine; each mechanism registers its models in its own module."""

from workflow.deadlines import admin as deadlines_admin  # noqa: F401
from workflow.delegation import admin as delegation_admin  # noqa: F401
from workflow.documents import admin as documents_admin  # noqa: F401
from workflow.notifications import admin as notifications_admin  # noqa: F401
from workflow.signing import admin as signing_admin  # noqa: F401
from workflow.webhooks import admin as webhooks_admin  # noqa: F401
