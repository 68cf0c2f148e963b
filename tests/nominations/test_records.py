"""Tra cứu khen thưởng (issue 20): the award history search over every agency in the reader's scope, the record
page of a person with its streaks counted by the eligibility engine, the Excel export, the filters, the 404 for
what is outside the scope and a query count that does not grow with the results."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accounts import vietnamese
from accounts.models import Unit
from nominations import services
from nominations.eligibility import calc
from nominations.eligibility.facts import load_facts
from nominations.eligibility.types import PERSON
from nominations.models import Award, DutyRating, PastAward
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("records:index")


def award(code: str) -> Award:
    return Award.objects.get(code=code)


def grant(subject, code: str, year: int, number: str = "", day: dt.date | None = None):
    kind = {"person": subject} if hasattr(subject, "full_name") else {"unit": subject}
    return services.past_award_record(actor=None, award=award(code), year=year, issuer="Chủ tịch UBND tỉnh",
                                      decision_number=number or f"{year}/QĐ-UBND",
                                      decision_date=day or dt.date(year + 1, 1, 15), **kind)


@pytest.fixture
def namesakes():
    """Three people named "Nguyễn Văn A", each with a Lao động tiên tiến of 2019: one at the Office (VP), one at
    Sở Kế hoạch và Đầu tư (same province), one at an agency of another province."""
    office = Unit.objects.filter(agency__code="VP").order_by("pk").first()
    department = Unit.objects.filter(agency__code="SKHDT").order_by("pk").first()
    elsewhere = UnitFactory()  # a new agency of a new province
    people = {key: UserFactory(full_name="Nguyễn Văn A", unit=unit, birth_date=dt.date(1980 + i, 5, 1))
              for i, (key, unit) in enumerate((("VP", office), ("SKHDT", department), ("out", elsewhere)))}
    return {key: grant(person, "LDTT", 2019, f"{i + 1}9/QĐ-UBND") for i, (key, person) in enumerate(people.items())}


def found(response) -> set[int]:
    assert response.status_code == 200
    return {row.pk for row in response.context["rows"]}


def test_nguyen_van_a_is_found_in_two_agencies_in_scope_and_not_outside(login, namesakes):
    # Given Home Affairs of Quảng Ngãi (every agency of the province) and the Office's secretariat (the Office)
    home_affairs, secretariat = login("sonoivu"), None

    # When Home Affairs types the name without tones
    rows = found(home_affairs.get(SEARCH, {"ten": "nguyen van a", "tu_nam": 2019, "den_nam": 2019}))

    # Then both agencies' "Nguyễn Văn A" are found, and not the one of another province
    assert {namesakes["VP"].pk, namesakes["SKHDT"].pk} <= rows
    assert namesakes["out"].pk not in rows
    # and the Office's secretariat finds only the Office's
    secretariat = login("hcqt")
    rows = found(secretariat.get(SEARCH, {"ten": "NGUYỄN văn A", "tu_nam": 2019, "den_nam": 2019}))
    assert namesakes["VP"].pk in rows and not {namesakes["SKHDT"].pk, namesakes["out"].pk} & rows


def test_each_filter_narrows_the_search(login, namesakes):
    client = login("sonoivu")
    base = {"ten": "nguyen van a"}
    vp, skhdt = namesakes["VP"], namesakes["SKHDT"]

    assert found(client.get(SEARCH, {**base, "nam_sinh": vp.person.birth_date.year})) >= {vp.pk}
    assert skhdt.pk not in found(client.get(SEARCH, {**base, "nam_sinh": vp.person.birth_date.year}))
    assert found(client.get(SEARCH, {**base, "co_quan": skhdt.person.unit.agency_id})) == {skhdt.pk}
    assert found(client.get(SEARCH, {**base, "don_vi": vp.person.unit_id, "tu_nam": 2019})) == {vp.pk}
    assert found(client.get(SEARCH, {**base, "so_quyet_dinh": "29/QĐ"})) == {skhdt.pk}
    assert found(client.get(SEARCH, {**base, "danh_hieu": award("CSTDCS").pk, "tu_nam": 2019, "den_nam": 2019})) \
        == set()
    assert found(client.get(SEARCH, {**base, "tu_nam": 2020})) & {vp.pk, skhdt.pk} == set()


def test_a_wrong_search_is_explained_in_vietnamese_and_finds_nothing(login):
    client = login("hcqt")

    response = client.get(SEARCH, {"tu_nam": 2024, "den_nam": 2020, "nam_sinh": "abc"})

    assert response.status_code == 200 and response.context["rows"] == []
    text = response.content.decode()
    assert "“Đến năm” phải từ “Từ năm” trở về sau." in text and "Nhập năm là một số" in text


def test_the_export_holds_the_filtered_rows(login, namesakes):
    client = login("sonoivu")

    response = client.get(SEARCH, {"ten": "nguyen van a", "tu_nam": 2019, "den_nam": 2019, "xuat": "xlsx"})

    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert header[:3] == ("Năm", "Cá nhân, tập thể", "Ngày sinh")
    numbers = {row[header.index("Số quyết định")] for row in rows if row[1] == "Nguyễn Văn A"}
    assert numbers == {"19/QĐ-UBND", "29/QĐ-UBND"}  # not the other province's 39/QĐ-UBND
    assert all(row[0] == 2019 for row in rows)


def test_a_record_shows_a_three_year_cstdcs_streak_as_the_engine_counts_it(login, person):
    # Given a person with CSTĐCS in 2020, then 2022, 2023 and 2024 (2021 missing), and two years rated HTXS
    member = person("canbo.kt.02")
    for year in (2020, 2022, 2023, 2024):
        grant(member, "CSTDCS", year)
    for year in (2023, 2024):
        services.person_year_record_save(actor=None, person=member, year=year, rating=DutyRating.EXCELLENT)
    services.discipline_record(actor=None, person=member, level="khien_trach", year=2018, decision_number="5/QĐ-KL")

    # When the secretariat opens the person's record
    response = login("hcqt").get(reverse("records:person", args=[member.pk]))

    # Then the streak is the engine's: the run up to 2024 is 3 years, and the 3-year window of 2024 is complete
    assert response.status_code == 200
    streaks = {s.label: s for s in response.context["record"].streaks}
    cstdcs = streaks[award("CSTDCS").name]
    book = load_facts([(PERSON, member.pk)], 2024)
    held = book.award_years((PERSON, member.pk), "CSTDCS")
    assert cstdcs.length == calc.longest_run_ending(held, 2024) == 3 and (cstdcs.start, cstdcs.end) == (2022, 2024)
    assert calc.streak_window(held, 2024, 3) == ([2022, 2023, 2024], [])
    assert streaks[str(DutyRating.EXCELLENT.label)].length == 2
    text = response.content.decode()
    assert "3 năm liên tục (2022–2024)" in text and "Khiển trách" in text


def test_outside_the_scope_and_missing_are_the_same_404(login, namesakes):
    secretariat = login("hcqt")
    outside = namesakes["SKHDT"]

    assert secretariat.get(reverse("records:person", args=[outside.person_id])).status_code == 404
    assert secretariat.get(reverse("records:person", args=[999_999])).status_code == 404
    assert secretariat.get(reverse("records:unit", args=[outside.person.unit_id])).status_code == 404
    assert secretariat.get(reverse("records:unit", args=[namesakes["VP"].person.unit_id])).status_code == 200
    assert login("canbo.kt.02").get(SEARCH).status_code == 404  # a member without a role searches nothing


def test_more_than_a_thousand_is_said_so(login, monkeypatch, namesakes):
    monkeypatch.setattr("nominations.selectors.records.COUNT_CAP", 1)
    monkeypatch.setattr("nominations.views.records.COUNT_CAP", 1)

    response = login("sonoivu").get(SEARCH, {"ten": "nguyen van a", "tu_nam": 2019, "den_nam": 2019})

    assert response.context["more"] and "Tìm thấy hơn 1 kết quả" in response.content.decode()


def _people_with_awards(count: int, unit) -> None:
    for i in range(count):
        grant(UserFactory(full_name=f"Trần Thị Đếm {i}", unit=unit), "LDTT", 2018)


@pytest.mark.parametrize("count", [5, 50])
def test_the_search_costs_the_same_queries_for_5_and_50_results(login, count, django_assert_num_queries):
    unit = Unit.objects.filter(agency__code="VP").order_by("pk").first()
    _people_with_awards(count, unit)
    client = login("hcqt")
    client.get(SEARCH)  # the session and the menu warmed up
    params = {"ten": "tran thi dem", "tu_nam": 2018, "den_nam": 2018}

    with CaptureQueriesContext(connection) as captured:
        response = client.get(SEARCH, params)

    assert len(response.context["rows"]) == min(count, 25) and response.context["total"] == count
    with django_assert_num_queries(len(captured)):
        client.get(SEARCH, params)
    assert len(captured) == QUERIES_PER_SEARCH


# session, user, roles, menu; scope; form choices (agencies, units, titles); the name's matches counted; rows,
# and the people, units and agencies of the page's rows
QUERIES_PER_SEARCH = 19


def test_every_line_of_a_dossier_and_of_the_agenda_links_to_the_nominees_record(login, person):
    from tests.nominations.helpers import accepted_dossier, open_cycle

    # Given an accepted dossier of unit KT with a person and the unit itself, on a published agenda
    member = person("canbo.kt.02")
    unit = Unit.objects.get(agency__code="VP", code="KT")
    cycle = open_cycle()
    dossier = accepted_dossier(cycle, "KT", [(member, "LDTT"), (unit, "TTLDTT")])
    session = services.session_create(actor=person("hcqt"), cycle=cycle, meeting_date=dt.date(2025, 12, 20))
    client = login("hcqt")

    # When the secretariat opens the dossier and the session
    pages = [client.get(reverse("nominations:dossier", args=[dossier.pk])),
             client.get(reverse("nominations:session", args=[session.pk]))]

    # Then each line links to the person's or the unit's record, which opens
    for page in pages:
        text = page.content.decode()
        assert reverse("records:person", args=[member.pk]) in text, page
        assert reverse("records:unit", args=[unit.pk]) in text, page
    assert client.get(reverse("records:unit", args=[unit.pk])).status_code == 200


def test_a_person_who_moves_or_is_renamed_is_found_where_and_as_they_are_now(login):
    # Given Võ Thị Bích of the Office's first unit, with two awards
    first, second = Unit.objects.filter(agency__code="VP").order_by("pk")[:2]
    person = UserFactory(full_name="Võ Thị Bích", unit=first)
    rows = {grant(person, "LDTT", 2021).pk, grant(person, "CSTDCS", 2022).pk}
    client = login("hcqt")

    # When she moves to the second unit, her name is corrected and her birth date entered, as the people admin
    # saves them
    person.unit = second
    person.save()
    person.full_name = "Võ Thị Bích Ngọc"
    person.save(update_fields=["full_name"])
    person.birth_date = dt.date(1986, 3, 9)
    person.save(update_fields=["birth_date"])

    # Then both awards are found under the second unit, by the new name and her birth year, none under the first
    assert found(client.get(SEARCH, {"don_vi": second.pk, "ten": "bich ngoc", "nam_sinh": 1986})) == rows
    assert found(client.get(SEARCH, {"don_vi": first.pk, "ten": "vo thi bich"})) == set()


def test_a_renamed_unit_is_found_by_its_new_name(login):
    unit = Unit.objects.filter(agency__code="VP").order_by("pk").first()
    row = grant(unit, "TTLDTT", 2021)
    client = login("hcqt")

    unit.name = "Phòng Tổng hợp – Thư ký"
    unit.save()

    assert found(client.get(SEARCH, {"ten": "tong hop thu ky"})) == {row.pk}


def test_a_name_read_by_its_matches_or_newest_first_gives_the_same_pages(login, monkeypatch):
    # Given 30 people named "Lê Thị Hoa" with awards over several years, across the Office's units
    units = list(Unit.objects.filter(agency__code="VP").order_by("pk")[:3])
    for i in range(30):
        grant(UserFactory(full_name="Lê Thị Hoa", unit=units[i % 3]), "LDTT", 2015 + i % 7)
    client = login("hcqt")
    params = {"ten": "le thi hoa"}

    # When the search reads the name's matches first (few), then newest first (the cap passed)
    by_matches = [[r.pk for r in client.get(SEARCH, {**params, "trang": n}).context["rows"]] for n in (1, 2)]
    monkeypatch.setattr("nominations.selectors.records.NAME_MATCH_CAP", 5)
    newest_first = [[r.pk for r in client.get(SEARCH, {**params, "trang": n}).context["rows"]] for n in (1, 2)]

    # Then both give the same rows in the same order: newest year first, then the latest recorded
    assert by_matches == newest_first and len(by_matches[0]) == 25 and len(by_matches[1]) == 5
    years = [PastAward.objects.get(pk=pk).year for pk in by_matches[0] + by_matches[1]]
    assert years == sorted(years, reverse=True)


def test_the_migration_fills_the_search_columns_of_the_rows_that_exist(person):
    import importlib

    from django.apps import apps

    # Given awards of a person and of a unit whose search columns are empty (as before migration 0042)
    member, unit = person("canbo.kt.02"), Unit.objects.filter(agency__code="VP").order_by("pk").first()
    member.birth_date = dt.date(1979, 12, 31)
    member.save()
    mine, ours = grant(member, "LDTT", 2020), grant(unit, "TTLDTT", 2020)
    PastAward.objects.filter(pk__in=[mine.pk, ours.pk]).update(holder_unit=None, holder_name_key="",
                                                               holder_birth_year=None)

    # When the migration's fill runs
    importlib.import_module("nominations.migrations.0042_past_award_holder_columns").fill(apps, None)

    # Then each row holds its holder's unit and folded name
    mine.refresh_from_db()
    ours.refresh_from_db()
    assert (mine.holder_unit_id, mine.holder_name_key, mine.holder_birth_year) \
        == (member.unit_id, " " + member.name_search_key, 1979)
    assert (ours.holder_unit_id, ours.holder_name_key, ours.holder_birth_year) \
        == (unit.pk, " " + vietnamese.fold(unit.name), None)


def test_each_word_typed_begins_a_word_of_the_name(login):
    # Given "Nguyễn Văn An", "Nguyễn Văn Anh" and "Lê Văn Bình" of the Office, each with an award
    unit = Unit.objects.filter(agency__code="VP").order_by("pk").first()
    an, anh, binh = (grant(UserFactory(full_name=name, unit=unit), "LDTT", 2022)
                     for name in ("Nguyễn Văn An", "Nguyễn Văn Anh", "Lê Văn Bình"))
    client = login("hcqt")

    # When the secretariat types "an", then "van", then "van an"
    # Then "an" begins the names "An" and "Anh", not the "an" inside every "Văn"; "van" is in all three
    assert found(client.get(SEARCH, {"ten": "an", "tu_nam": 2022})) == {an.pk, anh.pk}
    assert found(client.get(SEARCH, {"ten": "van", "tu_nam": 2022})) >= {an.pk, anh.pk, binh.pk}
    assert found(client.get(SEARCH, {"ten": "VĂN  an", "tu_nam": 2022})) == {an.pk, anh.pk}
