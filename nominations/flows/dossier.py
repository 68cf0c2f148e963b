"""A unit's nomination dossier: unit head → secretariat (return for supplement, loop) → waits
for the council → released with its outcomes (design §3 flow 2; Luật Thi đua, khen thưởng 2022,
Điều 84 — hồ sơ đề nghị khen thưởng)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from accounts.roles import PERM_SECRETARIAT
from workflow.locks import process_lock
from workflow.nodes import View, lazy_view
from workflow.registry import register_flow

from .. import announcements
from ..deadlines import TO_CHIEF, TO_DEPUTY, dossier_edit_due, dossier_review_due
from ..models import DossierProcess, DossierStatus
from ..process_kinds import DOSSIER

VIEWS = "nominations.views.tasks."


def _status(activation) -> str:
    return DOSSIER.carried(activation.process).status


@register_flow
class DossierFlow(flow.Flow):
    """Hồ sơ đề nghị khen thưởng của đơn vị (Luật TĐKT 2022, Điều 84)."""

    process_class = DossierProcess
    lock_impl = process_lock
    process_title = _("Hồ sơ đề nghị khen thưởng")
    process_summary_template = "{{ process }}"  # viewflow's lists name what the process carries

    start = flow.StartHandle(this.start_dossier).Annotation(title=_("Lập hồ sơ")).Next(this.edit)
    edit = (
        View(lazy_view(VIEWS + "dossier_edit_view"))
        .Annotation(title=_("Lập, bổ sung và nộp hồ sơ"))
        .Deadline(step="dossier.edit", due=dossier_edit_due, escalate_to=TO_DEPUTY)
        .Announce("dossier_returned", context=announcements.dossier_returned)
        .Assign(lambda activation: activation.process.dossier.created_by)
        .Next(this.review)
    )
    review = (
        View(lazy_view(VIEWS + "dossier_review_view"))
        .Annotation(title=_("Thường trực kiểm tra hồ sơ"))
        .Deadline(step="dossier.review", due=dossier_review_due, escalate_to=TO_CHIEF)
        .Permission(PERM_SECRETARIAT, obj=DOSSIER.agency_of)
        .Next(this.returned)
    )
    returned = (
        flow.If(lambda activation: _status(activation) == DossierStatus.RETURNED)
        .Annotation(title=_("Bị trả lại để bổ sung?"))
        .Then(this.edit)
        .Else(this.waiting)
    )
    waiting = (
        flow.If(lambda activation: _status(activation) == DossierStatus.ACCEPTED)
        .Annotation(title=_("Được tiếp nhận?"))
        .Then(this.wait_council)
        .Else(this.end)
    )
    wait_council = flow.Handle(this.released).Annotation(title=_("Chờ Hội đồng xét")).Next(this.end)
    end = flow.End().Annotation(title=_("Kết thúc"))

    def start_dossier(self, activation, dossier, actor):
        activation.process.dossier = dossier
        return activation.process

    def released(self, activation):
        return None
