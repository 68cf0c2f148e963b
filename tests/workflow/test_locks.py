"""Concurrency on PostgreSQL: everyone votes at the same instant, nothing is lost, the join fires once.

Real threads, each with its own connection and test client. The same scenario without the lock
(viewflow's default) loses votes, which proves the test can fail.
"""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.flowapp.flows import BallotFlow
from tests.flowapp.models import BallotProcess

pytestmark = [pytest.mark.postgres, pytest.mark.urls("tests.flowapp.urls")]

VOTERS = ["chanhvp", "phochanhvp1", "hoidong1", "hoidong2", "hoidong3", "truongphong.kt", "truongphong.nc"]


def vote_all_at_once(flow_class, namespace: str) -> BallotProcess:
    voters = [User.objects.get(username=u) for u in VOTERS]
    process = flow_class.start.run(voters=voters)
    tasks = list(process.task_set.filter(flow_task=flow_class.vote).select_related("owner"))
    barrier = threading.Barrier(len(tasks))
    statuses: list[int] = []

    def vote(task):
        try:
            client = Client()
            client.force_login(task.owner)
            url = reverse(f"{namespace}:vote:execute", args=[process.pk, task.pk])
            barrier.wait()
            statuses.append(client.post(url).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(task,)) for task in tasks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302] * len(tasks)
    return BallotProcess.objects.get(pk=process.pk)


def test_simultaneous_votes_all_count_and_the_join_fires_once(seeded_transactional_db):
    process = vote_all_at_once(BallotFlow, "ballot")

    assert process.votes == len(VOTERS)
    assert process.closed_times == 1
    assert process.status == "DONE"


def test_without_the_lock_votes_are_lost(seeded_transactional_db):
    from tests.flowapp.unlocked import UnlockedBallotFlow

    process = vote_all_at_once(UnlockedBallotFlow, "unlocked_ballot")

    assert process.votes < len(VOTERS) or process.closed_times != 1
