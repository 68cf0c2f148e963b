"""The ballot flow with viewflow's default lock (none), imported only by the tests that prove
the concurrency tests can fail; autodiscovery never loads it, so the system check stays green."""

from viewflow.workflow import lock

from .flows import BallotFlow


class UnlockedBallotFlow(BallotFlow):
    lock_impl = lock.no_lock
