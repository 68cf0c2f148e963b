"""Administrators manage people, units and roles in the Django admin, with history."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from guardian.shortcuts import get_perms

from accounts.models import Agency, RoleAssignment, Unit
from accounts.roles import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["user", "unit", "agency", "province", "roleassignment"])
def test_admin_lists_the_organisation(login, model):
    response = login("admin").get(reverse(f"admin:accounts_{model}_changelist"))

    assert response.status_code == 200


def test_admin_search_finds_people_without_tones(login):
    response = login("admin").get(reverse("admin:accounts_user_changelist"), {"q": "vu minh tam"})

    assert "Vũ Minh Tâm" in response.content.decode()


def test_granting_a_role_in_the_admin_sets_the_object_permission(login, person):
    kt = Unit.objects.get(agency__code="VP", code="KT")
    newcomer = person("canbo.kt.04")

    response = login("admin").post(
        reverse("admin:accounts_roleassignment_add"),
        {"user": newcomer.pk, "role": Role.UNIT_HEAD, "unit": kt.pk, "council_position": ""},
    )

    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=newcomer)
    assert assignment.granted_by == person("admin")
    assert get_perms(newcomer, kt) == ["head_unit"]


def test_a_wrong_scope_in_the_admin_is_a_form_error_and_saves_nothing(login, person):
    newcomer = person("canbo.kt.04")

    response = login("admin").post(
        reverse("admin:accounts_roleassignment_add"),
        {"user": newcomer.pk, "role": Role.CHIEF, "unit": Unit.objects.get(code="KT").pk},
    )

    assert response.status_code == 200
    assert "phải gắn với: cơ quan" in response.content.decode()
    assert not RoleAssignment.objects.filter(user=newcomer).exists()


def test_editing_a_unit_in_the_admin_is_kept_in_history(login, person):
    unit = Unit.objects.get(agency__code="VP", code="NC")

    login("admin").post(
        reverse("admin:accounts_unit_change", args=[unit.pk]),
        {"agency": unit.agency_id, "code": "NC", "name": "Phòng Nội chính – Pháp chế", "kind": unit.kind,
         "position": unit.position},
    )

    latest = unit.history.latest()
    assert latest.name == "Phòng Nội chính – Pháp chế"
    assert latest.history_user == person("admin")


@pytest.mark.parametrize("username", ["chanhvp", "kiemtra", "truongphong.hcqt"])
def test_people_without_the_administrator_role_cannot_enter_the_admin(client, person, username):
    client.force_login(person(username))

    response = client.get(reverse("admin:accounts_user_changelist"))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def _agency_post(agency, **changes) -> dict:
    data = {name: getattr(agency, name) for name in (
        "code", "name", "short_name", "parent_name", "kind", "head_title", "deputy_title", "place_name",
        "head_full_title", "emulation_unit_head")}
    data.update({"province": agency.province_id, "emulation_unit": agency.emulation_unit_id or "",
                 "units-TOTAL_FORMS": "0", "units-INITIAL_FORMS": "0"})
    data.update(changes)
    return data


def test_what_an_agencys_documents_print_is_edited_in_the_admin_with_history(login, person):
    # Given Sở Kế hoạch và Đầu tư, whose Văn phòng Sở drafts its award documents
    agency = Agency.objects.get(code="SKHDT")
    client = login("admin")
    url = reverse("admin:accounts_agency_change", args=[agency.pk])
    form = client.get(url).context["adminform"].form

    # Then the drafting unit is chosen among its own units only
    assert set(form.fields["emulation_unit"].queryset) == set(agency.units.all())

    # When the administrator names another of its units, and its head's title
    other = agency.units.get(code="THQH")
    response = client.post(url, _agency_post(agency, emulation_unit=other.pk,
                                             emulation_unit_head="Trưởng phòng Tổng hợp – Quy hoạch"))

    # Then the agency keeps it, with who changed it in its history
    assert response.status_code == 302
    latest = agency.history.latest()
    assert (latest.emulation_unit_id, latest.emulation_unit_head) == (other.pk, "Trưởng phòng Tổng hợp – Quy hoạch")
    assert latest.history_user == person("admin")


def test_a_unit_of_another_agency_cannot_draft_its_documents(login):
    agency = Agency.objects.get(code="SKHDT")
    office_unit = Unit.objects.get(agency__code="VP", code="HCQT")

    response = login("admin").post(reverse("admin:accounts_agency_change", args=[agency.pk]),
                                   _agency_post(agency, emulation_unit=office_unit.pk))

    assert response.status_code == 200
    agency.refresh_from_db()
    assert agency.emulation_unit.code == "VPS"
    agency.emulation_unit = office_unit
    with pytest.raises(ValidationError, match="chính cơ quan này"):
        agency.full_clean()
