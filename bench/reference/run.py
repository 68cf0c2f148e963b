"""Drive the reference flow from code, as a naive batch over the nominations would: one process per nomination,
each step found by a query, locked, assigned, started and executed through viewflow's activation API."""

from __future__ import annotations

from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from .flows import NominationFlow

COUNCIL_SAYS_NO_EVERY = 20  # every 20th nomination the council turns down (a majority votes no)


def _step(process, node, actor, *, process_data: dict, task_data: dict) -> None:
    task = Task.objects.get(process=process, flow_task=node, status__in=[STATUS.NEW, STATUS.ASSIGNED])
    with task.activation() as activation:
        if activation.task.status == STATUS.NEW:
            activation.assign(actor)
        activation.start(None)
        activation.process.data.update(process_data)
        activation.process.save(update_fields=["data"])
        activation.task.data = task_data
        activation.execute()


def decide(*, nominees: list, head, secretariat, chair, members: list, chief, award: str = "LDTT") -> list:
    """Take each nominee through the whole flow; returns the processes (one per nominee)."""
    actors = {"head": head.pk, "secretariat": secretariat.pk, "chair": chair.pk, "chief": chief.pk}
    council = [chair, *members]
    processes = []
    for index, nominee in enumerate(nominees, start=1):
        process = NominationFlow.submit.run(
            head=head, nominee=nominee, award=award, actors=actors,
            achievements="Hoàn thành tốt nhiệm vụ được giao; tích cực tham gia phong trào thi đua.")
        review = {"accepted": True, "by": secretariat.pk, "note": "Đủ hồ sơ."}
        _step(process, NominationFlow.review, secretariat, process_data={"review": review}, task_data=review)
        turned_down = index % COUNCIL_SAYS_NO_EVERY == 0
        votes = {str(member.pk): not (turned_down and position % 3 != 0) for position, member in enumerate(council)}
        _step(process, NominationFlow.vote, chair, process_data={"votes": votes}, task_data={"votes": votes})
        if not turned_down:
            approval = {"approved": True, "by": chief.pk}
            _step(process, NominationFlow.approve, chief, process_data={"approval": approval}, task_data=approval)
        processes.append(process)
    return processes
