"""Every write to the organisation: people, roles and their scoped permissions."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.models import UserObjectPermission
from guardian.shortcuts import assign_perm

from . import signals
from .models import Agency, ApiClient, Province, RoleAssignment, Unit, User
from .roles import ADMINISTRATORS_GROUP, Role, permissions_for

ADMINISTRATOR_MODEL_PERMS = [
    (model, action)
    for model in ("user", "unit", "agency", "province", "roleassignment", "apiclient")
    for action in ("add", "change", "view")
]


def _require_administrator(actor: User | None) -> None:
    """``None`` is the system itself (migrations, ``seed_demo``); people need the admin role."""
    if actor is not None and not actor.has_perm("accounts.add_roleassignment"):
        raise PermissionDenied(_("Chỉ quản trị hệ thống mới được phân công vai trò."))


def administrators_group() -> Group:
    """The group whose model permissions let IT staff manage people, units and roles."""
    group, _created = Group.objects.get_or_create(name=ADMINISTRATORS_GROUP)
    wanted = Permission.objects.filter(
        content_type__app_label="accounts",
        codename__in=[f"{action}_{model}" for model, action in ADMINISTRATOR_MODEL_PERMS],
    )
    missing = wanted.exclude(pk__in=group.permissions.values("pk"))
    if missing.exists():
        group.permissions.add(*missing)
    return group


@transaction.atomic
def person_create(
    *,
    actor: User | None,
    username: str,
    full_name: str,
    unit: Unit | None,
    employment_category: str = User.EmploymentCategory.CIVIL_SERVANT,
    position_title: str = "",
    is_leader: bool = False,
    in_council_scope: bool = True,
    email: str = "",
    birth_date: dt.date | None = None,
    password: str | None = None,
    hashed_password: str | None = None,
) -> User:
    """Add a person. ``hashed_password`` lets a bulk import hash one shared password once."""
    _require_administrator(actor)
    person = User(
        username=username,
        full_name=full_name,
        unit=unit,
        employment_category=employment_category,
        position_title=position_title,
        is_leader=is_leader,
        in_council_scope=in_council_scope,
        email=email,
        birth_date=birth_date,
    )
    if hashed_password:
        person.password = hashed_password
    elif password:
        person.set_password(password)
    else:
        person.set_unusable_password()
    person.full_clean()
    person._history_user = actor
    person.save()
    return person


@transaction.atomic
def role_grant(
    *,
    actor: User | None,
    user: User,
    role: str,
    unit: Unit | None = None,
    agency: Agency | None = None,
    province: Province | None = None,
    council_position: str = "",
    term_start: dt.date | None = None,
    term_end: dt.date | None = None,
) -> RoleAssignment:
    """Give ``user`` a role over one scope object, with the object permissions it implies."""
    _require_administrator(actor)
    User.objects.select_for_update().filter(pk=user.pk).first()
    assignment = RoleAssignment(
        user=user,
        role=role,
        unit=unit,
        agency=agency,
        province=province,
        council_position=council_position,
        term_start=term_start,
        term_end=term_end,
        granted_by=actor,
    )
    assignment.full_clean()
    assignment._history_user = actor
    assignment.save()
    _sync_permissions(user=user, actor=actor)
    signals.role_granted.send(sender=RoleAssignment, assignment=assignment, actor=actor)
    return assignment


@transaction.atomic
def role_revoke(*, actor: User | None, assignment: RoleAssignment, reason: str = "") -> RoleAssignment:
    """End a role; the permissions it gave go unless another active role still gives them."""
    _require_administrator(actor)
    locked = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    if locked.revoked_at is not None:
        return locked
    locked.revoked_at = timezone.now()
    locked._history_user = actor
    locked._change_reason = reason or None
    locked.save()
    _sync_permissions(user=locked.user, actor=actor)
    signals.role_revoked.send(sender=RoleAssignment, assignment=locked, actor=actor, reason=reason)
    return locked


def _key(obj: Unit | Agency | Province) -> tuple[int, str]:
    return (ContentType.objects.get_for_model(obj).pk, str(obj.pk))


def _sync_permissions(*, user: User, actor: User | None) -> None:
    """Make the user's guardian object permissions exactly those of their active roles."""
    wanted: set[tuple[str, object]] = set()
    is_admin = False
    for assignment in user.role_assignments.filter(revoked_at__isnull=True).select_related(
        "unit", "agency", "province"
    ):
        if assignment.role == Role.ADMINISTRATOR:
            is_admin = True
        for perm in permissions_for(assignment.role, assignment.scope, assignment.council_position):
            wanted.add((perm, assignment.scope_object))

    wanted_keys = {(perm, _key(obj)): (perm, obj) for perm, obj in wanted}
    held = {
        (f"accounts.{codename}", (ct_id, str(object_pk))): row_pk
        for row_pk, codename, ct_id, object_pk in UserObjectPermission.objects.filter(
            user=user, permission__content_type__app_label="accounts"
        ).values_list("pk", "permission__codename", "content_type_id", "object_pk")
    }
    stale = [row_pk for key, row_pk in held.items() if key not in wanted_keys]
    if stale:
        for row in UserObjectPermission.objects.filter(pk__in=stale):
            row.delete()
    for key, (perm, obj) in wanted_keys.items():
        if key not in held:
            assign_perm(perm, user, obj)

    group = administrators_group()
    in_group = user.groups.filter(pk=group.pk).exists()
    if is_admin and not in_group:
        user.groups.add(group)
    elif not is_admin and in_group:
        user.groups.remove(group)
    if user.is_staff != is_admin:
        user.is_staff = is_admin
        user._history_user = actor
        user.save(update_fields=["is_staff"])
    if hasattr(user, "_perm_cache"):
        del user._perm_cache
    if hasattr(user, "_user_perm_cache"):
        del user._user_perm_cache


# ----- API clients (issue 22) ------------------------------------------------------------------------------

API_TOKEN_BYTES = 32


def api_token_hash(token: str) -> str:
    """What is stored of a token, and what a call's token is looked up by."""
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_client_create(*, actor: User | None, name: str, user: User) -> ApiClient:
    """Register another system, acting as ``user`` (its service account, whose roles are its scope)."""
    _require_administrator(actor)
    client = ApiClient(name=name.strip(), user=user)
    client.full_clean()
    client._history_user = actor
    client.save()
    signals.api_client_changed.send(sender=ApiClient, client=client, actor=actor,
                                    changes={"name": client.name, "user": user.username, "is_active": True})
    return client


@transaction.atomic
def api_token_issue(*, actor: User | None, client: ApiClient) -> str:
    """A new token for ``client`` (the old one stops working); returned once, only its hash is kept."""
    _require_administrator(actor)
    locked = ApiClient.objects.select_for_update().get(pk=client.pk)
    token = secrets.token_urlsafe(API_TOKEN_BYTES)
    locked.token_prefix = token[: ApiClient.TOKEN_PREFIX_LENGTH]
    locked.token_hash = api_token_hash(token)
    locked.full_clean()
    locked._history_user = actor
    locked.save()
    signals.api_token_issued.send(sender=ApiClient, client=locked, actor=actor)
    client.token_prefix, client.token_hash = locked.token_prefix, locked.token_hash
    return token


@transaction.atomic
def api_client_set_active(*, actor: User | None, client: ApiClient, active: bool) -> ApiClient:
    """Switch a client off (its token is refused at once) or back on."""
    _require_administrator(actor)
    locked = ApiClient.objects.select_for_update().get(pk=client.pk)
    if locked.is_active == active:
        return locked
    locked.is_active = active
    locked._history_user = actor
    locked.save()
    signals.api_client_changed.send(sender=ApiClient, client=locked, actor=actor,
                                    changes={"is_active": [not active, active]})
    return locked
