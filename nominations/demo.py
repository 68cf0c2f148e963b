"""Demo registries of the Office for 2019–2023: service records, yearly ratings, past awards,
sáng kiến and a couple of disciplines, so the check page has stories to tell.

Same style as ``accounts.demo``: the whole wanted state is compared first; anything existing
with other values is a conflict, reported by name, and then nothing is written.

Stories (the 2023 cycle, checked on the page):
- canbo.kt.02: CSTĐCS 2021–2023 and a province-wide sáng kiến → CSTĐ cấp tỉnh 2023 passes;
- canbo.th.02: CSTĐCS 2021 and 2023 only → the streak is broken ("thiếu 2022");
- canbo.nc.03: khiển trách in 2023 → no LĐTT 2023; canbo.kgvx.04: cảnh cáo in 2022 only;
- hopdong.hcqt.10: started 2023-04-15 → fewer than 10 months in 2023;
- canbo.ttcbth.05: 130 days absent in 2023 of which 120 maternity leave → still considered;
- canbo.tthc.03: a sáng kiến without its decision number → "cần bổ sung hồ sơ".
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.demo import DemoConflict, SeedResult
from accounts.models import Unit, User

from . import demo_service, services
from .models import (
    Award,
    Discipline,
    DutyRating,
    Initiative,
    InitiativeScope,
    PastAward,
    PersonYearRecord,
    ServiceRecord,
    UnitYearRecord,
)

YEARS = range(2019, 2024)
AGENCY = "VP"
ISSUER = "Chánh Văn phòng UBND tỉnh Quảng Ngãi"
PROVINCE_ISSUER = "Chủ tịch UBND tỉnh Quảng Ngãi"

CSTDCS = {"canbo.kt.02": [2021, 2022, 2023], "canbo.th.02": [2021, 2023], "truongphong.hcqt": [2022, 2023],
          "canbo.kgvx.02": [2023], "canbo.ttcbth.02": [2022, 2023]}
DISCIPLINES = [("canbo.nc.03", "khien_trach", 2023, "45/QĐ-VP"), ("canbo.kgvx.04", "canh_cao", 2022, "38/QĐ-VP")]
INITIATIVES = [
    ("Số hóa quy trình tiếp nhận hồ sơ thi đua, khen thưởng", ["truongphong.hcqt", "hcqt"], "12/QĐ-HĐSK",
     dt.date(2023, 11, 20), InitiativeScope.BASE),
    ("Tổng hợp báo cáo kinh tế – xã hội hằng tháng trên nền tảng số", ["canbo.kt.02"], "215/QĐ-UBND",
     dt.date(2023, 10, 5), InitiativeScope.PROVINCE),
    ("Chuẩn hóa mẫu phiếu theo dõi văn bản đến", ["canbo.th.02"], "09/QĐ-HĐSK", dt.date(2023, 11, 15),
     InitiativeScope.BASE),
    ("Quy trình rà soát văn bản quy phạm pháp luật", ["canbo.kgvx.02"], "10/QĐ-HĐSK", dt.date(2023, 11, 15),
     InitiativeScope.BASE),
    ("Cổng thông tin công báo trên thiết bị di động", ["canbo.ttcbth.02", "truongphong.ttcbth"], "11/QĐ-HĐSK",
     dt.date(2022, 11, 18), InitiativeScope.BASE),
    ("Bộ câu hỏi thường gặp về thủ tục hành chính", ["canbo.tthc.03"], "", dt.date(2023, 12, 1),
     InitiativeScope.BASE),
]
UNIT_AWARDS = [("KT", "TTLDTT", y) for y in YEARS] + [("HCQT", "TTLDTT", y) for y in YEARS] + [
    ("TTCBTH", "TTLDTT", 2022), ("TTCBTH", "TTLDXS", 2022), ("HCQT", "BK_TINH", 2021)]


def _wanted_people(people: list[User]) -> dict:
    """Deterministic registries: the same every time."""
    rng = random.Random("vp-quang-ngai-registries")  # noqa: S311  # nosec B311
    wanted = {"service": {}, "years": {}, "awards": {}}
    for person in people:
        u = person.username
        start = dt.date(2023, 4, 15) if u == "hopdong.hcqt.10" else dt.date(rng.randint(2000, 2016),
                                                                           rng.randint(1, 12), 1)
        wanted["service"][u] = start
        for year in YEARS:
            if year < start.year:
                continue
            rating = DutyRating.EXCELLENT if rng.random() < 0.25 else DutyRating.GOOD
            if u in CSTDCS and year in CSTDCS[u]:
                rating = DutyRating.EXCELLENT
            absent, maternity = 0, 0
            if u == "canbo.ttcbth.05" and year == 2023:
                absent, maternity = 130, 120
            if u == "canbo.nc.03" and year == 2023:
                rating = DutyRating.COMPLETED
            wanted["years"][(u, year)] = (rating, absent, maternity)
            if rating in (DutyRating.EXCELLENT, DutyRating.GOOD) and not (u == "hopdong.hcqt.10"):
                wanted["awards"][(u, "LDTT", year)] = f"{year % 100 + 1:02d}/QĐ-VP"
            if u in CSTDCS and year in CSTDCS[u]:
                wanted["awards"][(u, "CSTDCS", year)] = f"{year % 100 + 1:02d}/QĐ-VP"
    return wanted


def _conflict(conflicts: list[str], what: str, existing, expected) -> None:
    conflicts.append(_("%(what)s đã có với thông tin khác: “%(now)s” ≠ “%(wanted)s”.")
                     % {"what": what, "now": existing, "wanted": expected})


@transaction.atomic
def seed(*, stdout=None) -> SeedResult:
    result = SeedResult()
    people = list(User.objects.filter(unit__agency__code=AGENCY, in_council_scope=True, is_active=True)
                  .select_related("unit__agency").order_by("username"))
    by_name = {p.username: p for p in people}
    units = {u.code: u for u in Unit.objects.filter(agency__code=AGENCY).select_related("agency")}
    awards = {a.code: a for a in Award.objects.all()}
    wanted = _wanted_people(people)
    conflicts: list[str] = []

    services_now = dict(ServiceRecord.objects.filter(person__in=people).values_list("person__username", "started_on"))
    years_now = {(r.person.username, r.year): r for r in
                 PersonYearRecord.objects.filter(person__in=people, year__in=YEARS).select_related("person")}
    awards_now = {(a.person.username, a.award.code, a.year): a for a in
                  PastAward.objects.filter(person__in=people, year__in=YEARS).select_related("person", "award")}
    unit_awards_now = {(a.unit.code, a.award.code, a.year): a for a in
                       PastAward.objects.filter(unit__in=units.values(), year__in=YEARS)
                       .select_related("unit", "award")}
    unit_years_now = {(r.unit.code, r.year): r for r in
                      UnitYearRecord.objects.filter(unit__in=units.values(), year__in=YEARS).select_related("unit")}
    disciplines_now = {(d.person.username, d.year, d.decision_number): d for d in
                       Discipline.objects.filter(person__in=people).select_related("person")}
    initiatives_now = {(i.title, i.decision_date): i for i in Initiative.objects.prefetch_related("authors")}

    for u, start in wanted["service"].items():
        if u in services_now and services_now[u] != start:
            _conflict(conflicts, _("Ngày bắt đầu công tác của “%(u)s”") % {"u": u}, services_now[u], start)
    for (u, year), (rating, absent, maternity) in wanted["years"].items():
        rec = years_now.get((u, year))
        if rec and (rec.rating, rec.absent_days, rec.maternity_leave_days) != (rating, absent, maternity):
            _conflict(conflicts, _("Đánh giá năm %(year)s của “%(u)s”") % {"year": year, "u": u},
                      rec.get_rating_display(), DutyRating(rating).label)
    for (u, code, year), number in wanted["awards"].items():
        rec = awards_now.get((u, code, year))
        if rec and rec.decision_number != number:
            _conflict(conflicts, f"{code} {year} — {u}", rec.decision_number, number)
    for title, _authors, number, decided, scope in INITIATIVES:
        rec = initiatives_now.get((title, decided))
        if rec and (rec.decision_number, rec.scope) != (number, scope):
            _conflict(conflicts, _("Sáng kiến “%(t)s”") % {"t": title}, rec.decision_number, number)
    if conflicts:
        raise DemoConflict(conflicts)

    def count(created: bool, kind: str) -> None:
        result.count(result.created if created else result.unchanged, kind)

    for u, start in wanted["service"].items():
        if u not in services_now:
            services.service_record_save(actor=None, person=by_name[u], started_on=start)
        count(u not in services_now, "service record")
    for (u, year), (rating, absent, maternity) in wanted["years"].items():
        if (u, year) not in years_now:
            services.person_year_record_save(actor=None, person=by_name[u], year=year, rating=rating,
                                             absent_days=absent, maternity_leave_days=maternity)
        count((u, year) not in years_now, "person year")
    for (u, code, year), number in wanted["awards"].items():
        if (u, code, year) not in awards_now:
            services.past_award_record(actor=None, person=by_name[u], award=awards[code], year=year,
                                       decision_number=number, decision_date=dt.date(year + 1, 1, 15), issuer=ISSUER)
        count((u, code, year) not in awards_now, "past award")
    for code, award_code, year in UNIT_AWARDS:
        if (code, award_code, year) not in unit_awards_now:
            issuer = ISSUER if awards[award_code].authority == "agency_head" else PROVINCE_ISSUER
            services.past_award_record(actor=None, unit=units[code], award=awards[award_code], year=year,
                                       decision_number=f"{year % 100 + 2:02d}/QĐ-VP",
                                       decision_date=dt.date(year + 1, 1, 20), issuer=issuer)
        count((code, award_code, year) not in unit_awards_now, "past award")
    for code, unit in units.items():
        if code in ("LDUBND",):
            continue
        for year in YEARS:
            if (code, year) not in unit_years_now:
                rating = DutyRating.EXCELLENT if (code, "TTLDXS", year) in UNIT_AWARDS or code == "KT" \
                    else DutyRating.GOOD
                services.unit_year_record_save(actor=None, unit=unit, year=year, rating=rating)
            count((code, year) not in unit_years_now, "unit year")
    for u, level, year, number in DISCIPLINES:
        if u in by_name and (u, year, number) not in disciplines_now:
            services.discipline_record(actor=None, person=by_name[u], level=level, year=year,
                                       decision_number=number)
        count((u, year, number) not in disciplines_now, "discipline")
    for title, authors, number, decided, scope in INITIATIVES:
        if (title, decided) not in initiatives_now:
            services.initiative_record(actor=None, title=title, authors=[by_name[a] for a in authors],
                                       decision_number=number, decision_date=decided, scope=scope,
                                       issuer="Hội đồng sáng kiến Văn phòng UBND tỉnh" if scope == "co_so"
                                       else PROVINCE_ISSUER)
        count((title, decided) not in initiatives_now, "initiative")
    demo_service.seed(count)  # cống hiến, niên hạn: positions, retirements, the Kỷ niệm chương and its rule
    return result
