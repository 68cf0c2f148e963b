"""Every read of the award domain that depends on who asks; one module per concern.

Modules: ``eligibility`` (nominees in scope, awards to check, registry agencies); ``pledges``
(registrations, movements, blocs; ``pledged_titles`` for nominations).
"""

from .council import (
    council_vote_rules,
    cycles_ready_for_a_session,
    get_session_for_user,
    sessions_for_user,
    submissions_for_user,
    submissions_sent_to,
)
from .dossiers import (
    attachments_for_user,
    cycles_for_user,
    cycles_managed_by,
    dossiers_for_user,
    get_attachment_for_user,
    get_cycle_for_user,
    get_dossier_for_user,
    get_managed_cycle,
    lines_for_user,
    reads_as_sent,
    unit_heads_cycles,
)
from .eligibility import (
    awards_for_check,
    get_nominee_for_user,
    get_registry_agency_for_user,
    nominee_people_for_user,
    nominee_units_for_user,
    registry_agencies_for_user,
)
from .pledges import (
    PledgedTitles,
    agency_pledges_for_user,
    blocs_for_user,
    get_agency_pledge_for_user,
    get_bloc_for_user,
    get_pledge_for_user,
    movements_for_year,
    my_pledge_lines,
    pledge_detail,
    pledged_titles,
    pledges_for_user,
    registered_for_emulation,
)

__all__ = [
    "council_vote_rules", "cycles_ready_for_a_session", "get_session_for_user", "sessions_for_user",
    "submissions_for_user",
    "submissions_sent_to", "attachments_for_user", "cycles_for_user", "dossiers_for_user", "get_attachment_for_user",
    "get_cycle_for_user", "get_dossier_for_user", "cycles_managed_by", "get_managed_cycle", "lines_for_user",
    "reads_as_sent", "unit_heads_cycles",
    "PledgedTitles", "agency_pledges_for_user", "blocs_for_user", "get_agency_pledge_for_user", "get_bloc_for_user",
    "get_pledge_for_user", "movements_for_year", "my_pledge_lines", "pledge_detail", "pledged_titles",
    "pledges_for_user", "registered_for_emulation",
    "awards_for_check", "get_nominee_for_user", "get_registry_agency_for_user", "nominee_people_for_user",
    "nominee_units_for_user", "registry_agencies_for_user",
]
