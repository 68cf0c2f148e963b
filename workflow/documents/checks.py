"""System checks for the document engine's invariants (design §5: uploads outside static)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core import checks
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from accounts.checks import checks_app

from .kinds import all_kinds


def _inside(child: Path, parent: Path) -> bool:
    child, parent = child.resolve(), parent.resolve()
    return child == parent or parent in child.parents


@checks.register(checks.Tags.security)
def check_documents_are_private(app_configs=None, **kwargs):
    """Issued PDFs must never be reachable as static or media files, only through the permission check."""
    if not checks_app(app_configs, "workflow"):
        return []
    root = Path(settings.DOCUMENTS_ROOT)
    errors = []
    for name in ("STATIC_ROOT", "MEDIA_ROOT"):
        other = getattr(settings, name, None)
        if other and (_inside(root, Path(other)) or _inside(Path(other), root)):
            errors.append(checks.Error(
                f"DOCUMENTS_ROOT ({root}) overlaps {name} ({other}); issued documents would be public.",
                hint="Point DOCUMENTS_ROOT at a folder the web server does not serve.",
                id="workflow.E301",
            ))
    return errors


@checks.register(checks.Tags.templates)
def check_document_templates_exist(app_configs=None, **kwargs):
    """Every registered kind of document has its template, so signing never fails for want of one."""
    if not checks_app(app_configs, "workflow"):
        return []

    errors = []
    for kind in all_kinds():
        try:
            get_template(kind.template)
        except TemplateDoesNotExist:
            errors.append(checks.Error(
                f"Document kind {kind.key!r} names the missing template {kind.template!r}.", id="workflow.E302",
            ))
    return errors
