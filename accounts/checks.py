"""System checks for invariants of the organisation layer (cf. django.contrib.auth.checks)."""

from django.apps import apps
from django.core import checks


@checks.register(checks.Tags.models)
def check_history_registered(app_configs=None, **kwargs):
    """Every model of our apps keeps simple-history, so every change can be traced (design §5)."""
    errors = []
    ours = {"accounts", "workflow", "nominations"}
    exempt_attr = "history_exempt_reason"
    for model in apps.get_models():
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
