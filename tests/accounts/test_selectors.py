"""Scope: who may see which units, answered from guardian object permissions only."""

import pytest
from django.contrib.auth.models import Permission
from django.http import Http404

from accounts.models import Agency, Unit, User
from accounts.roles import Role
from accounts.selectors import (
    agencies_in_scope,
    agencies_sending_to,
    get_unit_for_user,
    people_in_scope,
    roles_here,
    units_in_scope,
)
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code, agency__code="VP")


def test_a_unit_heads_scope_is_their_unit_only(person):
    head = person("truongphong.hcqt")

    assert list(units_in_scope(head)) == [unit("HCQT")]
    assert get_unit_for_user(head, unit("HCQT").pk) == unit("HCQT")
    assert set(people_in_scope(head)) == set(User.objects.filter(unit=unit("HCQT")))


def test_another_unit_and_a_missing_unit_are_the_same_404(person):
    head = person("truongphong.hcqt")
    missing_pk = Unit.objects.order_by("-pk").first().pk + 1000

    with pytest.raises(Http404):
        get_unit_for_user(head, unit("KT").pk)
    with pytest.raises(Http404):
        get_unit_for_user(head, missing_pk)


def test_secretariat_sees_every_unit_of_its_agency_and_no_other(person):
    secretariat = person("hcqt")

    assert set(units_in_scope(secretariat)) == set(Unit.objects.filter(agency__code="VP"))
    assert list(agencies_in_scope(secretariat)) == [Agency.objects.get(code="VP")]


def test_home_affairs_receives_from_every_agency_of_the_province_and_works_over_none(person):
    """Sở Nội vụ is another agency (design §1): it reads what agencies send it, never their units' pages."""
    officer = person("sonoivu")

    assert set(agencies_sending_to(officer)) == set(Agency.objects.filter(province__code="QNG"))
    assert not agencies_in_scope(officer).exists()
    assert not units_in_scope(officer).exists()
    assert list(people_in_scope(officer)) == [officer]


def test_home_affairs_receives_nothing_from_another_province(person):
    foreign = UnitFactory()

    assert foreign.agency not in agencies_sending_to(person("sonoivu"))


def test_ordinary_staff_manage_no_unit_and_see_only_themselves(person):
    staff = person("canbo.kt.02")

    assert not units_in_scope(staff).exists()
    assert list(people_in_scope(staff)) == [staff]


def test_roles_here_follow_the_organisation_upwards(person):
    assert roles_here(person("truongphong.hcqt"), unit("HCQT")) == {Role.UNIT_HEAD, Role.COUNCIL_MEMBER}
    assert roles_here(person("truongphong.hcqt"), unit("KT")) == {Role.COUNCIL_MEMBER}
    assert roles_here(person("chanhvp"), unit("KT")) == {Role.CHIEF, Role.COUNCIL_MEMBER}
    assert roles_here(person("sonoivu"), unit("KT")) == {Role.HOME_AFFAIRS}
    assert roles_here(person("kiemtra"), unit("KT")) == {Role.AUDITOR}
    assert roles_here(person("canbo.kt.02"), unit("KT")) == frozenset()


def test_an_inactive_person_has_no_scope(person):
    head = person("truongphong.hcqt")
    head.is_active = False
    head.save()

    assert not units_in_scope(head).exists()
    assert roles_here(head, unit("HCQT")) == frozenset()


def test_no_role_is_ever_granted_model_wide():
    """A model-level grant would let viewflow's can_assign skip the scope (viewflow notes)."""
    role_perms = Permission.objects.filter(
        content_type__app_label="accounts",
        codename__in=["head_unit", "act_as_secretariat", "sit_on_council", "vote_in_council", "act_as_chief",
                      "act_as_deputy_chief", "audit_agency", "act_as_home_affairs", "audit_province"],
    )

    assert role_perms.count() == 9
    assert not User.objects.filter(user_permissions__in=role_perms).exists()
    assert not User.objects.filter(groups__permissions__in=role_perms).exists()
    assert not User.objects.filter(is_superuser=True).exists()
