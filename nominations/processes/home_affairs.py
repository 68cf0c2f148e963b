"""A Tờ trình at Sở Nội vụ (``HomeAffairsFlow``): sent when the chief approves the session."""

from __future__ import annotations

from ..flows.home_affairs import HomeAffairsFlow
from ..models import OutcomeDocument


def submission_send(*, submission: OutcomeDocument) -> None:
    """The signed Tờ trình goes to Sở Nội vụ, whose officers take its review from their queue."""
    HomeAffairsFlow.start.run(submission=submission)
