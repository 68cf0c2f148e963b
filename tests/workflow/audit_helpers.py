"""Helpers shared by the audit tests: tampering with the log behind the triggers' back."""

from __future__ import annotations

import contextlib

from django.db import connection

from workflow.audit import triggers


@contextlib.contextmanager
def triggers_dropped():
    """Remove the append-only triggers for the block (as an attacker with DDL rights would), then restore them."""
    triggers.drop(connection)
    try:
        with connection.cursor() as cursor:
            yield cursor
    finally:
        triggers.install(connection)
