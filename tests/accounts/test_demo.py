"""The demo organisation matches the Office's 2023 report, and seeding is idempotent."""

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from accounts import demo
from accounts.models import Agency, Province, RoleAssignment, Unit, User
from accounts.roles import CouncilPosition, Role
from accounts.selectors import can_vote_in_council

pytestmark = pytest.mark.django_db

CC = User.EmploymentCategory.CIVIL_SERVANT
VC = User.EmploymentCategory.PUBLIC_EMPLOYEE
HD = User.EmploymentCategory.CONTRACT_111


def office() -> Agency:
    return Agency.objects.get(code="VP", province__code="QNG")


def test_office_headcount_is_the_reports_87_people():
    """Seed report I.1: 87 = 59 công chức (with the provincial leaders) + 14 NĐ 111 + 14 viên chức."""
    people = User.objects.in_agency(office())
    by_category = dict(people.values_list("employment_category").annotate(n=Count("pk")))

    assert people.count() == 87
    assert by_category == {CC: 59, HD: 14, VC: 14}
    assert people.filter(unit__code="TTCBTH").count() == 14
    assert set(people.filter(employment_category=VC).values_list("unit__code", flat=True)) == {"TTCBTH"}


def test_office_leadership_is_one_chief_and_three_deputies():
    chiefs = RoleAssignment.objects.filter(role=Role.CHIEF, agency=office(), revoked_at__isnull=True)
    deputies = RoleAssignment.objects.filter(role=Role.DEPUTY_CHIEF, agency=office(), revoked_at__isnull=True)

    assert [a.user.username for a in chiefs] == ["chanhvp"]
    assert chiefs.get().user.full_name == "Vũ Minh Tâm"
    assert sorted(a.user.username for a in deputies) == ["phochanhvp1", "phochanhvp2", "phochanhvp3"]


def test_office_units_are_those_the_report_names():
    codes = set(Unit.objects.filter(agency=office()).values_list("code", flat=True))
    departments = Unit.objects.filter(agency=office(), kind=Unit.Kind.DEPARTMENT)

    assert departments.count() == 5
    assert {"HCQT", "TTHC", "BTCD", "TTCBTH"} <= codes
    assert Unit.objects.get(agency=office(), code="TTCBTH").name == "Trung tâm Công báo và Tin học"


def test_provincial_leaders_are_counted_but_outside_the_councils_scope():
    leaders = User.objects.filter(unit__code="LDUBND", unit__agency=office())

    assert leaders.count() == 4
    assert not leaders.filter(in_council_scope=True).exists()
    assert User.objects.in_agency(office()).filter(in_council_scope=False).count() == 4


def test_every_unit_of_the_office_but_the_leadership_has_one_head():
    heads = RoleAssignment.objects.filter(role=Role.UNIT_HEAD, unit__agency=office(), revoked_at__isnull=True)
    headed = sorted(a.unit.code for a in heads)
    non_leadership = sorted(
        Unit.objects.filter(agency=office()).exclude(kind=Unit.Kind.LEADERSHIP).values_list("code", flat=True)
    )

    assert headed == non_leadership
    assert all(a.user.username == f"truongphong.{a.unit.code.lower()}" for a in heads)


def test_council_has_thirteen_voters_and_a_secretary_who_does_not_vote(person):
    members = RoleAssignment.objects.filter(role=Role.COUNCIL_MEMBER, agency=office(), revoked_at__isnull=True)
    voters = [a.user for a in members if can_vote_in_council(a.user, office())]

    assert members.count() == 14
    assert len(voters) == 13
    assert members.get(council_position=CouncilPosition.CHAIR).user.username == "chanhvp"
    assert members.get(council_position=CouncilPosition.SECRETARY).user.username == "hcqt"
    assert not can_vote_in_council(person("hcqt"), office())


def test_home_affairs_and_bloc_agencies_exist():
    province = Province.objects.get(code="QNG")

    assert set(province.agencies.values_list("code", flat=True)) >= {"VP", "SNV", "VPDDBQH", "SKHDT"}
    assert RoleAssignment.objects.get(role=Role.HOME_AFFAIRS).user.username == "sonoivu"
    assert RoleAssignment.objects.get(role=Role.AUDITOR).user.username == "kiemtra"


def _snapshot() -> dict[str, int]:
    models = [Province, Agency, Unit, User, RoleAssignment]
    counts = {m.__name__: m.objects.count() for m in models}
    counts.update({f"history:{m.__name__}": m.history.count() for m in models})
    from guardian.models import UserObjectPermission

    counts["object permissions"] = UserObjectPermission.objects.count()
    return counts


def test_seeding_twice_changes_nothing():
    before = _snapshot()

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    result = demo.seed()

    assert sum(result.created.values()) == 0
    assert _snapshot() == before


def test_conflicting_data_is_explained_and_nothing_is_written():
    unit = Unit.objects.get(agency=office(), code="HCQT")
    unit.name = "Phòng Hành chính"
    unit.save()
    User.objects.get(username="canbo.kt.05").delete()
    before = _snapshot()

    with pytest.raises(CommandError) as raised:
        call_command("seed_demo")

    message = str(raised.value)
    assert "không ghi gì cả" in message
    assert "HCQT" in message and "Phòng Hành chính" in message
    assert not User.objects.filter(username="canbo.kt.05").exists()
    assert _snapshot() == before


def test_another_chief_of_the_office_is_a_conflict(person):
    other = person("canbo.kt.02")
    RoleAssignment.objects.filter(role=Role.CHIEF).update(user=other)  # simulate data from elsewhere

    with pytest.raises(demo.DemoConflict) as raised:
        demo.seed()

    assert any("thủ trưởng khác" in line and "canbo.kt.02" in line for line in raised.value.conflicts)


def test_demo_names_are_distinct_and_deterministic():
    first, second = demo.build_spec(), demo.build_spec()
    names = [p.full_name for p in first.people]

    assert first == second
    assert len(names) == len(set(names))
