"""The statistics Sở Nội vụ asks for (domain §7) leave the report page as an Excel sheet with the very
numbers of the annex, and the reports list exports what the person can see."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from nominations import exports
from nominations.selectors.report import award_statistics

from .report_helpers import open_report
from .report_year import decided_year

pytestmark = pytest.mark.django_db


def sheet_rows(response) -> list[tuple]:
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    return [tuple(row) for row in book.active.iter_rows(values_only=True)]


def test_the_statistics_table_exports_the_annex_rows(login):
    decided_year(2023)
    client = login("hcqt")
    report = open_report(client, 2023)

    page = client.get(reverse("reports:detail", args=[report.pk]))
    rows = sheet_rows(client.get(reverse("reports:detail", args=[report.pk]), {"xuat": "xlsx"}))

    assert "Thống kê kết quả khen thưởng năm 2023" in page.content.decode()
    assert rows[0] == ("Nhóm", "Danh hiệu, hình thức khen thưởng", "Kết quả", "Lãnh đạo, quản lý",
                       "Người trực tiếp công tác", "Tổng")
    in_house = "Danh hiệu thi đua, hình thức khen thưởng do Chánh Văn phòng quyết định"
    proposals = "Đề nghị khen thưởng năm 2023 và kết quả"
    # The sheet holds the annex's very numbers: the registry (the cycle's decisions and the facts its lines
    # needed, recorded by demo_facts) and the cycle's proposals.
    annex = {(r["group"], r["label"], r["outcome"]): (r["leaders"], r["workers"], r["total"])
             for r in exports.statistics_rows(award_statistics(agency=report.agency, year=2023))}
    assert {row[:3]: row[3:] for row in rows[1:]} == annex
    assert annex[(in_house, "Lao động tiên tiến", "Được khen thưởng")][2] >= 2
    assert (proposals, "Chiến sĩ thi đua cơ sở", "Không được khen thưởng", 0, 1, 1) in rows
    assert (proposals, "Chiến sĩ thi đua cấp tỉnh", "Đề nghị", 0, 2, 2) in rows
    assert ("Danh hiệu thi đua, hình thức khen thưởng cấp trên quyết định", "Chiến sĩ thi đua cấp tỉnh",
            "Được khen thưởng", 0, 1, 1) in rows


def test_someone_outside_the_report_gets_404_for_its_statistics(login):
    report = open_report(login("hcqt"), 2023)
    outsider = login("canbo.kt.02")

    response = outsider.get(reverse("reports:detail", args=[report.pk]), {"xuat": "xlsx"})

    assert response.status_code == 404


def test_the_reports_list_exports_the_reports_in_scope(login):
    open_report(login("hcqt"), 2023)

    rows = sheet_rows(login("truongphong.kt").get(reverse("reports:index"), {"xuat": "xlsx"}))

    assert rows[0][:3] == ("Năm", "Cơ quan", "Trạng thái")
    assert [row[:2] for row in rows[1:]] == [(2023, "Văn phòng UBND tỉnh Quảng Ngãi")]
