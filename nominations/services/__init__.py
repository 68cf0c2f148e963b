"""Every write of the award domain, one module per concern; import from here.

Modules: ``registries`` (past awards, sáng kiến, discipline, ratings, service, imports).
"""

from .registries import (
    discipline_record,
    initiative_record,
    past_award_record,
    person_year_record_save,
    registry_import,
    require_registry_keeper,
    service_record_save,
    unit_year_record_save,
)

__all__ = [
    "discipline_record", "initiative_record", "past_award_record", "person_year_record_save", "registry_import",
    "require_registry_keeper", "service_record_save", "unit_year_record_save",
]
