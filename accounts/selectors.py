"""Reads that depend on who asks. Scope comes from guardian object permissions only.

``roles_here(user, obj)`` answers "what can this person do here": the roles they hold over
the object itself or over what contains it (a unit's agency, an agency's province).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404
from guardian.core import ObjectPermissionChecker

from .models import Agency, Province, RoleAssignment, Unit, User
from .roles import (
    PERM_AUDIT_AGENCY,
    PERM_AUDIT_PROVINCE,
    PERM_CHIEF,
    PERM_DEPUTY_CHIEF,
    PERM_HEAD_UNIT,
    PERM_HOME_AFFAIRS,
    PERM_SECRETARIAT,
    PERM_SIT_ON_COUNCIL,
    PERM_VOTE_IN_COUNCIL,
    Role,
)
from .scope import objects_with_perms, own_permission_rows

# Council members see the dossiers on their session's agenda, not every unit: a unit head who
# sits on the council still manages only their own unit.
AGENCY_WIDE_PERMS = [PERM_SECRETARIAT, PERM_CHIEF, PERM_DEPUTY_CHIEF, PERM_AUDIT_AGENCY]
# Home Affairs is not among them: it serves a province but is another agency, which reads only what the
# agencies send it (``agencies_sending_to``; design §1).
PROVINCE_WIDE_PERMS = [PERM_AUDIT_PROVINCE]

_ROLE_OF_PERM = {
    PERM_HEAD_UNIT: Role.UNIT_HEAD,
    PERM_SECRETARIAT: Role.SECRETARIAT,
    PERM_SIT_ON_COUNCIL: Role.COUNCIL_MEMBER,
    PERM_CHIEF: Role.CHIEF,
    PERM_DEPUTY_CHIEF: Role.DEPUTY_CHIEF,
    PERM_AUDIT_AGENCY: Role.AUDITOR,
    PERM_HOME_AFFAIRS: Role.HOME_AFFAIRS,
    PERM_AUDIT_PROVINCE: Role.AUDITOR,
}


def active_roles(user: User) -> list[RoleAssignment]:
    """The roles a person holds now, in a stable order, ready to print."""
    if not user.is_authenticated:
        return []
    return list(
        RoleAssignment.objects.filter(user=user, revoked_at__isnull=True)
        .select_related("unit__agency", "agency", "province")
        .order_by("role", "pk")
    )


def _scope_keys(obj: Unit | Agency | Province, province_id=None) -> dict[str, str]:
    """The object and what contains it, as guardian stores them: model name → object pk (text)."""
    if isinstance(obj, Unit):
        keys = {"unit": str(obj.pk), "agency": str(obj.agency_id)}
    elif isinstance(obj, Agency):
        keys = {"agency": str(obj.pk)}
    else:
        return {"province": str(obj.pk)}
    if province_id is not None:
        keys["province"] = str(province_id)
    return keys


def _province_id(obj: Unit | Agency) -> int:
    agency = obj if isinstance(obj, Agency) else (
        obj.agency if Unit.agency.is_cached(obj) else None)
    if agency is not None:
        return agency.province_id
    return Agency.objects.values_list("province_id", flat=True).get(pk=obj.agency_id)


def roles_here(user: User, obj: Unit | Agency | Province) -> frozenset[str]:
    """The roles ``user`` holds over ``obj`` or over the agency and province containing it.

    Read from the person's own object permissions (``own_permission_rows``: one query, once a request), as
    guardian's ``get_user_perms`` would answer for each of the three objects; the agency's province is read
    only for a person who holds a permission on some province (issue 23: three queries a call, and the
    agency and province rows, were 8 % of a simulated year's time)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    rows = [row for row in own_permission_rows(user) if row[0] == "accounts"]
    if not rows:
        return frozenset()
    province_id = None
    if not isinstance(obj, Province) and any(name == "province" for _, name, _, _ in rows):
        province_id = _province_id(obj)
    keys = _scope_keys(obj, province_id)
    roles: set[str] = set()
    for _app, name, codename, pk in rows:
        if keys.get(name) == pk:
            role = _ROLE_OF_PERM.get(f"accounts.{codename}")
            if role is not None:
                roles.add(role)
    return frozenset(roles)


def can_vote_in_council(user: User, agency: Agency) -> bool:
    """A council member who votes: every position but the secretary (domain §4)."""
    if not user.is_authenticated or not user.is_active:
        return False
    codename = PERM_VOTE_IN_COUNCIL.split(".", 1)[1]
    return codename in ObjectPermissionChecker(user).get_user_perms(agency)


def _objects(user: User, perms: list[str], model: type) -> QuerySet:
    return objects_with_perms(user, perms, model)


def agencies_in_scope(user: User) -> QuerySet[Agency]:
    """Agencies the person works over as a whole, drafts included (secretariat, chief, deputies, the agency's
    or the province's auditor). Not Home Affairs: see ``agencies_sending_to``."""
    if not user.is_authenticated or not user.is_active:
        return Agency.objects.none()
    agency_wide = _objects(user, AGENCY_WIDE_PERMS, Agency).values("pk")
    provinces = _objects(user, PROVINCE_WIDE_PERMS, Province).values("pk")
    return Agency.objects.filter(Q(pk__in=agency_wide) | Q(province__in=provinces)).distinct()


def agencies_sending_to(user: User) -> QuerySet[Agency]:
    """Agencies whose Tờ trình, pledge registrations and annual reports the person receives as Home Affairs
    (Sở Nội vụ of their province; design §1, §3 flows 1, 4, 5). A domain selector decides, per kind of
    object, from which state on it has been sent; before that it is the agency's draft, and a unit's own
    pages are never sent at all."""
    if not user.is_authenticated or not user.is_active:
        return Agency.objects.none()
    return Agency.objects.filter(province__in=_objects(user, [PERM_HOME_AFFAIRS], Province).values("pk"))


def units_in_scope(user: User) -> QuerySet[Unit]:
    """Units whose work the person may see as a whole: a unit head sees their unit only."""
    if not user.is_authenticated or not user.is_active:
        return Unit.objects.none()
    headed = _objects(user, [PERM_HEAD_UNIT], Unit).values("pk")
    return (
        Unit.objects.filter(Q(pk__in=headed) | Q(agency__in=agencies_in_scope(user).values("pk")))
        .select_related("agency")
        .distinct()
    )


def get_unit_for_user(user: User, pk: int) -> Unit:
    """The unit, or 404 alike when it does not exist and when it is outside the person's scope."""
    unit = units_in_scope(user).filter(pk=pk).first()
    if unit is None:
        raise Http404
    return unit


def people_in_scope(user: User) -> QuerySet[User]:
    """People the person may see: themselves and the members of units in their scope."""
    if not user.is_authenticated or not user.is_active:
        return User.objects.none()
    return User.objects.filter(Q(pk=user.pk) | Q(unit__in=units_in_scope(user).values("pk")))


def role_holders(role: str, *, over: Unit | Agency | Province) -> QuerySet[User]:
    """The active people who hold ``role`` over exactly ``over`` now, the longest-serving first.

    "Who is the chief of this agency", "who heads this unit": one query, the same answer everywhere
    (the order decides who is told first when several hold the role, e.g. the deputies).
    """
    scope = {Unit: "unit", Agency: "agency", Province: "province"}[type(over)]
    assignments = RoleAssignment.objects.filter(role=role, revoked_at__isnull=True, **{scope: over})
    first_granted = assignments.filter(user=models.OuterRef("pk")).order_by("granted_at", "pk").values("granted_at")[:1]
    return (User.objects.filter(is_active=True, pk__in=assignments.values("user_id"))
            .annotate(_granted=models.Subquery(first_granted)).order_by("_granted", "pk"))


def role_set(user: User) -> frozenset[str]:
    """The roles a person holds now (``Role`` values), read once per request: the drawer asks on every page.

    A superuser counts as an administrator (holding ``Role.ADMINISTRATOR`` puts one in the administrators' group).
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_role_set", None)
    if cached is None:
        roles = set(RoleAssignment.objects.filter(user=user, revoked_at__isnull=True)
                    .values_list("role", flat=True))
        if user.is_superuser:
            roles.add(Role.ADMINISTRATOR)
        cached = user._role_set = frozenset(roles)
    return cached
