"""Which objects a person holds a scope permission on (guardian object permissions), read once a request.

Every selector that depends on who asks starts from the same few questions: the agencies a person leads or
audits, the units they head, the provinces they serve as Home Affairs. Asked through guardian, each question
is a subquery several joins deep that Django builds anew on every call (about 4 ms of Python), and one page
asks them a dozen times; the access checks of a task page asked them ~80 times (``can_view_process``).

``objects_with_perms`` reads the person's object permissions once a request (one query: a person's scope is a
handful of rows) and answers every (permissions, model) from them, as a filter on a list of primary keys.
Outside a request (services, Celery, management commands, tests calling selectors directly) nothing is kept:
the guardian subquery is returned as before. A change of roles or object permissions during the request
empties the memo (``forget_scopes`` on the signals below), so a grant is seen at once.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.contrib.auth import get_user_model
from django.db.models import Model, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from guardian.models import GroupObjectPermission, UserObjectPermission
from guardian.shortcuts import get_objects_for_user

from .models import RoleAssignment

_memo: ContextVar[dict | None] = ContextVar("accounts_scope_memo", default=None)


def objects_with_perms(user, perms: str | list[str], model: type[Model], *, any_perm: bool = True) -> QuerySet:
    """The ``model`` objects on which ``user`` holds ``perms`` (any of them, unless ``any_perm`` is False),
    by object permission only, their own or their groups': no global permission, no superuser bypass (design
    §1: scope is data)."""
    perms = [perms] if isinstance(perms, str) else list(perms)
    memo = _memo.get()
    if memo is None or user.pk is None:
        return get_objects_for_user(user, perms, klass=model, any_perm=any_perm, accept_global_perms=False,
                                    with_superuser=False)
    held = memo.get(("held", user.pk))
    if held is None:
        held = memo[("held", user.pk)] = _held(user)
    app, name = model._meta.app_label, model._meta.model_name
    found = [held.get((app, name, perm.split(".", 1)[-1]), set()) for perm in perms]
    pks = set.union(*found) if any_perm else set.intersection(*found)
    return model._default_manager.filter(pk__in=sorted(model._meta.pk.to_python(pk) for pk in pks))


def pks_with_perms(user, perms: str | list[str], model: type[Model]) -> list | QuerySet:
    """The primary keys of ``objects_with_perms(user, perms, model)`` (any of the permissions), for a filter
    ``<key to model>__in=``. Inside a request, the keys themselves, read from the memo: a filter on a list costs
    Django a fraction of a subquery to build and to compile, and an access check builds a dozen (a dossier's
    visibility: ``nominations.selectors.dossiers``). Outside a request, the guardian subquery, as before.

    The list may hold the key of an object deleted since its permission was granted (guardian's rows are no
    foreign keys); compared with a foreign key or a primary key, as every caller does, it matches nothing more.
    """
    perms = [perms] if isinstance(perms, str) else list(perms)
    memo = _memo.get()
    if memo is None or user.pk is None:
        return objects_with_perms(user, perms, model).values("pk")
    held = memo.get(("held", user.pk))
    if held is None:
        held = memo[("held", user.pk)] = _held(user)
    app, name = model._meta.app_label, model._meta.model_name
    pks = set().union(*(held.get((app, name, perm.split(".", 1)[-1]), set()) for perm in perms))
    return sorted(model._meta.pk.to_python(pk) for pk in pks)


_ROW_FIELDS = ("content_type__app_label", "content_type__model", "permission__codename", "object_pk")


def remembered(key: tuple, read):
    """``read()``, kept in this request's memo under ``key`` (read every time outside a request). The memo is
    emptied when a role or an object permission changes (``forget_scopes``); a key names what it caches and
    whose (e.g. ``("own", user.pk)``)."""
    memo = _memo.get()
    if memo is not None and key in memo:
        return memo[key]
    rows = read()
    if memo is not None:
        memo[key] = rows
    return rows


def own_permission_rows(user) -> list[tuple[str, str, str, str]]:
    """(app label, model, codename, object pk) of the object permissions held by the person themself, not
    through a group — what guardian's ``ObjectPermissionChecker.get_user_perms`` reads, for every object at
    once: one query, read once a request (``roles_here`` asks it for a unit, its agency and its province)."""
    return remembered(("own", user.pk), lambda: list(
        UserObjectPermission.objects.filter(user=user).values_list(*_ROW_FIELDS)))


def object_permission_rows(user) -> list[tuple[str, str, str, str]]:
    """(app label, model, codename, object pk) of every object permission the person holds, directly or through
    a group: one query (read once a request)."""
    return remembered(("rows", user.pk), lambda: list(
        UserObjectPermission.objects.filter(user=user).values_list(*_ROW_FIELDS).union(
            GroupObjectPermission.objects.filter(group__user=user).values_list(*_ROW_FIELDS))))


def _held(user) -> dict[tuple[str, str, str], set[str]]:
    held: dict[tuple[str, str, str], set[str]] = {}
    for app, name, codename, pk in object_permission_rows(user):
        held.setdefault((app, name, codename), set()).add(pk)
    return held


def forget_scopes(**kwargs) -> None:
    """Empty this request's memo: a role or an object permission changed."""
    memo = _memo.get()
    if memo:
        memo.clear()


def connect_forgetting() -> None:
    """Roles, object permissions and group memberships saved or deleted empty the memo."""
    for model in (RoleAssignment, UserObjectPermission, GroupObjectPermission):
        post_save.connect(forget_scopes, sender=model, dispatch_uid=f"forget_scopes_save_{model.__name__}")
        post_delete.connect(forget_scopes, sender=model, dispatch_uid=f"forget_scopes_delete_{model.__name__}")
    m2m_changed.connect(forget_scopes, sender=get_user_model().groups.through, dispatch_uid="forget_scopes_groups")


class ScopeMemoMiddleware:
    """Keeps ``objects_with_perms``' answers for the length of one request (after authentication)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
