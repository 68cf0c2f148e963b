"""The scope filters the award domain's selectors share: which agencies, provinces or units a person's
guardian object permissions reach (design §1: scope is data, never a global grant)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import Agency, Province, User
from accounts.roles import PERM_AUDIT_PROVINCE, PERM_SIT_ON_COUNCIL
from accounts.scope import pks_with_perms
from accounts.selectors import AGENCY_WIDE_PERMS


def scoped_ids(user: User, perms: list[str], model: type) -> list | QuerySet:
    """Primary keys of the ``model`` objects on which the person holds any of ``perms``: a list inside a request
    (``accounts.scope.pks_with_perms``: cheaper to build), a subquery outside; for ``<key>__in=`` only."""
    return pks_with_perms(user, perms, model)


def agency_filter(user: User, prefix: str) -> Q:
    """``prefix`` (a path to an agency) is one the person works over: its leads, council, auditor, or the
    province's auditor."""
    return (Q(**{f"{prefix}__in": scoped_ids(user, [*AGENCY_WIDE_PERMS, PERM_SIT_ON_COUNCIL], Agency)})
            | Q(**{f"{prefix}__province__in": scoped_ids(user, [PERM_AUDIT_PROVINCE], Province)}))
