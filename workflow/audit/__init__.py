"""The audit log of the engine: append-only, hash-chained, readable by auditors (design §5).

Public API (everything else in the package is internal):

- ``audit_record(*, actor, action, obj=None, agency=None, reason="", changes=None,
  on_behalf_of=None)`` — call inside your service's transaction.
- ``audit_record_many(*, drafts=[EventDraft(...), …])`` — several at once.
- ``Action`` (the engine's codes), ``register_action(code, label)``, ``action_label(code)``.
- ``mark_secret(model, *fields)`` — secret-ballot fields never shown or stored.
- ``register_agency_resolver(fn)`` — tell the engine which agency a domain object belongs to.
- ``chain_head()`` — the current head (``.seq``, ``.hash``, ``.short``) for issued documents' PDF metadata.
- ``verify_chain()`` — what ``manage.py verify_audit`` runs.
"""

from .actions import Action, action_label, register_action
from .agency import register_agency_resolver
from .chain import ChainHead, VerifyResult, chain_head, verify_chain
from .secrets import mark_secret
from .services import EventDraft, audit_record, audit_record_many

__all__ = [
    "Action", "ChainHead", "EventDraft", "VerifyResult", "action_label", "audit_record", "audit_record_many",
    "chain_head", "mark_secret", "register_action", "register_agency_resolver", "verify_chain",
]
