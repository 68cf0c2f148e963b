"""accounts.scope: a person's object permissions read once a request answer exactly what guardian answers."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from guardian.shortcuts import get_objects_for_user

from accounts import scope
from accounts.models import Agency, Province, Unit, User
from accounts.roles import (
    PERM_AUDIT_PROVINCE,
    PERM_HEAD_UNIT,
    PERM_HOME_AFFAIRS,
    PERM_SECRETARIAT,
    PERM_SIT_ON_COUNCIL,
    PERM_VOTE_IN_COUNCIL,
    Role,
)
from accounts.selectors import AGENCY_WIDE_PERMS
from accounts.services import role_grant

pytestmark = pytest.mark.django_db

QUESTIONS = [
    ([PERM_SECRETARIAT], Agency, True),
    ([*AGENCY_WIDE_PERMS, PERM_SIT_ON_COUNCIL], Agency, True),
    ([PERM_SIT_ON_COUNCIL, PERM_VOTE_IN_COUNCIL], Agency, False),
    ([PERM_HEAD_UNIT], Unit, True),
    ([PERM_HOME_AFFAIRS], Province, True),
    ([PERM_AUDIT_PROVINCE], Province, True),
]


class _Request:
    """The memo as ScopeMemoMiddleware keeps it for one request."""

    def __enter__(self):
        self.token = scope._memo.set({})

    def __exit__(self, *exc):
        scope._memo.reset(self.token)


def _guardian(user, perms, model, any_perm) -> list[int]:
    return sorted(get_objects_for_user(user, perms, klass=model, any_perm=any_perm, accept_global_perms=False,
                                       with_superuser=False).values_list("pk", flat=True))


def test_within_a_request_every_answer_is_guardians_and_costs_one_query_in_all():
    people = list(User.objects.filter(is_active=True).order_by("pk"))
    assert len(people) > 20

    for user in people:
        with _Request(), CaptureQueriesContext(connection) as queries:
            answers = {i: sorted(scope.objects_with_perms(user, perms, model, any_perm=any_perm)
                                 .values_list("pk", flat=True)) for i, (perms, model, any_perm) in enumerate(QUESTIONS)}
        expected = {i: _guardian(user, *question) for i, question in enumerate(QUESTIONS)}
        assert answers == expected, user.username
        # One query reads the person's permissions; each answer is at most one query on its own table (none
        # when the person holds nothing there).
        assert "guardian_userobjectpermission" in queries.captured_queries[0]["sql"], user.username
        assert len(queries) <= 1 + len(QUESTIONS), user.username


def test_a_role_granted_during_the_request_is_seen_at_once(person):
    """Given a request that already read the person's scope, when an administrator grants them a unit's head
    role in the same request, then the next question sees the unit."""
    admin, user = person("admin"), person("canbo.kt.02")
    unit = Unit.objects.get(code="KT", agency__code="VP")
    with _Request():
        assert not scope.objects_with_perms(user, PERM_HEAD_UNIT, Unit).exists()
        role_grant(actor=admin, user=user, role=Role.UNIT_HEAD, unit=unit)
        assert list(scope.objects_with_perms(user, PERM_HEAD_UNIT, Unit)) == [unit]


def test_outside_a_request_nothing_is_kept(person):
    user = person("truongphong.kt")
    # Django keeps content types and the like for the whole process, and whether an earlier test on this worker
    # read them is chance: one call first, so that only what the scope itself asks is counted
    scope.objects_with_perms(user, PERM_HEAD_UNIT, Unit).exists()
    with CaptureQueriesContext(connection) as asked_first:
        first = list(scope.objects_with_perms(user, PERM_HEAD_UNIT, Unit))
    with CaptureQueriesContext(connection) as asked_again:
        second = list(scope.objects_with_perms(user, PERM_HEAD_UNIT, Unit))
    # each call asks the database again: one query each, nothing kept between them
    assert first == second == [user.unit]
    assert len(asked_first) == len(asked_again) == 1


def test_no_code_asks_guardian_for_a_scope_but_accounts_scope():
    """Every scope question goes through ``objects_with_perms`` (README, "Roles are scoped"): a selector calling
    guardian's ``get_objects_for_user`` itself would miss the request's memo and cost its subquery again."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    callers = [str(path.relative_to(root)) for app in ("accounts", "workflow", "nominations", "config")
               for path in (root / app).rglob("*.py")
               if "get_objects_for_user" in path.read_text(encoding="utf-8") and path.name != "scope.py"]

    assert callers == []
