"""The bare reference flow of issue 23: what naive code on viewflow 2.4 would do — one process per nomination.

The same shape as a line's way through our engine: the unit head submits the nomination (the process starts),
the secretariat reviews it, the council votes on it, the chief approves, the decision is recorded. Every step is
a viewflow task run through viewflow's own API (``StartHandle.run``, ``task.activation()``, ``assign``,
``start``, ``execute``) under viewflow's row lock, each in its own transaction, with the business data of the
nomination in viewflow's ``Process.data`` and each step's actor and verdict in its task (``owner``, ``data``).

The council's votes are one task (the chair enters each member's vote) rather than a task per member: viewflow
2.4's ``Split`` opens a fixed set of branches, and one task is the cheaper choice — it makes the reference
faster, so the ratio ours/reference is, if anything, harder for us. No PDFs, no numbering, no audit chain, no
history rows, no gates: the reference is the floor of one process per nomination, not an equivalent system.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone
from viewflow import this
from viewflow.workflow import flow
from viewflow.workflow.flow.views import UpdateProcessView
from viewflow.workflow.lock import SelectForUpdateLock

# Never served (the benchmark drives the flow from code); viewflow's View node wants a view.
_form = UpdateProcessView.as_view(fields=[])


def _user(activation, role: str):
    return get_user_model()._default_manager.get(pk=activation.process.data["actors"][role])


class NominationFlow(flow.Flow):
    """One nomination: submitted → reviewed → voted → approved → decision recorded."""

    lock_impl = SelectForUpdateLock(nowait=False, attempts=1)

    submit = flow.StartHandle(this.start_nomination).Next(this.review)
    review = flow.View(_form).Assign(lambda activation: _user(activation, "secretariat")).Next(this.reviewed)
    reviewed = flow.If(lambda activation: activation.process.data["review"]["accepted"]).Then(
        this.vote).Else(this.record)
    vote = flow.View(_form).Assign(lambda activation: _user(activation, "chair")).Next(this.voted)
    voted = flow.If(this.council_agrees).Then(this.approve).Else(this.record)
    approve = flow.View(_form).Assign(lambda activation: _user(activation, "chief")).Next(this.record)
    record = flow.Function(this.record_decision).Next(this.end)
    end = flow.End()

    def start_nomination(self, activation, *, head, nominee, award: str, achievements: str, actors: dict):
        activation.process.data = {
            "nominee": nominee.pk, "nominee_name": nominee.get_full_name() or nominee.username, "award": award,
            "achievements": achievements, "submitted_by": head.pk, "submitted_at": timezone.now().isoformat(),
            "actors": actors,
        }
        activation.task.owner = head
        return activation.process

    def council_agrees(self, activation) -> bool:
        votes = activation.process.data["votes"]
        return sum(1 for yes in votes.values() if yes) * 2 > len(votes)

    def record_decision(self, activation):
        data = activation.process.data
        approved = data.get("approval", {}).get("approved", False)
        data["decision"] = {
            "outcome": "awarded" if approved else "not_awarded", "award": data["award"], "nominee": data["nominee"],
            "decided_by": data["approval"]["by"] if approved else None, "recorded_at": timezone.now().isoformat(),
        }
        activation.process.save(update_fields=["data"])
