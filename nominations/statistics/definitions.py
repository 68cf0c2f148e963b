"""The statistics forms each circular of the Ministry of Home Affairs fixes, as data.

One ``Circular`` per version, chosen by the report year (``circular_for_year``): its number and date as the
form prints them ("Ban hành theo …"), from when it applies, its reporting period, and the forms an agency's
registry can fill. A form is its rows and columns and, per column, which awards of the registry it counts.
No version borrows another's rows: each layout here was read from a text (docs/legal-basis.md, section
"Biểu thống kê thi đua, khen thưởng"), and the rows or cells the system cannot count are marked so
(``Row.measure`` None), never filled with zeros.

Sources read: Thông tư 02/2023/TT-BNV ngày 23/3/2023 (hiệu lực 10/5/2023; kỳ báo cáo lĩnh vực thi đua, khen
thưởng từ 01/12 năm trước đến 30/11 năm báo cáo), its forms 0602.N and 0603.N/BNV-TĐKT as rendered by the
open-source "thiduakhenthuong" system (resources/views/BaoCao/TT022023/Mau0602, Mau0603); Thông tư
03/2018/TT-BNV ngày 06/3/2018, its form 0703.N/BNV-TĐKT (same system, BaoCao/TongHop/Mau0703TT03).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from accounts import vietnamese

from ..models import AwardLevel

COLLECTIVE, PERSON = "collective", "person"


@dataclass(frozen=True)
class Column:
    """One count column. ``slot``: which awards it counts (``FormDef.slot_of``; a dynamic slot's column per award
    is ``"<slot>:<award pk>"``); ``nominee``: only collectives, only persons, or both (""); ``headers``: its
    header lines from the top down, four in every form (a line left "" is merged into the one above; equal
    neighbours on a line are merged across); ``number``: its number on the numbering line (merged alike)."""

    slot: str
    headers: tuple[str, ...]
    number: str
    nominee: str = ""

    @property
    def key(self) -> str:
        return f"{self.slot}|{self.nominee}"


# What a row counts: the awards to collectives, to persons, to persons who are not leaders; a row the
# registry can only answer with zero (no enterprise, household or businessman is a unit or a person of an
# agency); a heading; the grand total; or None: the registry does not hold the fact (printed "(*)").
TOTAL, HEADING, COLLECTIVES, PERSONS, WORKERS, ZERO = "total", "heading", "collectives", "persons", "workers", "zero"


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    unit: str
    measure: str | None
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class FormDef:
    """One form: "Biểu số 0603.N/BNV-TĐKT", its title, rows, fixed columns and how an award finds its slot.

    ``level``: the registry's awards it reads (the awards of that level only); ``slot_of(name)`` the slot of an
    award by its folded name, None when the form has no column for it (listed under the table, not counted);
    ``dynamic``: the slots where "each form of award has its own column" (the columns are the awards found).
    ``receive_date``: the "Ngày nhận báo cáo" printed, "" where the source does not show it.
    """

    code: str
    short: str
    title: str
    level: str
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    slot_of: Callable[[str], str | None]
    receive_date: str = ""
    has_unit_column: bool = True
    dynamic: frozenset[str] = field(default_factory=frozenset)
    doubts: tuple[str, ...] = ()

    @property
    def number_text(self) -> str:
        return f"Biểu số: {self.code}"


@dataclass(frozen=True)
class Circular:
    key: str
    name: str
    issued_text: str
    effective_from: dt.date | None
    first_year: int
    last_year: int | None
    period_rule: str
    forms: tuple[FormDef, ...]
    not_produced: tuple[tuple[str, str], ...] = ()
    doubts: tuple[str, ...] = ()

    def period(self, year: int) -> tuple[dt.date, dt.date]:
        """The reporting period of ``year``. TT 02/2023: "kỳ báo cáo thống kê lĩnh vực thi đua, khen thưởng được
        tính từ ngày 01/12 năm trước đến ngày 30/11 năm sau" (as Sở Nội vụ Hưng Yên summarises it); TT 03/2018:
        the period is not confirmed — the calendar year is used and marked doubtful."""
        if self.period_rule == "dec_to_nov":
            return dt.date(year - 1, 12, 1), dt.date(year, 11, 30)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)

    def form(self, short: str) -> FormDef | None:
        return next((f for f in self.forms if f.short == short), None)


def _starts(name: str, *prefixes: str) -> bool:
    return any(name.startswith(vietnamese.fold(p)) for p in prefixes)


# --- the provincial-level form (0603.N under TT 02/2023, 0703.N under TT 03/2018: the same rows) ----------

def province_slot(name: str) -> str | None:
    """The column of a provincial-level award: Bằng khen, Chiến sĩ thi đua cấp tỉnh, Cờ thi đua, Huy hiệu
    (kỷ niệm chương). Any other (e.g. "Tập thể lao động xuất sắc") has no column in the form."""
    if _starts(name, "Bằng khen"):
        return "bk"
    if _starts(name, "Chiến sĩ thi đua"):
        return "cstd"
    if _starts(name, "Cờ thi đua"):
        return "co"
    if _starts(name, "Huy hiệu", "Kỷ niệm chương"):
        return "kn"
    return None


PROVINCE_COLUMNS = (
    Column("bk", ("Chia ra", "Bằng khen", "", ""), "2"),
    Column("cstd", ("Chia ra", "Chiến sĩ thi đua cấp bộ, cấp tỉnh", "", ""), "3"),
    Column("co", ("Chia ra", "Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc "
                             "Trung ương", "", ""), "4"),
    Column("kn", ("Chia ra", "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành "
                             "phố trực thuộc Trung ương", "", ""), "5"),
)

PERSON_ROWS = (
    ("Tập thể", "Tập thể", COLLECTIVES),
    ("Trong đó: Doanh nghiệp", "Doanh nghiệp", ZERO),
    ("Hộ gia đình", "Hộ", ZERO),
    ("Cá nhân", "Người", PERSONS),
    ("+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên", "Người", None),
    ("+ Lãnh đạo cấp vụ, sở, ngành và tương đương", "Người", None),
    ("+ Doanh nhân", "Người", ZERO),
    ("+ Các cấp lãnh đạo khác từ phó phòng trở lên", "Người", None),
    ("+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu (công nhân, nông dân,...)",
     "Người", WORKERS),
)
METHODS = ("Thường xuyên", "Chuyên đề", "Đột xuất", "Đối ngoại", "Cống hiến", "Niên hạn", "Kháng chiến")


def _subject_rows(codes: list[str]) -> list[Row]:
    """The rows "Chia theo đối tượng khen thưởng" under their codes: a dash before a kind of subject, none
    before a "+" line or the italic "Trong đó" line."""
    rows = []
    for code, (label, unit, measure) in zip(codes, PERSON_ROWS, strict=True):
        shown = label if label.startswith(("+", "Trong đó")) else f"- {label}"
        rows.append(Row(code, shown, unit, measure, italic=label.startswith("Trong đó")))
    return rows


def _rows(first_codes: list[str], method_codes: list[str], *, heading: str) -> tuple[Row, ...]:
    rows = [Row(first_codes[0], "Tổng số", "", TOTAL, bold=True), Row("", heading, "", HEADING, bold=True),
            *_subject_rows(first_codes[1:]), Row("", "2. Chia theo phương thức khen thưởng", "", HEADING, bold=True)]
    rows += [Row(code, f"- {label}", "", None) for code, label in zip(method_codes, METHODS, strict=True)]
    return tuple(rows)


def _two(n: int, count: int) -> list[str]:
    return [f"{i:02d}" for i in range(n, n + count)]


def province_form(code: str) -> FormDef:
    rows = _rows(_two(1, 10), _two(11, 7), heading="1. Chia theo đối tượng khen thưởng")
    return FormDef(
        code=code, short=code[:4],
        title="SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
        level=AwardLevel.PROVINCE, rows=rows, columns=PROVINCE_COLUMNS, slot_of=province_slot,
    )


# --- the state-level form (0602.N under TT 02/2023) -----------------------------------------------------

HONOURS = ("Bà mẹ Việt Nam anh hùng", "Anh hùng", "Nhà giáo", "Thầy thuốc", "Nghệ sĩ", "Nghệ nhân")


STATE_SLOTS = (
    ("hc", ("Huân chương", "Huy chương")),
    ("gthcm", ("Giải thưởng Hồ Chí Minh",)),
    ("gtnn", ("Giải thưởng Nhà nước",)),
    ("dhvd", HONOURS),
    ("cocp", ("Cờ thi đua của Chính phủ",)),
    ("bkttg", ("Bằng khen của Thủ tướng",)),
    ("cstdtq", ("Chiến sĩ thi đua toàn quốc",)),
)


def state_slot(name: str) -> str | None:
    """The column group of a state-level award (Luật Thi đua, khen thưởng 2022 names them): huân chương and huy
    chương, the two prizes, the honorary titles, the Government's flag, the Prime Minister's Bằng khen, the
    national emulation soldier; any other state-level award goes to "các hình thức khen thưởng khác"."""
    return next((slot for slot, prefixes in STATE_SLOTS if _starts(name, *prefixes)), "khac")


HC_GROUP = "Các loại huân chương, huy chương (Mỗi hình thức khen thưởng ghi riêng một cột)"
DHVD_GROUP = "Danh hiệu vinh dự nhà nước (Mỗi hình thức khen thưởng ghi riêng một cột)"
KHAC_GROUP = "Các hình thức khen thưởng khác (Mỗi hình thức khen thưởng ghi riêng một cột)"

STATE_COLUMNS = (
    Column("hc", ("Chia ra", HC_GROUP, "", "Tập thể"), "2", COLLECTIVE),
    Column("hc", ("Chia ra", HC_GROUP, "", "Cá nhân"), "2", PERSON),
    Column("gthcm", ("Chia ra", "Giải thưởng Hồ Chí Minh", "", "Cá nhân"), "3", PERSON),
    Column("gtnn", ("Chia ra", "Giải thưởng Nhà nước", "", "Cá nhân"), "4", PERSON),
    Column("dhvd", ("Chia ra", DHVD_GROUP, "", "Tập thể"), "5", COLLECTIVE),
    Column("dhvd", ("Chia ra", DHVD_GROUP, "", "Cá nhân"), "5", PERSON),
    Column("cocp", ("Chia ra", "Cờ thi đua của Chính phủ", "", "Tập thể"), "6", COLLECTIVE),
    Column("bkttg", ("Chia ra", "Bằng khen của Thủ tướng Chính phủ", "", "Tập thể"), "7", COLLECTIVE),
    Column("bkttg", ("Chia ra", "Bằng khen của Thủ tướng Chính phủ", "", "Cá nhân"), "7", PERSON),
    Column("cstdtq", ("Chia ra", "Danh hiệu “Chiến sĩ thi đua toàn quốc”", "", "Cá nhân"), "8", PERSON),
    Column("khac", ("Chia ra", KHAC_GROUP, "", "Tập thể"), "9", COLLECTIVE),
    Column("khac", ("Chia ra", KHAC_GROUP, "", "Cá nhân"), "9", PERSON),
)


def state_form() -> FormDef:
    first = ["1", "", "", "6", "7", "8", "9", "10", "11", "12", "13", "14"]  # as the source numbers them
    rows = [Row("1", "Tổng số", "", TOTAL, bold=True),
            Row("", "1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng", "", HEADING,
                bold=True),
            Row("2", "- Bộ, ban, ngành, đoàn thể Trung ương", "Bộ, ngành", None),
            Row("3", "- Tỉnh, thành phố trực thuộc Trung ương", "Tỉnh, TP", None),
            Row("", "2. Chia theo đối tượng khen thưởng", "", HEADING, bold=True), *_subject_rows(first[3:])]
    rows.append(Row("", "3. Chia theo phương thức khen thưởng", "", HEADING, bold=True))
    rows += [Row(str(code), f"- {label}", "", None) for code, label in zip(range(15, 22), METHODS, strict=True)]
    return FormDef(
        code="0602.N/BNV-TĐKT", short="0602", title="SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC",
        level=AwardLevel.NATIONAL, rows=tuple(rows), columns=STATE_COLUMNS, slot_of=state_slot,
        receive_date="Ngày 15 tháng 12 năm báo cáo",
        dynamic=frozenset({"hc", "dhvd", "khac"}),
        doubts=(
            _("Mã số dòng: nguồn ghi 1, 2, 3 rồi 6 (không có 4, 5); giữ như nguồn, chưa đối chiếu được bản gốc."),
            _("Dòng 2, 3 đếm số bộ, ngành, tỉnh có tờ trình: không áp dụng cho một cơ quan."),
        ),
    )


TT02_2023 = Circular(
    key="TT02_2023",
    name="Thông tư số 02/2023/TT-BNV",
    issued_text="Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023",
    effective_from=dt.date(2023, 5, 10),
    first_year=2023, last_year=None, period_rule="dec_to_nov",
    forms=(state_form(), province_form("0603.N/BNV-TĐKT")),
    not_produced=(
        ("0601.N/BNV-TĐKT", _("Số phong trào thi đua: không lấy từ sổ khen thưởng.")),
        ("0604.N/BNV-TĐKT", _("Số lượng tổ chức làm công tác thi đua, khen thưởng: các dòng là cấp vụ của bộ, "
                              "ban, phòng của Sở Nội vụ, không áp dụng cho cơ quan.")),
        ("0605.N/BNV-TĐKT", _("Số lượng công chức làm công tác thi đua, khen thưởng: chưa tìm được bố cục biểu.")),
    ),
    doubts=(
        _("Thông tư số 18/2025/TT-BNV ngày 08/10/2025 cùng tên (Quy định chế độ báo cáo thống kê ngành Nội vụ): "
          "chưa xác minh được ngày hiệu lực, việc thay thế Thông tư 02/2023 và các biểu thi đua, khen thưởng của "
          "nó; các năm từ 2025 vẫn lập theo Thông tư 02/2023 cho đến khi xác minh."),
    ),
)

TT03_2018 = Circular(
    key="TT03_2018",
    name="Thông tư số 03/2018/TT-BNV",
    issued_text="Ban hành theo Thông tư số 03/2018/TT-BNV ngày 06/3/2018",
    effective_from=None,
    first_year=2018, last_year=2022, period_rule="calendar",
    forms=(province_form("0703.N/BNV-TĐKT"),),
    not_produced=(
        ("0701.N/BNV-TĐKT", _("Số phong trào thi đua: không lấy từ sổ khen thưởng.")),
        ("0702.N/BNV-TĐKT", _("Số lượng khen thưởng cấp nhà nước: chưa đối chiếu được bố cục biểu.")),
    ),
    doubts=(_("Ngày hiệu lực và kỳ báo cáo của Thông tư 03/2018/TT-BNV chưa xác minh; kỳ báo cáo lấy theo năm "
              "dương lịch."),),
)

CIRCULARS = (TT02_2023, TT03_2018)


def circular_for_year(year: int) -> Circular | None:
    """The circular whose forms the report of ``year`` is filed on; None before any known one."""
    for circular in CIRCULARS:
        if circular.first_year <= year and (circular.last_year is None or year <= circular.last_year):
            return circular
    return None


FIRST_YEAR = min(c.first_year for c in CIRCULARS)
