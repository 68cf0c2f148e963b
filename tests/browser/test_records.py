"""Issue 20 in chromium: the secretariat searches the award registry by a name typed without tones, opens the
person's record (awards, the CSTĐCS streak as the eligibility engine counts it) and downloads the results as
Excel; screenshots of the search and the record page."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from .conftest import ARTIFACTS, assert_accessible

pytestmark = pytest.mark.browser


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"records-{name}.png"), full_page=True)


def test_the_secretariat_searches_without_tones_and_opens_a_record(people, server_turn):
    from accounts.models import User
    from nominations.models import Award
    from nominations.services.registries import past_award_record

    with server_turn:
        secretariat = User.objects.get(username="hcqt")
        worker = User.objects.get(username="canbo.kt.04")
        for year in (2022, 2023, 2024):
            past_award_record(actor=secretariat, award=Award.objects.get(code="CSTDCS"), year=year,
                              decision_number=f"{year - 2000}/QĐ-VP", issuer="Chánh Văn phòng", person=worker,
                              decision_date=dt.date(year, 12, 20))
        folded = worker.name_search_key
    page = people("hcqt")
    page.goto(f"{page.base_url}/records/")
    page.get_by_label("Họ và tên (gõ có dấu hoặc không dấu)").fill(folded)
    page.get_by_role("button", name="Tìm").click()
    page.locator("#record-count", has_text="Tìm thấy").wait_for()
    assert page.locator("#records .record-row").count() >= 3
    shot(page, "01-search")
    assert_accessible(page, "records-01-search")

    with page.expect_download() as excel:
        page.get_by_role("link", name="Xuất Excel").click()
    sheet = load_workbook(io.BytesIO(open(excel.value.path(), "rb").read())).active  # noqa: SIM115 - read whole
    assert [c.value for c in sheet[1]][:2] == ["Năm", "Cá nhân, tập thể"]

    page.locator("#records").get_by_role("link", name=worker.full_name).first.click()
    page.locator("#record-streaks .streak", has_text="3 năm liên tục (2022–2024)").wait_for()
    assert "CSTĐ" in page.locator("#record-awards").inner_text() or page.locator("#record-awards tr").count() >= 4
    shot(page, "02-record")
    assert_accessible(page, "records-02-record")
