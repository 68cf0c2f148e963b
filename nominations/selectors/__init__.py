"""Every read of the award domain that depends on who asks; one module per concern.

Modules: ``eligibility`` (nominees in scope, awards to check, registry agencies).
"""

from .eligibility import (
    awards_for_check,
    get_nominee_for_user,
    get_registry_agency_for_user,
    nominee_people_for_user,
    nominee_units_for_user,
    registry_agencies_for_user,
)

__all__ = [
    "awards_for_check", "get_nominee_for_user", "get_registry_agency_for_user", "nominee_people_for_user",
    "nominee_units_for_user", "registry_agencies_for_user",
]
