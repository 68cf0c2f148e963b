"""System checks that keep the history complete and the secret ballots secret.

``workflow.E101`` — a static scan of our apps' source (migrations and tests excepted) for
the ``update``, ``bulk_update`` and ``bulk_create`` calls on a history-tracked model's manager or
queryset: those skip ``save()`` and so skip simple-history, leaving a change nobody can trace
(design §5). The scan follows a call chain back to its root name (``Unit.objects.filter(…)
.update(…)``, ``Unit._default_manager.bulk_create(…)``, ``unit.members.update(…)`` through
a related manager whose target is tracked, ``units = Unit.objects.filter(…)`` then
``units.update(…)`` in the same module); a line ending in ``# audit: bulk-ok <why>`` is
allowed, so an exception is visible and justified in review. It is a static scan: a
queryset passed in from another module or built by ``getattr`` escapes it.

``workflow.E102`` — a model with secret-ballot fields must not be registered in the admin with
``SimpleHistoryAdmin``, whose history pages would show the secret values.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.core import checks
from simple_history.admin import SimpleHistoryAdmin

from accounts.checks import checks_app

from . import secrets

BULK_METHODS = frozenset({"update", "bulk_update", "bulk_create"})
QUERYSET_HOPS = frozenset({
    "objects", "_default_manager", "all", "filter", "exclude", "select_related", "prefetch_related",
    "order_by", "distinct", "using", "select_for_update", "only", "defer", "annotate", "none",
})
ALLOW_MARK = "# audit: bulk-ok"
SCANNED_APPS = ("accounts", "workflow", "nominations")
SKIPPED_DIRS = frozenset({"migrations", "tests", "__pycache__"})


@dataclass(frozen=True)
class BulkWrite:
    path: Path
    line: int
    model: str
    method: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.model}….{self.method}()"


def tracked_model_names() -> dict[str, str]:
    """Class name → label of every model that keeps simple-history."""
    names = {}
    for model in apps.get_models():
        if hasattr(model, "history") and not model._meta.model_name.startswith("historical"):
            names[model.__name__] = model._meta.label
    return names


def tracked_related_names() -> dict[str, str]:
    """Reverse accessor names (``members``, ``units`` …) that lead to a tracked model."""
    found = {}
    for model in apps.get_models():
        if not hasattr(model, "history") or model._meta.model_name.startswith("historical"):
            continue
        for field in model._meta.get_fields():
            remote = getattr(field, "remote_field", None)
            related_name = getattr(remote, "related_name", None) if field.concrete and remote else None
            if related_name and related_name != "+" and not related_name.endswith("+"):
                found[related_name] = model._meta.label
    return found


def _root_of(node: ast.AST) -> tuple[str | None, list[str]]:
    """The root name of ``A.b.c(…).d`` and the attribute hops taken from it."""
    hops: list[str] = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            hops.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Name):
            return node.id, list(reversed(hops))
        else:
            return None, list(reversed(hops))


def _manager_model(root: str | None, hops: list[str], models: dict[str, str]) -> str | None:
    if root in models and hops and hops[0] in {"objects", "_default_manager"}:
        return models[root]
    return None


def _querysets_in_names(tree: ast.AST, models: dict[str, str]) -> dict[str, str]:
    """Names assigned a tracked model's queryset (``units = Unit.objects.filter(…)``), module-wide."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            root, hops = _root_of(node.value)
            model = _manager_model(root, hops, models) or names.get(root or "")
            if model is not None and hops and hops[-1] in QUERYSET_HOPS:
                names[node.targets[0].id] = model
    return names


def scan_source(source: str, path: Path, models: dict[str, str], related: dict[str, str]) -> list[BulkWrite]:
    found = []
    lines = source.splitlines()
    tree = ast.parse(source, filename=str(path))
    querysets = _querysets_in_names(tree, models)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method = node.func.attr
        if method not in BULK_METHODS:
            continue
        root, hops = _root_of(node.func.value)
        model = _manager_model(root, hops, models) or querysets.get(root or "")
        if model is None:
            for hop in hops:
                if hop in related:
                    model = related[hop]
                    break
        if model is None:
            continue
        line = lines[node.lineno - 1] if node.lineno <= len(lines) else ""
        if ALLOW_MARK in line:
            continue
        found.append(BulkWrite(path=path, line=node.lineno, model=model, method=method))
    return found


def scan_paths(paths: list[Path]) -> list[BulkWrite]:
    models, related = tracked_model_names(), tracked_related_names()
    found = []
    for root in paths:
        files = [root] if root.is_file() else sorted(root.rglob("*.py"))
        for file in files:
            if SKIPPED_DIRS.intersection(file.parts):
                continue
            found.extend(scan_source(file.read_text(encoding="utf-8"), file, models, related))
    return found


@checks.register(checks.Tags.models)
def check_no_bulk_writes_on_history(app_configs=None, **kwargs):
    if not checks_app(app_configs, *SCANNED_APPS):
        return []
    base = Path(settings.BASE_DIR)
    paths = [base / app for app in SCANNED_APPS if (base / app).is_dir()]
    return [
        checks.Error(
            f"Bulk write skips simple-history: {hit}",
            hint="Save each object through its service (history with the acting user), or end the line "
            f"with `{ALLOW_MARK} <why>` if no history can be lost.",
            id="workflow.E101",
        )
        for hit in scan_paths(paths)
    ]


@checks.register(checks.Tags.admin)
def check_secret_models_not_in_history_admin(app_configs=None, **kwargs):
    if not checks_app(app_configs, "workflow"):
        return []

    errors = []
    for model, model_admin in admin.site._registry.items():
        marked = secrets._secret.get(secrets.concrete_label(model))
        if marked and isinstance(model_admin, SimpleHistoryAdmin):
            errors.append(checks.Error(
                f"{model._meta.label} has secret-ballot fields but its admin shows simple-history pages.",
                hint="Use a plain ModelAdmin without the secret fields.",
                obj=model_admin,
                id="workflow.E102",
            ))
    return errors
