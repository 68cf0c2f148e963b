"""Ending every session of a person who is deactivated.

Django already refuses an inactive user on each request, but the session rows stay: giving the
account back would bring every old browser back in. Deactivating deletes them, after commit (a
rolled-back deactivation ends nothing). Password changes end the other sessions through Django's
session auth hash (``update_session_auth_hash`` keeps only the browser that made the change).
"""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from .models import User


def sessions_end(*, user_pk: int) -> int:
    """Delete every unexpired session signed in as ``user_pk``; the number deleted."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get(SESSION_KEY)) == str(user_pk):
            session.delete()
            ended += 1
    return ended


@receiver(pre_save, sender=User, dispatch_uid="accounts-remember-was-active")
def _remember_was_active(sender, instance: User, **kwargs) -> None:
    instance._was_active = (
        bool(instance.pk) and User.objects.filter(pk=instance.pk, is_active=True).exists()
    )


@receiver(post_save, sender=User, dispatch_uid="accounts-end-sessions-on-deactivation")
def _end_sessions_on_deactivation(sender, instance: User, raw: bool = False, **kwargs) -> None:
    if raw or instance.is_active or not getattr(instance, "_was_active", False):
        return
    transaction.on_commit(lambda pk=instance.pk: sessions_end(user_pk=pk))
