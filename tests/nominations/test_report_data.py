"""What the report knows from the data (domain §7): head count, documents, movements, registrations,
awards decided and proposed with their outcomes, sáng kiến; the statistics annex counts the year's
awards from the awards registry, the proposals and their outcomes apart, leaders and direct workers
apart, and a sáng kiến only with its recognition decision."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts.models import Agency
from nominations import demo
from nominations.models import Award, Initiative, InitiativeScope, PastAward
from nominations.selectors.report import (
    award_statistics,
    awards_summary,
    documents_issued,
    headcount,
    initiatives_of_year,
    movements_of_year,
    organisation,
    pledge_counts,
    year_facts,
)
from nominations.services.registries import initiative_record

from .report_year import decided_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def vp():
    return Agency.objects.get(code="VP")


def test_the_demo_office_counts_87_people_as_the_seed_report_does(vp):
    assert headcount(vp) == {
        "total": 87, "civil_servants": 59, "contract": 14, "public_employees": 14,
        "civil_servants_note": "bao gồm cả Chủ tịch và các Phó Chủ tịch UBND tỉnh",
        "public_employees_note": "thuộc Trung tâm Công báo và Tin học",
    }
    org = organisation(vp)
    assert (org["chiefs"], org["deputies"], len(org["departments"])) == (1, 3, 5)
    assert org["public_service"] == ["Trung tâm Công báo và Tin học"]


IN_HOUSE = "Danh hiệu thi đua, hình thức khen thưởng do Chánh Văn phòng quyết định"
HIGHER = "Danh hiệu thi đua, hình thức khen thưởng cấp trên quyết định"
COLLECTIVES = "Tập thể"
INITIATIVES = "Sáng kiến được công nhận"
AWARDED = "Được khen thưởng"


def grouped(table: dict) -> dict[tuple[str, str, str], tuple[int, int, int]]:
    return {(group["heading"], row["label"], row["outcome"]): (row["leaders"], row["workers"], row["total"])
            for group in table["groups"] for row in group["rows"]}


def registry_counts(agency, year: int) -> dict[tuple[str, str, str], tuple[int, int, int]]:
    """The awards registry counted directly, row by row, as an officer would count the register."""
    counts = {}
    for award in Award.objects.all():
        for heading, rows in (
            (IN_HOUSE if award.authority == "agency_head" else HIGHER,
             PastAward.objects.filter(year=year, award=award, person__unit__agency=agency)),
            (COLLECTIVES, PastAward.objects.filter(year=year, award=award, unit__agency=agency)),
        ):
            leaders = rows.filter(person__is_leader=True).count()
            total = rows.count()
            if total:
                counts[(heading, award.name, AWARDED)] = (leaders, total - leaders, total)
    return counts


def test_the_awards_of_the_demo_year_are_the_registrys_not_the_cycle_lines(vp):
    """Given the demo registry of 2023 (every LĐTT and CSTĐCS the Office decided, no cycle line), the
    annex's awards equal a direct count of the registry, row by row; a sáng kiến without its
    recognition decision number is not counted."""
    demo.seed()

    table = award_statistics(agency=vp, year=2023)

    by_row = grouped(table)
    registry = {key: value for key, value in by_row.items() if key[0] in (IN_HOUSE, HIGHER, COLLECTIVES)}
    assert registry == registry_counts(vp, 2023)
    assert by_row[(IN_HOUSE, "Lao động tiên tiến", AWARDED)][2] == PastAward.objects.filter(
        year=2023, award__code="LDTT", person__unit__agency=vp).count() > 50
    assert by_row[(IN_HOUSE, "Chiến sĩ thi đua cơ sở", AWARDED)][2] == 5
    assert sum(total for _l, _w, total in registry.values()) == PastAward.objects.filter(year=2023).count()
    base = Initiative.objects.filter(decision_date__year=2023, scope="co_so", authors__unit__agency=vp).distinct()
    assert base.filter(decision_number="").count() == 1 and base.count() == 4
    assert by_row[(INITIATIVES, "Sáng kiến cấp cơ sở", "Được công nhận")][2] == 3
    assert by_row[(INITIATIVES, "Sáng kiến cấp tỉnh", "Được công nhận")][2] == 1
    assert not any(group["heading"].startswith("Đề nghị") for group in table["groups"])
    summary = {row["award"]: row for row in year_facts(vp, 2023)["registry"]}
    assert summary["Lao động tiên tiến"]["awarded"] == by_row[(IN_HOUSE, "Lao động tiên tiến", AWARDED)][2]
    assert summary["Lao động tiên tiến"]["decisions"] == ["24/QĐ-VP"]


def test_a_decided_cycle_counts_its_awards_once_and_its_proposals_apart(vp):
    """Given a decided 2023 cycle (LĐTT ×2 awarded, CSTĐCS voted down, TTLĐTT awarded, CSTĐ tỉnh one
    accepted and one rejected by Sở Nội vụ), the awards equal the registry the decisions wrote; the
    proposals and their outcomes are a group of their own."""
    decided_year(2023)

    table = award_statistics(agency=vp, year=2023)

    by_row = grouped(table)
    registry = {key: value for key, value in by_row.items() if key[0] in (IN_HOUSE, HIGHER, COLLECTIVES)}
    # Every count is the register's, which holds the cycle's decisions and the facts its lines needed
    # (demo_facts: the CSTĐ tỉnh nominees' CSTĐCS streak, the members' LĐTT of the unit's TTLĐTT).
    assert registry == registry_counts(vp, 2023)
    assert registry[(HIGHER, "Chiến sĩ thi đua cấp tỉnh", AWARDED)] == (0, 1, 1)
    assert registry[(COLLECTIVES, "Tập thể lao động tiên tiến", AWARDED)] == (0, 1, 1)
    assert registry[(IN_HOUSE, "Lao động tiên tiến", AWARDED)][2] >= 2
    proposals = "Đề nghị khen thưởng năm 2023 và kết quả"
    assert by_row[(proposals, "Lao động tiên tiến", "Đề nghị")] == (1, 1, 2)
    assert by_row[(proposals, "Lao động tiên tiến", AWARDED)] == (1, 1, 2)
    assert by_row[(proposals, "Chiến sĩ thi đua cơ sở", "Đề nghị")] == (0, 1, 1)
    assert by_row[(proposals, "Chiến sĩ thi đua cơ sở", "Không được khen thưởng")] == (0, 1, 1)
    assert (proposals, "Chiến sĩ thi đua cơ sở", AWARDED) not in by_row
    assert by_row[(proposals, "Chiến sĩ thi đua cấp tỉnh", "Đề nghị")] == (0, 2, 2)
    assert by_row[(proposals, "Chiến sĩ thi đua cấp tỉnh", AWARDED)] == (0, 1, 1)
    assert by_row[(proposals, "Chiến sĩ thi đua cấp tỉnh", "Không được khen thưởng")] == (0, 1, 1)
    assert by_row[(proposals, "Tập thể lao động tiên tiến", AWARDED)] == (0, 1, 1)
    base_level = Initiative.objects.filter(decision_date__year=2023, scope=InitiativeScope.BASE,
                                           authors__unit__agency=vp).exclude(decision_number="").distinct()
    assert by_row[(INITIATIVES, "Sáng kiến cấp cơ sở", "Được công nhận")][2] == base_level.count()
    headings = [group["heading"] for group in table["groups"]]
    assert headings == [IN_HOUSE, HIGHER, COLLECTIVES, proposals, INITIATIVES]
    assert table["title"] == "THỐNG KÊ KẾT QUẢ THI ĐUA, KHEN THƯỞNG NĂM 2023"


def test_a_sang_kien_counts_only_with_its_recognition_decision(vp, person):
    """Given one sáng kiến of 2023 recorded without its decision number, it is in no count; once
    its number is recorded, it is."""
    secretariat = person("hcqt")
    initiative = initiative_record(actor=secretariat, title="Sổ tay nghiệp vụ", authors=[person("canbo.kt.02")],
                                   decision_date=dt.date(2023, 11, 5), scope="co_so", decision_number="")

    assert award_statistics(agency=vp, year=2023)["groups"] == []
    assert initiatives_of_year(vp, 2023) == []

    initiative.decision_number = "21/QĐ-HĐSK"
    initiative.save()

    assert grouped(award_statistics(agency=vp, year=2023)) == {
        (INITIATIVES, "Sáng kiến cấp cơ sở", "Được công nhận"): (0, 1, 1)}


def test_another_year_has_no_rows(vp):
    decided_year(2023)

    assert award_statistics(agency=vp, year=2031)["groups"] == []


def test_the_facts_of_the_year_come_from_the_registers(vp):
    from nominations import demo_pledges

    demo_pledges.seed()  # the eleven movements the seed report names
    decided_year(2023)

    awards = {row["award"]: row for row in awards_summary(vp, 2023)}
    assert awards["Lao động tiên tiến"]["awarded"] == 2 and awards["Lao động tiên tiến"]["decisions"]
    assert awards["Chiến sĩ thi đua cấp tỉnh"]["decisions"] == ["77/QĐ-UBND"]
    assert (awards["Chiến sĩ thi đua cấp tỉnh"]["refused"], awards["Chiến sĩ thi đua cơ sở"]["refused"]) == (1, 1)
    numbers = [d["number"] for d in documents_issued(vp, 2023)]
    assert any(n.endswith("/QĐ-VP") for n in numbers) and any(n.endswith("/TTr-VP") for n in numbers)
    assert any(n.endswith("/BB-VP") for n in numbers)
    registered = (Initiative.objects.filter(decision_date__year=2023, authors__unit__agency=vp)
                  .exclude(decision_number="").distinct())
    titles = [i["title"] for i in initiatives_of_year(vp, 2023)]
    assert "Số hóa hồ sơ một cửa" in titles and sorted(titles) == sorted(registered.values_list("title", flat=True))
    names = [m["name"] for m in movements_of_year(vp, 2023)]
    assert any("Dân vận khéo" in name for name in names)


def test_pledge_registrations_are_counted_per_title(vp, person):
    from nominations.models import Award
    from nominations.services import pledges

    head = person("truongphong.kt")
    registration = pledges.pledge_registration_create(actor=head, unit=head.unit, year=2023)
    pledges.pledge_registration_update(actor=head, registration=registration,
                                       collective_title=Award.objects.get(code="TTLDTT"))
    pledges.pledge_line_save(actor=head, registration=registration, person=person("canbo.kt.02"),
                             title=Award.objects.get(code="CSTDCS"))
    pledges.pledge_registration_submit(actor=head, registration=registration)
    pledges.pledge_registration_review(actor=person("hcqt"), registration=registration, accept=True)

    assert pledge_counts(vp, 2023) == {"units": {"Tập thể lao động tiên tiến": 1},
                                       "persons": {"Chiến sĩ thi đua cơ sở": 1}}


def test_the_statistics_and_the_facts_cost_a_bounded_number_of_queries(vp, django_assert_max_num_queries):
    decided_year(2023)

    with django_assert_max_num_queries(4):
        award_statistics(agency=vp, year=2023)
    with django_assert_max_num_queries(15):  # the references the report cites: one query
        year_facts(vp, 2023)
