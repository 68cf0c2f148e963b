"""Signed webhooks (issue 22): another system subscribes to events and is told of them after commit.

- ``events``: which audit events may be subscribed to (``register_webhook_event``), who may hear of which object.
- ``models``: ``WebhookSubscription`` (an API client's URL, secret and chosen events) and ``WebhookDelivery``
  (the transactional outbox: one row per event and matching subscription, written with the audit event).
- ``outbox``: the audit log's listener writing those rows; ``services``: subscriptions, sending, retrying.
- ``signing``: the signature scheme and ``verify_signature``, the helper a receiver uses.
"""
