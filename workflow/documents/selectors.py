"""Reads of documents that depend on who asks: scope is the issuing agency (design §5)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Agency, Province, Unit, User
from accounts.roles import PERM_AUDIT_PROVINCE, PERM_HEAD_UNIT, PERM_HOME_AFFAIRS, Role
from accounts.scope import objects_with_perms
from accounts.selectors import AGENCY_WIDE_PERMS, roles_here

from .models import DocumentRecipient, DocumentStatus, IssuedDocument, RecipientKind

DRAFTING_ROLES = frozenset({Role.SECRETARIAT, Role.CHIEF, Role.DEPUTY_CHIEF})
SIGNING_ROLES = frozenset({Role.CHIEF, Role.DEPUTY_CHIEF})


def _scoped(user: User, perms: list[str], model: type) -> QuerySet:
    return objects_with_perms(user, perms, model).values("pk")


def documents_for_user(user: User) -> QuerySet[IssuedDocument]:
    """What the person may read in the register.

    The agency's own secretariat, chief, deputies and auditor see everything of it, drafts
    included; a provincial auditor sees every agency of the province; anyone sees what they drafted
    themselves. Outside the agency a document is read only through its Nơi nhận (``DocumentRecipient``), once
    issued: Home Affairs reads those addressed or copied to Sở Nội vụ by an agency of its province (a Tờ trình,
    the agency's registration, its annual report), never the council's minutes or an in-house Quyết định; the
    agency-wide people of another agency read those sent to that agency; a person named in an issued document
    (``RecipientKind.INTERNAL`` with a person or a unit) reads it, and so does the head of the unit named or of
    the person's unit.
    """
    if not user.is_authenticated or not user.is_active:
        return IssuedDocument.objects.none()
    to_home_affairs = DocumentRecipient.objects.filter(
        kind=RecipientKind.HOME_AFFAIRS,
        document__agency__province__in=_scoped(user, [PERM_HOME_AFFAIRS], Province)).values("document")
    to_agency = DocumentRecipient.objects.filter(
        kind=RecipientKind.AGENCY, agency__in=_scoped(user, AGENCY_WIDE_PERMS, Agency)).values("document")
    # A document naming a unit or a person (a Quyết định's "Như Điều 3") reaches that person, the head of
    # that unit and the head of the named person's unit.
    to_named = DocumentRecipient.objects.filter(
        Q(kind=RecipientKind.INTERNAL)
        & (Q(person=user) | Q(unit__in=_scoped(user, [PERM_HEAD_UNIT], Unit))
           | Q(person__unit__in=_scoped(user, [PERM_HEAD_UNIT], Unit)))).values("document")
    return (
        IssuedDocument.objects.filter(
            Q(agency__in=_scoped(user, AGENCY_WIDE_PERMS, Agency))
            | Q(agency__province__in=_scoped(user, [PERM_AUDIT_PROVINCE], Province))
            | (Q(status=DocumentStatus.READY) & (Q(pk__in=to_home_affairs) | Q(pk__in=to_agency)
                                                 | Q(pk__in=to_named)))
            | Q(created_by=user)
        )
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
