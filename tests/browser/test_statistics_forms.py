"""Issue 20 in chromium: the secretariat chooses a year on the statistics page, sees which circular's forms
apply and their counts, downloads form 0603.N as Excel and form 0602.N as PDF, and is told in words when the year
has no form."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from .conftest import ARTIFACTS, assert_accessible

pytestmark = pytest.mark.browser


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"statistics-{name}.png"), full_page=True)


def test_the_secretariat_downloads_the_forms_of_a_year(people, server_turn):
    from accounts.models import User
    from nominations.models import Award
    from nominations.services.registries import past_award_record

    with server_turn:
        secretariat = User.objects.get(username="hcqt")
        worker = User.objects.get(username="canbo.kt.04")
        past_award_record(actor=secretariat, award=Award.objects.get(code="BK_TINH"), year=2026,
                          decision_number="15/QĐ-UBND", issuer="Chủ tịch UBND tỉnh", person=worker,
                          decision_date=dt.date(2026, 5, 4))
    page = people("hcqt")
    page.goto(f"{page.base_url}/reports/bieu-thong-ke/")
    page.get_by_label("Năm báo cáo").fill("2026")
    page.get_by_role("button", name="Xem biểu").click()
    page.locator("#circular", has_text="Thông tư số 02/2023/TT-BNV").wait_for()
    assert "từ 01/12/2025 đến 30/11/2026" in page.locator("#circular").inner_text()
    form = page.locator("#bieu-0603")
    assert "Biểu số: 0603.N/BNV-TĐKT" in form.inner_text()
    shot(page, "01-year-2026")
    assert_accessible(page, "statistics-01-year-2026")

    with page.expect_download() as excel:
        form.get_by_role("link", name="Tải Excel").click()
    sheet = load_workbook(io.BytesIO(open(excel.value.path(), "rb").read())).active  # noqa: SIM115 - read whole
    assert sheet["A1"].value == "Biểu số: 0603.N/BNV-TĐKT"
    total = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Tổng số")
    assert total[3] >= 1
    with page.expect_download() as pdf:
        page.locator("#bieu-0602").get_by_role("link", name="Tải PDF").click()
    assert excel.value.suggested_filename.endswith(".xlsx") and pdf.value.suggested_filename.endswith(".pdf")
    assert open(pdf.value.path(), "rb").read(5) == b"%PDF-"  # noqa: SIM115 - five bytes

    # A year before any known circular: said in plain words, no form shown.
    page.get_by_label("Năm báo cáo").fill("2010")
    page.get_by_role("button", name="Xem biểu").click()
    page.locator("#id_nam_error", has_text="Chưa có biểu thống kê cho năm trước 2018.").wait_for()
    assert page.locator("#bieu-0603").count() == 0
    shot(page, "02-year-too-early")
