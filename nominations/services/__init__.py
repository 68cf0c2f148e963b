"""Every write of the award domain, one module per concern; import from here.

Modules: ``registries`` (past awards, sáng kiến, discipline, ratings, service, imports).
"""

from .council import (
    ballot_cast,
    council_voters,
    session_approve,
    session_create,
    session_finalise,
    session_publish,
    session_tally,
)
from .cycles import cycle_close, cycle_open, require_secretariat
from .dossiers import (
    attachment_add,
    dossier_open,
    dossier_release,
    dossier_review,
    dossier_submit,
    line_add,
    line_remove,
    lines_check,
    require_unit_head,
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
from .submissions import decision_register, submission_answer, submission_resubmit

__all__ = [
    "ballot_cast", "council_voters", "decision_register", "session_approve", "session_create", "session_finalise",
    "session_publish", "session_tally", "submission_answer", "submission_resubmit",
    "attachment_add", "cycle_close", "cycle_open", "dossier_open", "dossier_release", "dossier_review",
    "dossier_submit", "line_add", "line_remove", "lines_check", "require_secretariat", "require_unit_head",
    "discipline_record", "initiative_record", "past_award_record", "person_year_record_save", "registry_import",
    "require_registry_keeper", "service_record_save", "unit_year_record_save",
]
