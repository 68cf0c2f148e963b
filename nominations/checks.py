"""System checks for the invariants of the rules engine."""

from django.core import checks


@checks.register(checks.Tags.models)
def check_every_criterion_has_a_function(app_configs=None, **kwargs):
    """Every ``Criterion`` code a rule row may hold is implemented by a named function."""
    from .eligibility.criteria import CRITERIA, PARAMETERS
    from .models import Criterion

    errors = []
    for code in Criterion.values:
        if code not in CRITERIA or code not in PARAMETERS:
            errors.append(checks.Error(
                f"Criterion “{code}” has no function in nominations.eligibility.criteria.",
                hint="Add a function decorated with @criterion(Criterion.…) and its PARAMETERS entry.",
                id="nominations.E101",
            ))
    return errors
