"""Demo movements and the bloc of the 2023 report (``../shared/seed``, parts II.1–2.5 and II.1.b).

The movements are those the report names, under the launcher the report puts them (2.1 Thủ tướng, 2.2 Bộ
Nội vụ, 2.3 the province: "Học tập và làm theo …" and "Chi bộ bốn tốt …" are the province's, the Office
only implements them by its own plans), with the launching documents it cites; where the report cites none
the document is left empty (to be completed by the administrator, never invented) and the period is the
report's year. The Office launches no movement of its own in the seed. The documents the report cites (the
request it answers, the texts implemented, the Office's own guidance) are ``REFERENCES``. Kế hoạch
363-KH/ĐU is printed "08/12/2012" in the report, as kept here. The bloc "Khối thi đua các cơ quan Tham
mưu – Tổng hợp" (TMTH) of 2023 has the Office as leader (Công văn 930/CV-TMTH ngày 02/6/2023).

Same style as ``accounts.demo``: the whole wanted state is compared first; anything existing with
other values is a conflict, reported by name, and then nothing is written.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.demo import PROVINCE, DemoConflict, SeedResult
from accounts.models import Agency, Province

from .models import Award, BlocMembership, EmulationBloc, Movement, MovementLevel, ReferenceRole, ReportReference

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
    ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", TINH, "", "", None, "", Y2023,
     "Quán triệt và thực hiện nêu gương của cán bộ, đảng viên, công chức, viên chức."),
    ("Chi bộ bốn tốt, Đảng bộ cơ sở bốn tốt giai đoạn 2022 – 2027", TINH, "", "", None, "",
     (D(2022, 1, 1), D(2027, 12, 31)), "Xây dựng chi bộ, đảng bộ cơ sở trong sạch, vững mạnh."),
    ("Cán bộ, đảng viên 3 gương mẫu, Nhân dân 3 tự giác, doanh nghiệp vận tải và lái xe 3 an toàn", TINH, "",
     "179/KH-UBND", D(2023, 9, 22), "UBND tỉnh Quảng Ngãi", (D(2023, 9, 22), None),
     "Bảo đảm trật tự an toàn giao thông trên địa bàn tỉnh Quảng Ngãi."),
    ("Chuyển đổi số trên địa bàn tỉnh", TINH, "", "", None, "UBND tỉnh Quảng Ngãi", Y2023,
     "Phát triển Chính quyền điện tử hướng tới Chính quyền số, kinh tế số, xã hội số."),
]

# The documents the 2023 report cites (the seed's opening, II.1 a and b, and under the movements), with the
# movement each implements: name prefix of the movement, or "". role, kind, number, date, issuer, summary.
REQUEST, IMPLEMENTED, ISSUED = ReferenceRole.REQUEST, ReferenceRole.IMPLEMENTED, ReferenceRole.ISSUED
LAUNCHED = ReferenceRole.LAUNCHED
OFFICE = "Văn phòng UBND tỉnh Quảng Ngãi"
REFERENCES = {2023: [
    (REQUEST, "Công văn", "1273/SNV-TĐKT", D(2021, 6, 4), "Sở Nội vụ",
     "về việc báo cáo kết quả công tác thi đua, khen thưởng", ""),
    (REQUEST, "Công văn", "122/BTĐKT-THHC", D(2023, 10, 5), "Ban Thi đua - Khen thưởng",
     "về việc báo cáo kết quả công tác thi đua, khen thưởng", ""),
    (IMPLEMENTED, "Kết luận", "01-KL/TW", D(2021, 5, 18), "Bộ Chính trị",
     "về tiếp tục thực hiện Chỉ thị số 05-CT/TW về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách "
     "Hồ Chí Minh", ""),
    (IMPLEMENTED, "Chỉ thị", "34-CT/TW", D(2014, 4, 7), "Bộ Chính trị",
     "về việc “Tiếp tục đổi mới công tác thi đua, khen thưởng”", ""),
    (IMPLEMENTED, "Luật Thi đua, khen thưởng", "06/2022/QH15", D(2022, 6, 15), "Quốc hội", "", ""),
    (IMPLEMENTED, "Nghị định", "91/2017/NĐ-CP", D(2017, 7, 31), "Chính phủ",
     "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng", ""),
    (IMPLEMENTED, "Thông tư", "12/2019/TT-BNV", D(2019, 11, 4), "Bộ trưởng Bộ Nội vụ",
     "quy định chi tiết thi hành một số điều của Nghị định số 91/2017/NĐ-CP của Chính phủ", ""),
    (IMPLEMENTED, "Thông báo", "134/TB-VPCP", D(2022, 5, 4), "Văn phòng Chính phủ",
     "ý kiến kết luận của Thủ tướng Chính phủ về công tác thi đua, khen thưởng", ""),
    (ISSUED, "Công văn", "930/CV-TMTH", D(2023, 6, 2), OFFICE,
     "về việc đăng ký giao ước thi đua và góp dự thảo Quy chế hoạt động của Khối thi đua các cơ quan Tham mưu - "
     "Tổng hợp năm 2023 (nhiệm vụ Khối trưởng)", ""),
    (ISSUED, "Công văn", "903/VP-HCQT", D(2022, 6, 1), OFFICE,
     "triển khai một số nội dung về công tác thi đua, khen thưởng đến công chức, viên chức, người lao động "
     "(thực hiện Thông báo số 134/TB-VPCP)", ""),
    (LAUNCHED, "Công văn", "1014/VP-HCQT", D(2023, 6, 13), OFFICE, "về việc đăng ký giao ước thi đua năm 2023", ""),
    (ISSUED, "Công văn", "2056/VP-HCQT", D(2023, 10, 13), OFFICE,
     "chỉ đạo việc kịp thời tôn vinh, thông tin, phản ánh gương người tốt, việc tốt, điển hình tiên tiến", ""),
    (ISSUED, "Quyết định", "31/QĐ-VP", D(2019, 4, 19), OFFICE,
     "ban hành Quy tắc ứng xử của công chức, viên chức và người lao động thuộc Văn phòng UBND tỉnh",
     "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở"),
    (ISSUED, "Quyết định", "111/QĐ-VP", D(2022, 10, 19), OFFICE,
     "về Tổ kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính của Văn phòng",
     "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở"),
    (ISSUED, "Công văn", "664/VP-HCQT", D(2023, 4, 26), OFFICE,
     "đôn đốc cập nhật dữ liệu vào Phần mềm quản lý cán bộ, công chức, viên chức",
     "Cán bộ, công chức, viên chức thi đua hoàn thành cơ sở dữ liệu"),
    (ISSUED, "Công văn", "955/VP-HCQT", D(2023, 6, 7), OFFICE,
     "đôn đốc cập nhật dữ liệu vào Phần mềm quản lý cán bộ, công chức, viên chức",
     "Cán bộ, công chức, viên chức thi đua hoàn thành cơ sở dữ liệu"),
    (ISSUED, "Công văn", "1796/VP-HCQT", D(2023, 9, 12), OFFICE,
     "đôn đốc cập nhật dữ liệu vào Phần mềm quản lý cán bộ, công chức, viên chức",
     "Cán bộ, công chức, viên chức thi đua hoàn thành cơ sở dữ liệu"),
    (ISSUED, "Công văn", "2000/VP-HCQT", D(2023, 10, 9), OFFICE,
     "đôn đốc cập nhật dữ liệu vào Phần mềm quản lý cán bộ, công chức, viên chức",
     "Cán bộ, công chức, viên chức thi đua hoàn thành cơ sở dữ liệu"),
    (ISSUED, "Công văn", "477/VP-TTHC", D(2023, 3, 30), OFFICE,
     "đăng ký mô hình “Dân vận khéo” với Ban Dân vận Tỉnh ủy, Sở Nội vụ", "Dân vận khéo"),
    (ISSUED, "Kế hoạch", "2152/KH-VP", D(2021, 12, 29), OFFICE, "cải cách hành chính giai đoạn 2021 - 2025",
     "Đẩy mạnh cải cách hành chính"),
    (ISSUED, "Kế hoạch", "313/KH-VP", D(2023, 3, 3), OFFICE,
     "triển khai thực hiện việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2023",
     "Học tập và làm theo"),
    (ISSUED, "Kế hoạch", "363-KH/ĐU", D(2012, 12, 8), "Đảng ủy Văn phòng UBND tỉnh",
     "(phối hợp với Đảng ủy Văn phòng) phát động phong trào thi đua xây dựng “Chi bộ bốn tốt, Đảng bộ cơ sở bốn "
     "tốt” giai đoạn 2022-2027", "Chi bộ bốn tốt"),
    (ISSUED, "Kế hoạch", "1937/KH-VP", D(2023, 9, 28), OFFICE,
     "triển khai thực hiện Kế hoạch số 179/KH-UBND ngày 22/9/2023 của UBND tỉnh", "Cán bộ, đảng viên 3 gương mẫu"),
    (ISSUED, "Kế hoạch", "1680/KH-VP", D(2022, 10, 3), OFFICE,
     "về phát triển Chính quyền điện tử hướng tới Chính quyền số và kinh tế số, xã hội số năm 2023",
     "Chuyển đổi số"),
]}
BLOC = {"code": "TMTH", "name": "Khối thi đua các cơ quan Tham mưu – Tổng hợp"}
# What the bloc proposes for its leading members at year end (docs/legal-basis.md §17): catalogue codes.
BLOC_AWARDS = {"flag_award": "CO_TINH", "commendation_award": "BK_TINH"}
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
    awards = {field: Award.objects.filter(code=code).first() for field, code in BLOC_AWARDS.items()}
    unset = {field: award for field, award in awards.items() if award and getattr(bloc, f"{field}_id") is None}
    if unset:  # a bloc seeded before it had these fields gets them; one set by an administrator is kept
        for field, award in unset.items():
            setattr(bloc, field, award)
        bloc.full_clean()
        bloc.save()
    for year, members in BLOC_MEMBERS.items():
        for code, leader in members:
            if (code, year) not in memberships:
                membership = BlocMembership(bloc=bloc, agency=agencies[code], year=year, is_leader=leader)
                membership.full_clean()
                membership.save()
            result.count(result.created if (code, year) not in memberships else result.unchanged, "bloc member")
    _seed_references(result, agencies)
    return result


def _seed_references(result: SeedResult, agencies: dict) -> None:
    """The documents the Office's reports cite; an existing row (same role, kind, number, issuer) is kept."""
    agency = agencies.get("VP")
    if agency is None:
        return
    movements = list(Movement.objects.filter(name__in=[r[0] for r in MOVEMENTS]))
    for year, rows in REFERENCES.items():
        existing = set(ReportReference.objects.filter(agency=agency, year=year)
                       .values_list("role", "kind", "number", "issuer"))
        for position, (role, kind, number, date, issuer, summary, movement) in enumerate(rows):
            created = (role, kind, number, issuer) not in existing
            if created:
                reference = ReportReference(
                    agency=agency, year=year, role=role, kind=kind, number=number, date=date, issuer=issuer,
                    summary=summary, position=position,
                    movement=next(m for m in movements if m.name.startswith(movement)) if movement else None)
                reference.full_clean()
                reference.save()
            result.count(result.created if created else result.unchanged, "report reference")
