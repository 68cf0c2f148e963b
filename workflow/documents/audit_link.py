"""The audit chain head an issued document carries in its PDF metadata, if the audit log is installed.

``workflow.audit`` (the hash-chained log, design §5) is built separately; without its
``chain_head()`` the head stays empty instead of the engine failing.
"""

from __future__ import annotations

import importlib


def audit_chain_head() -> str:
    try:
        audit = importlib.import_module("workflow.audit")
    except ImportError:
        return ""
    chain_head = getattr(audit, "chain_head", None)
    if chain_head is None:
        return ""
    head = chain_head()
    return "" if head is None else str(head)
