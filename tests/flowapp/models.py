from django.db import models
from viewflow.workflow.models import Process


class BallotProcess(Process):
    """Counts votes with a read-modify-write, so a missing lock loses votes."""

    votes = models.PositiveIntegerField(default=0)
    closed_times = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Ballot #{self.pk}"
