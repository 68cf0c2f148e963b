"""Issue #9: a whole nomination year clicked through in chromium by the demo Office's own people.

Every step is a click on the page a person reaches from their desk, after signing in through the
login form: the secretariat opens the cycle; the head of Phòng Kinh tế fills the dossier (an
in-house title and a Bằng khen of the provincial Chairman, which goes to Sở Nội vụ) with a file;
the secretariat returns it once with a reason, then accepts it; the council votes; the chief
approves and signs; Sở Nội vụ opens the dossier behind the Tờ trình and answers it; the unit head reads
the outcome and opens the decision; the nominee sees the award on "Khen thưởng của tôi". The chief first
returns the session once with a reason, which the secretariat reads at the top of the minutes. Locators are
roles, labels and Vietnamese text, so badges and links added around them do not break the test.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from .conftest import ARTIFACTS, assert_accessible, open_my_task, take_task

pytestmark = pytest.mark.browser

YEAR = 2025
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
RETURN_REASON = "Thiếu biên bản họp bình xét của phòng"
CHIEF_REASON = "Kết luận cần ghi rõ số phiếu đồng ý của từng người"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"full-cycle-{name}.png"), full_page=True)


def test_a_whole_year_from_the_cycle_to_home_affairs(people, server_turn):
    from accounts.models import User
    from nominations import demo_facts

    # canbo.kt.02 is proposed for Lao động tiên tiến (decided in the Office), a colleague for the Chairman's
    # Bằng khen (decided by the province): the click-through followed canbo.kt.02.
    first = User.objects.get(username="canbo.kt.02")
    second = User.objects.filter(unit=first.unit, is_active=True).exclude(
        username__startswith="truongphong").exclude(pk=first.pk).order_by("pk").first()
    # The registries hold the year's facts the two lines need (ratings, service, sáng kiến), as the personnel
    # office would have entered them: the gates then let the lines through (issue 16).
    demo_facts.facts_record(year=YEAR, lines=[(first, "LDTT"), (second, "BK_TINH")])

    # The secretariat opens the year's cycle.
    page = people("hcqt")
    page.goto(f"{page.base_url}/nominations/cycles/")
    page.get_by_label("Cơ quan").select_option(label="Văn phòng UBND tỉnh Quảng Ngãi")
    page.get_by_label("Năm").fill(str(YEAR))
    page.get_by_label("Tên đợt xét").fill(f"Xét khen thưởng năm {YEAR}")
    page.get_by_label("Hạn nộp hồ sơ").fill(f"10/12/{YEAR}")
    page.get_by_label("Ngày họp Hội đồng").fill(f"20/12/{YEAR}")
    page.get_by_role("button", name="Mở đợt xét").click()
    page.get_by_text("Đã mở đợt xét.").wait_for()
    assert f"Xét khen thưởng năm {YEAR}" in page.locator("#cycles").inner_text()
    from nominations.models import Cycle

    with server_turn:
        cycle = Cycle.objects.get(agency__code="VP", year=YEAR)
    assert cycle.nominations_due.isoformat() == f"{YEAR}-12-10"  # typed dd/mm/yyyy, stored as 10 December
    shot(page, "01-secretariat-opens-cycle")
    assert_accessible(page, "01-secretariat-opens-cycle")

    # The head of Phòng Kinh tế opens the unit's dossier from the same page and fills it.
    # The desk tells the unit head the cycle is open and takes them to it.
    page = people("truongphong.kt")
    page.locator("#open-cycles").get_by_role("link", name="Các đợt xét", exact=True).click()
    page.get_by_role("button", name=re.compile("Lập hồ sơ của Phòng Kinh tế")).click()
    page.wait_for_url(re.compile(r"/nominations/dossiers/\d+/$"))
    dossier_url = page.url
    page.get_by_role("link", name="Xử lý hồ sơ").click()
    page.wait_for_url(re.compile(r"/flows/dossier/.+/execute/"))
    add_line(page, first.full_name, "Lao động tiên tiến")
    add_line(page, second.full_name, "Bằng khen của Chủ tịch UBND tỉnh")
    lines = page.locator("#lines")
    assert first.full_name in lines.inner_text() and "Bằng khen của Chủ tịch UBND tỉnh" in lines.inner_text()
    # Each line's báo cáo thành tích written and confirmed by the head, and the unit's minutes (issue 17: the gates
    # refuse a line without its papers), as the unit does on this page ("Lập, sửa, xác nhận").
    from nominations.models import Dossier

    demo_facts.papers_record(dossier=Dossier.objects.get(pk=int(dossier_url.rstrip("/").rsplit("/", 1)[1])))
    page.reload()
    page.get_by_label("Loại tệp").select_option(label="Báo cáo thành tích")
    page.get_by_label(re.compile("^Tệp")).set_input_files(
        files=[{"name": "bao-cao-thanh-tich.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.get_by_role("button", name="Tải lên").click()
    page.locator("#attachments").get_by_role("link", name="bao-cao-thanh-tich.pdf").wait_for()
    shot(page, "02-unit-head-fills-dossier")
    assert_accessible(page, "02-unit-head-fills-dossier")
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.get_by_text("Đã nộp hồ sơ cho thường trực").wait_for()

    # The secretariat returns it once with a reason.
    page = people("hcqt")
    page.locator("#waiting-dossiers").get_by_role("link", name=re.compile("Phòng Kinh tế")).click()
    take_dossier_task(page)
    page.get_by_label("Kết quả kiểm tra").select_option(label="Trả lại để bổ sung")
    page.get_by_label("Lý do trả lại").fill(RETURN_REASON)
    shot(page, "03-secretariat-returns-dossier")
    assert_accessible(page, "03-secretariat-returns-dossier")
    page.get_by_role("button", name="Ghi nhận").click()
    page.get_by_text("Đã ghi nhận kết quả kiểm tra hồ sơ.").wait_for()

    # The unit head reads the reason on the dossier, adds the missing file and submits again.
    page = people("truongphong.kt")
    page.goto(dossier_url)
    assert RETURN_REASON in page.locator("#rounds").inner_text()
    assert RETURN_REASON in page.locator("#dossier-returned").inner_text()  # a banner at the top (issue 18)
    shot(page, "03b-unit-head-reads-the-return")
    assert_accessible(page, "03b-unit-head-reads-the-return")
    page.get_by_role("link", name="Xử lý hồ sơ").click()
    page.get_by_label("Loại tệp").select_option(label="Biên bản họp bình xét của đơn vị")
    page.get_by_label(re.compile("^Tệp")).set_input_files(
        files=[{"name": "bien-ban-binh-xet.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.get_by_role("button", name="Tải lên").click()
    page.locator("#attachments").get_by_role("link", name="bien-ban-binh-xet.pdf").wait_for()
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.get_by_text("Đã nộp hồ sơ cho thường trực").wait_for()

    # The secretariat accepts: it takes the review from "Việc của tôi" in one click ("Nhận và mở"); the file
    # the unit sent opens for them.
    page = people("hcqt")
    page.get_by_role("link", name=re.compile("^Việc của tôi")).first.click()
    page.wait_for_url(re.compile(r"/home/viec-cua-toi/$"))
    row = page.locator("#inbox tr.task-row", has_text="Phòng Kinh tế").first
    shot(page, "04a-secretariat-inbox")
    assert_accessible(page, "04a-secretariat-inbox")
    row.get_by_role("button", name="Nhận và mở").click()
    page.wait_for_url(re.compile(r"/execute/$"))
    with page.expect_download() as download:
        page.locator("#attachments").get_by_role("link", name="bien-ban-binh-xet.pdf").click()
    assert download.value.path().read_bytes() == PDF
    page.get_by_label("Kết quả kiểm tra").select_option(label="Tiếp nhận hồ sơ")
    # The lines' "Lưu ý" (no pledge registration on record) are acknowledged with what was checked on paper.
    page.get_by_label("Xác nhận các điểm “Lưu ý”").fill("Đã đối chiếu bản đăng ký thi đua giấy của phòng.")
    page.get_by_role("button", name="Ghi nhận").click()
    page.get_by_text("Đã ghi nhận kết quả kiểm tra hồ sơ.").wait_for()
    page.goto(dossier_url)
    assert page.locator("#status").inner_text().startswith("Đã tiếp nhận")
    shot(page, "04-dossier-accepted")
    assert_accessible(page, "04-dossier-accepted")

    # The secretariat builds the agenda from the accepted lines and publishes it.
    page = people("hcqt")
    page.get_by_role("link", name="Phiên họp Hội đồng").first.click()
    page.locator("input[name=meeting_date]").fill(f"{YEAR}-12-20")
    page.get_by_label("Địa điểm").fill("Phòng họp số 1, Văn phòng UBND tỉnh")
    page.get_by_role("button", name="Lập chương trình họp").click()
    page.wait_for_url(re.compile(r"/nominations/sessions/\d+/$"))
    session_url = page.url
    page.get_by_role("button", name="Công bố danh sách và mở phiếu bầu").click()
    page.get_by_text("Đã công bố danh sách và mở phiếu bầu.").wait_for()
    assert page.locator("#items").get_by_text(second.full_name).count() == 1
    shot(page, "05-agenda-published")
    assert_accessible(page, "05-agenda-published")

    # Every voting member votes on their own ballot, from their desk.
    with server_turn:
        voters = voting_members()
    assert len(voters) == 13
    for index, username in enumerate(voters):
        page = open_my_task(people(username), "Bỏ phiếu")
        for radio in page.locator("#agenda input[type=radio][value=yes]").all():
            radio.check()
        if index == 0:
            shot(page, "06-ballot")
            assert_accessible(page, "06-ballot")
        page.get_by_role("button", name="Gửi phiếu").click()
        page.wait_for_url(re.compile(r"/home/$"))
        assert "Đã gửi phiếu biểu quyết" in page.locator("#messages").inner_text()
        people.release(username)

    # The secretariat finalises the minutes; the chief approves and signs in one action.
    page = open_my_task(people("hcqt"), "Hoàn thành biên bản")
    assert "Đủ số thành viên dự họp." in page.locator("#attendance").inner_text()
    page.get_by_label("Kết luận").fill("Hội đồng thống nhất đề nghị khen thưởng như danh sách.")
    shot(page, "07-minutes")
    assert_accessible(page, "07-minutes")
    page.get_by_role("button", name="Hoàn thành biên bản").click()
    page.wait_for_url(re.compile(r"/home/$"))
    assert "Đã lưu biên bản phiên họp" in page.locator("#messages").inner_text()

    # The chief reads the drafts and returns the session once, with his reason, instead of signing.
    page = open_my_task(people("chanhvp"), "Phê duyệt kết quả")
    assert page.locator("#previews a.preview-link").count() >= 3
    page.locator("#return-form textarea[name=reason]").fill(CHIEF_REASON)
    page.get_by_role("button", name="Trả lại Thường trực").click()
    page.wait_for_url(session_url)
    assert "Đã trả lại phiên họp cho Thường trực" in page.locator("#messages").inner_text()
    people.release("chanhvp")

    # The secretariat sees the chief's reason as a banner on the minutes and finalises them again.
    page = open_my_task(people("hcqt"), "Hoàn thành biên bản")
    assert CHIEF_REASON in page.locator("#return-reason").inner_text()
    shot(page, "07b-minutes-returned")
    assert_accessible(page, "07b-minutes-returned")
    page.get_by_label("Kết luận").fill("Hội đồng thống nhất đề nghị khen thưởng như danh sách đã bổ sung.")
    page.get_by_role("button", name="Hoàn thành biên bản").click()
    page.wait_for_url(re.compile(r"/home/$"))

    # The chief reads every draft he will sign (the approval refuses until he ticks that he has), then signs.
    page = open_my_task(people("chanhvp"), "Phê duyệt kết quả")
    shot(page, "08-chief-approves")
    assert_accessible(page, "08-chief-approves")
    drafts = page.locator("#previews a.preview-link")
    assert drafts.count() >= 3  # the minutes, the LĐTT Quyết định, the Tờ trình
    draft = page.request.get(urljoin(page.url, drafts.nth(1).get_attribute("href")))
    assert draft.ok and draft.body().startswith(b"%PDF-")
    page.get_by_role("button", name="Phê duyệt kết quả và ký các văn bản").click()
    # Not signed without confirming: the server refuses and says why (the form is posted novalidate).
    page.get_by_text("Chưa ký: hãy đọc các dự thảo").wait_for()
    assert page.locator("#read-drafts:invalid").count() == 1
    page.get_by_label("Tôi đã đọc các dự thảo trên và đồng ý ký ban hành.").check()
    page.get_by_role("button", name="Phê duyệt kết quả và ký các văn bản").click()
    # Signing numbers and renders the minutes, the decision and the Tờ trình (WeasyPrint) inline; the chief
    # lands on the session's page, told what he signed.
    page.wait_for_url(session_url, timeout=120_000)
    assert "Đã phê duyệt kết quả và ký" in page.content()

    # The decision is in the register; its PDF downloads from the page.
    shot(page, "09-session-approved")
    assert_accessible(page, "09-session-approved")
    page.get_by_role("link", name="Văn bản", exact=True).first.click()
    page.locator("#documents").get_by_role("link", name=re.compile(r"QĐ-VP$")).first.click()
    assert page.locator("#status").inner_text() == "Đã ban hành"
    shot(page, "10-decision")
    assert_accessible(page, "10-decision")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải bản PDF").click()
    assert download.value.path().read_bytes().startswith(b"%PDF-")

    # Sở Nội vụ examines the dossier behind the line first (Luật TĐKT 2022, Điều 84): the line sent to it and
    # the unit's file, not the in-house LĐTT line.
    page = open_my_task(people("sonoivu"), "Sở Nội vụ thẩm định tờ trình")
    task_url = page.url
    page.locator("#answers tr", has_text=second.full_name).get_by_role("link", name="Xem hồ sơ").click()
    page.wait_for_url(dossier_url)
    lines = page.locator("#lines").inner_text()
    assert second.full_name in lines and first.full_name not in lines
    with page.expect_download() as download:
        page.locator("#attachments").get_by_role("link", name="bao-cao-thanh-tich.pdf").click()
    assert download.value.path().read_bytes() == PDF
    shot(page, "11-home-affairs-reads-dossier")
    assert_accessible(page, "11-home-affairs-reads-dossier")

    # Sở Nội vụ answers the Tờ trình: the Chairman's Bằng khen is granted.
    page.goto(task_url)
    row = page.locator("#answers tr", has_text=second.full_name)
    row.locator("select").select_option(label="Đã có quyết định")
    row.get_by_label("Số quyết định của tỉnh").fill("1234/QĐ-UBND")
    row.get_by_label("Ngày quyết định").fill(f"15/01/{YEAR + 1}")
    shot(page, "12-home-affairs-answers")
    assert_accessible(page, "12-home-affairs-answers")
    page.get_by_role("button", name="Ghi nhận").click()
    page.wait_for_url(re.compile(r"/home/$"))
    assert "Đã ghi ý kiến của Sở Nội vụ về Tờ trình" in page.locator("#messages").inner_text()

    # The unit head sees every outcome on the dossier.
    page = people("truongphong.kt")
    page.locator("#my-unit-dossiers").get_by_role("link", name=re.compile("Phòng Kinh tế")).click()
    assert page.locator("#status").inner_text() == "Đã có kết quả"
    for person in (first, second):
        line = page.locator("#lines tr", has_text=person.full_name)
        assert "Đã có quyết định khen thưởng" in line.inner_text()
    assert "13/13" in page.locator("#tallies").inner_text()
    shot(page, "13-unit-head-reads-results")
    assert_accessible(page, "13-unit-head-reads-results")

    # The unit head opens the decision naming the unit from "Khen thưởng của tôi".
    page.get_by_role("link", name="Khen thưởng của tôi").first.click()
    unit_results = page.locator(".unit-results").first
    assert first.full_name in unit_results.inner_text()
    shot(page, "14-unit-head-results")
    assert_accessible(page, "14-unit-head-results")
    unit_results.locator(".unit-documents").get_by_role("link", name=re.compile(r"QĐ-VP$")).first.click()
    assert page.locator("#status").inner_text() == "Đã ban hành"

    # The LĐTT nominee sees his award on his own page and opens the decision that gave it.
    page = people(first.username)
    page.get_by_role("link", name="Khen thưởng của tôi").first.click()
    award = page.locator("#my-awards tr.award-row", has_text="Lao động tiên tiến")
    assert str(YEAR) in award.inner_text()
    shot(page, "15-nominee-reads-award")
    assert_accessible(page, "15-nominee-reads-award")
    award.get_by_role("link", name=re.compile(r"^Quyết định số \d+")).click()
    assert page.locator("#status").inner_text() == "Đã ban hành"
    assert "Lao động tiên tiến" in page.content()


def voting_members() -> list[str]:
    from accounts.models import Agency
    from nominations import services
    from nominations.models import Cycle

    cycle = Cycle.objects.get(agency=Agency.objects.get(code="VP"), year=YEAR)
    return [person.username for person in services.council_voters(cycle)]


def add_line(page, nominee: str, award: str) -> None:
    page.get_by_label("Cá nhân hoặc tập thể").select_option(label=nominee)
    page.get_by_label("Danh hiệu, hình thức").select_option(label=award)
    page.get_by_label("Loại hình khen thưởng").select_option(label="Khen thưởng thường xuyên")
    page.get_by_label("Tóm tắt thành tích").fill(f"Hoàn thành xuất sắc nhiệm vụ năm {YEAR}.")
    page.get_by_role("button", name="Thêm", exact=True).click()
    page.locator("#lines").get_by_text(award).first.wait_for()


def take_dossier_task(page) -> None:
    """On the dossier page: the secretariat takes the review from the queue and opens it."""
    page.get_by_role("link", name="Xử lý hồ sơ").click()
    take_task(page)
