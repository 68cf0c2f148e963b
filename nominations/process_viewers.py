"""Who may see a process of the award flows: whoever may see the dossier, registration, session or
Tờ trình or annual report it carries.

The engine answers 404 on every flow URL of a process the person may not see (``workflow.middleware``),
so another unit's or another agency's process looks exactly like a missing one (design §1: lookups are
404 alike for missing and forbidden).
"""

from __future__ import annotations

from viewflow.workflow.models import Process

from accounts.models import User


def _carried() -> dict:
    """Each process model, with the lookup to what it carries and the selector of what a person sees."""
    from .models import (
        AgencyPledgeProcess,
        AnnualReportProcess,
        CouncilProcess,
        DossierProcess,
        HomeAffairsProcess,
        PledgeProcess,
    )
    from .selectors.council import sessions_for_user, submissions_for_user
    from .selectors.dossiers import dossiers_for_user
    from .selectors.pledges import agency_pledges_for_user, pledges_for_user
    from .selectors.report import reports_for_user

    return {
        DossierProcess: ("dossier__in", dossiers_for_user),
        PledgeProcess: ("registration__in", pledges_for_user),
        AgencyPledgeProcess: ("registration__in", agency_pledges_for_user),
        CouncilProcess: ("session__in", sessions_for_user),
        HomeAffairsProcess: ("submission__in", submissions_for_user),
        AnnualReportProcess: ("report__in", reports_for_user),
    }


def can_view_process(user: User, process: Process) -> bool:
    carried = _carried()
    flow_class = process.flow_class
    model = getattr(flow_class, "process_class", None) if flow_class else None
    if model not in carried:
        return False
    lookup, visible = carried[model]
    return model.objects.filter(pk=process.pk, **{lookup: visible(user).values("pk")}).exists()


def visible_process_ids(user: User) -> list[int]:
    """Ids of every process of the award flows whose dossier, registration, session, Tờ trình or
    report the person may see: the lists of viewflow's flow pages, as ``can_view_process`` for one.
    One query per kind of process, read at once (nested, SQLite's parser gives up)."""
    ids: list[int] = []
    for model, (lookup, visible) in _carried().items():
        ids.extend(model.objects.filter(**{lookup: visible(user).values("pk")}).values_list("pk", flat=True))
    return ids
