"""Movements and blocs (issue 5): the seed report's movements, the bloc TMTH of 2023, giao ước,
and the list pages' query counts at two sizes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.demo import DemoConflict
from accounts.models import Agency
from nominations import demo_pledges
from nominations.models import Award, BlocMembership, EmulationBloc, Movement, MovementLevel
from nominations.services import pledges as services
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

# The menu's "Việc của tôi" count on every page: one COUNT and the reader's permissions, whatever the data.
MENU_INBOX = 3


@pytest.fixture(autouse=True)
def seeded(db):
    demo_pledges.seed()


def test_the_seed_loads_the_reports_movements_with_their_documents_once():
    again = demo_pledges.seed()

    assert sum(again.created.values()) == 0
    assert again.unchanged == {"movement": 10, "bloc": 1, "bloc member": 3,
                               "report reference": len(demo_pledges.REFERENCES[2023])}
    assert Movement.objects.count() == len(demo_pledges.MOVEMENTS)
    culture = Movement.objects.get(name__startswith="Cán bộ, công chức, viên chức thi đua thực hiện văn hóa")
    assert (culture.level, culture.document_number, culture.document_date) == (
        MovementLevel.PRIME_MINISTER, "733/QĐ-TTg", dt.date(2019, 6, 14))
    # Under the launcher the seed report puts them: the Office launches none of its own (no invented movement),
    # and the Party's and the province's movements it implements by its own plans are the province's.
    assert set(Movement.objects.values_list("level", flat=True)) == set(MovementLevel.values) - {MovementLevel.AGENCY}
    for name in ("Học tập và làm theo tư tưởng", "Chi bộ bốn tốt"):
        assert Movement.objects.get(name__startswith=name).level == MovementLevel.PROVINCE
    assert not Movement.objects.filter(name__icontains="yêu nước").exists()


def test_a_changed_movement_is_a_conflict_and_nothing_is_written():
    movement = Movement.objects.get(document_number="93/QĐ-UBND")
    movement.document_number = "94/QĐ-UBND"
    movement.save()
    EmulationBloc.objects.get(code="TMTH").memberships.filter(agency__code="SKHDT").delete()

    with pytest.raises(DemoConflict) as conflict:
        demo_pledges.seed()

    assert "Đẩy mạnh cải cách hành chính" in conflict.value.conflicts[0]
    assert not BlocMembership.objects.filter(agency__code="SKHDT").exists()


def test_an_agency_movement_needs_its_agency_and_a_period_that_ends_after_it_starts(person):
    movement = Movement(name="Thi đua thử", level=MovementLevel.AGENCY, period_start=dt.date(2024, 1, 1),
                        period_end=dt.date(2023, 1, 1))
    with pytest.raises(ValidationError) as error:
        movement.full_clean()
    assert list(error.value.message_dict) == ["agency"]

    movement.agency = person("hcqt").unit.agency
    with pytest.raises(ValidationError) as error:
        movement.full_clean()
    assert list(error.value.message_dict) == ["period_end"]


def test_the_year_shows_the_movements_running_then(login):
    page = login("canbo.kt.02").get(reverse("pledges:movements"), {"year": 2019}).content.decode()

    assert "văn hóa công sở" in page and "Dân vận khéo" not in page


def test_the_leaders_secretariat_records_a_members_giao_uoc(login, person):
    bloc = EmulationBloc.objects.get(code="TMTH")
    member = bloc.memberships.get(agency__code="SKHDT", year=2023)
    client = login("hcqt")
    url = reverse("pledges:bloc", args=[bloc.pk])

    client.post(f"{url}?year=2023", {"membership": member.pk, "signed_on": "2023-06-02",
                                     "commitments": "Hoàn thành 100 % nhiệm vụ được giao"})

    member.refresh_from_db()
    assert member.covenant_signed_on == dt.date(2023, 6, 2) and member.covenant_recorded_by == person("hcqt")
    page = client.get(url, {"year": 2023}).content.decode()
    assert "Văn phòng UBND tỉnh Quảng Ngãi" in page and "Hoàn thành 100 % nhiệm vụ được giao" in page


def test_nobody_but_the_leaders_secretariat_records_giao_uoc(person):
    member = EmulationBloc.objects.get(code="TMTH").memberships.get(agency__code="SKHDT", year=2023)
    with pytest.raises(PermissionDenied):
        services.bloc_covenant_record(actor=person("chanhvp"), membership=member, signed_on=dt.date(2023, 6, 2),
                                      commitments="x")
    with pytest.raises(ValidationError, match="thuộc năm 2023"):
        services.bloc_covenant_record(actor=person("hcqt"), membership=member, signed_on=dt.date(2022, 6, 2),
                                      commitments="x")


def test_a_bloc_none_of_the_persons_agencies_belongs_to_is_404(login, person):
    province = person("hcqt").unit.agency.province
    other = EmulationBloc.objects.create(province=province, code="NC", name="Khối thi đua Nội chính")
    BlocMembership.objects.create(bloc=other, agency=Agency.objects.get(code="TTR"), year=2023, is_leader=True)

    assert login("hcqt").get(reverse("pledges:bloc", args=[other.pk])).status_code == 404
    assert login("sonoivu").get(reverse("pledges:bloc", args=[other.pk])).status_code == 200


def _registrations(person, codes):
    for code in codes:
        head = person(f"truongphong.{code}")
        registration = services.pledge_registration_create(actor=head, unit=head.unit, year=2023)
        for member in head.unit.members.filter(is_active=True)[:4]:
            services.pledge_line_save(actor=head, registration=registration, person=member,
                                      title=Award.objects.get(code="LDTT"))


@pytest.mark.parametrize("codes", [["kt"], ["kt", "nc", "th", "kgvx", "hcqt", "tthc"]])
def test_the_registrations_page_costs_the_same_queries_for_one_or_many(login, person, codes,
                                                                       django_assert_max_num_queries):
    _registrations(person, codes)
    client = login("hcqt")
    client.get(reverse("pledges:index"), {"year": 2023})  # warm the content-type cache, as a running site has
    with django_assert_max_num_queries(12 + MENU_INBOX):
        response = client.get(reverse("pledges:index"), {"year": 2023})
    assert response.content.decode().count("/pledges/") >= len(codes)


@pytest.mark.parametrize("codes", [["kt"], ["kt", "nc", "th", "kgvx"]])
def test_a_registration_page_costs_the_same_queries_whatever_its_lines(login, person, codes,
                                                                       django_assert_max_num_queries):
    _registrations(person, codes)
    head = person("truongphong.kt")
    registration = head.unit.pledges.get()
    for member in head.unit.members.filter(is_active=True)[4:4 * len(codes)]:
        services.pledge_line_save(actor=head, registration=registration, person=member,
                                  title=Award.objects.get(code="LDTT"))
    client = login("truongphong.kt")
    client.get(reverse("pledges:detail", args=[registration.pk]))  # warm the content-type cache
    with django_assert_max_num_queries(26 + MENU_INBOX):  # 22, the diagram link, history, return banner
        response = client.get(reverse("pledges:detail", args=[registration.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("extra", [0, 12])
def test_the_movements_page_costs_the_same_queries_for_few_or_many(login, extra, django_assert_max_num_queries):
    for n in range(extra):
        Movement.objects.create(name=f"Phong trào thử {n}", level=MovementLevel.PROVINCE,
                                period_start=dt.date(2023, 1, 1))
    client = login("canbo.kt.02")
    with django_assert_max_num_queries(8 + MENU_INBOX):
        response = client.get(reverse("pledges:movements"), {"year": 2023})
    assert response.content.decode().count("<tr>") == 1 + 10 + extra  # header, the 10 seeded (all run in 2023)


@pytest.mark.parametrize("extra", [0, 8])
def test_the_bloc_page_costs_the_same_queries_for_few_or_many_members(login, person, extra,
                                                                    django_assert_max_num_queries):
    bloc = EmulationBloc.objects.get(code="TMTH")
    province = person("hcqt").unit.agency.province
    for agency in AgencyFactory.create_batch(extra, province=province):
        BlocMembership.objects.create(bloc=bloc, agency=agency, year=2023)
    client = login("hcqt")
    client.get(reverse("pledges:bloc", args=[bloc.pk]), {"year": 2023})  # warm the content-type cache
    with django_assert_max_num_queries(13 + MENU_INBOX):
        response = client.get(reverse("pledges:bloc", args=[bloc.pk]), {"year": 2023})
    assert response.content.decode().count('id="member-') == 3 + extra


def test_administrators_keep_movements_in_the_admin_with_history(login, person):
    movement = Movement.objects.get(document_number="733/QĐ-TTg")
    client = login("admin")

    assert client.get(reverse("admin:nominations_movement_changelist")).status_code == 200
    assert client.get(reverse("admin:nominations_emulationbloc_changelist")).status_code == 200
    assert client.get(reverse("admin:nominations_movement_history", args=[movement.pk])).status_code == 200
    assert login("hcqt").get(reverse("admin:nominations_movement_changelist")).status_code in (302, 403)
