"""Who hears of an overdue task: what its node declares (``.Deadline(escalate_to=...)``).

The flow says, step by step, who stands above the person doing it — a unit head's late step goes
to the agency's deputy chief, the secretariat's to the chief, the chief's own to nobody — as roles
held over the agency the process kind names (``workflow.processes``), or over the task owner's own
agency for a step done in another agency (Sở Nội vụ's). A node that declares nothing (engine tests'
flows) falls back to the chief of the owner's agency.
"""

from __future__ import annotations

from dataclasses import dataclass

from accounts.models import Agency, User
from accounts.roles import Role
from accounts.selectors import role_holders
from workflow.processes import process_agency

PROCESS = "process"
OWNER = "owner"


@dataclass(frozen=True)
class Escalation:
    """The roles tried in order over the agency of the process (``of=PROCESS``) or of the task's owner
    (``of=OWNER``); the first active holder other than the owner is told. No roles: nobody."""

    roles: tuple[str, ...] = ()
    of: str = PROCESS

    def __post_init__(self) -> None:
        if self.of not in (PROCESS, OWNER):
            raise ValueError(f"escalate_to(of=...) must be {PROCESS!r} or {OWNER!r}")

    def agency(self, task) -> Agency | None:
        if self.of == OWNER:
            owner = task.owner
            return owner.unit.agency if owner is not None and owner.unit_id else None
        return process_agency(task.process)

    def target(self, task) -> User | None:
        if not self.roles:
            return None
        agency = self.agency(task)
        if agency is None:
            return None
        for role in self.roles:
            holder = role_holders(role, over=agency).exclude(pk=task.owner_id).first()
            if holder is not None:
                return holder
        return None


def escalate_to(*roles: str, of: str = PROCESS) -> Escalation:
    return Escalation(roles=tuple(roles), of=of)


NOBODY = Escalation()


def chief_of_owners_agency(task) -> User | None:
    """The head of the task owner's agency (Role.CHIEF), unless the owner is that head."""
    return escalate_to(Role.CHIEF, of=OWNER).target(task)


def escalation_target(task) -> User | None:
    escalation = getattr(task.flow_task, "escalation", None)
    if escalation is None:
        return chief_of_owners_agency(task)
    return escalation.target(task)
