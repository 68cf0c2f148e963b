"""Example data for each document kind, built from the demo organisation and the seed report.

Used by the tests, ``bench/documents.py`` and the preview of templates; the annual report flow
(nominations) will build the same dicts from its own data. The prose of the 2023 report is
the seed's (``seed_report_2023.json``, extracted from ../shared/seed); the head counts come from
the people in the database, never from the text.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path

from accounts.models import Agency, User

from ..tables import statistics_table

SEED_REPORT = Path(__file__).with_name("seed_report_2023.json")


@lru_cache(maxsize=1)
def _seed_prose() -> dict:
    return json.loads(SEED_REPORT.read_text(encoding="utf-8"))


def headcount(agency: Agency) -> dict:
    """Head count by employment category (seed report, part I.1: "87 … 59 … 14 … 14")."""
    people = User.objects.in_agency(agency).filter(is_active=True)
    categories = User.EmploymentCategory
    by_category = {category: people.filter(employment_category=category).count() for category in categories}
    return {
        "total": sum(by_category.values()),
        "civil_servants": by_category[categories.CIVIL_SERVANT],
        "civil_servants_note": "bao gồm cả Chủ tịch và các Phó Chủ tịch UBND tỉnh",
        "contract": by_category[categories.CONTRACT_111],
        "public_employees": by_category[categories.PUBLIC_EMPLOYEE],
        "public_employees_note": "thuộc Trung tâm Công báo và Tin học",
    }


def leaders_and_workers(agency: Agency) -> tuple[int, int]:
    people = User.objects.in_agency(agency).filter(is_active=True, in_council_scope=True)
    leaders = people.filter(is_leader=True).count()
    return leaders, people.count() - leaders


def annual_report_data(agency: Agency, year: int = 2023, statistics_rows: list[dict] | None = None) -> dict:
    """The demo Office's report for ``year`` with the seed's prose and our statistics annex."""
    prose = copy.deepcopy(_seed_prose())
    if statistics_rows is None:
        leaders, workers = leaders_and_workers(agency)
        statistics_rows = [
            {"group": "Danh hiệu thi đua, hình thức khen thưởng do Chánh Văn phòng quyết định",
             "label": "Lao động tiên tiến", "outcome": "Được công nhận", "leaders": leaders, "workers": workers},
            {"group": "Danh hiệu thi đua, hình thức khen thưởng do Chánh Văn phòng quyết định",
             "label": "Chiến sĩ thi đua cơ sở", "outcome": "Được công nhận",
             "leaders": min(leaders, 3), "workers": min(workers, 6)},
            {"group": "Danh hiệu thi đua, hình thức khen thưởng do Chánh Văn phòng quyết định",
             "label": "Tập thể lao động tiên tiến", "outcome": "Được công nhận", "leaders": 0, "workers": 0},
            {"group": "Đề nghị cấp trên khen thưởng", "label": "Bằng khen của Chủ tịch UBND tỉnh",
             "outcome": "Đề nghị", "leaders": 1, "workers": 2},
            {"group": "Đề nghị cấp trên khen thưởng", "label": "Bằng khen của Chủ tịch UBND tỉnh",
             "outcome": "Được khen thưởng", "leaders": 1, "workers": 1},
            {"group": "Sáng kiến được công nhận", "label": "Sáng kiến cấp cơ sở",
             "outcome": "Được công nhận", "leaders": 2, "workers": 7},
        ]
    return {
        **prose,
        "year": year,
        "next_year": year + 1,
        "headcount": headcount(agency),
        "statistics": statistics_table(
            title=f"THỐNG KÊ KẾT QUẢ THI ĐUA, KHEN THƯỞNG NĂM {year}", rows=statistics_rows
        ),
        "kinh_gui": ["Sở Nội vụ"],
        "noi_nhan": [
            "Như trên;",
            "VPUB: BTV ĐU, CVP, PCVP;",
            "BCH Công đoàn, Chi đoàn; các phòng, ban, đơn vị trực thuộc, CBTH;",
        ],
    }


def annual_report_summary(year: int) -> str:
    return (
        f"Tổng kết công tác thi đua, khen thưởng năm {year}\n"
        f"và phương hướng, nhiệm vụ năm {year + 1}"
    )


def decision_data(agency: Agency, names: int = 25, title: str = "Lao động tiên tiến", year: int = 2023) -> dict:
    """A Quyết định tặng danh hiệu with an annex of ``names`` people of the agency (repeated if needed)."""
    people = list(
        User.objects.in_agency(agency).filter(in_council_scope=True).select_related("unit").alphabetical()
    )
    annex = [
        {"name": p.full_name, "position": p.position_title, "unit": p.unit.name, "title": title}
        for p in (people[i % len(people)] for i in range(names))
    ]
    authority = f"{agency.head_title} {agency.parent_name}"
    return {
        "authority": authority,
        "grounds": [
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết "
            "thi hành một số điều của Luật Thi đua, khen thưởng;",
            "Căn cứ Điều 80 Luật Thi đua, khen thưởng về thẩm quyền quyết định khen thưởng;",
        ],
        "proposal": "Xét đề nghị của Hội đồng Thi đua – Khen thưởng Văn phòng UBND tỉnh.",
        "articles": [
            f"Tặng danh hiệu “{title}” năm {year} cho {names:02d} cá nhân thuộc {agency.name} "
            "(có danh sách kèm theo).",
            "Quyết định này có hiệu lực thi hành kể từ ngày ký.",
            "Chánh Văn phòng, Trưởng phòng Hành chính – Quản trị, Thủ trưởng các phòng, ban, đơn vị "
            "trực thuộc và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
        ],
        "annex_title": f"DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG DANH HIỆU “{title.upper()}” NĂM {year}",
        "annex": annex,
        "noi_nhan": ["Như Điều 3;", "Sở Nội vụ (Ban TĐKT);"],
    }
