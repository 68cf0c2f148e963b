"""System checks for invariants of the organisation layer (cf. django.contrib.auth.checks)."""

from collections.abc import Iterable

from django.apps import apps
from django.core import checks


def checks_app(app_configs: Iterable | None, *labels: str) -> bool:
    """Whether a check of the apps ``labels`` runs for ``manage.py check [app_label ...]``: always when
    no app is named, else only when one of its apps is (as Django's own checks honour ``app_configs``)."""
    return app_configs is None or any(config.label in labels for config in app_configs)


@checks.register(checks.Tags.models)
def check_history_registered(app_configs=None, **kwargs):
    """Every model of our apps keeps simple-history, so every change can be traced (design §5)."""
    errors = []
    ours = {"accounts", "workflow", "nominations"}
    exempt_attr = "history_exempt_reason"
    configs = apps.get_app_configs() if app_configs is None else app_configs
    for model in (model for config in configs for model in config.get_models()):
        meta = model._meta
        if meta.app_label not in ours or meta.auto_created or meta.proxy:
            continue
        if meta.model_name.startswith("historical"):
            continue
        if getattr(model, exempt_attr, None):
            continue
        if not hasattr(model, "history"):
            errors.append(
                checks.Error(
                    f"{meta.label} has no simple-history (HistoricalRecords).",
                    hint=f"Add `history = HistoricalRecords()`, or a `{exempt_attr}` "
                    "class attribute saying why it must not have one (e.g. an append-only log).",
                    obj=model,
                    id="accounts.E001",
                )
            )
    return errors
