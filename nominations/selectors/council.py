"""Reads of council sessions and submissions that depend on who asks."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from accounts.models import Agency, Province, User
from accounts.roles import PERM_HOME_AFFAIRS, PERM_SECRETARIAT

from ..models import Cycle, LineStatus, OutcomeDocument, OutcomeDocumentKind, Session
from .dossiers import _agency_filter


def sessions_for_user(user: User) -> QuerySet[Session]:
    """Sessions of the agencies the person works over (secretariat, chief, deputies, council, auditor)."""
    if not user.is_authenticated or not user.is_active:
        return Session.objects.none()
    return (Session.objects.filter(_agency_filter(user, "cycle__agency")).select_related("cycle__agency", "minutes")
            .annotate(item_count=Count("items", distinct=True)).distinct())


def cycles_ready_for_a_session(user: User) -> QuerySet[Cycle]:
    """Open cycles with accepted lines to put on an agenda, of the agencies where the person is the
    secretariat (who alone builds a session, domain §4), each with ``accepted_count``: one query."""
    if not user.is_authenticated or not user.is_active:
        return Cycle.objects.none()
    agencies = get_objects_for_user(user, [PERM_SECRETARIAT], klass=Agency, accept_global_perms=False,
                                    with_superuser=False).values("pk")
    return (Cycle.objects.filter(agency__in=agencies, is_open=True)
            .annotate(accepted_count=Count("lines", filter=Q(lines__status=LineStatus.ACCEPTED)))
            .filter(accepted_count__gt=0).select_related("agency").order_by("-year", "-pk"))


def get_session_for_user(user: User, pk: int) -> Session:
    session = sessions_for_user(user).filter(pk=pk).first()
    if session is None:
        raise Http404
    return session


def submissions_for_user(user: User) -> QuerySet[OutcomeDocument]:
    """Tờ trình: the agency sees its own; Home Affairs sees only what was issued and sent to them."""
    if not user.is_authenticated or not user.is_active:
        return OutcomeDocument.objects.none()
    provinces = get_objects_for_user(user, [PERM_HOME_AFFAIRS], klass=Province, accept_global_perms=False,
                                     with_superuser=False).values("pk")
    own = _agency_filter(user, "session__cycle__agency")
    sent = OutcomeDocument.objects.filter(document__agency__province__in=provinces, document__status="ready")
    return (OutcomeDocument.objects.filter(kind=OutcomeDocumentKind.SUBMISSION)
            .filter(own | Q(pk__in=sent.values("pk")))
            .select_related("document__agency", "session__cycle").distinct())
