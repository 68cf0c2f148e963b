"""Signals the organisation layer sends; ``workflow`` (the audit log) listens.

``accounts`` imports nothing of ours, so it announces role changes instead of writing audit
events itself. Each is sent inside the granting transaction.
"""

from django.dispatch import Signal

# kwargs: assignment, actor
role_granted = Signal()
# kwargs: assignment, actor, reason
role_revoked = Signal()
