from viewflow import this
from viewflow.workflow import flow

from accounts.models import User
from workflow.locks import process_lock
from workflow.nodes import DynamicSplit, View

from .models import BallotProcess
from .views import vote_view

VOTE_WORKING_DAYS = 3


def _voter(activation):
    return User.objects.get(pk=activation.task.data["voter"])


class BallotFlow(flow.Flow):
    """Test-only: one vote task per voter (DynamicSplit), a Join, and a close step that must run once."""

    process_class = BallotProcess
    lock_impl = process_lock

    start = flow.StartHandle(this.open_ballot).Next(this.split)
    split = DynamicSplit().Next(
        this.vote, data_source=lambda activation: [{"voter": pk} for pk in activation.process.data["voters"]]
    )
    vote = View(vote_view).Assign(_voter).Deadline(working_days=VOTE_WORKING_DAYS).Next(this.join)
    join = flow.Join().Next(this.close)
    close = flow.Function(this.close_ballot).Next(this.end)
    end = flow.End()

    def open_ballot(self, activation, voters):
        activation.process.data = {"voters": [voter.pk for voter in voters]}
        return activation.process

    def close_ballot(self, activation):
        process = activation.process
        process.refresh_from_db(fields=["votes", "closed_times"])
        process.closed_times += 1
        process.save(update_fields=["closed_times"])
