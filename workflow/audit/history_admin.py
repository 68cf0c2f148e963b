"""simple-history's admin revert, really disabled.

``SIMPLE_HISTORY_REVERT_DISABLED`` only hides the "Revert" button: a POST to the admin's
history form of an old version still saves that version over the current one, rewriting the
record without any service, audit event or reason. The engine wraps the view once, at start
up, so that any write to it is refused while the setting is on (every ``SimpleHistoryAdmin``
of every app, without those apps importing the engine).
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


def refuse_history_reverts() -> None:

    original = SimpleHistoryAdmin.history_form_view
    if getattr(original, "_refuses_reverts", False):
        return

    @functools.wraps(original)
    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD") and getattr(settings, "SIMPLE_HISTORY_REVERT_DISABLED", False):
            raise PermissionDenied
        return original(self, request, object_id, version_id, extra_context=extra_context)

    history_form_view._refuses_reverts = True
    SimpleHistoryAdmin.history_form_view = history_form_view
