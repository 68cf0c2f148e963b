"""Importing past awards and sáng kiến from .xlsx / .csv: every row checked, all or nothing."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from accounts.models import Agency
from nominations import services
from nominations.models import Award, Initiative, PastAward

pytestmark = pytest.mark.django_db

URL = reverse("eligibility:import")
AWARD_HEADER = ["Tên đăng nhập", "Mã đơn vị", "Mã danh hiệu", "Năm", "Số quyết định", "Ngày quyết định",
                "Cấp quyết định"]
INITIATIVE_HEADER = ["Tên sáng kiến", "Tác giả", "Số quyết định", "Ngày công nhận", "Phạm vi", "Cơ quan công nhận"]


def xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows, delimiter=";") -> bytes:
    return "\n".join(delimiter.join(str(c) for c in row) for row in rows).encode("utf-8-sig")


def _post(client, kind, name, content):
    agency = Agency.objects.get(code="VP")
    return client.post(URL, {"agency": agency.pk, "kind": kind, "file": SimpleUploadedFile(name, content)})


def test_the_secretariat_imports_past_awards_from_excel(login, person):
    content = xlsx([AWARD_HEADER,
                    ["canbo.kt.02", None, "CSTDCS", 2022, "12/QĐ-VP", dt.datetime(2023, 1, 10), "Chánh Văn phòng"],
                    [None, "KT", "TTLDTT", 2022, "13/QĐ-VP", "10/01/2023", None]])

    response = _post(login("hcqt"), "awards", "khen-thuong.xlsx", content)

    assert response.status_code == 302
    imported = PastAward.objects.filter(year=2022).select_related("award", "person", "unit")
    assert {(a.award.code, a.person.username if a.person else a.unit.code) for a in imported} == {
        ("CSTDCS", "canbo.kt.02"), ("TTLDTT", "KT")}
    assert all(a.history.latest().history_user == person("hcqt") for a in imported)
    follow = login("hcqt").get(URL)
    assert "Đã nhập 2 dòng." in follow.content.decode()


def test_one_invalid_row_imports_nothing_and_every_error_is_listed_by_row(login):
    content = xlsx([AWARD_HEADER,
                    ["canbo.kt.02", None, "LDTT", 2022, "12/QĐ-VP", None, None],
                    ["khong.co.ai", None, "LDTT", 2022, "12/QĐ-VP", None, None],
                    ["canbo.kt.03", None, "XYZ", "hai nghìn", "12/QĐ-VP", "31/02/2023", None],
                    ["canbo.kt.02", None, "LDTT", 2022, "12/QĐ-VP", None, None],
                    [None, "KT", "LDTT", 2022, "1/QĐ", None, None],
                    ["sonoivu", None, "LDTT", 2022, "1/QĐ", None, None]])

    response = _post(login("hcqt"), "awards", "khen-thuong.xlsx", content)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Không nhập dòng nào: có 5 lỗi." in page
    assert "Dòng 3: không có người dùng “khong.co.ai” trong cơ quan." in page
    assert "Dòng 4: không có danh hiệu, hình thức mã “XYZ”; năm “hai nghìn” không hợp lệ; " \
           "ngày quyết định “31/02/2023” không đúng dạng ngày/tháng/năm." in page
    assert "Dòng 5: trùng với dòng 2." in page
    assert "Dòng 6: “Lao động tiên tiến” không xét tặng cho tập thể." in page
    assert "Dòng 7: không có người dùng “sonoivu” trong cơ quan." in page
    assert not PastAward.objects.exists()


def test_a_row_already_in_the_registry_is_an_error(login, person):
    services.past_award_record(actor=None, person=person("canbo.kt.02"), award=Award.objects.get(code="LDTT"),
                               year=2022, decision_number="1/QĐ-VP", issuer="Chánh Văn phòng")
    content = csv_bytes([AWARD_HEADER, ["canbo.kt.02", "", "LDTT", 2022, "2/QĐ-VP", "", ""]])

    response = _post(login("hcqt"), "awards", "khen-thuong.csv", content)

    assert "Dòng 2:" in response.content.decode()
    assert PastAward.objects.count() == 1


def test_sang_kien_from_csv_with_several_authors(login, person):
    content = csv_bytes([INITIATIVE_HEADER,
                         ["Số hóa hồ sơ", "canbo.kt.02, canbo.kt.03", "5/QĐ-HĐSK", "15/11/2023", "Cơ sở", "HĐSK"],
                         ["Cổng dữ liệu tỉnh", "canbo.th.02", "", "2023-12-01", "tỉnh", ""]])

    response = _post(login("hcqt"), "initiatives", "sang-kien.csv", content)

    assert response.status_code == 302
    first = Initiative.objects.get(title="Số hóa hồ sơ")
    assert (first.scope, first.decision_date) == ("co_so", dt.date(2023, 11, 15))
    assert set(first.authors.values_list("username", flat=True)) == {"canbo.kt.02", "canbo.kt.03"}
    assert Initiative.objects.get(title="Cổng dữ liệu tỉnh").scope == "tinh"


def test_sang_kien_errors_are_reported_per_row(login):
    content = xlsx([INITIATIVE_HEADER,
                    ["Số hóa hồ sơ", "", "5/QĐ-HĐSK", "15/11/2023", "cơ sở", ""],
                    ["Cổng dữ liệu", "canbo.th.02", "", "", "huyện", ""]])

    page = _post(login("hcqt"), "initiatives", "sang-kien.xlsx", content).content.decode()

    assert "Dòng 2: chưa ghi tác giả." in page
    assert "Dòng 3: phạm vi “huyện” không hợp lệ (cơ sở, tỉnh hoặc toàn quốc); chưa ghi ngày công nhận." in page
    assert not Initiative.objects.exists()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("a.xlsx", b"not a zip", "Không đọc được tệp Excel"),
    ("a.csv", "Tên sáng kiến;Năm\nA;2023".encode(), "Thiếu cột: Mã danh hiệu, Số quyết định"),
    ("a.csv", b"\xff\xfe\x00bad", "UTF-8"),
    ("a.csv", csv_bytes([AWARD_HEADER]), "chỉ có dòng tiêu đề"),
    ("a.csv", "Tên sáng kiến\nA".encode(), "Thiếu cột: Mã danh hiệu, Năm, Số quyết định"),
])
def test_unreadable_files_are_explained(login, name, content, message):
    response = _post(login("hcqt"), "awards", name, content)

    assert response.status_code == 200
    assert message in response.content.decode()


def test_other_extensions_are_refused(login):
    response = _post(login("hcqt"), "awards", "a.pdf", b"%PDF-1.4")

    assert "Chỉ nhận tệp .xlsx hoặc .csv." in response.content.decode()


@pytest.mark.parametrize("username", ["truongphong.kt", "canbo.kt.02", "kiemtra"])
def test_only_the_secretariat_may_import(login, username):
    response = _post(login(username), "awards", "a.csv", csv_bytes([AWARD_HEADER]))

    assert response.status_code == 403


def test_the_service_refuses_someone_outside_the_secretariat(person):
    with pytest.raises(PermissionDenied):
        services.registry_import(actor=person("truongphong.kt"), agency=Agency.objects.get(code="VP"), kind="awards",
                                 filename="a.csv", content=csv_bytes([AWARD_HEADER]))


def test_an_archive_bomb_is_refused_before_it_is_opened(login, monkeypatch):
    from nominations import imports

    monkeypatch.setattr(imports, "MAX_UNPACKED_BYTES", 1000)
    content = xlsx([AWARD_HEADER] + [["canbo.kt.02", None, "LDTT", 2000 + i, "1/QĐ", None, None] for i in range(50)])

    response = _post(login("hcqt"), "awards", "khen-thuong.xlsx", content)

    assert "Tệp giải nén quá lớn" in response.content.decode()
    assert not PastAward.objects.exists()


@pytest.mark.parametrize("content", [b"", b"\n\n;;\n"])
def test_an_empty_file_is_reported_by_the_service(person, content):
    report = services.registry_import(actor=person("hcqt"), agency=Agency.objects.get(code="VP"), kind="awards",
                                       filename="a.csv", content=content)

    assert not report.ok
    assert report.errors == ["Tệp không có dữ liệu."]
