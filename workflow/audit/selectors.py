"""Reads of the audit log that depend on who asks: the auditor's scope (design §1, §5).

An auditor is a person holding ``Role.AUDITOR`` over an agency or a province; they see the
events of the agencies in that scope and nothing else — an event or object outside it is the
same 404 as one that does not exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts import vietnamese
from accounts.models import Agency, Province, RoleAssignment, User
from accounts.roles import PERM_AUDIT_AGENCY, PERM_AUDIT_PROVINCE, Role
from accounts.scope import objects_with_perms

from .models import AuditEvent


def is_auditor(user: User) -> bool:
    """Holds an active auditor role anywhere (then the account is read-only everywhere)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return RoleAssignment.objects.filter(user=user, role=Role.AUDITOR, revoked_at__isnull=True).exists()


def audited_agencies(user: User) -> QuerySet[Agency]:
    """Agencies the person audits: their agency-wide auditor roles and every agency of an audited province."""
    if not user.is_authenticated or not user.is_active:
        return Agency.objects.none()
    agencies = objects_with_perms(user, [PERM_AUDIT_AGENCY], Agency).values("pk")
    provinces = objects_with_perms(user, [PERM_AUDIT_PROVINCE], Province).values("pk")
    return Agency.objects.filter(Q(pk__in=agencies) | Q(province__in=provinces)).order_by("name")


@dataclass(frozen=True)
class EventFilter:
    actor: str = ""
    action: str = ""
    content_type_id: int | None = None
    object_id: str = ""
    object_text: str = ""
    agency_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def events_for_user(user: User, filters: EventFilter | None = None) -> QuerySet[AuditEvent]:
    """The log as the auditor may read it, newest first, filtered; ready to paginate.

    Dates are the agency's calendar days (Asia/Ho_Chi_Minh), stored times are UTC.
    """
    filters = filters or EventFilter()
    events = AuditEvent.objects.filter(agency__in=audited_agencies(user).values("pk"))
    if filters.agency_id:
        events = events.filter(agency_id=filters.agency_id)
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.content_type_id:
        events = events.filter(content_type_id=filters.content_type_id)
    if filters.object_id:
        events = events.filter(object_id=filters.object_id)
    if filters.object_text:
        events = events.filter(object_repr__icontains=filters.object_text)
    if filters.actor:
        people = User.objects.all()
        for word in vietnamese.fold(filters.actor).split():
            people = people.filter(Q(name_search_key__contains=word) | Q(username__icontains=word))
        events = events.filter(Q(actor__in=people.values("pk")) | Q(on_behalf_of__in=people.values("pk")))
    if filters.date_from:
        events = events.filter(created_at__gte=_local_midnight(filters.date_from))
    if filters.date_to:
        events = events.filter(created_at__lt=_local_midnight(filters.date_to + dt.timedelta(days=1)))
    return events.select_related("actor", "on_behalf_of", "agency", "content_type").order_by("-seq")


def get_event_for_user(user: User, pk: int) -> AuditEvent:
    event = events_for_user(user).filter(pk=pk).first()
    if event is None:
        raise Http404
    return event
