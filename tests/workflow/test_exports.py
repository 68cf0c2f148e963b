"""Every list's "Xuất Excel": the rows the person sees with the filters on, Vietnamese headers, real dates."""

import datetime as dt
import io
import unicodedata

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.roles import Role
from accounts.services import role_grant
from nominations.models import Dossier, Movement
from nominations.models.movements import MovementLevel
from tests.nominations.helpers import open_cycle, open_dossier
from workflow.exports import Column, ascii_filename, attachment_disposition, xlsx_bytes

pytestmark = pytest.mark.django_db


def sheet_of(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert response["Content-Disposition"].startswith("attachment;")
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.active.iter_rows(values_only=True))
    return rows[0], rows[1:]


def column(header, rows, name):
    index = header.index(name)
    return [row[index] for row in rows]


def test_generic_exporter_writes_real_dates_nfc_text_and_neutralises_formulas():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    content = xlsx_bytes(columns=[Column("Họ và tên", lambda r: r[0]), Column("Ngày", lambda r: r[1]),
                                  Column("Ghi chú", lambda r: r[2])],
                         rows=[(decomposed, dt.date(2024, 2, 5), "=HYPERLINK(\"x\")")], sheet_title="Thử")
    sheet = load_workbook(io.BytesIO(content)).active
    assert [c.value for c in sheet[1]] == ["Họ và tên", "Ngày", "Ghi chú"]
    name, day, note = sheet[2]
    assert name.value == "Nguyễn Thị Ánh" and unicodedata.is_normalized("NFC", name.value)
    assert day.value.date() == dt.date(2024, 2, 5) and day.number_format == "dd/mm/yyyy"
    assert note.value.startswith("'=")


def test_filename_is_ascii_with_the_vietnamese_name_alongside():
    assert ascii_filename("Hồ sơ đề nghị Đợt 1") == "ho-so-de-nghi-dot-1"
    header = attachment_disposition("Sổ văn bản 2024.xlsx")
    assert 'filename="so-van-ban-2024.xlsx"' in header and "filename*=UTF-8''S%E1%BB%95" in header
    assert "\n" not in attachment_disposition("a\r\nb.xlsx") and "/" not in ascii_filename("../../etc")


def test_unit_head_off_the_council_exports_only_their_units_dossiers(login, person):
    cycle = open_cycle(2025)
    open_dossier(cycle, "KT")
    open_dossier(cycle, "NC")
    role_grant(actor=person("admin"), user=person("canbo.kt.04"), role=Role.UNIT_HEAD, unit=person("canbo.kt.04").unit)
    header, rows = sheet_of(login("canbo.kt.04").get(reverse("nominations:index") + "?xuat=xlsx"))
    assert header[:4] == ("Cơ quan", "Đợt xét", "Năm", "Đơn vị")
    assert column(header, rows, "Đơn vị") == ["Phòng Kinh tế"]


def test_secretariat_export_follows_the_filters_on_screen(login):
    cycle = open_cycle(2025)
    for code in ("KT", "NC", "TH"):
        open_dossier(cycle, code)
    client = login("hcqt")
    _header, everything = sheet_of(client.get(reverse("nominations:index") + "?xuat=xlsx"))
    assert len(everything) == Dossier.objects.filter(cycle__agency=cycle.agency).count() == 3
    _header, filtered = sheet_of(client.get(reverse("nominations:index") + "?q=Kinh+t%E1%BA%BF&xuat=xlsx"))
    assert len(filtered) == 1
    page = client.get(reverse("nominations:index") + "?q=x")
    assert "xuat=xlsx" in page.content.decode() and "q=x" in page.content.decode()


def test_cycle_export_has_real_dates(login):
    open_cycle(2025)
    header, rows = sheet_of(login("hcqt").get(reverse("nominations:cycles") + "?xuat=xlsx"))
    assert "Hạn nộp hồ sơ" in header
    assert column(header, rows, "Hạn nộp hồ sơ")[0].date() == dt.date(2025, 12, 10)


def test_cycle_export_of_someone_without_scope_is_empty(login):
    open_cycle(2025)
    _header, rows = sheet_of(login("canbo.kt.02").get(reverse("nominations:cycles") + "?xuat=xlsx"))
    assert rows == []


@pytest.mark.parametrize("url_name, heading", [
    ("nominations:sessions", "Ngày họp"),
    ("pledges:index", "Danh hiệu tập thể"),
    ("pledges:movements", "Phong trào"),
    ("documents:index", "Trích yếu"),
])
def test_every_list_exports_with_vietnamese_headers(login, url_name, heading):
    header, _rows = sheet_of(login("hcqt").get(reverse(url_name) + "?xuat=xlsx"))
    assert heading in header


def test_movements_export_has_the_rows_of_the_page(login):
    Movement.objects.create(name="Phong trào “Dân vận khéo”", level=MovementLevel.PROVINCE,
                            period_start=dt.date(2023, 1, 1), document_date=dt.date(2022, 12, 30))
    client = login("hcqt")
    page = client.get(reverse("pledges:movements") + "?year=2023")
    header, rows = sheet_of(client.get(reverse("pledges:movements") + "?year=2023&xuat=xlsx"))
    names = column(header, rows, "Phong trào")
    assert "Phong trào “Dân vận khéo”" in names
    assert all(name.replace("“", "&ldquo;") in page.content.decode() or name in page.content.decode()
               for name in names)
    assert dt.date(2022, 12, 30) in [d.date() for d in column(header, rows, "Ngày văn bản") if d]


def test_anonymous_export_is_sent_to_sign_in(client):
    response = client.get(reverse("nominations:index") + "?xuat=xlsx")
    assert response.status_code == 302 and "login" in response["Location"]
