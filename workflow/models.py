"""Models of the engine; each mechanism keeps its own module and is gathered here for Django."""

from workflow.documents.models import DocumentCounter, IssuedDocument  # noqa: F401
