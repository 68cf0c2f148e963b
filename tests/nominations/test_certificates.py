"""Certificates (Giấy khen, giấy chứng nhận danh hiệu) of an issued in-house Quyết định, printed on the agency's
pre-printed blank (issue 20; docs/legal-basis.md §12).

Given the chief's Quyết định giving "Lao động tiên tiến" 2025 to two colleagues of Phòng Kinh tế, issued and
registered: the secretariat prints one PDF with a page per awardee (name, unit, title, year, the decision's number
and date, the signer's title and name), shifts the printed lines by the millimetres it measured on the calibration
page, and sees them on screen first. Nobody else of the agency prints them, a missing and a forbidden decision
look the same, and nothing is printable before the decision is issued.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import unicodedata
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from nominations.audit import CERTIFICATE_LAYOUT_SAVED
from nominations.models import CertificateLayout, Paper
from nominations.services.certificates import certificate_layout_save
from workflow.audit.models import AuditEvent
from workflow.documents.models import DocumentStatus
from workflow.documents.rendering import pdf_text

from .certificate_helpers import approved_decision, awardees, issued_decision

pytestmark = pytest.mark.django_db

MM = 72 / 25.4  # PDF points per millimetre
URLS = ("certificates", "certificates_preview", "certificates_pdf", "certificates_calibration")


def _url(name: str, decision) -> str:
    return reverse(f"nominations:{name}", args=[decision.document_id])


def _pages(pdf: bytes) -> list[str]:
    return pdf_text(pdf).split("\f")


def _word_box(pdf: bytes, word: str, page: int = 0) -> tuple[float, float]:
    """Where ``word`` starts on the page (x from the left, y from the top, in points), read with pdftotext."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        xml = subprocess.run(["pdftotext", "-bbox", file.name, "-"], check=True, capture_output=True).stdout
    pages = xml.decode().split("<page ")[1:]
    for x, y, text in WORD.findall(pages[page]):
        if unicodedata.normalize("NFC", text) == word:
            return float(x), float(y)
    raise AssertionError(f"{word!r} is not on page {page}")


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>')


def _writes() -> tuple[int, int]:
    return (CertificateLayout.objects.count(),
            AuditEvent.objects.filter(action=CERTIFICATE_LAYOUT_SAVED).count())


@pytest.fixture
def decision(db):
    return issued_decision()


def test_one_certificate_page_per_awardee_with_what_the_decision_says(decision, login):
    # Given the issued decision of two awardees, and the secretariat on its page in the register
    client = login("hcqt")
    page = client.get(reverse("documents:detail", args=[decision.document_id])).content.decode()
    assert _url("certificates", decision) in page

    # When it downloads the certificates
    response = client.get(_url("certificates_pdf", decision))

    # Then one PDF has one page per awardee, each with that awardee's lines and the decision's
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    pages = _pages(response.content)
    people = awardees()
    assert len(pages) == len(people) == 2
    signed = timezone.localtime(decision.document.signed_at)
    for text, person in zip(pages, people, strict=True):
        assert person.full_name in text and person.unit.name in text
        assert "LAO ĐỘNG TIÊN TIẾN" in text and "Đã đạt danh hiệu “Lao động tiên tiến” năm 2025" in text
        assert f"Quyết định số {decision.document.number_text}" in text
        assert f"ngày {signed:%d/%m/%Y}" in text
        assert f"ngày {signed:%d} tháng {signed:%m} năm {signed.year}" in text
        assert "CHÁNH VĂN PHÒNG" in text and decision.document.signer.full_name in text
    # and nobody else's name is on a page
    assert people[1].full_name not in pages[0] and people[0].full_name not in pages[1]


def test_the_preview_shows_the_same_certificates_on_screen(decision, login):
    client = login("hcqt")
    page = client.get(_url("certificates", decision)).content.decode()
    assert _url("certificates_preview", decision) in page and _url("certificates_calibration", decision) in page
    preview = client.get(_url("certificates_preview", decision))
    assert preview.status_code == 200 and preview["Content-Type"].startswith("text/html")
    html = preview.content.decode()
    assert html.count('class="sheet"') == 2
    for person in awardees():
        assert person.full_name in html


def test_the_secretariats_offsets_move_every_printed_line(decision, login):
    # Given the certificates as printed with no shift
    client = login("hcqt")
    before = client.get(_url("certificates_pdf", decision)).content
    first_name = awardees()[0].full_name.split()[0]
    name_x, name_y = _word_box(before, first_name)
    number_x, number_y = _word_box(before, "Quyết")

    # When the secretariat records 10 mm to the right and 5,5 mm up for this award's blank (comma decimal)
    response = client.post(_url("certificates", decision), {
        "scope": "award", "paper": Paper.A4_LANDSCAPE, "offset_x_mm": "10", "offset_y_mm": "-5,5",
        "print_heading": "on"})

    # Then it is saved with its history and audit event, and every line moves by exactly that much
    assert response.status_code == 302
    layout = CertificateLayout.objects.get(agency=decision.document.agency, award=decision.award)
    assert (layout.offset_x_mm, layout.offset_y_mm) == (Decimal("10.0"), Decimal("-5.5"))
    assert layout.updated_by.username == "hcqt" and layout.history.count() == 1
    event = AuditEvent.objects.get(action=CERTIFICATE_LAYOUT_SAVED)
    assert event.actor.username == "hcqt" and event.agency == decision.document.agency
    after = client.get(_url("certificates_pdf", decision)).content
    for (x0, y0), (x1, y1) in (((name_x, name_y), _word_box(after, first_name)),
                               ((number_x, number_y), _word_box(after, "Quyết"))):
        assert x1 - x0 == pytest.approx(10 * MM, abs=0.3)
        assert y1 - y0 == pytest.approx(-5.5 * MM, abs=0.3)


def test_the_blank_with_the_title_preprinted_leaves_it_out(decision, login):
    client = login("hcqt")
    client.post(_url("certificates", decision), {"scope": "default", "paper": Paper.A4_PORTRAIT,
                                                 "offset_x_mm": "0", "offset_y_mm": "0"})
    layout = CertificateLayout.objects.get(agency=decision.document.agency, award=None)
    assert layout.paper == Paper.A4_PORTRAIT and not layout.print_heading
    pdf = client.get(_url("certificates_pdf", decision)).content
    text = _pages(pdf)[0]
    assert "LAO ĐỘNG TIÊN TIẾN" not in text and "Đã đạt danh hiệu “Lao động tiên tiến” năm 2025" in text
    width, height = _page_size(pdf)
    assert (round(width / MM), round(height / MM)) == (210, 297)


def _page_size(pdf: bytes) -> tuple[float, float]:
    import io

    from pypdf import PdfReader

    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return float(box.width), float(box.height)


@pytest.mark.parametrize(("x", "y", "message"), [
    ("60", "0", "Độ dịch tối đa là 50 mm về mỗi phía."),
    ("0", "-50,1", "Độ dịch tối đa là 50 mm về mỗi phía."),
    ("mười", "0", "Nhập độ dịch là một số mi-li-mét, ví dụ 2,5 hoặc -3."),
    ("1,25", "0", "Độ dịch chỉ lấy tới một chữ số thập phân, ví dụ 2,5."),
    ("NaN", "0", "Độ dịch chỉ lấy tới một chữ số thập phân, ví dụ 2,5."),
    ("", "0", "Nhập độ dịch ngang (0 nếu không dịch)."),
])
def test_a_bad_offset_is_refused_in_vietnamese_and_nothing_is_saved(decision, login, x, y, message):
    client = login("hcqt")
    writes = _writes()
    response = client.post(_url("certificates", decision), {
        "scope": "award", "paper": Paper.A4_LANDSCAPE, "offset_x_mm": x, "offset_y_mm": y}, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _writes() == writes


def test_the_service_refuses_a_shift_beyond_the_bounds_and_anyone_but_the_secretariat(decision):
    agency = decision.document.agency
    writes = _writes()
    with pytest.raises(ValidationError, match="50 mm"):
        certificate_layout_save(actor=User.objects.get(username="hcqt"), agency=agency, award=None,
                                paper=Paper.A4_LANDSCAPE, offset_x_mm=Decimal("50.5"), offset_y_mm=Decimal(0))
    with pytest.raises(ValidationError):
        certificate_layout_save(actor=User.objects.get(username="hcqt"), agency=agency, award=None,
                                paper="a0", offset_x_mm=Decimal(0), offset_y_mm=Decimal(0))
    with pytest.raises(PermissionDenied):
        certificate_layout_save(actor=User.objects.get(username="chanhvp"), agency=agency, award=None,
                                paper=Paper.A4_LANDSCAPE, offset_x_mm=Decimal(1), offset_y_mm=Decimal(1))
    assert _writes() == writes


def test_the_chief_reads_but_only_the_secretariat_saves(decision, login):
    client = login("chanhvp")
    page = client.get(_url("certificates", decision)).content.decode()
    assert 'name="offset_x_mm"' not in page
    writes = _writes()
    response = client.post(_url("certificates", decision), {
        "scope": "award", "paper": Paper.A4_LANDSCAPE, "offset_x_mm": "1", "offset_y_mm": "1"},
        HTTP_ACCEPT_LANGUAGE="vi")
    assert "Chỉ thường trực thi đua – khen thưởng" in response.content.decode()
    assert _writes() == writes


@pytest.mark.parametrize("username", ["canbo.kt.04", "truongphong.kt", "sonoivu"])
def test_anyone_else_gets_the_same_404_as_a_missing_decision(decision, login, username):
    # the awardees, their unit head (they read the decision itself), a colleague, Sở Nội vụ
    client = login(username)
    missing = reverse("nominations:certificates", args=[decision.document_id + 1000])
    assert client.get(missing).status_code == 404
    for name in URLS:
        assert client.get(_url(name, decision)).status_code == 404, name
    assert client.post(_url("certificates", decision), {"offset_x_mm": "1"}).status_code == 404


def test_an_awardee_reads_the_decision_but_not_the_certificates(decision, login):
    client = login(awardees()[0].username)
    page = client.get(reverse("documents:detail", args=[decision.document_id]))
    assert page.status_code == 200 and _url("certificates", decision) not in page.content.decode()
    for name in URLS:
        assert client.get(_url(name, decision)).status_code == 404, name


def test_the_auditor_reads_and_cannot_save(decision, login):
    client = login("kiemtra")
    assert client.get(_url("certificates_pdf", decision)).status_code == 200
    writes = _writes()
    response = client.post(_url("certificates", decision), {
        "scope": "award", "paper": Paper.A4_LANDSCAPE, "offset_x_mm": "1", "offset_y_mm": "1"})
    assert response.status_code == 403
    assert _writes() == writes


def test_nothing_is_printable_before_the_decision_is_issued(db, login):
    # Given a decision the chief approved but the register has not yet numbered and stored
    decision = approved_decision()
    assert decision.document.status != DocumentStatus.READY
    client = login("hcqt")
    page = client.get(reverse("documents:detail", args=[decision.document_id]))
    assert _url("certificates", decision) not in page.content.decode()
    for name in URLS:
        assert client.get(_url(name, decision)).status_code == 404, name


def test_the_calibration_page_is_a_millimetre_grid_with_the_current_shift(decision, login):
    client = login("hcqt")
    client.post(_url("certificates", decision), {"scope": "award", "paper": Paper.A4_LANDSCAPE,
                                                 "offset_x_mm": "3", "offset_y_mm": "-2", "print_heading": "on"})
    response = client.get(_url("certificates_calibration", decision))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = _pages(response.content)
    assert len(pages) == 1
    text = pages[0]
    assert "TRANG CĂN CHỈNH IN GIẤY KHEN" in text and "ngang 3.0 mm" in text and "dọc -2.0 mm" in text
    width, height = _page_size(response.content)
    assert (round(width / MM), round(height / MM)) == (297, 210)
    # the grid's labels sit at their millimetre: "100" on the top edge is 100 mm from the left
    x, _y = _word_box(response.content, "100")
    assert x == pytest.approx(100 * MM, abs=1.5)
    # the name's line is marked where the shifted name prints: 40 + 3 mm, 86 - 2 mm
    assert "Họ và tên, tên tập thể (43.0; 84.0 mm)" in text


def test_an_annulled_award_is_not_printed_and_a_corrected_name_prints_corrected(
        decision, login, django_capture_on_commit_callbacks):
    # Given the chief annulled the first awardee's award and corrected how the second's name was written
    from nominations.models import CorrectedField
    from nominations.services import annulments

    chief = User.objects.get(username="chanhvp")
    first, second = awardees()
    lines = {line.person_id: line for line in decision.lines.all()}
    annulment = annulments.annulment_draft(actor=chief, decision=decision, lines=[lines[first.pk]],
                                           ground="93_2_c", reason="Xét trái quy định")
    with django_capture_on_commit_callbacks(execute=True):
        annulments.amendment_sign(actor=chief, amendment=annulment)
    correction = annulments.correction_draft(actor=chief, decision=decision, reason="Ghi sai họ tên", corrections=[
        {"line": lines[second.pk], "field": CorrectedField.NAME, "new": "Nguyễn Đức Hoàng Anh"}])
    with django_capture_on_commit_callbacks(execute=True):
        annulments.amendment_sign(actor=chief, amendment=correction)

    # When the secretariat prints the certificates, then one page is left, with the corrected name
    pages = _pages(login("hcqt").get(_url("certificates_pdf", decision)).content)
    assert len(pages) == 1
    assert "Nguyễn Đức Hoàng Anh" in pages[0] and first.full_name not in pages[0]
