"""Granting and revoking roles keeps the guardian permissions and the history in step."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from guardian.shortcuts import get_perms

from accounts import services
from accounts.models import Agency, Province, RoleAssignment, Unit
from accounts.roles import CouncilPosition, Role
from accounts.selectors import units_in_scope
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kt():
    return Unit.objects.get(agency__code="VP", code="KT")


def test_granting_unit_head_gives_the_object_permission_and_records_who(person, kt):
    admin, newcomer = person("admin"), person("canbo.kt.03")

    assignment = services.role_grant(actor=admin, user=newcomer, role=Role.UNIT_HEAD, unit=kt)

    assert get_perms(newcomer, kt) == ["head_unit"]
    assert list(units_in_scope(newcomer)) == [kt]
    assert assignment.granted_by == admin
    assert assignment.history.get().history_user == admin


def test_revoking_removes_the_permission_and_keeps_the_record(person, kt):
    admin, newcomer = person("admin"), person("canbo.kt.03")
    assignment = services.role_grant(actor=admin, user=newcomer, role=Role.UNIT_HEAD, unit=kt)

    services.role_revoke(actor=admin, assignment=assignment, reason="Điều động công tác khác")

    assert get_perms(newcomer, kt) == []
    assert not units_in_scope(newcomer).exists()
    assignment.refresh_from_db()
    assert assignment.revoked_at is not None
    assert assignment.history.latest().history_change_reason == "Điều động công tác khác"


def test_revoking_one_council_role_keeps_the_permissions_of_another(person):
    """The chief keeps 'act_as_chief' when their council seat ends, and vice versa."""
    admin, chief, office = person("admin"), person("chanhvp"), Agency.objects.get(code="VP")
    seat = RoleAssignment.objects.get(user=chief, role=Role.COUNCIL_MEMBER)

    services.role_revoke(actor=admin, assignment=seat)

    assert get_perms(chief, office) == ["act_as_chief"]


def test_only_an_administrator_may_grant(person, kt):
    with pytest.raises(PermissionDenied):
        services.role_grant(actor=person("chanhvp"), user=person("canbo.kt.03"), role=Role.UNIT_HEAD, unit=kt)

    assert not RoleAssignment.objects.filter(user__username="canbo.kt.03").exists()


@pytest.mark.parametrize(
    ("role", "scope", "message"),
    [
        (Role.UNIT_HEAD, "agency", "phải gắn với: đơn vị"),
        (Role.CHIEF, "unit", "phải gắn với: cơ quan"),
        (Role.HOME_AFFAIRS, "agency", "phải gắn với: tỉnh"),
        (Role.ADMINISTRATOR, "agency", "phải gắn với: toàn hệ thống"),
    ],
)
def test_a_role_over_the_wrong_kind_of_scope_is_refused_in_vietnamese(person, kt, role, scope, message):
    target = {"unit": {"unit": kt}, "agency": {"agency": kt.agency}}[scope]

    with pytest.raises(ValidationError) as raised:
        services.role_grant(actor=person("admin"), user=person("canbo.kt.03"), role=role, **target)

    assert message in " ".join(raised.value.messages)
    assert not RoleAssignment.objects.filter(user__username="canbo.kt.03").exists()


def test_the_same_role_twice_is_refused(person):
    with pytest.raises(ValidationError) as raised:
        services.role_grant(actor=person("admin"), user=person("hcqt"), role=Role.SECRETARIAT,
                            agency=Agency.objects.get(code="VP"))

    assert "đã giữ vai trò này" in " ".join(raised.value.messages)


def test_council_member_must_belong_to_the_agency(person):
    outsider = UserFactory(unit=UnitFactory(agency=Agency.objects.get(code="SNV")))

    with pytest.raises(ValidationError) as raised:
        services.role_grant(actor=person("admin"), user=outsider, role=Role.COUNCIL_MEMBER,
                            agency=Agency.objects.get(code="VP"), council_position=CouncilPosition.MEMBER)

    assert "phải là người của cơ quan" in " ".join(raised.value.messages)


def test_administrator_role_makes_staff_and_revoking_it_unmakes(person):
    admin, newcomer = person("admin"), person("canbo.ttcbth.03")

    grant = services.role_grant(actor=admin, user=newcomer, role=Role.ADMINISTRATOR)
    granted = person("canbo.ttcbth.03")
    assert granted.is_staff and not granted.is_superuser
    assert granted.has_perm("accounts.change_unit")

    services.role_revoke(actor=admin, assignment=grant)
    revoked = person("canbo.ttcbth.03")
    assert not revoked.is_staff
    assert not revoked.has_perm("accounts.change_unit")


def test_home_affairs_scope_is_the_province(person):
    assert get_perms(person("sonoivu"), Province.objects.get(code="QNG")) == ["act_as_home_affairs"]
