"""The one lock every flow uses.

viewflow's default ``lock_impl`` is ``no_lock`` (a bare transaction), which lets two voters
completing parallel branches at once both miss the Join. Its ``select_for_update_lock``
uses NOWAIT with five retries and gives up (``FlowLockFailed``) when a council of thirteen
votes at the same instant. Ours waits its turn on the process row instead: every step of a
process runs one after the other, none is lost. SQLite ignores the row lock but serialises
writers anyway.
"""

from viewflow.workflow.lock import SelectForUpdateLock

process_lock = SelectForUpdateLock(nowait=False, attempts=1)
