"""Excel in and out: Vietnamese names survive exactly, a bad row changes nothing."""

import io
import unicodedata
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from accounts import spreadsheets
from accounts.models import Unit, User

pytestmark = pytest.mark.django_db


def workbook(units=(), people=()) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Đơn vị"
    sheet.append(["Mã cơ quan", "Mã đơn vị", "Tên đơn vị", "Loại đơn vị"])
    for row in units:
        sheet.append(list(row))
    sheet = book.create_sheet("Người dùng")
    sheet.append(["Tên đăng nhập", "Họ và tên", "Chức vụ", "Mã cơ quan", "Mã đơn vị", "Loại cán bộ",
                  "Lãnh đạo, quản lý", "Thuộc phạm vi Hội đồng", "Thư điện tử"])
    for row in people:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def snapshot():
    return (sorted(User.objects.values_list("username", "full_name", "unit_id", "position_title")),
            sorted(Unit.objects.values_list("code", "name")), User.history.count())


def test_export_then_import_changes_nothing_and_keeps_names_exactly(person):
    before = snapshot()
    content = spreadsheets.export_workbook(units=Unit.objects.all(), people=User.objects.all())

    result = spreadsheets.import_workbook(actor=person("admin"), content=content)

    assert (result.people_created, result.people_updated, result.units_created, result.units_updated) == (0, 0, 0, 0)
    assert result.unchanged == User.objects.count() + Unit.objects.count()
    assert snapshot() == before
    sheet = load_workbook(io.BytesIO(content))["Người dùng"]
    names = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert names["chanhvp"] == "Vũ Minh Tâm"
    assert all(n == unicodedata.normalize("NFC", n) for n in names.values())


def test_import_creates_units_and_people_in_nfc(person):
    content = workbook(
        units=[("VP", "TCCB", "Phòng Tổ chức – Cán bộ", "Phòng chuyên môn, nghiệp vụ")],
        people=[("canbo.tccb.01", unicodedata.normalize("NFD", "Nguyễn Thị Ánh Tuyết"), "Chuyên viên", "VP", "TCCB",
                 "Cán bộ, công chức", "Không", "Có", "tuyet@vp.quangngai.example")],
    )

    result = spreadsheets.import_workbook(actor=person("admin"), content=content)

    created = User.objects.get(username="canbo.tccb.01")
    assert (result.units_created, result.people_created) == (1, 1)
    assert created.full_name == unicodedata.normalize("NFC", "Nguyễn Thị Ánh Tuyết")
    assert created.unit.name == "Phòng Tổ chức – Cán bộ"
    assert created.history.get().history_user == person("admin")


def test_an_invalid_row_is_reported_by_number_and_nothing_is_written(person):
    content = workbook(
        units=[("VP", "TCCB", "Phòng Tổ chức – Cán bộ", "Phòng chuyên môn, nghiệp vụ")],
        people=[
            ("canbo.tccb.01", "Trần Văn Hải", "Chuyên viên", "VP", "TCCB", "Cán bộ, công chức", "Không", "Có", ""),
            ("canbo.tccb.02", "Lê Thị Hoa", "Chuyên viên", "VP", "KHONGCO", "Cán bộ, công chức", "Không", "Có", ""),
            ("chanhvp", "Vũ Minh Tâm", "Chánh Văn phòng", "VP", "LDVP", "Bộ đội", "Có", "Có", ""),
        ],
    )
    before = snapshot()

    with pytest.raises(spreadsheets.ImportRejected) as rejected:
        spreadsheets.import_workbook(actor=person("admin"), content=content)

    errors = rejected.value.errors
    assert len(errors) == 2
    assert errors[0].startswith("Trang “Người dùng”, dòng 3") and "KHONGCO" in errors[0]
    assert errors[1].startswith("Trang “Người dùng”, dòng 4") and "Bộ đội" in errors[1]
    assert snapshot() == before


def test_a_duplicate_username_in_the_file_is_refused(person):
    row = ("canbo.x.01", "Trần Văn Hải", "", "VP", "KT", "Viên chức", "Không", "Có", "")
    with pytest.raises(spreadsheets.ImportRejected) as rejected:
        spreadsheets.import_workbook(actor=person("admin"), content=workbook(people=[row, row]))

    assert "đã có ở dòng 2" in rejected.value.errors[0]


@pytest.mark.parametrize("content", [b"", b"not a workbook", b"PK\x03\x04broken"])
def test_unreadable_files_get_one_plain_message(person, content):
    with pytest.raises(spreadsheets.ImportRejected) as rejected:
        spreadsheets.import_workbook(actor=person("admin"), content=content)

    assert rejected.value.errors == ["Tệp không phải là bảng tính Excel (.xlsx) đọc được."]


def test_an_archive_bomb_is_refused_before_it_is_opened(person, monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_UNPACKED_BYTES", 1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (2 * 1024 * 1024))

    with pytest.raises(spreadsheets.ImportRejected) as rejected:
        spreadsheets.import_workbook(actor=person("admin"), content=buffer.getvalue())

    assert "quá lớn" in rejected.value.errors[0]


def test_only_administrators_may_import(person):
    with pytest.raises(PermissionDenied):
        spreadsheets.import_workbook(actor=person("hcqt"), content=workbook())


def test_import_page_shows_each_bad_row_and_writes_nothing(login):
    content = workbook(people=[("x y", "", "", "VP", "KT", "Viên chức", "Không", "Có", "")])
    client = login("admin")
    before = snapshot()

    upload = io.BytesIO(content)
    upload.name = "danh-sach.xlsx"
    response = client.post(reverse("admin:accounts_user_import"), {"file": upload})

    page = response.content.decode()
    assert response.status_code == 200
    assert "dòng 2" in page and "tên đăng nhập “x y” không hợp lệ" in page and "thiếu họ và tên" in page
    assert snapshot() == before


def test_import_page_refuses_a_file_that_is_not_xlsx_by_content(login):
    upload = io.BytesIO(b"%PDF-1.7 pretending")
    upload.name = "danh-sach.xlsx"

    response = login("admin").post(reverse("admin:accounts_user_import"), {"file": upload})

    assert "không phải là bảng tính Excel" in response.content.decode()


def test_export_downloads_an_attachment(login):
    response = login("admin").get(reverse("admin:accounts_user_export"))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["Đơn vị", "Người dùng"]


def test_the_file_format_stays_vietnamese_in_the_english_interface(person):
    from django.utils import translation

    with translation.override("en"):
        content = spreadsheets.export_workbook(units=Unit.objects.all(), people=User.objects.all())
        result = spreadsheets.import_workbook(actor=person("admin"), content=content)

    rows = list(load_workbook(io.BytesIO(content))["Người dùng"].iter_rows(min_row=2, values_only=True))
    categories = {"Cán bộ, công chức", "Viên chức", "Lao động hợp đồng (Nghị định 111/2022/NĐ-CP)"}
    assert {row[5] for row in rows} <= categories
    assert result.people_updated == 0
