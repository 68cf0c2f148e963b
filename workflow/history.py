"""Saving a history-tracked row the one way every service does (design §4, §5)."""

from __future__ import annotations

from django.db import models


def history_save(obj: models.Model, actor) -> models.Model:
    """Validate (``full_clean``), record who made the change in simple-history, and save."""
    obj.full_clean()
    obj._history_user = actor
    obj.save()
    return obj
