"""Demo service records for the cống hiến and niên hạn cycles (issue 21; docs/legal-basis.md §20).

The Office's people get ``PositionRecord`` periods, a woman's flag and retirement days that put the rules to the
test on the demo reference day ``REFERENCE`` (15/12/2026, the deadline of a cycle of 2026). Niên hạn reads a
provincial Kỷ niệm chương and its rule, both demo data: the number of years (20, women 15) is **not** from a text
read (doubtful, §20) — an officer records the province's own Quy chế in the admin.

Niên hạn stories (20 years, women 15):
- canbo.th.03: from 16/12/2006 → exactly 20 years on 15/12/2026 → suggested; canbo.th.04: from 17/12/2006 → a day
  short → not;
- canbo.kt.03: 1996–2000 and from 01/6/2011, a gap between → 20 years 6 months → suggested; canbo.kt.04: 1999–2001
  and from 2010 → 19 years 11 months (the gap counts nothing) → not;
- canbo.nc.04, a woman, from 16/12/2011 → exactly 15 years → suggested; canbo.nc.05, a man, the same → not;
- canbo.kgvx.03 retired on 31/01/2025 after 25 years → suggested; canbo.kgvx.05 retired on 30/6/2023 after 19 years
  6 months (counted to the retirement) → not;
- canbo.ttcbth.03: 28 years, but already holds the Kỷ niệm chương (2024) → not suggested again.
Everyone else of the Office is counted from the service record's start (``nominations.demo``).

Cống hiến stories (NĐ 152/2025, Điều 19–21, on a retirement notice):
- phochanhvp1: Phó Chánh Văn phòng from 2013 → 13 years 11 months at Phó Vụ trưởng level → HCLĐ hạng Ba;
- chanhvp: Chánh Văn phòng from 2021 (5 years 11 months: short of 6 at Vụ trưởng level) + Phó Chánh Văn phòng
  2014–2020 → 12 years 11 months at the lower level (Điều 9 khoản 2 điểm b) → HCLĐ hạng Ba;
- phochanhvp2, a woman, Phó Chánh Văn phòng from 2017 → 9 years 11 months ≥ 10 × 2/3 (Điều 4 khoản 7) → hạng Ba;
- phochanhvp3: 10 years, no retirement notice → not; canbo.nc.01: 12 years as Phó Giám đốc Sở but disciplined in
  2015 while holding it (Điều 9 khoản 3) → not; canbo.kt.01: holds HCLĐ hạng Ba already → not;
- truongphong.th: Phó Giám đốc Sở 2005–2016 (12 years) before heading Phòng Tổng hợp → hạng Ba, in a unit with a
  unit head (the Office's leadership has none, so its lines cannot be added from the page: see §20).
"""

from __future__ import annotations

import datetime as dt

from accounts.models import User

from . import services
from .models import (
    Award,
    CommendationKind,
    CouncilVoteRule,
    Discipline,
    PastAward,
    PositionLevel,
    PositionRecord,
    RuleSet,
    ServiceAwardRule,
    ServiceRecord,
    TitleRule,
)

D = dt.date
REFERENCE = D(2026, 12, 15)
VT, PVT = PositionLevel.DIRECTOR, PositionLevel.DEPUTY_DIRECTOR
KNC = ("KNC_TINH", "Kỷ niệm chương của Ủy ban nhân dân tỉnh")
KNC_BASIS = ("Kỷ niệm chương của tỉnh: khoản 7 Điều 84 Luật Thi đua, khen thưởng 2022; điểm b khoản 2 Điều 6 Nghị "
             "định 152/2025/NĐ-CP. Tiêu chuẩn theo Quy chế của tỉnh — chưa xác minh được văn bản")
KNC_RULE = ("Dữ liệu mẫu: 20 năm công tác (nữ 15 năm) — số năm chưa xác minh được văn bản; ghi theo Quy chế xét tặng "
            "Kỷ niệm chương của tỉnh")

VOTE_FIELDS = ("method", "base", "comparison", "threshold_pct", "quorum_pct", "recusal", "source")
# username: (female, retires_on, [(title, level, from, to)])
PEOPLE = {
    "canbo.th.03": (False, None, [("Chuyên viên", "", D(2006, 12, 16), None)]),
    "canbo.th.04": (False, None, [("Chuyên viên", "", D(2006, 12, 17), None)]),
    "canbo.kt.03": (False, None, [("Chuyên viên Sở Tài chính", "", D(1996, 1, 1), D(2000, 12, 31)),
                                  ("Chuyên viên", "", D(2011, 6, 1), None)]),
    "canbo.kt.04": (False, None, [("Chuyên viên Sở Công Thương", "", D(1999, 1, 1), D(2001, 12, 31)),
                                  ("Chuyên viên", "", D(2010, 1, 1), None)]),
    "canbo.nc.04": (True, None, [("Chuyên viên", "", D(2011, 12, 16), None)]),
    "canbo.nc.05": (False, None, [("Chuyên viên", "", D(2011, 12, 16), None)]),
    "canbo.kgvx.03": (False, D(2025, 1, 31), [("Chuyên viên", "", D(2000, 1, 1), None)]),
    "canbo.kgvx.05": (False, D(2023, 6, 30), [("Chuyên viên", "", D(2004, 1, 1), None)]),
    "canbo.ttcbth.03": (False, None, [("Viên chức", "", D(1998, 1, 1), None)]),
    "phochanhvp1": (False, D(2027, 3, 31), [("Trưởng phòng", "", D(2003, 1, 1), D(2012, 12, 31)),
                                            ("Phó Chánh Văn phòng", PVT, D(2013, 1, 1), None)]),
    "chanhvp": (False, D(2027, 1, 31), [("Phó Chánh Văn phòng", PVT, D(2014, 1, 1), D(2020, 12, 31)),
                                        ("Chánh Văn phòng", VT, D(2021, 1, 1), None)]),
    "phochanhvp2": (True, D(2027, 6, 30), [("Trưởng phòng", "", D(2005, 1, 1), D(2016, 12, 31)),
                                           ("Phó Chánh Văn phòng", PVT, D(2017, 1, 1), None)]),
    "phochanhvp3": (False, None, [("Phó Chánh Văn phòng", PVT, D(2016, 12, 16), None)]),
    "canbo.nc.01": (False, D(2026, 10, 31), [("Phó Giám đốc Sở Tư pháp", PVT, D(2008, 1, 1), D(2019, 12, 31)),
                                             ("Phó Trưởng phòng", "", D(2020, 1, 1), None)]),
    "canbo.kt.01": (False, D(2026, 8, 31), [("Phó Giám đốc Sở Tài chính", PVT, D(2006, 1, 1), D(2018, 12, 31)),
                                            ("Phó Trưởng phòng", "", D(2019, 1, 1), None)]),
    "truongphong.th": (False, D(2026, 12, 31), [("Phó Giám đốc Sở Nội vụ", PVT, D(2005, 1, 1), D(2016, 12, 31)),
                                                ("Trưởng phòng Tổng hợp", "", D(2017, 1, 1), None)]),
}
# Already rewarded: not suggested again.
PAST = [("canbo.ttcbth.03", "KNC_TINH", 2024, "120/QĐ-UBND"), ("canbo.kt.01", "HCLD3", 2019, "1520/QĐ-CTN")]
DISCIPLINES = [("canbo.nc.01", "khien_trach", 2015, "12/QĐ-STP")]


def seed(count) -> None:
    """Create what is missing (never change what exists): the Kỷ niệm chương and its rule, the periods, the
    flags, the past awards and the discipline above. ``count(created, kind)`` tallies as ``nominations.demo``."""
    award = Award.objects.filter(code=KNC[0]).first()
    created = award is None
    if created:
        award = Award(code=KNC[0], name=KNC[1], short_name="Kỷ niệm chương", kind="form", nominee_kind="person",
                      level="tinh", authority="province_chair", legal_basis=KNC_BASIS, position=15,
                      required_documents="Tờ trình (Mẫu 01)\nDanh sách đề nghị")
        award.full_clean()
        award.save()
    count(created, "award")
    rule_set = RuleSet.objects.filter(code="ND152_2025").first()
    model = TitleRule.objects.filter(rule_set=rule_set, award__code="BK_TINH").first() if rule_set else None
    missing = model is not None and not TitleRule.objects.filter(rule_set=rule_set, award=award).exists()
    if missing:
        title_rule = TitleRule(rule_set=rule_set, award=award, vote_method=model.vote_method,
                               vote_base=model.vote_base, vote_threshold_pct=model.vote_threshold_pct,
                               vote_quorum_pct=model.vote_quorum_pct, legal_basis=KNC_BASIS)
        title_rule.full_clean()
        title_rule.save()
    count(missing, "title rule")
    vote = CouncilVoteRule.objects.filter(agency__isnull=True, award__code="BK_TINH").first()
    missing = vote is not None and not CouncilVoteRule.objects.filter(agency__isnull=True, award=award).exists()
    if missing:
        copy = CouncilVoteRule(award=award, **{f: getattr(vote, f) for f in VOTE_FIELDS})
        copy.full_clean()
        copy.save()
    count(missing, "council vote rule")
    kind = CommendationKind.objects.get(code="NIEN_HAN")
    created = not ServiceAwardRule.objects.filter(kind=kind, award=award).exists()
    if created:
        rule = ServiceAwardRule(kind=kind, award=award, min_years=20, min_years_women=15,
                                in_force_from=D(2025, 7, 1), citation=KNC_RULE)
        rule.full_clean()
        rule.save()
    count(created, "service rule")
    people = {p.username: p for p in User.objects.filter(username__in=PEOPLE.keys()).select_related("unit__agency")}
    for username, (female, retires_on, periods) in PEOPLE.items():
        person = people.get(username)
        if person is None:
            continue
        record = ServiceRecord.objects.filter(person=person).first()
        changed = record is None or (record.female, record.retires_on) != (female, retires_on)
        if changed:
            start = record.started_on if record else periods[0][2]
            services.service_record_save(actor=None, person=person, started_on=start, female=female,
                                         retires_on=retires_on)
        if female or retires_on:  # a fact of ours (the defaults are the base record's, counted there)
            count(changed, "service record facts")
        missing = not PositionRecord.objects.filter(person=person).exists()
        if missing:
            for title, level, start, end in periods:
                services.position_record_save(actor=None, person=person, title=title, level=level, started_on=start,
                                              ended_on=end)
        count(missing, "position records")
    awards = {a.code: a for a in Award.objects.filter(code__in=[code for _u, code, _y, _n in PAST])}
    for username, code, year, number in PAST:
        person = people.get(username)
        if person is None:
            continue
        exists = PastAward.objects.filter(person=person, award=awards[code], year=year).exists()
        count(not exists, "past award")
        if exists:
            continue
        issuer = "Chủ tịch nước" if code.startswith("HCLD") else "Chủ tịch UBND tỉnh Quảng Ngãi"
        services.past_award_record(actor=None, person=person, award=awards[code], year=year, issuer=issuer,
                                   decision_number=number, decision_date=D(year, 9, 1))
    for username, level, year, number in DISCIPLINES:
        person = people.get(username)
        if person is None:
            continue
        exists = Discipline.objects.filter(person=person, year=year, decision_number=number).exists()
        count(not exists, "discipline")
        if not exists:
            services.discipline_record(actor=None, person=person, level=level, year=year, decision_number=number)
