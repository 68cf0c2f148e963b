"""Issue 20 in chromium: the chief opens an issued Quyết định in the register, follows its link to the payout
list, reads the amounts (a 2023 title decided in August 2024 pays on 2.340.000 đ), downloads the PDF; the
secretariat records the year's appropriation and reads the fund's balance."""

from __future__ import annotations

import pytest

from .conftest import ARTIFACTS, assert_accessible

pytestmark = pytest.mark.browser


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"reward-money-{name}.png"), full_page=True)


def test_the_payout_list_of_a_decision_and_the_fund(people, server_turn):
    from tests.nominations.funds_helpers import decided, workers

    with server_turn:
        decision = decided(2023, [(worker, "LDTT") for worker in workers(2)], "2024-08-15 02:00:00")
        document_id, agency_id = decision.document_id, decision.document.agency_id

    page = people("chanhvp")
    page.goto(f"{page.base_url}/documents/{document_id}/")
    page.get_by_role("link", name="Danh sách nhận tiền thưởng").click()
    page.locator("#payout-rows").wait_for()
    rows = page.locator("#payout-rows tbody tr")
    assert rows.count() == 3  # two awards and the total
    assert "710.000" in rows.nth(0).inner_text() and "0,3" in rows.nth(0).inner_text()
    assert "1.420.000" in page.locator("#payout-total").inner_text()
    assert "2.340.000" in page.locator("#base-salary").inner_text()
    shot(page, "01-payout-list")
    assert_accessible(page, "reward-money-01-payout-list")
    with page.expect_download() as pdf:
        page.locator("#payouts-pdf").click()
    assert open(pdf.value.path(), "rb").read(5) == b"%PDF-"  # noqa: SIM115 - five bytes

    secretariat = people("hcqt")
    secretariat.goto(f"{secretariat.base_url}/nominations/quy-thi-dua-khen-thuong/?nam=2024&co_quan={agency_id}")
    secretariat.get_by_label("Số tiền dự toán được giao (đồng)").fill("10.000.000")
    secretariat.locator("#appropriate").click()
    secretariat.locator("#fund-balance", has_text="8.580.000").wait_for()  # 10.000.000 − 2 × 710.000
    shot(secretariat, "02-fund")
