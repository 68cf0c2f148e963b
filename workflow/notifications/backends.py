"""An e-mail backend that sends nothing and counts what it was given (``simulate_cycle``'s default:
thousands of console mails buried its summary and broke its ``--json``)."""

from __future__ import annotations

from django.core.mail.backends.base import BaseEmailBackend


class CountingBackend(BaseEmailBackend):
    sent = 0

    def send_messages(self, email_messages) -> int:
        count = len(list(email_messages or []))
        type(self).sent += count
        return count
