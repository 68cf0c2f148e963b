"""Issue #9: the year's pledge registration (đăng ký thi đua; domain §6, design §3 flow 1) clicked
through in chromium by the demo Office's own people.

Every step is a click on a page the person reaches from their desk or the site menu after signing in
through the login form: the secretariat opens the year's registration with today as the units'
deadline (so it may compile with units still missing, which are listed — the Office has ten units
and two suffice here); the heads of Phòng Kinh tế and Phòng Nội chính register their unit's
collective title, a target and their members' titles; a member confirms their own line; the
secretariat returns Phòng Kinh tế's registration with a reason and accepts Phòng Nội chính's; the
head of Phòng Kinh tế reads the reason, adds a target and sends again; the secretariat accepts it and
compiles the agency's registration; the chief takes the signing, then delegates it to a deputy, who
signs "KT. CHÁNH VĂN PHÒNG" and the công văn takes its number; its PDF downloads; the unit head reads
the result on the unit's registration.

Given, not clicked: the year's movements, which IT staff keep in the Django admin (``seed_demo``
loads them; the browser fixtures flush the database, so the test loads them again with the same
seeder). Everything else goes through the pages.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from workflow.documents.rendering import pdf_text

from .conftest import ARTIFACTS, assert_accessible, take_task

pytestmark = pytest.mark.browser

AGENCY = "Văn phòng UBND tỉnh Quảng Ngãi"
RETURN_REASON = "Thiếu chỉ tiêu về cải cách hành chính của phòng"
SIGN_STEP = "Duyệt và ký bản đăng ký thi đua của cơ quan"
MOVEMENT = "Cán bộ, đảng viên 3 gương mẫu, Nhân dân 3 tự giác, doanh nghiệp vận tải và lái xe 3 an toàn"


@pytest.fixture
def movements(catalogue_transactional_db):
    from nominations import demo_pledges

    demo_pledges.seed()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"pledge-cycle-{name}.png"), full_page=True)


def test_a_year_of_pledge_registration_from_the_units_to_the_signed_cong_van(people, movements):
    from django.utils import timezone

    from accounts.models import User

    today = timezone.localdate()
    year = today.year
    kt = [User.objects.get(username=f"canbo.kt.{n:02}") for n in (2, 3)]
    nc = [User.objects.get(username=f"canbo.nc.{n:02}") for n in (2, 3)]
    deputy = User.objects.get(username="phochanhvp1")

    # The secretariat opens the year's registration of the Office from the pledge page.
    page = people("hcqt")
    open_pledge_page(page)
    page.get_by_label("Năm").fill(str(year))
    page.get_by_label("Hạn đăng ký của các đơn vị").fill(today.isoformat())
    page.get_by_role("button", name=f"Mở đợt đăng ký thi đua của {AGENCY}").click()
    page.wait_for_url(re.compile(r"/pledges/co-quan/\d+/$"))
    agency_url = page.url
    assert page.locator("#agency-status").inner_text() == "Đang nhận đăng ký của các đơn vị"
    assert "Phòng Kinh tế" in page.locator("#missing-units").inner_text()
    shot(page, "01-secretariat-opens-registration")
    assert_accessible(page, "01-secretariat-opens-registration")

    # The heads of two units register: the collective title, a target, each member's title.
    registrations = {}
    for login, unit, members, collective, titles in (
        ("truongphong.kt", "Phòng Kinh tế", kt, "Tập thể lao động xuất sắc",
         ["Chiến sĩ thi đua cơ sở", "Lao động tiên tiến"]),
        ("truongphong.nc", "Phòng Nội chính", nc, "Tập thể lao động tiên tiến",
         ["Lao động tiên tiến", "Lao động tiên tiến"]),
    ):
        page = people(login)
        page.locator("#pledges").get_by_role("link", name="Mở trang đăng ký thi đua").click()
        page.get_by_role("button", name=f"Lập bản đăng ký thi đua năm {year} của {unit}").click()
        page.wait_for_url(re.compile(r"/pledges/\d+/$"))
        registrations[unit] = page.url
        assert page.locator("#pledge-status").inner_text() == "Đang soạn"
        page.get_by_label("Danh hiệu tập thể đăng ký").select_option(label=collective)
        page.get_by_role("button", name="Lưu", exact=True).click()
        page.locator("#pledge-collective", has_text=collective).wait_for()
        page.get_by_label("Nội dung chỉ tiêu").fill("Giải quyết văn bản đúng hạn")
        page.get_by_label("Đơn vị tính").fill("%")
        page.get_by_label(re.compile("^Chỉ tiêu")).fill("100")
        page.get_by_label("Thuộc phong trào").select_option(label=MOVEMENT)
        page.get_by_role("button", name="Thêm chỉ tiêu").click()
        page.locator("#pledge-targets").get_by_text("Giải quyết văn bản đúng hạn").wait_for()
        for member, title in zip(members, titles, strict=True):
            page.get_by_label("Cá nhân").select_option(label=member.full_name)
            page.get_by_label("Danh hiệu đăng ký").select_option(label=title)
            page.get_by_label("Sáng kiến, đề tài dự kiến").fill(
                "Số hóa quy trình trình ký" if title == "Chiến sĩ thi đua cơ sở" else "")
            page.get_by_role("button", name="Lưu đăng ký của cá nhân").click()
            page.locator("#pledge-lines tr", has_text=member.full_name).wait_for()
        for member, title in zip(members, titles, strict=True):
            row = page.locator("#pledge-lines tr", has_text=member.full_name).inner_text()
            assert title in row and "Chưa xác nhận" in row
        if login == "truongphong.kt":
            shot(page, "02-unit-head-drafts")
            assert_accessible(page, "02-unit-head-drafts")
        assert page.locator("#pledge-tasks li").inner_text().startswith("Gửi bản đăng ký thi đua —")
        page.locator("#pledge-tasks").get_by_role("button", name="Nhận việc").click()
        take_task(page)
        page.get_by_role("button", name="Gửi bản đăng ký").click()
        page.locator("#messages", has_text="Đã gửi bản đăng ký cho thường trực thi đua – khen thưởng.").wait_for()
        assert page.locator("#pledge-status").inner_text() == "Đã gửi, chờ thường trực xem xét"

    # A member of Phòng Kinh tế confirms their own line from their desk.
    page = people(kt[0].username)
    page.locator("#pledges").get_by_role("link", name=re.compile("Tôi đăng ký Chiến sĩ thi đua cơ sở")).click()
    page.locator("#pledge-lines tr", has_text=kt[0].full_name).get_by_role("button", name="Tôi xác nhận").click()
    page.locator("#messages", has_text="Đã xác nhận đăng ký của bạn.").wait_for()
    assert "Đã xác nhận" in page.locator("#pledge-lines tr", has_text=kt[0].full_name).inner_text()
    people.release(kt[0].username)

    # The secretariat returns Phòng Kinh tế's registration with the reason, accepts Phòng Nội chính's.
    page = people("hcqt")
    review(page, "Phòng Kinh tế", "Trả lại", RETURN_REASON)
    shot(page, "03-secretariat-returns")
    assert_accessible(page, "03-secretariat-returns")
    page.get_by_role("button", name="Ghi nhận").click()
    page.wait_for_url(registrations["Phòng Kinh tế"])
    assert page.locator("#pledge-status").inner_text() == "Bị trả lại để chỉnh sửa"
    review(page, "Phòng Nội chính", "Chấp nhận")
    page.get_by_role("button", name="Ghi nhận").click()
    page.wait_for_url(registrations["Phòng Nội chính"])
    assert page.locator("#pledge-status").inner_text() == "Đã được chấp nhận"

    # The head of Phòng Kinh tế reads the reason, adds the missing target and sends again.
    page = people("truongphong.kt")
    page.locator("#pledges").get_by_role("link", name=re.compile("Phòng Kinh tế: Bị trả lại")).click()
    assert RETURN_REASON in page.locator("#pledge-reviews").inner_text()
    page.get_by_label("Nội dung chỉ tiêu").fill("Tỷ lệ hồ sơ thủ tục hành chính giải quyết trực tuyến")
    page.get_by_label("Đơn vị tính").fill("%")
    page.get_by_label(re.compile("^Chỉ tiêu")).fill("90")
    page.get_by_role("button", name="Thêm chỉ tiêu").click()
    page.locator("#pledge-targets").get_by_text("giải quyết trực tuyến").wait_for()
    page.locator("#pledge-tasks").get_by_role("button", name="Nhận việc").click()
    take_task(page)
    page.get_by_role("button", name="Gửi bản đăng ký").click()
    page.locator("#messages", has_text="Đã gửi bản đăng ký cho thường trực thi đua – khen thưởng.").wait_for()

    # The secretariat accepts it, then compiles the agency's registration; the missing units are listed.
    page = people("hcqt")
    review(page, "Phòng Kinh tế", "Chấp nhận")
    page.get_by_role("button", name="Ghi nhận").click()
    page.wait_for_url(registrations["Phòng Kinh tế"])
    assert page.locator("#pledge-status").inner_text() == "Đã được chấp nhận"
    assert [line.inner_text().split(" — ")[0] for line in page.locator("#pledge-reviews li").all()] == [
        "Trả lại", "Chấp nhận"]
    open_pledge_page(page)
    page.locator("#agency-registrations").get_by_role("link", name=AGENCY).click()
    page.locator("#pledge-tasks").get_by_role("button", name="Nhận việc").click()
    take_task(page)
    assert "Phòng Tổng hợp" in page.locator("#missing-units").inner_text()
    page.get_by_label("Danh hiệu cơ quan đăng ký").select_option(label="Tập thể lao động xuất sắc")
    shot(page, "04-secretariat-compiles")
    assert_accessible(page, "04-secretariat-compiles")
    page.get_by_role("button", name="Tổng hợp và trình ký").click()
    page.wait_for_url(agency_url)
    assert page.locator("#agency-status").inner_text() == "Đã tổng hợp, chờ lãnh đạo ký"
    accepted = page.locator("#agency-units").inner_text()
    assert "Phòng Kinh tế — Tập thể lao động xuất sắc" in accepted
    assert "Phòng Nội chính — Tập thể lao động tiên tiến" in accepted
    assert "Phòng Tổng hợp" in page.locator("#missing-at-compile").inner_text()

    # The chief takes the signing from the desk, then, called away, delegates it to a deputy.
    page = people("chanhvp")
    page.locator("#tasks").get_by_role("link", name=SIGN_STEP).first.click()
    take_task(page)
    assert "Trạng thái: Đã tổng hợp, chờ lãnh đạo ký" in page.locator("#agency-registration").inner_text()
    shot(page, "05-chief-opens-signing")
    assert_accessible(page, "05-chief-opens-signing")
    page.get_by_role("link", name="Bàn làm việc", exact=True).first.click()
    page.get_by_role("link", name="Ủy quyền xử lý công việc").click()
    page.get_by_label("Người được ủy quyền").select_option(label=deputy.full_name)
    page.get_by_label("Từ ngày").fill(today.isoformat())
    page.get_by_label("Đến ngày").fill((today + dt.timedelta(days=3)).isoformat())
    page.get_by_label("Lý do").fill("Đi công tác")
    page.get_by_role("button", name="Ủy quyền", exact=True).click()
    page.locator("#delegations tr", has_text=deputy.full_name).wait_for()

    # The deputy finds the step on their desk, on the chief's behalf, and signs "KT.".
    page = people("phochanhvp1")
    row = page.locator("#tasks tr", has_text=SIGN_STEP)
    assert "Xử lý thay Vũ Minh Tâm" in row.inner_text()
    row.get_by_role("link", name=SIGN_STEP).click()
    page.wait_for_url(re.compile(r"/execute/$"))
    assert page.locator("#previews a.preview-link").count() == 1  # the công văn's draft, to read first
    shot(page, "06-deputy-signs")
    assert_accessible(page, "06-deputy-signs")
    page.get_by_label("Tôi đã đọc các dự thảo trên và đồng ý ký ban hành.").check()
    page.get_by_role("button", name="Duyệt và ký").click()
    page.wait_for_url(agency_url)
    assert page.locator("#agency-status").inner_text() == "Đã ký, gửi Sở Nội vụ"
    number = page.locator("#agency-registration").get_by_role("link", name=re.compile(r"VP-HCQT$"))
    document_number = number.inner_text()
    assert re.fullmatch(r"\d+/VP-HCQT", document_number)
    shot(page, "07-agency-registration-signed")
    assert_accessible(page, "07-agency-registration-signed")

    # The signed công văn is in the register with its number; its PDF downloads.
    number.click()
    assert page.locator("#status").inner_text() == "Đã ban hành"
    assert document_number in page.locator("#document").inner_text()
    assert f"{deputy.full_name} (ký thay)" in page.locator("#document").inner_text()
    shot(page, "08-cong-van")
    assert_accessible(page, "08-cong-van")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải bản PDF").click()
    text = pdf_text(download.value.path().read_bytes())
    assert document_number in text and "KT. CHÁNH VĂN PHÒNG" in text and deputy.full_name in text

    # The head of Phòng Kinh tế reads the result: accepted, both rounds, the member's confirmation.
    page = people("truongphong.kt")
    assert "Phòng Kinh tế: Đã được chấp nhận" in page.locator("#pledges").inner_text()
    page.locator("#pledges").get_by_role("link", name="Phòng Kinh tế: Đã được chấp nhận").click()
    assert page.locator("#pledge-status").inner_text() == "Đã được chấp nhận"
    assert page.locator("#pledge-collective").inner_text() == "Tập thể lao động xuất sắc"
    assert page.locator("#pledge-included").inner_text() == f"Đã ký, gửi Sở Nội vụ — Công văn số {document_number}"
    assert "Đã xác nhận" in page.locator("#pledge-lines tr", has_text=kt[0].full_name).inner_text()
    assert RETURN_REASON in page.locator("#pledge-reviews").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải bản đăng ký (PDF)").click()
    assert download.value.path().read_bytes().startswith(b"%PDF-")
    shot(page, "09-unit-head-reads-result")
    assert_accessible(page, "09-unit-head-reads-result")


def review(page, unit: str, decision: str, reason: str = "") -> None:
    """The secretariat opens the unit's registration from the pledge page, takes the review, decides."""
    open_pledge_page(page)
    page.locator("#unit-registrations").get_by_role("link", name=unit).click()
    page.locator("#pledge-tasks").get_by_role("button", name="Nhận việc").click()
    take_task(page)
    page.get_by_label("Quyết định").select_option(label=decision)
    if reason:
        page.get_by_label("Lý do").fill(reason)


def open_pledge_page(page) -> None:
    """The site menu's "Đăng ký thi đua"."""
    page.get_by_role("link", name="Đăng ký thi đua", exact=True).first.click()
    page.wait_for_url(re.compile(r"/pledges/$"))
