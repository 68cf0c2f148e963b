"""Issue 18 (1) in chromium: dates typed and picked day first, a US date refused next to its field.

The secretariat opens a cycle typing "05/12/2027" and picking the council's day on the calendar; the
cycle is stored for 5 and 20 December 2027. Editing it, a US "12/20/2027" is refused beside the field it
was typed in, and the cycle is then closed from the same page.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from .conftest import ARTIFACTS, assert_accessible

pytestmark = pytest.mark.browser


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"dates-{name}.png"), full_page=True)


def test_dates_are_typed_and_picked_day_first(people, server_turn):
    from nominations.models import Cycle

    page = people("hcqt")
    page.goto(f"{page.base_url}/nominations/cycles/")
    page.get_by_label("Năm").fill("2027")
    page.get_by_label("Tên đợt xét").fill("Xét khen thưởng năm 2027")
    page.get_by_label("Hạn nộp hồ sơ").fill("05/12/2027")

    # The calendar: it opens from the button beside the box, on the month typed, follows what is typed,
    # and writes the day picked as dd/mm/yyyy.
    council = page.get_by_label("Ngày họp Hội đồng")
    council.fill("01/11/2027")
    page.locator("#id_council_date + button").click()
    calendar = page.get_by_role("dialog", name="Chọn ngày")
    calendar.get_by_text("Tháng 11 2027").wait_for()
    calendar.get_by_role("button", name="Tháng sau").click()
    calendar.get_by_text("Tháng 12 2027").wait_for()
    shot(page, "01-calendar")
    assert_accessible(page, "01-calendar")
    calendar.get_by_role("button", name="20/12/2027").click()
    assert council.input_value() == "20/12/2027"
    assert page.get_by_role("dialog", name="Chọn ngày").count() == 0

    page.get_by_role("button", name="Mở đợt xét").click()
    page.get_by_text("Đã mở đợt xét.").wait_for()
    with server_turn:
        cycle = Cycle.objects.get(year=2027)
        assert (cycle.nominations_due, cycle.council_date) == (dt.date(2027, 12, 5), dt.date(2027, 12, 20))
    row = page.locator("#cycles tr", has_text="Xét khen thưởng năm 2027")
    assert "05/12/2027" in row.inner_text() and "20/12/2027" in row.inner_text()

    # A US date is refused next to its own field; nothing changes.
    row.get_by_role("link", name="Sửa, đóng đợt xét").click()
    page.wait_for_url(re.compile(r"/nominations/cycles/\d+/$"))
    page.get_by_label("Ngày họp Hội đồng").fill("12/20/2027")
    page.get_by_role("button", name="Lưu").click()
    error = page.locator("#id_council_date_error")
    error.wait_for()
    assert "Không có tháng 20" in error.inner_text()
    assert page.locator("#id_nominations_due_error").count() == 0
    assert page.get_by_label("Ngày họp Hội đồng").get_attribute("aria-invalid") == "true"
    shot(page, "02-us-date-refused")
    assert_accessible(page, "02-us-date-refused")
    with server_turn:
        cycle.refresh_from_db()
        assert cycle.council_date == dt.date(2027, 12, 20)

    # Corrected, then closed.
    page.get_by_label("Ngày họp Hội đồng").fill("22/12/2027")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu đợt xét.").wait_for()
    row = page.locator("#cycles tr", has_text="Xét khen thưởng năm 2027")
    row.get_by_role("link", name="Sửa, đóng đợt xét").click()
    page.wait_for_url(re.compile(r"/nominations/cycles/\d+/$"))
    page.get_by_role("button", name="Đóng đợt xét").click()
    page.get_by_text("Đã đóng đợt xét").first.wait_for()
    shot(page, "03-cycle-closed")
    assert_accessible(page, "03-cycle-closed")
    with server_turn:
        cycle.refresh_from_db()
        assert cycle.council_date == dt.date(2027, 12, 22) and not cycle.is_open


def test_a_missing_page_keeps_the_shell_and_a_way_back(people):
    page = people("canbo.kt.02")
    page.goto(f"{page.base_url}/nominations/dossiers/999999/", referer=f"{page.base_url}/nominations/")

    page.get_by_text("Không tìm thấy trang này").wait_for()
    shot(page, "04-not-found")
    assert_accessible(page, "04-not-found")
    page.get_by_role("link", name="Quay lại trang trước").click()
    page.wait_for_url(f"{page.base_url}/nominations/")
