"""The demo organisation: the Office of the Quảng Ngãi People's Committee as its 2023 report
describes it (../shared/seed), Sở Nội vụ, and a few agencies of the bloc Tham mưu – Tổng hợp.

Seeding is idempotent and all-or-nothing: the whole wanted state is compared with the
database first; any record that exists with other values is a conflict, reported by name,
and then nothing at all is written.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.translation import gettext as _

from . import services, vietnamese
from .models import Agency, Province, RoleAssignment, Unit, User
from .roles import CouncilPosition, Role

CC = User.EmploymentCategory.CIVIL_SERVANT
VC = User.EmploymentCategory.PUBLIC_EMPLOYEE
HD = User.EmploymentCategory.CONTRACT_111

PROVINCE = {"code": "QNG", "name": "Quảng Ngãi"}

AGENCIES = [
    {
        "code": "VP", "name": "Văn phòng UBND tỉnh Quảng Ngãi", "short_name": "Văn phòng",
        "parent_name": "UBND tỉnh Quảng Ngãi", "kind": Agency.Kind.OFFICE,
        "head_title": "Chánh Văn phòng", "deputy_title": "Phó Chánh Văn phòng", "place_name": "Quảng Ngãi",
    },
    {
        "code": "SNV", "name": "Sở Nội vụ tỉnh Quảng Ngãi", "short_name": "Sở Nội vụ",
        "parent_name": "UBND tỉnh Quảng Ngãi", "kind": Agency.Kind.HOME_AFFAIRS,
        "head_title": "Giám đốc Sở", "deputy_title": "Phó Giám đốc Sở", "place_name": "Quảng Ngãi",
    },
    {
        "code": "VPDDBQH", "name": "Văn phòng Đoàn ĐBQH và HĐND tỉnh Quảng Ngãi",
        "short_name": "Văn phòng Đoàn ĐBQH và HĐND tỉnh", "parent_name": "Đoàn ĐBQH và HĐND tỉnh Quảng Ngãi",
        "kind": Agency.Kind.OTHER, "head_title": "Chánh Văn phòng", "deputy_title": "Phó Chánh Văn phòng",
        "place_name": "Quảng Ngãi",
    },
    {
        "code": "SKHDT", "name": "Sở Kế hoạch và Đầu tư tỉnh Quảng Ngãi", "short_name": "Sở Kế hoạch và Đầu tư",
        "parent_name": "UBND tỉnh Quảng Ngãi", "kind": Agency.Kind.DEPARTMENT,
        "head_title": "Giám đốc Sở", "deputy_title": "Phó Giám đốc Sở", "place_name": "Quảng Ngãi",
    },
    {
        "code": "TTR", "name": "Thanh tra tỉnh Quảng Ngãi", "short_name": "Thanh tra tỉnh",
        "parent_name": "UBND tỉnh Quảng Ngãi", "kind": Agency.Kind.OTHER,
        "head_title": "Chánh Thanh tra", "deputy_title": "Phó Chánh Thanh tra", "place_name": "Quảng Ngãi",
    },
]

L, D, C, B, S = (Unit.Kind.LEADERSHIP, Unit.Kind.DEPARTMENT, Unit.Kind.CENTER, Unit.Kind.BOARD,
                 Unit.Kind.PUBLIC_SERVICE)

# (agency, code, name, kind, head position, deputy position, staff position)
UNITS = [
    ("VP", "LDUBND", "Lãnh đạo UBND tỉnh", L, "", "", ""),
    ("VP", "LDVP", "Lãnh đạo Văn phòng", L, "", "", ""),
    ("VP", "HCQT", "Phòng Hành chính – Quản trị", D, "Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên"),
    ("VP", "TH", "Phòng Tổng hợp", D, "Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên"),
    ("VP", "KT", "Phòng Kinh tế", D, "Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên"),
    ("VP", "NC", "Phòng Nội chính", D, "Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên"),
    ("VP", "KGVX", "Phòng Khoa giáo – Văn xã", D, "Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên"),
    ("VP", "TTHC", "Trung tâm Phục vụ – Kiểm soát thủ tục hành chính tỉnh", C,
     "Giám đốc Trung tâm", "Phó Giám đốc Trung tâm", "Chuyên viên"),
    ("VP", "BTCD", "Ban Tiếp công dân tỉnh", B, "Trưởng ban", "Phó Trưởng ban", "Chuyên viên"),
    ("VP", "TTCBTH", "Trung tâm Công báo và Tin học", S, "Giám đốc Trung tâm", "Phó Giám đốc Trung tâm",
     "Viên chức"),
    ("SNV", "BTDKT", "Ban Thi đua – Khen thưởng", B, "Trưởng ban", "Phó Trưởng ban", "Chuyên viên"),
    ("TTR", "NV1", "Phòng Nghiệp vụ 1", D, "Trưởng phòng", "Phó Trưởng phòng", "Thanh tra viên"),
    ("VPDDBQH", "HCTCQT", "Phòng Hành chính – Tổ chức – Quản trị", D, "Trưởng phòng", "Phó Trưởng phòng",
     "Chuyên viên"),
    ("SKHDT", "VPS", "Văn phòng Sở", D, "Chánh Văn phòng Sở", "Phó Chánh Văn phòng Sở", "Chuyên viên"),
    # The second agency that runs whole years (a Sở, shaped unlike the Office): appended so the
    # positions and names above stay as they were.
    ("SKHDT", "LDS", "Lãnh đạo Sở", L, "", "", ""),
    ("SKHDT", "THQH", "Phòng Tổng hợp – Quy hoạch", D, "Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên"),
    ("SKHDT", "DKKD", "Phòng Đăng ký kinh doanh", D, "Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên"),
]

# What the agencies' documents print (filled in once, when empty; editable in the admin): the
# chief as the decider, the unit that drafts the emulation and commendation documents and the title
# of its head in a decision's last article ("… chịu trách nhiệm thi hành Quyết định này").
DOCUMENT_DATA = {
    "VP": {"head_full_title": "Chánh Văn phòng UBND tỉnh Quảng Ngãi", "emulation_unit": "HCQT",
           "emulation_unit_head": "Trưởng phòng Hành chính – Quản trị"},
    "SKHDT": {"head_full_title": "Giám đốc Sở Kế hoạch và Đầu tư", "emulation_unit": "VPS",
              "emulation_unit_head": "Chánh Văn phòng Sở"},
}

# Head counts of the Office per unit, by category: 59 công chức + 14 lao động hợp đồng
# (Nghị định 111/2022/NĐ-CP) + 14 viên chức = 87 (seed report, part I.1).
OFFICE_HEADCOUNT = {
    "LDUBND": {CC: 4},
    "LDVP": {CC: 4},
    "HCQT": {CC: 9, HD: 10},
    "TH": {CC: 8},
    "KT": {CC: 8},
    "NC": {CC: 7},
    "KGVX": {CC: 7},
    "TTHC": {CC: 7, HD: 2},
    "BTCD": {CC: 5, HD: 2},
    "TTCBTH": {VC: 14},
}
CONTRACT_POSITIONS = ["Lái xe", "Nhân viên bảo vệ", "Nhân viên phục vụ", "Nhân viên văn thư"]

FAMILY = ["Nguyễn"] * 8 + ["Trần"] * 3 + ["Lê"] * 3 + ["Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Bùi",
          "Đặng", "Đỗ", "Ngô", "Hồ", "Dương", "Đinh", "Hoàng", "Lương", "Tạ", "Châu"]
MIDDLE_M = ["Văn", "Minh", "Quang", "Hữu", "Đức", "Thanh", "Công", "Xuân", "Tấn", "Đình", "Ngọc", "Anh"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Hồng", "Kim", "Mỹ", "Phương", "Diệu", "Bích"]
GIVEN_M = ["An", "Bảo", "Bình", "Cường", "Dũng", "Đạt", "Định", "Hải", "Hiếu", "Hoàng", "Hùng", "Huy",
           "Khánh", "Lâm", "Long", "Lộc", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quốc", "Sơn",
           "Tài", "Tâm", "Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Vinh", "Vũ", "Ân", "Ẩn"]
GIVEN_F = ["Anh", "Ánh", "Châu", "Diễm", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hương",
           "Huyền", "Lan", "Liên", "Linh", "Loan", "Mai", "Ngân", "Nhung", "Oanh", "Phượng", "Quyên",
           "Thảo", "Thu", "Thủy", "Trang", "Trinh", "Uyên", "Vân", "Yến", "Ý", "Ơn", "Ưng"]


@dataclass(frozen=True)
class PersonSpec:
    username: str
    full_name: str
    agency: str
    unit: str
    category: str
    position: str
    is_leader: bool = False
    in_council_scope: bool = True


@dataclass(frozen=True)
class RoleSpec:
    username: str
    role: str
    agency: str = ""
    unit: str = ""
    province: str = ""
    council_position: str = ""


@dataclass
class DemoSpec:
    people: list[PersonSpec] = field(default_factory=list)
    roles: list[RoleSpec] = field(default_factory=list)


class _Names:
    """Deterministic, realistic and distinct Vietnamese names."""

    def __init__(self, seed: str) -> None:
        # Reproducible demo names, not secrets.
        self.rng = random.Random(seed)  # noqa: S311  # nosec B311
        self.used: set[str] = {"Vũ Minh Tâm"}

    def next(self) -> str:
        while True:
            female = self.rng.random() < 0.45
            name = " ".join([
                self.rng.choice(FAMILY),
                self.rng.choice(MIDDLE_F if female else MIDDLE_M),
                self.rng.choice(GIVEN_F if female else GIVEN_M),
            ])
            if name not in self.used:
                self.used.add(name)
                return name


def build_spec() -> DemoSpec:
    """The whole demo organisation as data; the same every time."""
    names = _Names("quang-ngai-2023")
    spec = DemoSpec()
    units = {code: row for row in UNITS for code in [row[1]]}

    def person(username, unit, category, position, **kw) -> PersonSpec:
        agency = units[unit][0]
        p = PersonSpec(username, kw.pop("full_name", None) or names.next(), agency, unit, category,
                       position, **kw)
        spec.people.append(p)
        return p

    # Provincial leaders are counted among the Office's công chức but decided elsewhere.
    person("chutich", "LDUBND", CC, "Chủ tịch UBND tỉnh", is_leader=True, in_council_scope=False)
    for i in range(1, 4):
        person(f"phochutich{i}", "LDUBND", CC, "Phó Chủ tịch UBND tỉnh", is_leader=True, in_council_scope=False)
    person("chanhvp", "LDVP", CC, "Chánh Văn phòng", is_leader=True, full_name="Vũ Minh Tâm")
    for i in range(1, 4):
        person(f"phochanhvp{i}", "LDVP", CC, "Phó Chánh Văn phòng", is_leader=True)

    council_extra = {"TH": ("hoidong1", "Chủ tịch Công đoàn cơ quan", CouncilPosition.VICE_CHAIR),
                     "KGVX": ("hoidong2", "Bí thư Chi đoàn", CouncilPosition.MEMBER),
                     "NC": ("hoidong3", "Đại diện Đảng ủy", CouncilPosition.MEMBER)}

    for code, counts in OFFICE_HEADCOUNT.items():
        if code in ("LDUBND", "LDVP"):
            continue
        _agency, _code, _name, _kind, head_pos, deputy_pos, staff_pos = units[code]
        lower = code.lower()
        for category, count in counts.items():
            made = 0
            if category in (CC, VC) and made < count:
                person(f"truongphong.{lower}", code, category, head_pos, is_leader=True)
                person(f"canbo.{lower}.01", code, category, deputy_pos, is_leader=True)
                made += 2
                spec.roles.append(RoleSpec(f"truongphong.{lower}", Role.UNIT_HEAD, unit=code))
                spec.roles.append(RoleSpec(
                    f"truongphong.{lower}", Role.COUNCIL_MEMBER, agency="VP",
                    council_position=CouncilPosition.STANDING if code == "HCQT" else CouncilPosition.MEMBER,
                ))
                if code == "HCQT":
                    person("hcqt", code, CC, "Chuyên viên phụ trách thi đua – khen thưởng")
                    made += 1
                if code in council_extra:
                    username, note, position = council_extra[code]
                    person(username, code, CC, f"{staff_pos} ({note})")
                    made += 1
                    spec.roles.append(RoleSpec(username, Role.COUNCIL_MEMBER, agency="VP",
                                               council_position=position))
            prefix = "hopdong" if category == HD else "canbo"
            serial = 1 if category == HD else 2
            while made < count:
                position = CONTRACT_POSITIONS[(serial - 1) % len(CONTRACT_POSITIONS)] if category == HD \
                    else staff_pos
                person(f"{prefix}.{lower}.{serial:02d}", code, category, position)
                serial += 1
                made += 1

    # People outside the Office: Home Affairs, an inspector, a shell per bloc agency.
    person("sonoivu", "BTDKT", CC, "Chuyên viên Ban Thi đua – Khen thưởng")
    person("kiemtra", "NV1", CC, "Thanh tra viên")
    person("truongphong.hctcqt", "HCTCQT", CC, "Trưởng phòng", is_leader=True)
    person("truongphong.vps", "VPS", CC, "Chánh Văn phòng Sở", is_leader=True)

    spec.roles += [
        RoleSpec("chanhvp", Role.CHIEF, agency="VP"),
        RoleSpec("chanhvp", Role.COUNCIL_MEMBER, agency="VP", council_position=CouncilPosition.CHAIR),
        RoleSpec("phochanhvp1", Role.COUNCIL_MEMBER, agency="VP", council_position=CouncilPosition.VICE_CHAIR),
        RoleSpec("hcqt", Role.SECRETARIAT, agency="VP"),
        RoleSpec("hcqt", Role.COUNCIL_MEMBER, agency="VP", council_position=CouncilPosition.SECRETARY),
        RoleSpec("sonoivu", Role.HOME_AFFAIRS, province="QNG"),
        RoleSpec("kiemtra", Role.AUDITOR, agency="VP"),
        RoleSpec("truongphong.btdkt", Role.UNIT_HEAD, unit="BTDKT"),
        RoleSpec("truongphong.hctcqt", Role.UNIT_HEAD, unit="HCTCQT"),
        # The shell agency's emulation officer acts for it in the bloc "Tham mưu – Tổng hợp" (its giao ước,
        # its self-assessment and its vote).
        RoleSpec("truongphong.hctcqt", Role.SECRETARIAT, agency="VPDDBQH"),
        RoleSpec("truongphong.vps", Role.UNIT_HEAD, unit="VPS"),
        RoleSpec("admin", Role.ADMINISTRATOR),
    ]
    spec.roles += [RoleSpec(f"phochanhvp{i}", Role.DEPUTY_CHIEF, agency="VP") for i in range(1, 4)]
    person("truongphong.btdkt", "BTDKT", CC, "Trưởng ban", is_leader=True)
    _second_agency(spec, person)
    return spec


def _second_agency(spec: DemoSpec, person) -> None:
    """Sở Kế hoạch và Đầu tư as a whole small agency: a Giám đốc, two Phó Giám đốc, the Văn phòng Sở
    as its emulation and commendation department, two phòng; its own council (domain §4)."""
    person("giamdoc.skhdt", "LDS", CC, "Giám đốc Sở", is_leader=True)
    for i in (1, 2):
        person(f"phogiamdoc.skhdt{i}", "LDS", CC, "Phó Giám đốc Sở", is_leader=True)
    person("tdkt.skhdt", "VPS", CC, "Chuyên viên phụ trách thi đua – khen thưởng")
    person("canbo.vps.02", "VPS", CC, "Chuyên viên")
    for code in ("THQH", "DKKD"):
        lower = code.lower()
        person(f"truongphong.{lower}", code, CC, "Trưởng phòng", is_leader=True)
        for serial in (2, 3):
            person(f"canbo.{lower}.{serial:02d}", code, CC, "Chuyên viên")
        spec.roles += [RoleSpec(f"truongphong.{lower}", Role.UNIT_HEAD, unit=code),
                       RoleSpec(f"truongphong.{lower}", Role.COUNCIL_MEMBER, agency="SKHDT",
                                council_position=CouncilPosition.MEMBER)]
    spec.roles += [
        RoleSpec("giamdoc.skhdt", Role.CHIEF, agency="SKHDT"),
        RoleSpec("giamdoc.skhdt", Role.COUNCIL_MEMBER, agency="SKHDT", council_position=CouncilPosition.CHAIR),
        RoleSpec("phogiamdoc.skhdt1", Role.DEPUTY_CHIEF, agency="SKHDT"),
        RoleSpec("phogiamdoc.skhdt2", Role.DEPUTY_CHIEF, agency="SKHDT"),
        RoleSpec("phogiamdoc.skhdt1", Role.COUNCIL_MEMBER, agency="SKHDT",
                 council_position=CouncilPosition.VICE_CHAIR),
        RoleSpec("truongphong.vps", Role.COUNCIL_MEMBER, agency="SKHDT", council_position=CouncilPosition.STANDING),
        RoleSpec("tdkt.skhdt", Role.SECRETARIAT, agency="SKHDT"),
        RoleSpec("tdkt.skhdt", Role.COUNCIL_MEMBER, agency="SKHDT", council_position=CouncilPosition.SECRETARY),
    ]


class DemoConflict(Exception):
    def __init__(self, conflicts: list[str]) -> None:
        super().__init__("\n".join(conflicts))
        self.conflicts = conflicts


@dataclass
class SeedResult:
    created: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: dict[str, int], kind: str) -> None:
        bucket[kind] = bucket.get(kind, 0) + 1


def _differences(obj, wanted: dict) -> list[str]:
    diffs = []
    for name, value in wanted.items():
        current = getattr(obj, name)
        expected = vietnamese.normalize(value) if isinstance(value, str) else value
        if current != expected:
            diffs.append(f"{name}: “{current}” ≠ “{expected}”")
    return diffs


def _document_data_differences(agency: Agency, wanted: dict) -> list[str]:
    diffs = _differences(agency, {k: v for k, v in wanted.items() if k != "emulation_unit"})
    if agency.emulation_unit.code != wanted["emulation_unit"]:
        diffs.append(f"emulation_unit: “{agency.emulation_unit.code}” ≠ “{wanted['emulation_unit']}”")
    return diffs


@transaction.atomic
def seed(*, stdout=None) -> SeedResult:
    """Create what is missing; raise ``DemoConflict`` (writing nothing) if anything disagrees."""
    spec = build_spec()
    result = SeedResult()
    conflicts: list[str] = []

    province = Province.objects.filter(code=PROVINCE["code"]).first()
    if province and (diffs := _differences(province, {"name": PROVINCE["name"]})):
        conflicts.append(_("Tỉnh %(code)s đã có với thông tin khác: %(diffs)s")
                         % {"code": PROVINCE["code"], "diffs": "; ".join(diffs)})

    agencies = {a.code: a for a in Agency.objects.filter(province__code=PROVINCE["code"])}
    for row in AGENCIES:
        existing = agencies.get(row["code"])
        if existing and (diffs := _differences(existing, {k: v for k, v in row.items() if k != "code"})):
            conflicts.append(_("Cơ quan %(code)s đã có với thông tin khác: %(diffs)s")
                             % {"code": row["code"], "diffs": "; ".join(diffs)})

    for code, wanted in DOCUMENT_DATA.items():
        existing = agencies.get(code)
        if existing and existing.emulation_unit_id and (diffs := _document_data_differences(existing, wanted)):
            conflicts.append(_("Cơ quan %(code)s đã có với thông tin khác: %(diffs)s")
                             % {"code": code, "diffs": "; ".join(diffs)})

    units = {(u.agency.code, u.code): u for u in
             Unit.objects.filter(agency__province__code=PROVINCE["code"]).select_related("agency")}
    for agency, code, name, kind, *_rest in UNITS:
        existing = units.get((agency, code))
        if existing and (diffs := _differences(existing, {"name": name, "kind": kind})):
            conflicts.append(_("Đơn vị %(code)s của %(agency)s đã có với thông tin khác: %(diffs)s")
                             % {"code": code, "agency": agency, "diffs": "; ".join(diffs)})

    people = {u.username: u for u in User.objects.filter(
        username__in=[p.username for p in spec.people] + ["admin"]).select_related("unit__agency")}
    for p in spec.people:
        existing = people.get(p.username)
        if existing is None:
            continue
        diffs = _differences(existing, {
            "full_name": p.full_name, "employment_category": p.category, "position_title": p.position,
            "is_leader": p.is_leader, "in_council_scope": p.in_council_scope,
        })
        where = (existing.unit.agency.code, existing.unit.code) if existing.unit else None
        if where != (p.agency, p.unit):
            diffs.append(_("đơn vị: %(now)s ≠ %(wanted)s") % {
                "now": "/".join(where) if where else "—", "wanted": f"{p.agency}/{p.unit}"})
        if diffs:
            conflicts.append(_("Tài khoản “%(username)s” đã có với thông tin khác: %(diffs)s")
                             % {"username": p.username, "diffs": "; ".join(diffs)})
    if "admin" in people and people["admin"].unit_id is not None:
        conflicts.append(_("Tài khoản “admin” đã có và thuộc một đơn vị; "
                           "tài khoản quản trị demo không thuộc đơn vị nào."))

    active = list(RoleAssignment.objects.filter(revoked_at__isnull=True).select_related(
        "user", "unit__agency", "agency", "province"))
    held = {(a.user.username, a.role, a.unit.code if a.unit else "", a.agency.code if a.agency else "",
             a.province.code if a.province else ""): a for a in active}
    for r in spec.roles:
        key = (r.username, r.role, r.unit, r.agency, r.province)
        existing = held.get(key)
        if existing and existing.council_position != r.council_position:
            conflicts.append(_("“%(username)s” đã là thành viên Hội đồng với chức danh khác (%(position)s).")
                             % {"username": r.username, "position": existing.get_council_position_display()})
        if r.role == Role.CHIEF:
            others = [a for a in active if a.role == Role.CHIEF and a.agency
                      and a.agency.code == r.agency and a.user.username != r.username]
            for a in others:
                conflicts.append(_("Cơ quan %(agency)s đã có thủ trưởng khác: %(name)s (%(username)s).")
                                 % {"agency": r.agency, "name": a.user.full_name, "username": a.user.username})

    if conflicts:
        raise DemoConflict(conflicts)

    # Nothing disagrees: create what is missing, through the services.
    if province is None:
        province = Province(**PROVINCE)
        province.full_clean()
        province.save()
        result.count(result.created, "province")
    else:
        result.count(result.unchanged, "province")
    for row in AGENCIES:
        if row["code"] in agencies:
            result.count(result.unchanged, "agency")
            continue
        agency = Agency(province=province, **row)
        agency.full_clean()
        agency.save()
        agencies[row["code"]] = agency
        result.count(result.created, "agency")
    for position, (agency_code, code, name, kind, *_rest) in enumerate(UNITS, start=1):
        if (agency_code, code) in units:
            result.count(result.unchanged, "unit")
            continue
        unit = Unit(agency=agencies[agency_code], code=code, name=name, kind=kind, position=position)
        unit.full_clean()
        unit.save()
        units[(agency_code, code)] = unit
        result.count(result.created, "unit")
    for code, wanted in DOCUMENT_DATA.items():
        agency = agencies[code]
        if agency.emulation_unit_id:
            continue
        agency.emulation_unit = units[(code, wanted["emulation_unit"])]
        agency.head_full_title, agency.emulation_unit_head = wanted["head_full_title"], wanted["emulation_unit_head"]
        agency.full_clean()
        agency.save()

    password = make_password(settings.DEMO_PASSWORD) if settings.DEMO_PASSWORD else None
    for p in spec.people:
        if p.username in people:
            result.count(result.unchanged, "person")
            continue
        people[p.username] = services.person_create(
            actor=None, username=p.username, full_name=p.full_name, unit=units[(p.agency, p.unit)],
            employment_category=p.category, position_title=p.position, is_leader=p.is_leader,
            in_council_scope=p.in_council_scope, email=f"{p.username}@{p.agency.lower()}.quangngai.example",
            hashed_password=password,
        )
        result.count(result.created, "person")
    if "admin" not in people:
        people["admin"] = services.person_create(
            actor=None, username="admin", full_name="Quản trị hệ thống", unit=None,
            position_title="Quản trị hệ thống", email="admin@quangngai.example", hashed_password=password,
        )
        result.count(result.created, "person")
    else:
        result.count(result.unchanged, "person")

    for r in spec.roles:
        if (r.username, r.role, r.unit, r.agency, r.province) in held:
            result.count(result.unchanged, "role")
            continue
        unit_agency = next((row[0] for row in UNITS if row[1] == r.unit), "")
        services.role_grant(
            actor=None, user=people[r.username], role=r.role,
            unit=units[(unit_agency, r.unit)] if r.unit else None,
            agency=agencies[r.agency] if r.agency else None,
            province=province if r.province else None,
            council_position=r.council_position,
        )
        result.count(result.created, "role")
    return result


def demo_logins() -> list[tuple[str, str]]:
    """Every demo login with what it is for, for the README and ``make run``: the administrator, the
    people holding a role (chief, deputies, secretariat, unit heads, council, Home Affairs, auditor) in
    the order of the organisation, then everyone else."""
    spec = build_spec()
    role_holders = {r.username for r in spec.roles}
    by_name = {p.username: p for p in spec.people}
    ordered = ["admin"] + [p.username for p in spec.people if p.username in role_holders]
    ordered += [p.username for p in spec.people if p.username not in role_holders]
    rows = []
    for username in ordered:
        person = by_name.get(username)
        rows.append((username, f"{person.full_name} — {person.position}" if person else _("Quản trị hệ thống")))
    return rows
