"""Signals the organisation layer sends; ``workflow`` (the audit log) listens.

``accounts`` imports nothing of ours, so it announces role changes instead of writing audit
events itself. Each is sent inside the granting transaction.
"""

from django.dispatch import Signal

# kwargs: assignment, actor
role_granted = Signal()
# kwargs: assignment, actor, reason
role_revoked = Signal()
# kwargs: client, actor — a new access token was issued to an API client (its secret is never sent)
api_token_issued = Signal()
# kwargs: client, actor, changes — an API client was registered, or switched on or off
api_client_changed = Signal()
