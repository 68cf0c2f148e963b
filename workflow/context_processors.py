"""What every page's template may read about the signed-in person's work, computed only when read."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from .inbox import inbox_count as count_inbox


def inbox(request) -> dict:
    """``inbox_count``: how many tasks wait in "Việc của tôi" (``workflow.inbox``). Lazy: the COUNT runs
    only on a page whose template prints or tests it; a page that does not read it pays nothing."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"inbox_count": 0}
    return {"inbox_count": SimpleLazyObject(lambda: count_inbox(user))}
