"""Every write of the award domain, one module per concern; import from here.

Modules: ``registries`` (past awards, sáng kiến, discipline, ratings, service, imports); ``pledges``
(đăng ký thi đua of units and agencies, blocs' giao ước).
"""

from .pledges import (
    agency_pledge_compile,
    agency_pledge_home_affairs_decide,
    agency_pledge_open,
    agency_pledge_sign,
    bloc_covenant_record,
    pledge_line_confirm,
    pledge_line_remove,
    pledge_line_save,
    pledge_registration_create,
    pledge_registration_review,
    pledge_registration_submit,
    pledge_registration_update,
    pledge_target_add,
    pledge_target_remove,
)
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
    "agency_pledge_compile", "agency_pledge_home_affairs_decide", "agency_pledge_open", "agency_pledge_sign",
    "bloc_covenant_record", "pledge_line_confirm", "pledge_line_remove", "pledge_line_save",
    "pledge_registration_create", "pledge_registration_review", "pledge_registration_submit",
    "pledge_registration_update", "pledge_target_add", "pledge_target_remove",
    "discipline_record", "initiative_record", "past_award_record", "person_year_record_save", "registry_import",
    "require_registry_keeper", "service_record_save", "unit_year_record_save",
]
