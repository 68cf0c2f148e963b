"""The PDFs themselves, read back with pypdf: the Nghị định 30 layout, the seed's report, safety.

Rendering is the slow part, so each PDF is made once per module and shared by the tests that
read it. They are built from the seeded demo Office (read-only here).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import urllib.request

import pytest
from django.utils import timezone

from accounts.models import Agency, User
from tests.workflow.documents_helpers import A4_POINTS, embedded_fonts, page_sizes, page_texts, pdf_text
from workflow.documents import examples, rendering, services
from workflow.documents.kinds import get_kind
from workflow.documents.models import IssuedDocument

# Marked as database tests so pytest-django runs them before any transactional test flushes
# the seeded Office; the module fixtures read it once.
pytestmark = pytest.mark.django_db

TZ = timezone.get_fixed_timezone(7 * 60)
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

HOSTILE = (
    '<img src="file:///etc/passwd"> <b>in đậm</b> {{ request }} {% now "Y" %} '
    '<link rel="stylesheet" href="http://198.51.100.7/x.css"> '
    '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">'
)


def _render(agency, key, data, *, summary="Trích yếu", number=None, signer=None, deputy=False, when=None,
            doc_type=None, unit_code="HCQT", draft=False, **extra):
    kind = get_kind(key)
    document = IssuedDocument(
        agency=agency, template_key=key, doc_type=kind.default_doc_type if doc_type is None else doc_type,
        issuer_unit_code=unit_code, summary=summary, data=data, signer=signer, signer_is_deputy=deputy,
        signed_at=when, number=number, **extra,
    )
    return rendering.render_pdf(kind.template, services.document_context(document, draft=draft))


@pytest.fixture(scope="module")
def office(django_db_blocker):
    with django_db_blocker.unblock():
        vp = Agency.objects.get(code="VP")
        people = {u.username: u for u in User.objects.filter(username__in=["chanhvp", "phochanhvp1"])}
        report = examples.annual_report_data(vp, 2023)
        decision = examples.decision_data(vp, names=30)
        leaders = User.objects.in_agency(vp).filter(is_active=True, in_council_scope=True, is_leader=True).count()
        census = {
            category: User.objects.in_agency(vp).filter(employment_category=category).count()
            for category in User.EmploymentCategory
        }
    return {"vp": vp, **people, "report": report, "decision": decision, "leaders": leaders, "census": census}


@pytest.fixture(scope="module")
def report(office, django_db_blocker):
    with django_db_blocker.unblock():  # a signed document reads the audit chain head for its metadata
        result = _render(
            office["vp"], "bao_cao_tong_ket", office["report"], summary=examples.annual_report_summary(2023),
            number=12, signer=office["chanhvp"], when=dt.datetime(2023, 10, 16, 9, 0, tzinfo=TZ),
        )
    return result.pdf


@pytest.fixture(scope="module")
def decision(office, django_db_blocker):
    data = {**office["decision"], "proposal": HOSTILE}
    data["annex"][0] = {**data["annex"][0], "name": "Nguyễn <i>Văn</i> {{ A }}"}
    with django_db_blocker.unblock():  # a signed document reads the audit chain head for its metadata
        result = _render(
            office["vp"], "quyet_dinh_khen_thuong", data, summary="Về việc tặng danh hiệu “Lao động tiên tiến”",
            number=5, signer=office["phochanhvp1"], deputy=True, when=dt.datetime(2024, 2, 5, 10, 0, tzinfo=TZ),
        )
    return result


@pytest.fixture(scope="module")
def draft(office):
    return _render(office["vp"], "quyet_dinh_khen_thuong", office["decision"], summary="Về việc khen thưởng",
                   draft=True).pdf


# --- The annual report of the demo Office (domain §7) -------------------------------------------


def test_the_report_has_the_header_of_the_decree(report):
    first = page_texts(report)[0]

    for line in ("UBND TỈNH QUẢNG NGÃI", "VĂN PHÒNG", "Số: 12/BC-VP", QUOC_HIEU, TIEU_NGU,
                 "Quảng Ngãi, ngày 16 tháng 10 năm 2023", "BÁO CÁO",
                 "Tổng kết công tác thi đua, khen thưởng năm 2023", "và phương hướng, nhiệm vụ năm 2024",
                 "Kính gửi: Sở Nội vụ"):
        assert line in first.splitlines(), line


def test_the_report_follows_the_seed_outline_in_order(report):
    text = pdf_text(report).replace("\n", " ")
    outline = [
        "PHẦN THỨ NHẤT", "KẾT QUẢ THỰC HIỆN NHIỆM VỤ CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2023",
        "I. ĐẶC ĐIỂM, TÌNH HÌNH", "1. Đặc điểm, tình hình", "2. Thuận lợi, khó khăn",
        "II. KẾT QUẢ THỰC HIỆN", "1. Lãnh đạo, chỉ đạo thực hiện công tác thi đua, khen thưởng",
        "a) Tổ chức, thực hiện các văn bản", "b) Ban hành các văn bản", "c) Phát động phong trào thi đua",
        "2. Kết quả tổ chức thực hiện các phong trào thi đua",
        "2.1. Kết quả thực hiện các phong trào thi đua do Thủ tướng Chính phủ phát động",
        "2.2. Kết quả thực hiện phong trào thi đua", "2.3. Kết quả các phong trào thi đua do tỉnh phát động",
        "2.4. Kết quả thực hiện phong trào thi đua thực hiện chỉ tiêu, nhiệm vụ phát triển kinh tế - xã hội",
        "2.5. Kết quả thực hiện các phong trào thi đua do địa phương, đơn vị phát động",
        "3. Công tác tuyên truyền, nhân rộng các điển hình tiên tiến", "III. ĐÁNH GIÁ CHUNG",
        "PHẦN THỨ HAI", "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024", "I. Nhiệm vụ trọng tâm",
        "II. Biện pháp, giải pháp thực hiện", "Đề nghị Sở Nội vụ tổng hợp, báo cáo UBND tỉnh theo quy định./.",
        "Nơi nhận:", "- Lưu: VT, HCQT.", "CHÁNH VĂN PHÒNG", "Vũ Minh Tâm",
    ]
    positions = [text.find(heading) for heading in outline]

    assert -1 not in positions, [h for h, p in zip(outline, positions, strict=True) if p == -1]
    assert positions == sorted(positions)


def test_the_headcount_comes_from_the_people_of_the_office(report, office):
    census = office["census"]
    cs, hd, vc = (census[c] for c in (User.EmploymentCategory.CIVIL_SERVANT, User.EmploymentCategory.CONTRACT_111,
                                      User.EmploymentCategory.PUBLIC_EMPLOYEE))
    text = " ".join(pdf_text(report).split())

    assert (cs + hd + vc, cs, hd, vc) == (87, 59, 14, 14)
    assert (
        f"người lao động là {cs + hd + vc}, trong đó có {cs} cán bộ, công chức (bao gồm cả Chủ tịch và các "
        f"Phó Chủ tịch UBND tỉnh), {hd} lao động hợp đồng theo Nghị định số 111/2022/NĐ-CP và {vc} viên chức"
    ) in text


def test_the_report_ends_with_a_statistics_table_by_title_outcome_and_leaders(report, office):
    annex = page_texts(report)[-1]
    lines = annex.splitlines()

    assert "PHỤ LỤC" in lines
    assert "THỐNG KÊ KẾT QUẢ THI ĐUA, KHEN THƯỞNG NĂM 2023" in lines
    assert "(Kèm theo Báo cáo số 12/BC-VP ngày 16 tháng 10 năm 2023 của Văn phòng)" in " ".join(lines)
    flat = " ".join(annex.split())
    assert "STT Danh hiệu, hình thức khen thưởng Kết quả Số lượng" in flat
    for header in ("Lãnh đạo, quản lý", "Người trực tiếp công tác", "Tổng"):
        assert header in flat
    leaders = office["leaders"]
    workers = sum(office["census"].values()) - 4 - leaders  # the provincial leaders are outside the council's scope
    assert f"Lao động tiên tiến Được công nhận {leaders} {workers} {leaders + workers}" in flat


def test_the_report_is_a4_about_ten_pages_numbered_from_page_two(report):
    sizes = page_sizes(report)
    pages = page_texts(report)

    assert all(abs(w - A4_POINTS[0]) < 1 and abs(h - A4_POINTS[1]) < 1 for w, h in sizes)
    assert 8 <= len(pages) <= 14
    assert pages[0].splitlines()[-1].strip() != "1"
    for index, page in enumerate(pages[1:], start=2):
        assert "Chuỗi kiểm toán" not in page  # Nghị định 30 has no such footer
        assert page.splitlines()[-1].strip() == str(index)


def test_the_fonts_are_embedded_times_metric_serif(report):
    fonts = embedded_fonts(report)

    assert fonts and all(fonts.values())
    compact = [name.replace("-", "") for name in fonts]
    assert any("LiberationSerif" in name or "TimesNewRoman" in name for name in compact), fonts
    assert any("Bold" in name for name in fonts) and any("Italic" in name for name in fonts), fonts


# --- A decision signed by a deputy, with an annex and hostile text ---------------------------------


def test_a_deputy_signs_for_the_chief_with_kt(decision):
    text = pdf_text(decision.pdf)
    lines = [line.strip() for line in text.splitlines()]

    assert "Số: 05/QĐ-VP" in lines
    assert "Quảng Ngãi, ngày 05 tháng 02 năm 2024" in lines
    assert "KT. CHÁNH VĂN PHÒNG" in lines and "PHÓ CHÁNH VĂN PHÒNG" in lines
    assert "CHÁNH VĂN PHÒNG UBND TỈNH QUẢNG NGÃI" in lines
    assert "QUYẾT ĐỊNH:" in lines and any(line.startswith("Điều 1.") for line in lines)


def test_the_annex_lists_every_name_with_its_reference(decision, office):
    annex = " ".join(" ".join(page_texts(decision.pdf)[1:]).split())

    assert "DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG DANH HIỆU “LAO ĐỘNG TIÊN TIẾN” NĂM 2023" in annex
    reference = "(Kèm theo Quyết định số 05/QĐ-VP ngày 05 tháng 02 năm 2024 của Chánh Văn phòng UBND tỉnh Quảng Ngãi)"
    assert reference in annex
    for row in office["decision"]["annex"][1:]:
        assert row["name"] in annex
    assert re.search(r"\b30 ", annex)


def test_html_and_template_syntax_in_user_text_print_literally(decision):
    text = " ".join(pdf_text(decision.pdf).split())

    assert '<img src="file:///etc/passwd">' in text
    assert "<b>in đậm</b>" in text
    assert "{{ request }}" in text and '{% now "Y" %}' in text
    assert "Nguyễn <i>Văn</i> {{ A }}" in text


def test_urls_in_user_text_are_never_fetched(decision):
    assert decision.refused_urls == []
    assert "root:" not in pdf_text(decision.pdf)


def test_the_renderer_reads_no_local_file_no_network_and_no_data_url(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("the document renderer tried to open a URL")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", forbidden)
    html = (
        '<html><head><link rel="stylesheet" href="file:///etc/passwd"></head><body>'
        '<img src="file:///etc/passwd"><img src="http://198.51.100.7/tracker.png">'
        '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="><img src="../../../../etc/passwd">'
        '<img src="static/../../etc/passwd"><p>Văn bản</p></body></html>'
    )

    result = rendering.html_to_pdf(html)

    assert "Văn bản" in pdf_text(result.pdf)
    assert "root:" not in pdf_text(result.pdf)
    assert set(result.refused_urls) == {
        "file:///etc/passwd", "http://198.51.100.7/tracker.png", "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
        rendering.ORIGIN + "etc/passwd",
    }


def test_our_own_static_files_may_be_used(monkeypatch):
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", lambda *a, **k: pytest.fail("network"))

    result = rendering.html_to_pdf('<img src="static/viewflow/img/favicon.png"><p>Có ảnh</p>')

    assert result.refused_urls == []
    assert b"/Subtype /Image" in result.pdf or b"/Subtype/Image" in result.pdf


# --- Drafts, Unicode -----------------------------------------------------------------------------


def test_a_draft_has_the_watermark_no_number_and_no_signer(draft):
    text = pdf_text(draft)
    number_line = next(line for line in text.splitlines() if line.startswith("Số:"))

    assert "DỰ THẢO" in text
    assert number_line.endswith("/QĐ-VP") and not any(ch.isdigit() for ch in number_line)
    assert "Quảng Ngãi, ngày" in text and "Vũ Minh Tâm" not in text


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_vietnamese_text_survives_in_either_normal_form(office, form):
    name = unicodedata.normalize(form, "Nguyễn Thị Ánh Tuyết – Phường Nghĩa Lộ, ỷ ữ ợ ặ đ Đ")
    data = {"authority": "Chánh Văn phòng UBND tỉnh Quảng Ngãi", "articles": [name], "annex": []}

    text = pdf_text(_render(office["vp"], "quyet_dinh_khen_thuong", data, draft=True).pdf)

    assert unicodedata.normalize("NFC", name) in text
    assert unicodedata.normalize("NFC", text) == text


# --- The other kinds of document ------------------------------------------------------------------


@pytest.fixture(scope="module")
def other_kinds(office, django_db_blocker):
    with django_db_blocker.unblock():  # signed documents read the audit chain head for their metadata
        return _other_kinds(office)


def _other_kinds(office):
    vp, chief = office["vp"], office["chanhvp"]
    when = dt.datetime(2023, 12, 20, 14, 0, tzinfo=TZ)
    signed = {"signer": chief, "when": when}
    to_trinh = _render(vp, "to_trinh_khen_thuong", {
        "kinh_gui": ["Chủ tịch UBND tỉnh"], "commendation_kind": "khen thưởng thường xuyên",
        "grounds": ["Căn cứ Điều 74 và Điều 80 Luật Thi đua, khen thưởng năm 2022;"],
        "intro": ["Năm 2023, các cá nhân sau đã hoàn thành xuất sắc nhiệm vụ."],
        "proposal": "Văn phòng UBND tỉnh kính đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho:",
        "lines": [{"name": "Trần Thị Bích", "position": "Chuyên viên", "unit": "Phòng Kinh tế",
                   "award": "Bằng khen của Chủ tịch UBND tỉnh"}],
        "totals": ["Tổng cộng: 01 cá nhân."], "closing": "Kính trình Chủ tịch UBND tỉnh xem xét, quyết định./.",
        "noi_nhan": ["Như trên;", "Sở Nội vụ (Ban TĐKT);"],
    }, summary="Về việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh", number=7, **signed)
    bien_ban = _render(vp, "bien_ban_hop_hoi_dong", {
        "council_name": "Hội đồng Thi đua – Khen thưởng Văn phòng UBND tỉnh", "start_time": "08 giờ 00",
        "end_time": "10 giờ 30", "meeting_date": "2023-12-20", "venue": "Phòng họp số 1, Văn phòng UBND tỉnh",
        "place_date": "Quảng Ngãi, ngày 20 tháng 12 năm 2023",
        "chair": {"name": "Vũ Minh Tâm", "position": "Chánh Văn phòng", "council_position": "Chủ tịch Hội đồng"},
        "chair_title": "CHỦ TỊCH HỘI ĐỒNG",
        "secretary": {"name": "Lê Thị Thư Ký", "position": "Chuyên viên Phòng Hành chính – Quản trị"},
        "members_total": 14, "members_present": 12, "quorum_met": True,
        "members": [{"name": "Vũ Minh Tâm", "position": "Chánh Văn phòng", "council_position": "Chủ tịch Hội đồng"}],
        "absentees": [{"name": "Phạm Văn Vắng", "reason": "đi công tác"}, {"name": "Đỗ Thị Nghỉ", "reason": ""}],
        "counting_committee": [{"name": "Nguyễn Văn Kiểm", "role": "Trưởng ban"}],
        "ballots": {"issued": 12, "returned": 12, "absent_papers": 0},
        "agenda": ["Thư ký đọc tiêu chuẩn; Hội đồng thảo luận thành tích."],
        "titles": [{"award": "Chiến sĩ thi đua cơ sở", "kind": "danh hiệu", "method": "Bỏ phiếu kín", "secret": True,
                    "threshold": "từ 70% trở lên tổng số thành viên Hội đồng", "issued": 12, "returned": 12,
                    "valid": 12, "invalid": 0, "not_voting": 0,
                    "rows": [{"nominee": "Trần Thị Bích", "unit": "Phòng Kinh tế", "valid": 12, "votes": 12,
                              "base": 13, "percent": "92,31", "result": "Đạt"}]}],
        "conclusion": ["Hội đồng thống nhất đề nghị."],
    }, summary="Họp Hội đồng Thi đua – Khen thưởng năm 2023", number=3, **signed)
    person_report = _render(vp, "bao_cao_thanh_tich", {
        "subject": "person", "proposed_award": "Chiến sĩ thi đua cơ sở", "year": 2023,
        "person": {"name": "Trần Thị Bích", "birth_year": 1985, "gender": "Nữ", "position": "Chuyên viên",
                   "unit": "Phòng Kinh tế", "duties": "Tham mưu lĩnh vực đầu tư."},
        "achievements": ["Hoàn thành xuất sắc nhiệm vụ năm 2023."],
        "initiatives": [{"title": "Số hóa hồ sơ trình", "recognition": "Quyết định số 15/QĐ-VP ngày 10/11/2023"}],
        "titles_held": [{"year": 2022, "title": "Lao động tiên tiến", "decision": "Quyết định số 20/QĐ-VP"}],
        "confirmation": {"title": "Trưởng phòng Kinh tế", "name": "Nguyễn Văn Trưởng"},
    }, summary="Đề nghị tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2023", when=when)
    collective_report = _render(vp, "bao_cao_thanh_tich", {
        "subject": "collective", "year": 2023,
        "collective": {"name": "Phòng Kinh tế", "members": 8, "leader": "Nguyễn Văn Trưởng",
                       "functions": "Tham mưu về kinh tế."},
        "achievements": ["Tập thể hoàn thành xuất sắc nhiệm vụ."], "initiatives": [], "titles_held": [],
    }, summary="Đề nghị tặng danh hiệu Tập thể lao động tiên tiến năm 2023", **signed)
    unit_pledge = _render(vp, "dang_ky_thi_dua", {
        "level": "unit", "year": 2024, "kinh_gui": ["Hội đồng Thi đua – Khen thưởng Văn phòng UBND tỉnh"],
        "intro": ["Phòng Kinh tế đăng ký thi đua năm 2024 như sau:"],
        "movements": [{"name": "Dân vận khéo", "aim": "Gần dân", "period": "2021–2025", "launched_by": "UBND tỉnh"}],
        "targets": [{"content": "Hồ sơ trình đúng hạn", "measure": "%", "planned": "100"}],
        "collective_titles": [{"collective": "Phòng Kinh tế", "title": "Tập thể lao động tiên tiến"}],
        "person_titles": [{"name": "Trần Thị Bích", "position": "Chuyên viên", "title": "Chiến sĩ thi đua cơ sở",
                           "initiative": "Số hóa hồ sơ trình"}],
        "unit_head": {"title": "Trưởng phòng Kinh tế", "name": "Nguyễn Văn Trưởng"},
    }, summary="Đăng ký thi đua năm 2024", when=when)
    agency_pledge = _render(vp, "dang_ky_thi_dua", {
        "level": "agency", "year": 2023, "kinh_gui": ["Sở Nội vụ"], "intro": [], "movements": [],
        "targets": [], "collective_titles": [], "person_titles": [], "noi_nhan": ["Như trên;"],
    }, summary="đăng ký thi đua năm 2023", doc_type="CV", number=1014,
        when=dt.datetime(2023, 6, 13, 9, 0, tzinfo=TZ), signer=chief)
    return {key: pdf_text(value.pdf) for key, value in {
        "to_trinh": to_trinh, "bien_ban": bien_ban, "person_report": person_report,
        "collective_report": collective_report, "unit_pledge": unit_pledge, "agency_pledge": agency_pledge,
    }.items()}


def test_every_kind_has_the_national_header_and_issuer(other_kinds):
    for key, text in other_kinds.items():
        lines = text.splitlines()
        assert QUOC_HIEU in lines and TIEU_NGU in lines, key
        assert "UBND TỈNH QUẢNG NGÃI" in lines and "VĂN PHÒNG" in lines, key


def test_the_submission_names_the_kind_grounds_and_the_list(other_kinds):
    text = " ".join(other_kinds["to_trinh"].split())

    for part in ("Số: 07/TTr-VP", "TỜ TRÌNH", "Kính gửi: Chủ tịch UBND tỉnh", "khen thưởng thường xuyên",
                 "Căn cứ Điều 74 và Điều 80", "STT", "Trần Thị Bích", "Bằng khen của Chủ tịch UBND tỉnh",
                 "Nơi nhận:", "- Lưu: VT, HCQT.", "CHÁNH VĂN PHÒNG", "Vũ Minh Tâm"):
        assert part in text, part


def test_the_minutes_have_the_council_contents_and_tallies(other_kinds):
    text = " ".join(other_kinds["bien_ban"].split())

    for part in ("Số: 03/BB-VP", "BIÊN BẢN", "Quảng Ngãi, ngày 20 tháng 12 năm 2023",
                 "Thời gian: 08 giờ 00, ngày 20 tháng 12 năm 2023", "Phòng họp số 1",
                 "Chủ trì: Vũ Minh Tâm, Chánh Văn phòng, Chủ tịch Hội đồng", "Thư ký: Lê Thị Thư Ký",
                 "12/14 thành viên", "Phạm Văn Vắng (đi công tác)",
                 "Ban kiểm phiếu gồm: 1. Nguyễn Văn Kiểm — Trưởng ban",
                 "Hình thức: Bỏ phiếu kín", "Số phiếu phát ra: 12; số phiếu thu vào: 12; số phiếu hợp lệ: 12",
                 "Trần Thị Bích, Phòng Kinh tế 12 12/13 92,31 Đạt",
                 "THƯ KÝ CHỦ TỊCH HỘI ĐỒNG Lê Thị Thư Ký Vũ Minh Tâm"):
        assert part in text, part


def test_achievement_reports_for_a_person_and_a_collective(other_kinds):
    person = " ".join(other_kinds["person_report"].split())
    collective = " ".join(other_kinds["collective_report"].split())

    assert "BÁO CÁO THÀNH TÍCH" in person and "Số:" not in person
    for part in ("Họ và tên: Trần Thị Bích", "Số hóa hồ sơ trình (Quyết định số 15/QĐ-VP",
                 "NGƯỜI BÁO CÁO THÀNH TÍCH", "XÁC NHẬN CỦA TRƯỞNG PHÒNG KINH TẾ"):
        assert part in person, part
    for part in ("Tên tập thể: Phòng Kinh tế", "Tổng số thành viên: 8", "CHÁNH VĂN PHÒNG"):
        assert part in collective, part


def test_pledges_of_a_unit_and_of_the_agency(other_kinds):
    unit = " ".join(other_kinds["unit_pledge"].split())
    agency = " ".join(other_kinds["agency_pledge"].split())

    for part in ("BẢN ĐĂNG KÝ THI ĐUA", "I. CÁC PHONG TRÀO THI ĐUA ĐĂNG KÝ THAM GIA", "II. CHỈ TIÊU THI ĐUA",
                 "III. DANH HIỆU THI ĐUA ĐĂNG KÝ", "1. Đối với tập thể", "2. Đối với cá nhân",
                 "Tập thể lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "TRƯỞNG PHÒNG KINH TẾ"):
        assert part in unit, part
    for part in ("Số: 1014/VP-HCQT", "V/v đăng ký thi đua năm 2023", "Quảng Ngãi, ngày 13 tháng 6 năm 2023",
                 "Kính gửi: Sở Nội vụ"):
        assert part in agency, part
