"""A unit's nomination dossier (``DossierFlow``): opened by its unit head, released by the council."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from viewflow.workflow.status import STATUS

from accounts.models import Unit, User

from .. import services
from ..flows.dossier import DossierFlow
from ..models import Cycle, Dossier, Line


@transaction.atomic
def dossier_open(*, actor: User, cycle: Cycle, unit: Unit) -> Dossier:
    """The unit head opens the unit's dossier for the cycle; its flow starts at "Lập, bổ sung và nộp"."""
    dossier = services.dossier_create(actor=actor, cycle=cycle, unit=unit)
    DossierFlow.start.run(dossier=dossier, actor=actor)
    return dossier


def dossiers_release(*, actor: User, dossiers: Iterable[Dossier]) -> None:
    """Dossiers whose every line has its outcome leave the council's wait (their flow ends)."""
    for dossier in sorted(dossiers, key=lambda d: d.pk):
        if services.dossier_release(actor=actor, dossier=dossier):
            task = dossier.process.task_set.filter(flow_task=DossierFlow.wait_council, status=STATUS.NEW).first()
            if task is not None:
                DossierFlow.wait_council.run(task)


@transaction.atomic
def line_withdraw(*, actor: User, line: Line, reason: str) -> Line:
    """The secretariat takes an accepted line out of the cycle; a dossier left with no line waiting for
    the council leaves its wait (its flow ends)."""
    line = services.line_withdraw(actor=actor, line=line, reason=reason)
    dossiers_release(actor=actor, dossiers=[line.dossier])
    return line


@transaction.atomic
def urgent_dossier_open(*, actor: User, unit: Unit, deed: str) -> Dossier:
    """A unit head reports a thành tích đột xuất: its own đột xuất cycle opens (``services.urgent_cycle_open``)
    and the unit's dossier in it, at "Lập, bổ sung và nộp", due in days."""
    cycle = services.urgent_cycle_open(actor=actor, unit=unit, deed=deed)
    return dossier_open(actor=actor, cycle=cycle, unit=unit)
