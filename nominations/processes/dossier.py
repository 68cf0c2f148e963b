"""A unit's nomination dossier (``DossierFlow``): opened by its unit head, released by the council."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from viewflow.workflow.status import STATUS

from accounts.models import Unit, User

from .. import services
from ..flows.dossier import DossierFlow
from ..models import Award, CommendationKind, Cycle, Dossier, Line
from .running import task_run


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


@dataclass(frozen=True)
class LineDraft:
    """One proposal a unit's system sends: a person of the unit or the unit itself, and the báo cáo thành tích."""

    award: Award
    commendation_kind: CommendationKind
    achievements: str
    person: User | None = None
    unit: Unit | None = None
    report: str = ""


@dataclass(frozen=True)
class FileDraft:
    kind: str
    filename: str
    content: bytes
    line: int | None = None  # index in the lines sent


@transaction.atomic
def dossier_submit_from_system(*, actor: User, cycle: Cycle, unit: Unit, lines: list[LineDraft],
                               files: list[FileDraft]) -> Dossier:
    """A unit's own system sends its dossier in one call (API, issue 22), as its head does on the pages: the
    dossier opened (or the one being drafted or returned), each line added, its báo cáo thành tích written and
    confirmed, the files attached, then the "Lập, bổ sung và nộp" task run with ``dossier_submit`` — the same
    services, the same submission gate, the same audit events; the review reaches the secretariat's inbox. All or
    nothing: a refusal anywhere leaves nothing written."""
    dossier = Dossier.objects.filter(cycle=cycle, unit=unit).first() or dossier_open(actor=actor, cycle=cycle,
                                                                                      unit=unit)
    added = []
    for draft in lines:
        line = services.line_add(actor=actor, dossier=dossier, award=draft.award,
                                 commendation_kind=draft.commendation_kind, achievements=draft.achievements,
                                 person=draft.person, unit=draft.unit)
        if draft.report:
            services.achievement_report_save(actor=actor, line=line, achievements=draft.report)
            services.achievement_report_confirm(actor=actor, line=line)
        added.append(line)
    for draft in files:
        if draft.line is not None and not 0 <= draft.line < len(added):
            raise ValidationError(_("Tệp đính kèm chỉ tới một dòng không có trong hồ sơ gửi lên."))
        services.attachment_add(actor=actor, dossier=dossier, kind=draft.kind, filename=draft.filename,
                                content=draft.content, line=added[draft.line] if draft.line is not None else None)
    task = dossier.process.task_set.filter(flow_task=DossierFlow.edit,
                                           status__in=(STATUS.NEW, STATUS.ASSIGNED)).order_by("-pk").first()
    if task is None:
        raise ValidationError(_("Hồ sơ của đơn vị không ở bước lập, bổ sung: không nộp được."))
    task_run(task=task, actor=actor, action=lambda: services.dossier_submit(actor=actor, dossier=dossier))
    return dossier
