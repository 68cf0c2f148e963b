"""A unit's nomination dossier: unit head → secretariat (return for supplement, loop) → waits
for the council → released with its outcomes (design §3 flow 2; Luật Thi đua, khen thưởng 2022,
Điều 84 — hồ sơ đề nghị khen thưởng)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from accounts.models import Agency
from accounts.roles import PERM_SECRETARIAT
from workflow.deadlines.nodes import View
from workflow.locks import process_lock
from workflow.registry import register_flow

from .. import announcements
from ..deadlines import dossier_edit_due, dossier_review_due, due
from ..models import DossierProcess, DossierStatus
from ..views.tasks import dossier_edit_view, dossier_review_view


def _agency(process):
    """The agency whose secretariat reviews (viewflow hands the base Process here)."""
    return Agency.objects.get(cycles__dossiers__process__pk=process.pk)


@register_flow
class DossierFlow(flow.Flow):
    """Hồ sơ đề nghị khen thưởng của đơn vị (Luật TĐKT 2022, Điều 84)."""

    process_class = DossierProcess
    lock_impl = process_lock
    process_title = _("Hồ sơ đề nghị khen thưởng")
    process_summary_template = "{{ process }}"  # viewflow's lists name what the process carries

    start = flow.StartHandle(this.start_dossier).Annotation(title=_("Lập hồ sơ")).Next(this.edit)
    edit = (
        View(dossier_edit_view)
        .Annotation(title=_("Lập, bổ sung và nộp hồ sơ"))
        .Deadline(due=due("dossier.edit", dossier_edit_due))
        .Announce("dossier_returned", context=announcements.dossier_returned)
        .Assign(lambda activation: activation.process.dossier.created_by)
        .Next(this.review)
    )
    review = (
        View(dossier_review_view)
        .Annotation(title=_("Thường trực kiểm tra hồ sơ"))
        .Deadline(due=due("dossier.review", dossier_review_due))
        .Permission(PERM_SECRETARIAT, obj=_agency)
        .Next(this.returned)
    )
    returned = (
        flow.If(lambda activation: activation.process.dossier.status == DossierStatus.RETURNED)
        .Annotation(title=_("Bị trả lại để bổ sung?"))
        .Then(this.edit)
        .Else(this.waiting)
    )
    waiting = (
        flow.If(lambda activation: activation.process.dossier.status == DossierStatus.ACCEPTED)
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
