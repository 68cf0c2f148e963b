"""Admin of the engine; each mechanism registers its models in its own module."""

from workflow.documents import admin as documents_admin  # noqa: F401
