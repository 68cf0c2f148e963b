"""The demo Office's registration as documents (issue 5): the signed công văn in the Nghị định 30
layout, numbered from the agency's register; the unit's Bản đăng ký, unnumbered."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from nominations import demo_pledges
from nominations.models import Award, Movement
from nominations.services import pledges as services
from tests.workflow.documents_helpers import A4_POINTS, page_sizes, page_texts, pdf_text

pytestmark = pytest.mark.django_db
YEAR = 2023


@pytest.fixture
def office_registration(person, django_capture_on_commit_callbacks):
    """Two units of the Office register; the secretariat compiles at the deadline; the chief signs."""
    demo_pledges.seed()
    award = {a.code: a for a in Award.objects.all()}
    reform = Movement.objects.get(name__startswith="Đẩy mạnh cải cách hành chính")
    vp = person("hcqt").unit.agency
    agency = services.agency_pledge_open(actor=person("hcqt"), agency=vp, year=YEAR, deadline=dt.date(2023, 6, 1))
    for code, member, initiative in (("kt", "canbo.kt.02", "Tổng hợp báo cáo kinh tế – xã hội trên nền tảng số"),
                                     ("hcqt", "canbo.hcqt.02", "")):
        head = person(f"truongphong.{code}")
        unit = services.pledge_registration_create(actor=head, unit=head.unit, year=YEAR)
        services.pledge_registration_update(actor=head, registration=unit, collective_title=award["TTLDTT"])
        services.pledge_target_add(actor=head, registration=unit, content="Văn bản trình đúng hạn", measure="%",
                                   planned_value="100", movement=reform)
        services.pledge_line_save(actor=head, registration=unit, person=person(member), title=award["CSTDCS"],
                                  planned_initiative=initiative)
        services.pledge_registration_submit(actor=head, registration=unit)
        services.pledge_registration_review(actor=person("hcqt"), registration=unit, accept=True)
    services.agency_pledge_compile(actor=person("hcqt"), registration=agency, collective_title=award["CO_TINH"],
                                   on=dt.date(2023, 6, 13))
    with django_capture_on_commit_callbacks(execute=True):
        services.agency_pledge_sign(actor=person("chanhvp"), registration=agency)
    agency.refresh_from_db()
    return agency


def test_the_offices_registration_is_a_numbered_cong_van_in_the_nd30_layout(office_registration, person):
    document = office_registration.document
    with document.pdf.open("rb") as handle:
        pdf = handle.read()
    pages = [" ".join(page.split()) for page in page_texts(pdf)]
    text = " ".join(pdf_text(pdf).split())

    assert all(abs(w - A4_POINTS[0]) < 1 and abs(h - A4_POINTS[1]) < 1 for w, h in page_sizes(pdf))
    for expected in (
        "UBND TỈNH QUẢNG NGÃI", "VĂN PHÒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        f"Số: {document.number:02d}/VP-HCQT", "V/v đăng ký thi đua năm 2023", "Kính gửi: Sở Nội vụ tỉnh Quảng Ngãi",
        "Tập thể Văn phòng UBND tỉnh Quảng Ngãi đăng ký danh hiệu “Cờ thi đua của UBND tỉnh”",
        "02 tập thể đăng ký danh hiệu “Tập thể lao động tiên tiến”",
        "02 cá nhân đăng ký danh hiệu “Chiến sĩ thi đua cơ sở”",
        "Nơi nhận:", "Lưu: VT, HCQT.", "CHÁNH VĂN PHÒNG", person("chanhvp").full_name,
    ):
        assert expected in pages[0], expected
    # A công văn has no tên loại: the registration is its annex, on a page of its own after the signature.
    assert "BẢN ĐĂNG KÝ THI ĐUA" not in pages[0] and "PHỤ LỤC" not in pages[0]
    annex = text[text.index("PHỤ LỤC"):]
    assert text.index(person("chanhvp").full_name) < text.index("PHỤ LỤC")
    for expected in (
        "BẢN ĐĂNG KÝ THI ĐUA NĂM 2023", f"Kèm theo Công văn số {document.number:02d}/VP-HCQT",
        "I. CÁC PHONG TRÀO THI ĐUA ĐĂNG KÝ THAM GIA", "Đẩy mạnh cải cách hành chính tỉnh", "24/01/2022",
        "II. CHỈ TIÊU THI ĐUA", "Phòng Kinh tế Văn bản trình đúng hạn",
        "Phòng Hành chính – Quản trị Văn bản trình đúng hạn",
        "III. DANH HIỆU THI ĐUA ĐĂNG KÝ", "Cờ thi đua của UBND tỉnh", "Tập thể lao động tiên tiến",
        person("canbo.kt.02").full_name, person("canbo.hcqt.02").full_name, "Chiến sĩ thi đua cơ sở",
        "Tổng hợp báo cáo kinh tế",
    ):
        assert expected in annex, expected
    assert "DỰ THẢO" not in text
    assert document.number_text == f"{document.number:02d}/VP-HCQT"


def test_home_affairs_reads_the_issued_cong_van(office_registration, login):
    client = login("sonoivu")

    response = client.get(reverse("documents:download", args=[office_registration.document_id]))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_the_units_registration_renders_unnumbered_signed_by_the_unit_head(office_registration, login, person):
    unit_registration = office_registration.unit_pledges.get(unit__code="KT")
    client = login("truongphong.kt")

    response = client.get(reverse("pledges:pdf", args=[unit_registration.pk]))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    assert "BẢN ĐĂNG KÝ THI ĐUA" in text and "Phòng Kinh tế" in text
    assert "Kính gửi: Hội đồng Thi đua – Khen thưởng Văn phòng UBND tỉnh Quảng Ngãi" in text
    assert "Số:" not in text
    assert person("canbo.kt.02").full_name in text and person("canbo.hcqt.02").full_name not in text


def test_a_table_with_nothing_registered_says_so_rather_than_printing_an_empty_grid(person, login):
    """A unit that registers only its collective title: sections I, II and III.2 say "Không có."."""
    demo_pledges.seed()
    head = person("truongphong.kt")
    services.agency_pledge_open(actor=person("hcqt"), agency=head.unit.agency, year=YEAR, deadline=dt.date(2023, 6, 1))
    unit = services.pledge_registration_create(actor=head, unit=head.unit, year=YEAR)
    title = Award.objects.get(code="TTLDTT")
    services.pledge_registration_update(actor=head, registration=unit, collective_title=title)

    text = " ".join(pdf_text(login("truongphong.kt").get(reverse("pledges:pdf", args=[unit.pk])).content).split())

    assert "I. CÁC PHONG TRÀO THI ĐUA ĐĂNG KÝ THAM GIA STT Phong trào thi đua Mục tiêu Thời gian Không có." in text
    assert "Chỉ tiêu Không có. III. DANH HIỆU THI ĐUA ĐĂNG KÝ" in text
    assert "Sáng kiến dự kiến Không có." in text
