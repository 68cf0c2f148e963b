"""The bare reference of bench/province.py (issue 23) decides what it claims to: one viewflow process per
nomination, every step a task done by its person, the decision recorded — so its nominations/s is a fair floor."""

from __future__ import annotations

from django.test import modify_settings
from viewflow.workflow.status import PROCESS, STATUS

from accounts.models import User

REFERENCE_APP = "bench.reference.apps.ReferenceConfig"


@modify_settings(INSTALLED_APPS={"append": REFERENCE_APP})
def test_the_reference_takes_each_nomination_through_its_own_process_to_a_recorded_decision(db):
    from viewflow.workflow.models import Process, Task

    from bench.reference.flows import NominationFlow
    from bench.reference.run import decide

    # Given people of the seeded Office in the reference's roles, and three nominees
    users = list(User.objects.filter(is_active=True).order_by("pk"))
    head, secretariat, chair, chief, *members = users[:8]
    nominees = users[8:11]

    # When the reference decides their nominations
    decide(nominees=nominees, head=head, secretariat=secretariat, chair=chair, members=members, chief=chief)

    # Then each nominee had one process, finished, with the chief's decision written in it
    processes = list(Process.objects.filter(flow_class=NominationFlow).order_by("pk"))
    assert [p.data["nominee"] for p in processes] == [n.pk for n in nominees]
    assert all(p.status == PROCESS.DONE for p in processes)
    assert [p.data["decision"]["outcome"] for p in processes] == ["awarded"] * 3
    assert {p.data["decision"]["decided_by"] for p in processes} == {chief.pk}
    # and every human step was a task done by its person, with what they decided
    done = Task.objects.filter(process__in=processes, status=STATUS.DONE)
    def owners(node):
        return list(done.filter(flow_task=node).values_list("owner_id", flat=True))

    assert owners(NominationFlow.review) == [secretariat.pk] * 3
    assert owners(NominationFlow.vote) == [chair.pk] * 3
    approvals = done.filter(flow_task=NominationFlow.approve)
    assert [t.owner_id for t in approvals] == [chief.pk] * 3
    assert all(t.data == {"approved": True, "by": chief.pk} for t in approvals)
    votes = done.filter(flow_task=NominationFlow.vote).first().data["votes"]
    assert len(votes) == 1 + len(members)
