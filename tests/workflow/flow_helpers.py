"""Driving BallotFlow (tests/flowapp) in the engine's tests."""

from django.urls import reverse

from accounts.models import User
from tests.flowapp.flows import BallotFlow
from tests.flowapp.models import BallotProcess


def open_ballot(usernames) -> BallotProcess:
    voters = [User.objects.get(username=u) for u in usernames]
    return BallotProcess.objects.get(pk=BallotFlow.start.run(voters=voters).pk)


def vote_task(process, username=None, *, voter=None):
    tasks = process.task_set.filter(flow_task=BallotFlow.vote)
    if voter is not None:
        return tasks.get(data__voter=User.objects.get(username=voter).pk)
    return tasks.get(owner__username=username)


def vote_url(process, task) -> str:
    return reverse("ballot:vote:execute", args=[process.pk, task.pk])
