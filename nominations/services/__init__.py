"""Every write of the award domain, one module per concern; import from here.

Modules: ``annulments`` (hủy bỏ and đính chính of an issued decision);
``registries`` (past awards, sáng kiến, discipline, ratings, service, imports); ``pledges``
(đăng ký thi đua of units and agencies, blocs' giao ước).
"""

from .annulments import amendment_apply, amendment_sign, annulment_draft, correction_draft
from .blocs import (
    bloc_assessment_save,
    bloc_covenant_confirm,
    bloc_covenant_sign,
    bloc_results_compile,
    bloc_submission_sign,
    bloc_target_add,
    bloc_vote_cast,
    bloc_vote_close,
)
from .council import (
    agenda_publish,
    ballot_cast,
    council_voters,
    session_approve,
    session_cancel,
    session_create,
    session_finalise,
    session_return,
    session_tally,
)
from .cycles import cycle_close, cycle_open, cycle_reopen, cycle_update, require_secretariat, urgent_cycle_open
from .dossiers import (
    attachment_add,
    dossier_create,
    dossier_release,
    dossier_review,
    dossier_submit,
    line_add,
    line_remove,
    line_update,
    line_withdraw,
    lines_check,
    require_unit_head,
)
from .gates import line_warnings_acknowledge
from .initiatives import initiative_decision_register
from .papers import achievement_report_confirm, achievement_report_pdf_retry, achievement_report_save
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
from .postings import posting_opinion_create
from .registries import (
    discipline_record,
    initiative_record,
    past_award_record,
    person_year_record_save,
    position_record_save,
    registry_import,
    require_registry_keeper,
    service_record_save,
    unit_year_record_save,
)
from .service_awards import service_candidates_confirm
from .submissions import decision_register, submission_answer, submission_resubmit

__all__ = [
    "bloc_assessment_save", "bloc_covenant_confirm", "bloc_covenant_sign", "bloc_results_compile",
    "bloc_submission_sign", "bloc_target_add", "bloc_vote_cast", "bloc_vote_close",
    "position_record_save", "service_candidates_confirm",
    "posting_opinion_create",
    "amendment_apply", "amendment_sign", "annulment_draft", "correction_draft",
    "ballot_cast", "council_voters", "decision_register", "session_approve", "session_cancel", "session_create",
    "session_finalise", "session_return",
    "agenda_publish", "session_tally", "submission_answer", "submission_resubmit",
    "achievement_report_confirm", "achievement_report_pdf_retry", "achievement_report_save",
    "attachment_add", "cycle_close", "cycle_open", "cycle_reopen", "cycle_update", "urgent_cycle_open",
    "dossier_create",
    "dossier_release", "dossier_review",
    "dossier_submit", "line_add", "line_remove", "line_update", "line_warnings_acknowledge", "line_withdraw",
    "lines_check",
    "require_secretariat", "require_unit_head",
    "agency_pledge_compile", "agency_pledge_home_affairs_decide", "agency_pledge_open", "agency_pledge_sign",
    "bloc_covenant_record", "pledge_line_confirm", "pledge_line_remove", "pledge_line_save",
    "pledge_registration_create", "pledge_registration_review", "pledge_registration_submit",
    "pledge_registration_update", "pledge_target_add", "pledge_target_remove",
    "initiative_decision_register",
    "discipline_record", "initiative_record", "past_award_record", "person_year_record_save", "registry_import",
    "require_registry_keeper", "service_record_save", "unit_year_record_save",
]
