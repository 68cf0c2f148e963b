"""Reading past awards and sáng kiến from an Excel (.xlsx, openpyxl) or CSV file.

Parsing never writes: it returns every row's objects (validated with ``full_clean``) or every
row's errors in Vietnamese, "Dòng 3: không có người dùng “abc” trong cơ quan." The service
writes only when there is no error at all.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from accounts import vietnamese
from accounts.models import Agency, Unit, User

from .models import Award, Initiative, InitiativeScope, PastAward

MAX_ROWS = 5000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # an archive bomb is refused before openpyxl opens it

AWARD_COLUMNS = {
    "person": ["ten dang nhap", "tai khoan"],
    "unit": ["ma don vi"],
    "award": ["ma danh hieu", "danh hieu", "ma khen thuong"],
    "year": ["nam"],
    "decision_number": ["so quyet dinh"],
    "decision_date": ["ngay quyet dinh"],
    "issuer": ["cap quyet dinh", "co quan ban hanh"],
}
INITIATIVE_COLUMNS = {
    "title": ["ten sang kien"],
    "authors": ["tac gia"],
    "decision_number": ["so quyet dinh"],
    "decision_date": ["ngay cong nhan", "ngay quyet dinh"],
    "scope": ["pham vi", "pham vi anh huong"],
    "issuer": ["co quan cong nhan"],
}
SCOPE_WORDS = {
    "co so": InitiativeScope.BASE, "co_so": InitiativeScope.BASE, "cap co so": InitiativeScope.BASE,
    "tinh": InitiativeScope.PROVINCE, "cap tinh": InitiativeScope.PROVINCE,
    "toan quoc": InitiativeScope.NATIONAL, "toan_quoc": InitiativeScope.NATIONAL,
}


@dataclass
class ImportReport:
    rows: int = 0
    errors: list[str] = field(default_factory=list)
    items: list = field(default_factory=list)
    imported: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and self.rows > 0


class FileUnreadable(Exception):
    pass


def _read_rows(filename: str, content: bytes) -> list[list[object]]:
    name = filename.lower()
    if name.endswith(".xlsx"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                unpacked = sum(info.file_size for info in archive.infolist())
        except zipfile.BadZipFile as exc:
            raise FileUnreadable(_("Không đọc được tệp Excel: tệp hỏng hoặc không đúng định dạng .xlsx.")) from exc
        if unpacked > MAX_UNPACKED_BYTES:
            raise FileUnreadable(_("Tệp giải nén quá lớn (hơn %(mb)d MB): không đọc.")
                                 % {"mb": MAX_UNPACKED_BYTES >> 20})
        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise FileUnreadable(_("Không đọc được tệp Excel: tệp hỏng hoặc không đúng định dạng .xlsx.")) from exc
        sheet = book.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        book.close()
        return rows
    if name.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise FileUnreadable(_("Tệp CSV phải được lưu với bảng mã UTF-8.")) from exc
        try:
            dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
        except csv.Error:  # one column, or nothing to guess from: read it as plain CSV
            dialect = csv.excel
        return [list(row) for row in csv.reader(io.StringIO(text), dialect)]
    raise FileUnreadable(_("Chỉ nhận tệp .xlsx hoặc .csv."))


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return vietnamese.normalize(str(value)).strip()


COLUMN_TITLES = {
    "person": "Tên đăng nhập", "unit": "Mã đơn vị", "award": "Mã danh hiệu", "year": "Năm",
    "decision_number": "Số quyết định", "decision_date": "Ngày quyết định", "issuer": "Cấp quyết định",
    "title": "Tên sáng kiến", "authors": "Tác giả", "scope": "Phạm vi",
}


def _columns(header: list[object], wanted: dict[str, list[str]]) -> dict[str, int]:
    """Column positions found by their Vietnamese titles, tones and case ignored."""
    folded = [vietnamese.fold(_cell(h)) for h in header]
    found = {}
    for key, names in wanted.items():
        index = next((i for i, h in enumerate(folded) if h in names), None)
        if index is not None:
            found[key] = index
    return found


def _date(value: object) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _cell(value)
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ValueError(text)


def _messages(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(m for messages in error.message_dict.values() for m in messages)
    return "; ".join(error.messages)


def _prepare(filename: str, content: bytes, wanted: dict[str, list[str]], required: set[str],
             report: ImportReport) -> tuple[dict[str, int], list[tuple[int, list[object]]]]:
    try:
        rows = _read_rows(filename, content)
    except FileUnreadable as exc:
        report.errors.append(str(exc))
        return {}, []
    rows = [r for r in rows if any(_cell(c) for c in r)]
    if not rows:
        report.errors.append(_("Tệp không có dữ liệu."))
        return {}, []
    columns = _columns(rows[0], wanted)
    missing = [str(COLUMN_TITLES[key]) for key in wanted if key in required and key not in columns]
    if missing:
        report.errors.append(_("Thiếu cột: %(columns)s (dòng 1 là dòng tiêu đề).") % {"columns": ", ".join(missing)})
        return {}, []
    body = list(enumerate(rows[1:], start=2))
    if len(body) > MAX_ROWS:
        report.errors.append(_("Tệp có quá %(max)s dòng; chia nhỏ tệp.") % {"max": MAX_ROWS})
        return {}, []
    report.rows = len(body)
    if not body:
        report.errors.append(_("Tệp chỉ có dòng tiêu đề, không có dữ liệu."))
    return columns, body


def parse_past_awards(*, agency: Agency, filename: str, content: bytes) -> ImportReport:
    report = ImportReport()
    columns, body = _prepare(filename, content, AWARD_COLUMNS, {"award", "year", "decision_number"}, report)
    if not body:
        return report
    people = {u.username: u for u in User.objects.filter(unit__agency=agency).select_related("unit__agency")}
    units = {u.code: u for u in Unit.objects.filter(agency=agency).select_related("agency")}
    awards = {a.code: a for a in Award.objects.all()}
    seen: dict[tuple, int] = {}

    def get(row, key):
        index = columns.get(key)
        return row[index] if index is not None and index < len(row) else None

    for number, row in body:
        errors = []
        username, unit_code, code = _cell(get(row, "person")), _cell(get(row, "unit")).upper(), \
            _cell(get(row, "award")).upper()
        person = unit = None
        if bool(username) == bool(unit_code):
            errors.append(_("ghi đúng một trong hai cột “Tên đăng nhập” (cá nhân) hoặc “Mã đơn vị” (tập thể)"))
        elif username:
            person = people.get(username)
            if person is None:
                errors.append(_("không có người dùng “%(username)s” trong cơ quan") % {"username": username})
        else:
            unit = units.get(unit_code)
            if unit is None:
                errors.append(_("không có đơn vị mã “%(code)s” trong cơ quan") % {"code": unit_code})
        award = awards.get(code)
        if award is None:
            errors.append(_("không có danh hiệu, hình thức mã “%(code)s”") % {"code": code})
        year_text = _cell(get(row, "year"))
        year = int(year_text) if year_text.isdigit() else None
        if year is None:
            errors.append(_("năm “%(value)s” không hợp lệ") % {"value": year_text})
        try:
            decided = _date(get(row, "decision_date"))
        except ValueError as exc:
            decided = None
            errors.append(_("ngày quyết định “%(value)s” không đúng dạng ngày/tháng/năm") % {"value": exc})
        if not errors:
            item = PastAward(person=person, unit=unit, award=award, year=year,
                             decision_number=_cell(get(row, "decision_number")), decision_date=decided,
                             issuer=_cell(get(row, "issuer")) or agency.name)
            key = (username or unit_code, code, year)
            if key in seen:
                errors.append(_("trùng với dòng %(row)s") % {"row": seen[key]})
            seen.setdefault(key, number)
            try:
                item.full_clean()
            except ValidationError as exc:
                errors.append(_messages(exc))
            else:
                report.items.append(item)
        if errors:
            report.errors.append(_("Dòng %(row)s: %(errors)s.") % {"row": number, "errors": "; ".join(errors)})
    return report


def parse_initiatives(*, agency: Agency, filename: str, content: bytes) -> ImportReport:
    report = ImportReport()
    columns, body = _prepare(filename, content, INITIATIVE_COLUMNS, {"title", "authors", "decision_date", "scope"},
                             report)
    if not body:
        return report
    people = {u.username: u for u in User.objects.filter(unit__agency=agency)}
    seen: dict[tuple, int] = {}

    def get(row, key):
        index = columns.get(key)
        return row[index] if index is not None and index < len(row) else None

    for number, row in body:
        errors = []
        usernames = [n.strip() for n in _cell(get(row, "authors")).replace(";", ",").split(",") if n.strip()]
        authors = []
        if not usernames:
            errors.append(_("chưa ghi tác giả"))
        for username in usernames:
            if username in people:
                authors.append(people[username])
            else:
                errors.append(_("không có người dùng “%(username)s” trong cơ quan") % {"username": username})
        scope_text = _cell(get(row, "scope"))
        scope = SCOPE_WORDS.get(vietnamese.fold(scope_text))
        if scope is None:
            errors.append(_("phạm vi “%(value)s” không hợp lệ (cơ sở, tỉnh hoặc toàn quốc)") % {"value": scope_text})
        try:
            decided = _date(get(row, "decision_date"))
        except ValueError as exc:
            decided = None
            errors.append(_("ngày công nhận “%(value)s” không đúng dạng ngày/tháng/năm") % {"value": exc})
        else:
            if decided is None:
                errors.append(_("chưa ghi ngày công nhận"))
        if not errors:
            item = Initiative(title=_cell(get(row, "title")), decision_number=_cell(get(row, "decision_number")),
                              decision_date=decided, scope=scope, issuer=_cell(get(row, "issuer")))
            key = (vietnamese.fold(item.title), decided)
            if key in seen:
                errors.append(_("trùng với dòng %(row)s") % {"row": seen[key]})
            seen.setdefault(key, number)
            try:
                item.full_clean()
            except ValidationError as exc:
                errors.append(_messages(exc))
            else:
                report.items.append((item, authors))
        if errors:
            report.errors.append(_("Dòng %(row)s: %(errors)s.") % {"row": number, "errors": "; ".join(errors)})
    return report
