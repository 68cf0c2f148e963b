"""Demo movements and the bloc of the 2023 report (``../shared/seed``, parts II.1–2.5 and II.1.b).

The movements are those the report names, with the launching documents it cites; where the
report cites none the document is left empty (to be completed by the administrator, never
invented) and the period is the report's year. Kế hoạch 363-KH/ĐU is printed "08/12/2012" in the
report, as kept here. The bloc "Khối thi đua các cơ quan Tham mưu – Tổng hợp" (TMTH) of 2023 has
the Office as leader (Công văn 930/CV-TMTH ngày 02/6/2023).

Same style as ``accounts.demo``: the whole wanted state is compared first; anything existing with
other values is a conflict, reported by name, and then nothing is written.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.demo import PROVINCE, DemoConflict, SeedResult
from accounts.models import Agency, Province

from .models import BlocMembership, EmulationBloc, Movement, MovementLevel

D = dt.date
TTG, BNV, TINH, CQ = MovementLevel.PRIME_MINISTER, MovementLevel.MINISTRY, MovementLevel.PROVINCE, MovementLevel.AGENCY
Y2023 = (D(2023, 1, 1), D(2023, 12, 31))
G2125 = (D(2021, 1, 1), D(2025, 12, 31))

# name, level, agency code (agency level), document number, date, issuer, period, aim
MOVEMENTS = [
    ("Cả nước chung sức xây dựng nông thôn mới", TTG, "", "", None, "", Y2023,
     "Tham mưu lãnh đạo UBND tỉnh ban hành các văn bản triển khai xây dựng nông thôn mới trên địa bàn tỉnh."),
    ("Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau", TTG, "", "", None, "", Y2023,
     "Tham gia đền ơn đáp nghĩa, hiến máu tình nguyện, ủng hộ Quỹ “Vì người nghèo” và đồng bào bị thiên tai."),
    ("Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở", TTG, "", "733/QĐ-TTg", D(2019, 6, 14),
     "Thủ tướng Chính phủ", (D(2019, 6, 14), D(2025, 12, 31)),
     "Thực hiện Quy tắc ứng xử của công chức, viên chức và người lao động; kỷ luật, kỷ cương hành chính."),
    ("Cán bộ, công chức, viên chức thi đua hoàn thành cơ sở dữ liệu chuyên ngành thuộc lĩnh vực nội vụ, góp phần "
     "đẩy mạnh Chuyển đổi số của ngành Nội vụ năm 2023", BNV, "", "", None, "Bộ Nội vụ", Y2023,
     "Cập nhật đầy đủ 109 trường thông tin dữ liệu của từng cá nhân vào Phần mềm quản lý cán bộ, công chức, "
     "viên chức."),
    ("Dân vận khéo", TINH, "", "70/KH-UBND", D(2020, 6, 4), "UBND tỉnh Quảng Ngãi", G2125,
     "Đăng ký và thực hiện mô hình “Dân vận khéo” trong cơ quan hành chính nhà nước."),
    ("Đẩy mạnh cải cách hành chính tỉnh Quảng Ngãi giai đoạn 2021 – 2025", TINH, "", "93/QĐ-UBND", D(2022, 1, 24),
     "UBND tỉnh Quảng Ngãi", G2125, "Đẩy mạnh cải cách thủ tục hành chính trên địa bàn tỉnh."),
    ("Cán bộ, đảng viên 3 gương mẫu, Nhân dân 3 tự giác, doanh nghiệp vận tải và lái xe 3 an toàn", TINH, "",
     "179/KH-UBND", D(2023, 9, 22), "UBND tỉnh Quảng Ngãi", (D(2023, 9, 22), None),
     "Bảo đảm trật tự an toàn giao thông trên địa bàn tỉnh Quảng Ngãi."),
    ("Chuyển đổi số trên địa bàn tỉnh", TINH, "", "", None, "UBND tỉnh Quảng Ngãi", Y2023,
     "Phát triển Chính quyền điện tử hướng tới Chính quyền số, kinh tế số, xã hội số."),
    ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2023", CQ, "VP", "313/KH-VP", D(2023, 3, 3),
     "Văn phòng UBND tỉnh Quảng Ngãi", Y2023, "Quán triệt và thực hiện nêu gương của cán bộ, đảng viên."),
    ("Chi bộ bốn tốt, Đảng bộ cơ sở bốn tốt giai đoạn 2022 – 2027", CQ, "VP", "363-KH/ĐU", D(2012, 12, 8),
     "Đảng ủy Văn phòng UBND tỉnh Quảng Ngãi", (D(2022, 1, 1), D(2027, 12, 31)),
     "Xây dựng chi bộ, đảng bộ cơ sở trong sạch, vững mạnh."),
    ("Phong trào thi đua yêu nước năm 2023 của Văn phòng UBND tỉnh", CQ, "VP", "", None,
     "Hội nghị cán bộ, công chức, viên chức và người lao động năm 2022", Y2023,
     "Hoàn thành các mục tiêu, nhiệm vụ năm 2023 gắn với đăng ký giao ước thi đua của tập thể và cá nhân."),
]
BLOC = {"code": "TMTH", "name": "Khối thi đua các cơ quan Tham mưu – Tổng hợp"}
BLOC_MEMBERS = {2023: [("VP", True), ("VPDDBQH", False), ("SKHDT", False)]}


def _wanted(row, agencies) -> dict:
    name, level, agency, number, date, issuer, (start, end), aim = row
    return {"name": name, "level": level, "agency": agencies.get(agency) if agency else None,
            "document_number": number, "document_date": date, "document_issuer": issuer, "period_start": start,
            "period_end": end, "aim": aim}


@transaction.atomic
def seed(*, stdout=None) -> SeedResult:
    """Create what is missing; raise ``DemoConflict`` (writing nothing) if anything disagrees."""
    result = SeedResult()
    conflicts: list[str] = []
    province = Province.objects.get(code=PROVINCE["code"])
    agencies = {a.code: a for a in Agency.objects.filter(province=province)}
    existing = {m.name: m for m in Movement.objects.filter(name__in=[r[0] for r in MOVEMENTS])}
    for row in MOVEMENTS:
        wanted = _wanted(row, agencies)
        current = existing.get(row[0])
        if current is None:
            continue
        diffs = [k for k, v in wanted.items() if getattr(current, k) != v]
        if diffs:
            conflicts.append(_("Phong trào “%(name)s” đã có với thông tin khác: %(fields)s")
                             % {"name": row[0], "fields": ", ".join(diffs)})
    bloc = EmulationBloc.objects.filter(province=province, code=BLOC["code"]).first()
    if bloc is not None and bloc.name != BLOC["name"]:
        conflicts.append(_("Khối thi đua %(code)s đã có với tên khác: “%(name)s”.") % {"code": BLOC["code"],
                                                                                  "name": bloc.name})
    memberships = {(m.agency.code, m.year): m for m in BlocMembership.objects.filter(bloc=bloc)
                   .select_related("agency")} if bloc else {}
    for year, members in BLOC_MEMBERS.items():
        for code, leader in members:
            current = memberships.get((code, year))
            if current is not None and current.is_leader != leader:
                conflicts.append(_("Thành viên %(code)s của khối năm %(year)s đã có với vai trò khối trưởng khác.")
                                 % {"code": code, "year": year})
    if conflicts:
        raise DemoConflict(conflicts)

    for position, row in enumerate(MOVEMENTS):
        if row[0] not in existing:
            movement = Movement(position=position, province=province, **_wanted(row, agencies))
            movement.full_clean()
            movement.save()
        result.count(result.created if row[0] not in existing else result.unchanged, "movement")
    result.count(result.created if bloc is None else result.unchanged, "bloc")
    if bloc is None:
        bloc = EmulationBloc(province=province, **BLOC)
        bloc.full_clean()
        bloc.save()
    for year, members in BLOC_MEMBERS.items():
        for code, leader in members:
            if (code, year) not in memberships:
                membership = BlocMembership(bloc=bloc, agency=agencies[code], year=year, is_leader=leader)
                membership.full_clean()
                membership.save()
            result.count(result.created if (code, year) not in memberships else result.unchanged, "bloc member")
    return result
