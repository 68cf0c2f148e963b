"""Opening and closing cycles (đợt xét): the secretariat of the agency, or an administrator."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Agency, User
from accounts.roles import Role
from accounts.selectors import roles_here
from workflow.audit import audit_record

from ..audit import CYCLE_OPENED
from ..models import Cycle


def require_secretariat(actor: User, agency: Agency) -> None:
    if Role.SECRETARIAT not in roles_here(actor, agency):
        raise PermissionDenied(_("Chỉ thường trực thi đua – khen thưởng của cơ quan mới được làm việc này."))


@transaction.atomic
def cycle_open(
    *, actor: User, agency: Agency, year: int, name: str, nominations_due: dt.date,
    posting_from: dt.date | None = None, posting_to: dt.date | None = None, council_date: dt.date | None = None,
) -> Cycle:
    """Open a cycle of the agency; units can then submit their dossiers until ``nominations_due``."""
    if not actor.has_perm("nominations.add_cycle"):
        require_secretariat(actor, agency)
    cycle = Cycle(agency=agency, year=year, name=name.strip(), nominations_due=nominations_due,
                  posting_from=posting_from, posting_to=posting_to, council_date=council_date, created_by=actor)
    cycle.full_clean()
    cycle._history_user = actor
    cycle.save()
    audit_record(actor=actor, action=CYCLE_OPENED, obj=cycle, agency=agency,
                 changes={"year": year, "nominations_due": nominations_due.isoformat()})
    return cycle


@transaction.atomic
def cycle_close(*, actor: User, cycle: Cycle) -> Cycle:
    """Stop taking new dossiers; those already open go on."""
    if not actor.has_perm("nominations.change_cycle"):
        require_secretariat(actor, cycle.agency)
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    cycle.is_open = False
    cycle._history_user = actor
    cycle.save()
    return cycle
