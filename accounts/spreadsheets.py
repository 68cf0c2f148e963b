"""People and units to and from Excel, the format every Vietnamese office already keeps.

One workbook, two sheets: "Đơn vị" (units) and "Người dùng" (people). An import is
all-or-nothing: every row is checked first; if any row is wrong the report names each bad
row by sheet and row number and nothing at all is written.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from . import services, vietnamese
from .models import Agency, Unit, User

# The file format is Vietnamese whatever the UI language: offices exchange these files as they are.
UNIT_SHEET = "Đơn vị"
PEOPLE_SHEET = "Người dùng"

UNIT_COLUMNS = [
    ("agency", "Mã cơ quan"),
    ("code", "Mã đơn vị"),
    ("name", "Tên đơn vị"),
    ("kind", "Loại đơn vị"),
]
PEOPLE_COLUMNS = [
    ("username", "Tên đăng nhập"),
    ("full_name", "Họ và tên"),
    ("position_title", "Chức vụ"),
    ("agency", "Mã cơ quan"),
    ("unit", "Mã đơn vị"),
    ("employment_category", "Loại cán bộ"),
    ("is_leader", "Lãnh đạo, quản lý"),
    ("in_council_scope", "Thuộc phạm vi Hội đồng"),
    ("email", "Thư điện tử"),
    ("birth_date", "Ngày sinh"),
]
# Columns a workbook may leave out (older files were made without them): read as empty.
OPTIONAL_COLUMNS = {"birth_date"}
YES, NO = "Có", "Không"
USERNAME_RE = re.compile(r"^[\w.@+-]{1,150}$", re.ASCII)
MAX_ROWS = 20_000
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # an archive bomb is refused before openpyxl opens it


class ImportRejected(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ImportResult:
    units_created: int = 0
    units_updated: int = 0
    people_created: int = 0
    people_updated: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)


def _label_map(choices) -> dict[str, str]:
    """Accept a choice by its Vietnamese label or its code, tones and case ignored."""
    mapping = {}
    with translation.override("vi"):
        for value, label in choices:
            mapping[vietnamese.fold(str(label))] = value
            mapping[vietnamese.fold(str(value))] = value
    return mapping


def export_workbook(*, units, people) -> bytes:
    """An .xlsx with the two sheets, Vietnamese headers and labels, people in alphabetical order."""
    with translation.override("vi"):
        return _export_workbook(units=units, people=people)


def _export_workbook(*, units, people) -> bytes:

    book = Workbook()
    unit_sheet = book.active
    unit_sheet.title = str(UNIT_SHEET)
    unit_sheet.append([str(header) for _key, header in UNIT_COLUMNS])
    for unit in units.select_related("agency").order_by("agency__code", "position", "code"):
        unit_sheet.append([unit.agency.code, unit.code, unit.name, str(unit.get_kind_display())])
    people_sheet = book.create_sheet(str(PEOPLE_SHEET))
    people_sheet.append([str(header) for _key, header in PEOPLE_COLUMNS])
    for person in people.select_related("unit__agency").alphabetical():
        people_sheet.append([
            person.username, person.full_name, person.position_title,
            person.unit.agency.code if person.unit else "", person.unit.code if person.unit else "",
            str(person.get_employment_category_display()),
            str(YES if person.is_leader else NO), str(YES if person.in_council_scope else NO), person.email,
            person.birth_date.strftime("%d/%m/%Y") if person.birth_date else "",
        ])
    for sheet in (unit_sheet, people_sheet):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _read_sheet(book, title: str, columns, errors: list[str]) -> list[tuple[int, dict]]:
    if title not in book.sheetnames:
        return []
    sheet = book[title]
    rows = sheet.iter_rows(values_only=True)
    header = [vietnamese.fold(str(c or "")) for c in next(rows, [])]
    wanted = {vietnamese.fold(str(label)): key for key, label in columns}
    positions = {wanted[h]: i for i, h in enumerate(header) if h in wanted}
    missing = [str(label) for key, label in columns if key not in positions and key not in OPTIONAL_COLUMNS]
    if missing:
        errors.append(_("Trang “%(sheet)s”: thiếu cột %(columns)s.") % {"sheet": title, "columns": ", ".join(missing)})
        return []
    parsed = []
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            errors.append(_("Trang “%(sheet)s”: quá %(max)d dòng.") % {"sheet": title, "max": MAX_ROWS})
            break
        if all(v in (None, "") for v in values):
            continue
        row = {key: "" for key, _label in columns}
        for key, index in positions.items():
            value = values[index] if index < len(values) else None
            if isinstance(value, dt.datetime | dt.date):  # a date cell, whatever its display format
                value = value.strftime("%d/%m/%Y")
            row[key] = vietnamese.normalize(str(value)) if value is not None else ""
        parsed.append((number, row))
    return parsed


def _date(value: str) -> dt.date | None | bool:
    """A date typed dd/mm/yyyy (None when empty, False when it is no date or not in the past)."""
    if not value:
        return None
    try:
        parsed = dt.datetime.strptime(value.strip(), "%d/%m/%Y").date()
    except ValueError:
        return False
    return parsed if dt.date(1900, 1, 1) <= parsed <= dt.date.today() else False


def _yes_no(value: str) -> bool | None:
    folded = vietnamese.fold(value)
    if folded in {vietnamese.fold(str(YES)), "x", "1", "yes", "true"}:
        return True
    if folded in {vietnamese.fold(str(NO)), "", "0", "no", "false"}:
        return False
    return None


@transaction.atomic
def import_workbook(*, actor: User, content: bytes) -> ImportResult:
    """Create or update the units and people of the workbook, or nothing if any row is wrong."""
    if not (actor.has_perm("accounts.add_user") and actor.has_perm("accounts.change_user")
            and actor.has_perm("accounts.add_unit") and actor.has_perm("accounts.change_unit")):
        raise PermissionDenied(_("Chỉ quản trị hệ thống mới được nhập danh sách người dùng."))

    unreadable = ImportRejected([_("Tệp không phải là bảng tính Excel (.xlsx) đọc được.")])
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise unreadable from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportRejected([_("Tệp giải nén quá lớn (hơn %(mb)d MB): không đọc.") % {"mb": MAX_UNPACKED_BYTES >> 20}])
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable upload gets the same plain answer
        raise unreadable from None

    errors: list[str] = []
    unit_rows = _read_sheet(book, str(UNIT_SHEET), UNIT_COLUMNS, errors)
    people_rows = _read_sheet(book, str(PEOPLE_SHEET), PEOPLE_COLUMNS, errors)
    if not errors and not unit_rows and not people_rows:
        errors.append(_("Tệp không có trang “%(units)s” hay “%(people)s” nào có dữ liệu.")
                      % {"units": UNIT_SHEET, "people": PEOPLE_SHEET})

    agencies = {a.code: a for a in Agency.objects.all()}
    units = {(u.agency.code, u.code): u for u in Unit.objects.select_related("agency")}
    unit_kinds = _label_map(Unit.Kind.choices)
    categories = _label_map(User.EmploymentCategory.choices)
    result = ImportResult()

    planned_units: dict[tuple[str, str], dict] = {}
    for number, row in unit_rows:
        where = _("Trang “%(sheet)s”, dòng %(row)d") % {"sheet": UNIT_SHEET, "row": number}
        agency_code, code = row["agency"].upper(), row["code"].upper()
        problems = []
        if agency_code not in agencies:
            problems.append(_("không có cơ quan mã “%(code)s”") % {"code": agency_code})
        if not code:
            problems.append(_("thiếu mã đơn vị"))
        if not row["name"]:
            problems.append(_("thiếu tên đơn vị"))
        kind = unit_kinds.get(vietnamese.fold(row["kind"]))
        if kind is None:
            problems.append(_("loại đơn vị “%(kind)s” không hợp lệ") % {"kind": row["kind"]})
        if (agency_code, code) in planned_units:
            problems.append(_("đơn vị %(code)s đã có ở dòng trên") % {"code": code})
        if problems:
            errors.append(f"{where}: " + "; ".join(problems) + ".")
            continue
        planned_units[(agency_code, code)] = {"name": row["name"], "kind": kind, "row": number}

    planned_people: dict[str, dict] = {}
    known_units = set(units) | set(planned_units)
    for number, row in people_rows:
        where = _("Trang “%(sheet)s”, dòng %(row)d") % {"sheet": PEOPLE_SHEET, "row": number}
        problems = []
        username = row["username"]
        if not USERNAME_RE.match(username):
            problems.append(_("tên đăng nhập “%(username)s” không hợp lệ (chỉ chữ không dấu, số và . @ + - _)")
                            % {"username": username})
        if not row["full_name"]:
            problems.append(_("thiếu họ và tên"))
        unit_key = (row["agency"].upper(), row["unit"].upper())
        if unit_key == ("", ""):
            unit_key = None  # a system account belongs to no unit
        elif unit_key not in known_units:
            problems.append(_("không có đơn vị “%(unit)s” của cơ quan “%(agency)s”")
                            % {"unit": unit_key[1], "agency": unit_key[0]})
        category = categories.get(vietnamese.fold(row["employment_category"]))
        if category is None:
            problems.append(_("loại cán bộ “%(value)s” không hợp lệ") % {"value": row["employment_category"]})
        is_leader, in_scope = _yes_no(row["is_leader"]), _yes_no(row["in_council_scope"] or str(YES))
        if is_leader is None or in_scope is None:
            problems.append(_("cột Có/Không chỉ nhận “Có” hoặc “Không”"))
        birth_date = _date(row["birth_date"])
        if birth_date is False:
            problems.append(_("ngày sinh “%(value)s” không hợp lệ (nhập dd/mm/yyyy)") % {"value": row["birth_date"]})
        if username in planned_people:
            problems.append(_("tên đăng nhập đã có ở dòng %(row)d") % {"row": planned_people[username]["row"]})
        if problems:
            errors.append(f"{where}: " + "; ".join(problems) + ".")
            continue
        planned_people[username] = {
            "full_name": row["full_name"], "position_title": row["position_title"], "unit_key": unit_key,
            "employment_category": category, "is_leader": is_leader, "in_council_scope": in_scope,
            "email": row["email"], "birth_date": birth_date, "row": number,
        }

    if errors:
        raise ImportRejected(errors)

    for key, wanted in planned_units.items():
        unit = units.get(key)
        if unit is None:
            unit = Unit(agency=agencies[key[0]], code=key[1], name=wanted["name"], kind=wanted["kind"])
            result.units_created += 1
        elif (unit.name, unit.kind) == (wanted["name"], wanted["kind"]):
            result.unchanged += 1
            continue
        else:
            unit.name, unit.kind = wanted["name"], wanted["kind"]
            result.units_updated += 1
        unit._history_user = actor
        _save_checked(unit, f"{UNIT_SHEET} {wanted['row']}")
        units[key] = unit

    existing = {u.username: u for u in User.objects.filter(username__in=planned_people).select_related("unit__agency")}
    for username, wanted in planned_people.items():
        unit = units[wanted["unit_key"]] if wanted["unit_key"] else None
        person = existing.get(username)
        fields = {k: wanted[k] for k in ("full_name", "position_title", "employment_category", "is_leader",
                                         "in_council_scope", "email", "birth_date")}
        if person is None:
            try:
                services.person_create(actor=actor, username=username, unit=unit, **fields)
            except ValidationError as exc:
                raise ImportRejected([f"{PEOPLE_SHEET} {wanted['row']}: " + "; ".join(exc.messages)]) from None
            result.people_created += 1
            continue
        if person.unit_id == (unit.pk if unit else None) and all(getattr(person, k) == v for k, v in fields.items()):
            result.unchanged += 1
            continue
        for name, value in fields.items():
            setattr(person, name, value)
        person.unit = unit
        person._history_user = actor
        _save_checked(person, f"{PEOPLE_SHEET} {wanted['row']}")
        result.people_updated += 1
    return result


def _save_checked(obj, where: str) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise ImportRejected([f"{where}: " + "; ".join(exc.messages)]) from None
    obj.save()
