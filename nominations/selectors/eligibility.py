"""Reads of the award domain that depend on who asks."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import Agency, Unit, User
from accounts.roles import PERM_SECRETARIAT
from accounts.scope import objects_with_perms
from accounts.selectors import people_in_scope, units_in_scope

from ..models import Award


def nominee_people_for_user(user: User) -> QuerySet[User]:
    """People whose eligibility the person may check: themselves and the members of units in
    their scope (accounts.selectors.people_in_scope)."""
    return people_in_scope(user).filter(is_active=True).select_related("unit").alphabetical()


def nominee_units_for_user(user: User) -> QuerySet[Unit]:
    return units_in_scope(user).order_by("agency__name", "position", "name")


def get_nominee_for_user(user: User, token: str) -> User | Unit:
    """"person:<pk>" or "unit:<pk>" in the person's scope; 404 alike for missing and forbidden."""
    kind, _sep, pk = (token or "").partition(":")
    if not pk.isdigit():
        raise Http404
    if kind == "person":
        found = nominee_people_for_user(user).filter(pk=int(pk)).first()
    elif kind == "unit":
        found = nominee_units_for_user(user).filter(pk=int(pk)).first()
    else:
        found = None
    if found is None:
        raise Http404
    return found


def awards_for_check() -> QuerySet[Award]:
    """Titles and forms some rule set can check (history-only awards such as Huân chương are not)."""
    return Award.objects.filter(is_active=True, rules__isnull=False).distinct().order_by("position", "code")


def registry_agencies_for_user(user: User) -> QuerySet[Agency]:
    """Agencies whose registries the person keeps: those where they are the secretariat."""
    if not user.is_authenticated or not user.is_active:
        return Agency.objects.none()
    return objects_with_perms(user, [PERM_SECRETARIAT], Agency)


def get_registry_agency_for_user(user: User, pk: int) -> Agency:
    agency = registry_agencies_for_user(user).filter(pk=pk).first()
    if agency is None:
        raise Http404
    return agency
