"""Where each late step of every award flow escalates: what its node declares
(``.Deadline(step=..., escalate_to=...)``), resolved over the agency its process kind names.

A unit head's late step goes to the agency's first-granted deputy chief, whichever flow it is in (the
annual report's section went to the chief before the flows declared it); the secretariat's and a
council member's to the chief; the chief's own to nobody; Sở Nội vụ's to the head of Sở Nội vụ.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from freezegun import freeze_time
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts import services as accounts_services
from accounts.models import Agency
from accounts.roles import Role
from accounts.selectors import role_holders
from nominations.deadlines import NOBODY, TO_CHIEF, TO_DEPUTY, TO_OWN_CHIEF
from nominations.flows import AgencyPledgeFlow, AnnualReportFlow, PledgeFlow
from nominations.flows.council import CouncilFlow
from nominations.flows.dossier import DossierFlow
from nominations.flows.home_affairs import HomeAffairsFlow
from nominations.processes.pledge import pledge_start
from nominations.processes.report import report_start
from workflow.deadlines.escalation import escalation_target
from workflow.deadlines.models import TaskNotice
from workflow.deadlines.reminders import reminders_send
from workflow.registry import registered_flows

from .helpers import edit_task, open_cycle, open_dossier

pytestmark = pytest.mark.django_db

# Who does each human step, and so who stands above it.
DECLARED = {
    (DossierFlow, "edit"): TO_DEPUTY, (DossierFlow, "review"): TO_CHIEF,
    (CouncilFlow, "ballot"): TO_CHIEF, (CouncilFlow, "finalise"): TO_CHIEF, (CouncilFlow, "approve"): NOBODY,
    (HomeAffairsFlow, "review"): TO_OWN_CHIEF, (HomeAffairsFlow, "resubmit"): TO_CHIEF,
    (PledgeFlow, "submit"): TO_DEPUTY, (PledgeFlow, "review"): TO_CHIEF,
    (AgencyPledgeFlow, "compile"): TO_CHIEF, (AgencyPledgeFlow, "sign"): NOBODY,
    (AgencyPledgeFlow, "home_affairs"): TO_OWN_CHIEF,
    (AnnualReportFlow, "write"): TO_DEPUTY, (AnnualReportFlow, "rewrite"): TO_DEPUTY,
    (AnnualReportFlow, "compile"): TO_CHIEF, (AnnualReportFlow, "sign"): NOBODY,
    (AnnualReportFlow, "home_affairs"): TO_OWN_CHIEF,
}


def at(day: str) -> str:
    return f"{day} 02:00:00"  # 09:00 Asia/Ho_Chi_Minh


def test_every_human_step_escalates_as_the_table_says():
    declared = {(flow_class, node.name): node.escalation for flow_class in registered_flows()
                for node in flow_class.instance.nodes() if hasattr(node, "escalation") and node.has_deadline}
    assert declared == DECLARED


def _open(task_of) -> Task:
    task = task_of()
    assert task.status in (STATUS.NEW, STATUS.ASSIGNED) and task.owner is not None
    return task


def _dossier_edit(person):
    return edit_task(open_dossier(open_cycle(2025)))


def _pledge_submit(person):
    head = person("truongphong.kt")
    process = pledge_start(actor=head, unit=head.unit, year=2025)
    task = process.task_set.get(flow_task=PledgeFlow.submit)
    assert PledgeFlow.submit.can_assign(head, task)
    with task.activation() as activation:  # the head takes it from the queue, as "Nhận việc" does
        activation.assign(head)
    return Task.objects.get(pk=task.pk)


def _report_write(person):
    process = report_start(actor=person("hcqt"), agency=Agency.objects.get(code="VP"), year=2025)
    return process.task_set.filter(flow_task=AnnualReportFlow.write).select_related("owner").order_by("pk").first()


@pytest.mark.parametrize("task_of", [_dossier_edit, _pledge_submit, _report_write],
                         ids=["dossier.edit", "pledge.submit", "report.write"])
def test_a_unit_heads_late_step_of_every_flow_escalates_to_the_first_deputy(person, task_of,
                                                                           django_capture_on_commit_callbacks):
    """Given a unit head's open step in each flow, when it is a week late, then the agency's
    first-granted deputy chief is told, and nobody else is written to about it."""
    with freeze_time(at("2025-12-01")):
        task = _open(lambda: task_of(person))
    vp = Agency.objects.get(code="VP")
    deputy = role_holders(Role.DEPUTY_CHIEF, over=vp).first()
    assert deputy is not None and deputy != task.owner
    assert escalation_target(task) == deputy
    mail.outbox.clear()

    due = task.deadline.due_date
    with freeze_time(at((due + dt.timedelta(days=7)).isoformat())), django_capture_on_commit_callbacks(execute=True):
        reminders_send()

    notice = TaskNotice.objects.get(task=task, kind=TaskNotice.Kind.ESCALATION)
    assert notice.recipient == deputy
    assert [m.to for m in mail.outbox if task.owner.full_name in m.subject and "quá hạn" in m.subject.lower()] == [
        [deputy.email]]


def test_without_a_deputy_the_unit_heads_late_step_goes_to_the_chief(person):
    """Given an agency whose deputies have all left, then the chief hears (the next role declared)."""
    vp = Agency.objects.get(code="VP")
    administrator = person("admin")
    for assignment in vp.role_assignments.filter(role=Role.DEPUTY_CHIEF, revoked_at__isnull=True):
        accounts_services.role_revoke(actor=administrator, assignment=assignment)
    task = _dossier_edit(person)

    assert escalation_target(task) == role_holders(Role.CHIEF, over=vp).get()
