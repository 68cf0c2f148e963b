"""What the report knows from the data (domain §7): head count, documents, movements, registrations,
awards decided and proposed with their outcomes, sáng kiến; the statistics annex counts leaders and
direct workers apart and puts each line in the row of its outcome."""

from __future__ import annotations

import pytest

from accounts.models import Agency
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

from .report_year import decided_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def vp():
    return Agency.objects.get(code="VP")


def rows(table: dict) -> dict[tuple[str, str], tuple[int, int, int]]:
    return {(row["label"], row["outcome"]): (row["leaders"], row["workers"], row["total"])
            for group in table["groups"] for row in group["rows"]}


def test_the_demo_office_counts_87_people_as_the_seed_report_does(vp):
    assert headcount(vp) == {
        "total": 87, "civil_servants": 59, "contract": 14, "public_employees": 14,
        "civil_servants_note": "bao gồm cả Chủ tịch và các Phó Chủ tịch UBND tỉnh",
        "public_employees_note": "thuộc Trung tâm Công báo và Tin học",
    }
    org = organisation(vp)
    assert (org["chiefs"], org["deputies"], len(org["departments"])) == (1, 3, 5)
    assert org["public_service"] == ["Trung tâm Công báo và Tin học"]


def test_a_line_decided_proposed_or_refused_lands_in_its_row(vp):
    decided_year(2023)

    table = award_statistics(agency=vp, year=2023)

    by_row = rows(table)
    assert by_row[("Lao động tiên tiến", "Đề nghị")] == (1, 1, 2)
    assert by_row[("Lao động tiên tiến", "Được khen thưởng")] == (1, 1, 2)
    assert by_row[("Chiến sĩ thi đua cơ sở", "Đề nghị")] == (0, 1, 1)
    assert by_row[("Chiến sĩ thi đua cơ sở", "Không được khen thưởng")] == (0, 1, 1)
    assert ("Chiến sĩ thi đua cơ sở", "Được khen thưởng") not in by_row
    assert by_row[("Chiến sĩ thi đua cấp tỉnh", "Đề nghị")] == (0, 2, 2)
    assert by_row[("Chiến sĩ thi đua cấp tỉnh", "Được khen thưởng")] == (0, 1, 1)
    assert by_row[("Chiến sĩ thi đua cấp tỉnh", "Không được khen thưởng")] == (0, 1, 1)
    assert by_row[("Tập thể lao động tiên tiến", "Được khen thưởng")] == (0, 1, 1)
    assert by_row[("Sáng kiến cấp cơ sở", "Được công nhận")] == (1, 0, 1)
    headings = [group["heading"] for group in table["groups"]]
    assert headings == ["Danh hiệu thi đua, hình thức khen thưởng do Chánh Văn phòng quyết định",
                        "Đề nghị cấp trên khen thưởng", "Tập thể", "Sáng kiến được công nhận"]
    assert table["title"] == "THỐNG KÊ KẾT QUẢ THI ĐUA, KHEN THƯỞNG NĂM 2023"


def test_another_year_has_no_rows(vp):
    decided_year(2023)

    assert award_statistics(agency=vp, year=2022)["groups"] == []


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
    assert [i["title"] for i in initiatives_of_year(vp, 2023)] == ["Số hóa hồ sơ một cửa"]
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
    with django_assert_max_num_queries(14):
        year_facts(vp, 2023)
