"""Each award process model, described once for the engine (``workflow.processes.ProcessKind``):
what it carries, that object's agency, who may see it, and each step's default length.

The engine reads these for the 404 rule on flow pages and viewflow's lists, the agency of a process
in the audit log, whose secretariat may hand its tasks over, and where a late step escalates. The
flows read ``KIND.carried(process)`` at their gateways: the status as the service has just written
it, never a copy cached on the process.
"""

from __future__ import annotations

from workflow.processes import ProcessKind, register_process_kind

from .deadlines import step_working_days
from .models import (
    AgencyPledgeProcess,
    AnnualReportProcess,
    CouncilProcess,
    DossierProcess,
    HomeAffairsProcess,
    PledgeProcess,
)
from .selectors.council import sessions_for_user, submissions_for_user
from .selectors.dossiers import dossiers_visible_to
from .selectors.pledges import agency_pledges_for_user, pledges_for_user
from .selectors.report import reports_for_user

DOSSIER = ProcessKind(model=DossierProcess, carries="dossier", agency="cycle__agency",
                      visible=dossiers_visible_to, working_days=step_working_days)
COUNCIL = ProcessKind(model=CouncilProcess, carries="session", agency="cycle__agency",
                      visible=sessions_for_user, working_days=step_working_days)
HOME_AFFAIRS = ProcessKind(model=HomeAffairsProcess, carries="submission",
                           agency="document__agency",
                           visible=submissions_for_user, working_days=step_working_days)
PLEDGE = ProcessKind(model=PledgeProcess, carries="registration",
                     agency="unit__agency",
                     visible=pledges_for_user, working_days=step_working_days)
AGENCY_PLEDGE = ProcessKind(model=AgencyPledgeProcess, carries="registration",
                            agency="agency",
                            visible=agency_pledges_for_user, working_days=step_working_days)
REPORT = ProcessKind(model=AnnualReportProcess, carries="report", agency="agency",
                     visible=reports_for_user, working_days=step_working_days)

KINDS = (DOSSIER, COUNCIL, HOME_AFFAIRS, PLEDGE, AGENCY_PLEDGE, REPORT)


def register() -> None:
    for kind in KINDS:
        register_process_kind(kind)
