"""Who may hand their tasks to whom: the same scope, the deputy of the same office."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.models import Agency, User
from accounts.roles import Role
from accounts.selectors import roles_here
from workflow.processes import process_agency


def delegate_scope_error(delegator: User, delegate: User) -> str | None:
    """Why ``delegate`` may not act for ``delegator``, or None when they may.

    The chief hands over to a deputy of the same agency (who signs "KT."), a unit head to a
    member of the same unit, anyone else to a colleague of the same unit.
    """
    if delegate.pk == delegator.pk:
        return _("Không thể ủy quyền cho chính mình.")
    if not delegate.is_active:
        return _("Người được ủy quyền không còn hoạt động trong hệ thống.")
    if delegator.unit_id is None or delegate.unit_id is None:
        return _("Người ủy quyền và người được ủy quyền phải thuộc một đơn vị.")
    if Role.CHIEF in roles_here(delegator, delegator.unit):
        agency = delegator.unit.agency
        is_deputy = delegate.unit.agency_id == agency.pk and Role.DEPUTY_CHIEF in roles_here(delegate, agency)
        return None if is_deputy else _("Thủ trưởng cơ quan chỉ ủy quyền cho cấp phó của cùng cơ quan.")
    if delegate.unit_id != delegator.unit_id:
        return _("Chỉ ủy quyền cho người cùng đơn vị.")
    return None


def task_agency(task) -> Agency | None:
    """The agency whose secretariat manages the task: its process kind's (``workflow.processes``),
    else the owner's (or the first holder's) agency."""
    agency = process_agency(task.process)
    if agency is not None:
        return agency
    person = task.owner
    if person is None:
        handover = task.handovers.select_related("from_user__unit__agency").first()
        person = handover.from_user if handover else None
    if person is None or person.unit_id is None:
        return None
    return person.unit.agency


def is_secretariat_of(user: User, agency: Agency | None) -> bool:
    return agency is not None and Role.SECRETARIAT in roles_here(user, agency)
