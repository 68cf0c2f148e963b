"""Issue 20 in chromium: from an issued Quyết định khen thưởng, the secretariat opens "In giấy khen", records the
shift it measured on the calibration page, previews the certificates on screen (one sheet per awardee) and
downloads the PDF to print on the blanks and the calibration page."""

from __future__ import annotations

import pytest

from .conftest import ARTIFACTS, assert_accessible

pytestmark = pytest.mark.browser


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"certificates-{name}.png"), full_page=True)


def test_the_secretariat_previews_and_prints_the_certificates(people, server_turn):
    from nominations.models import CertificateLayout
    from tests.nominations.certificate_helpers import awardees, issued_decision

    with server_turn:
        decision = issued_decision()
        names = [person.full_name for person in awardees()]
    page = people("hcqt")
    page.goto(f"{page.base_url}/documents/{decision.document_id}/")
    page.get_by_role("link", name="In giấy khen").click()
    page.locator("#awardees", has_text=names[0]).wait_for()
    assert names[1] in page.locator("#awardees").inner_text()
    shot(page, "01-page")
    assert_accessible(page, "certificates-01-page")

    # The shift measured on the calibration page: 2,5 mm to the right, 4 mm up
    page.get_by_label("Dịch ngang (mm, dương: sang phải)").fill("2,5")
    page.get_by_label("Dịch dọc (mm, dương: xuống dưới)").fill("-4")
    page.get_by_role("button", name="Lưu căn chỉnh").click()
    page.locator("#messages", has_text="Đã lưu căn chỉnh").wait_for()
    with server_turn:  # no layout yet: the first one saved is the agency's default, for every blank
        layout = CertificateLayout.objects.get(agency=decision.document.agency, award=None)
        assert (float(layout.offset_x_mm), float(layout.offset_y_mm)) == (2.5, -4.0)

    with page.expect_download() as pdf:
        page.get_by_role("link", name="Tải PDF để in").click()
    assert open(pdf.value.path(), "rb").read(5) == b"%PDF-"  # noqa: SIM115 - five bytes
    with page.expect_download() as grid:
        page.get_by_role("link", name="Tải trang căn chỉnh").click()
    assert open(grid.value.path(), "rb").read(5) == b"%PDF-"  # noqa: SIM115 - five bytes

    # The preview: one sheet per awardee, the name where the shifted layout puts it
    page.goto(f"{page.base_url}/nominations/decisions/{decision.document_id}/giay-khen/xem-truoc/")
    sheets = page.locator(".sheet")
    assert sheets.count() == 2
    assert names[0] in sheets.nth(0).inner_text() and names[1] in sheets.nth(1).inner_text()
    sheet = sheets.nth(0).bounding_box()
    name = sheets.nth(0).locator(".name").bounding_box()
    px_per_mm = sheet["width"] / 297
    assert (name["x"] - sheet["x"]) / px_per_mm == pytest.approx(42.5, abs=0.5)
    assert (name["y"] - sheet["y"]) / px_per_mm == pytest.approx(82, abs=0.5)
    shot(page, "02-preview")
