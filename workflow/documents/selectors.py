"""Reads of documents that depend on who asks: scope is the issuing agency (design §5)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Agency, User
from accounts.roles import Role
from accounts.selectors import agencies_in_scope, roles_here

from .models import IssuedDocument

DRAFTING_ROLES = frozenset({Role.SECRETARIAT, Role.CHIEF, Role.DEPUTY_CHIEF})
SIGNING_ROLES = frozenset({Role.CHIEF, Role.DEPUTY_CHIEF})


def documents_for_user(user: User) -> QuerySet[IssuedDocument]:
    """Documents of the agencies the person works over as a whole, and those they drafted."""
    if not user.is_authenticated or not user.is_active:
        return IssuedDocument.objects.none()
    return (
        IssuedDocument.objects.filter(Q(agency__in=agencies_in_scope(user).values("pk")) | Q(created_by=user))
        .select_related("agency", "signer")
        .distinct()
    )


def get_document_for_user(user: User, pk: int) -> IssuedDocument:
    """The document, or 404 alike when it does not exist and when it is outside the person's scope."""
    document = documents_for_user(user).filter(pk=pk).first()
    if document is None:
        raise Http404
    return document


def can_draft_documents(user: User, agency: Agency) -> bool:
    return bool(roles_here(user, agency) & DRAFTING_ROLES)


def signing_role(user: User, agency: Agency) -> str | None:
    """``Role.CHIEF``, ``Role.DEPUTY_CHIEF`` (signs "KT."), or None when the person may not sign."""
    roles = roles_here(user, agency)
    if Role.CHIEF in roles:
        return Role.CHIEF
    if Role.DEPUTY_CHIEF in roles:
        return Role.DEPUTY_CHIEF
    return None
