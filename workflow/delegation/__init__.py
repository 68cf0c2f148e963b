"""Delegation and reassignment of tasks.

How the delegate acts: on creation of a delegation (and when it starts), the delegator's open
tasks are reassigned to the delegate, and so is every task created for the delegator while it
lasts; when it ends or is revoked, the tasks still open go back. viewflow lets only a task's
owner execute it, so reassignment keeps viewflow's own permission rule intact instead of
widening it; each hand-over is a ``TaskDelegation`` row naming both people, which is what
``acting_for(task)`` reads for the audit log and the signature block ("KT. <the head's title> /
<the deputy's title>", from the agency's data: Nghị định 30/2020/NĐ-CP, Điều 13).
"""
