"""System checks for the invariants of the rules engine."""

from django.core import checks

from accounts.checks import checks_app

from .eligibility.criteria import CRITERIA
from .models.rules import PARAMETERS, Criterion


@checks.register(checks.Tags.models)
def check_every_criterion_has_a_function(app_configs=None, **kwargs):
    """Every ``Criterion`` code a rule row may hold is implemented by a named function."""
    if not checks_app(app_configs, "nominations"):
        return []
    errors = []
    for code in Criterion.values:
        if code not in CRITERIA or code not in PARAMETERS:
            errors.append(checks.Error(
                f"Criterion “{code}” has no function in nominations.eligibility.criteria.",
                hint="Add a function decorated with @criterion(Criterion.…) and its PARAMETERS entry.",
                id="nominations.E101",
            ))
    return errors
