"""In-memory facts for table tests of the criteria: an eligible person and an eligible unit,
and one way to break each criterion."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from nominations.eligibility.facts import AwardFact, DisciplineFact, FactBook, InitiativeFact, YearFacts
from nominations.eligibility.types import ProposedLine

PERSON_KEY = ("person", 1)
UNIT_KEY = ("unit", 10)
MEMBERS = list(range(101, 111))
COLLEAGUES = list(range(201, 221))
AGENCY = 7


class FakeNominee:
    """Stands for a User or Unit in a ProposedLine without touching the database."""

    def __init__(self, key):
        self.key = key

    def __eq__(self, other):
        return isinstance(other, FakeNominee) and other.key == self.key

    def __hash__(self):
        return hash(self.key)


class Line(ProposedLine):
    @property
    def key(self):
        return self.nominee.key


def line(key, code) -> Line:
    return Line(FakeNominee(key), code)


def eligible_book(year: int) -> tuple[FactBook, list[Line]]:
    """Facts under which every criterion of every title of domain §3 passes for PERSON_KEY and UNIT_KEY."""
    book = FactBook()
    book.unit_agency = {10: AGENCY}
    book.person_unit = {1: 10, **{pk: 10 for pk in MEMBERS}, **{pk: 10 for pk in COLLEAGUES}}
    book.members = {10: list(MEMBERS)}
    for key in (PERSON_KEY, UNIT_KEY):
        book.years[key] = {y: YearFacts("htxs") for y in range(year - 6, year + 1)}
    book.service_start[1] = dt.date(2000, 1, 1)
    book.awards[PERSON_KEY] = [AwardFact("CSTDCS", y, f"{y}/QĐ") for y in (year - 2, year - 1, year)] + [
        AwardFact("CSTD_TINH", year - 4, "1/QĐ-UBND"), AwardFact("CSTD_TINH", year - 1, "2/QĐ-UBND"),
        AwardFact("BK_TINH", year - 3, "3/QĐ-UBND")]
    book.awards[UNIT_KEY] = [AwardFact("TTLDTT", year, "4/QĐ"), AwardFact("TTLDXS", year, "5/QĐ-UBND"),
                             AwardFact("BK_TINH", year - 3, "6/QĐ-UBND")]
    for pk in MEMBERS:
        book.years[("person", pk)] = {year: YearFacts("htt")}
        book.awards[("person", pk)] = [AwardFact("LDTT", year, "7/QĐ")]
    book.awards[("person", MEMBERS[0])].append(AwardFact("CSTDCS", year, "8/QĐ"))
    book.initiatives[1] = [InitiativeFact(f"Sáng kiến {y}", y, "toan_quoc", f"{y}/QĐ-HĐSK")
                           for y in range(year - 4, year + 1)]
    book.pledges = {PERSON_KEY: True, UNIT_KEY: True}
    book.names = {PERSON_KEY: "Nguyễn Văn Thử", UNIT_KEY: "Phòng Thử nghiệm",
                  **{("person", pk): f"Thành viên {pk}" for pk in MEMBERS}}
    lines = [line(PERSON_KEY, "LDTT")] + [line(("person", pk), "LDTT") for pk in COLLEAGUES]
    return book, lines


def break_criterion(book: FactBook, lines: list[Line], row, key, year: int) -> list[Line]:
    """Change the facts so that ``row``'s criterion no longer holds; returns the lines."""
    code = row.criterion
    pk = key[1]
    if code == "rating_at_least":
        book.years[key][year] = YearFacts("ht")
    elif code == "service_months":
        book.service_start[pk] = dt.date(year, 4, 15)
    elif code == "absent_days":
        book.years[key][year] = replace(book.years[key][year], absent_days=int(row.value))
    elif code == "no_discipline":
        book.disciplines[pk].append(DisciplineFact(row.option, year, "9/QĐ"))
    elif code == "no_administrative_sanction":
        book.years[key][year] = replace(book.years[key][year], administrative_sanction=True)
    elif code == "pledge_registered":
        book.pledges.pop(key)
    elif code == "same_cycle_title":
        book.awards[key] = [a for a in book.awards[key] if not (a.code == row.option and a.year == year)]
        lines = [ln for ln in lines if not (ln.key == key and ln.title_code == row.option)]
    elif code == "initiatives":
        book.initiatives[pk] = []
    elif code == "title_streak":
        book.awards[key] = [a for a in book.awards[key] if not (a.code == row.option and a.year == year - 1)]
    elif code == "rating_streak":  # one level below the row's, the year before
        book.years[key][year - 1] = YearFacts({"htxs": "htt", "htt": "ht", "ht": "kht"}[row.option])
    elif code == "award_count":
        book.awards[key] = [a for a in book.awards[key] if a.code != row.option]
    elif code in ("member_title_ratio_above", "member_title_ratio_at_least"):
        # Exactly at the threshold: fails "trên 50 %", so for "từ 70 %" go one member below.
        keep = int(row.value) * len(MEMBERS) // 100
        if code == "member_title_ratio_at_least":
            keep -= 1
        for member in MEMBERS[keep:]:
            book.awards[("person", member)] = [a for a in book.awards[("person", member)] if a.code != row.option]
    elif code == "member_rating_ratio":
        book.years[("person", MEMBERS[-1])][year] = YearFacts("kht")
    elif code == "member_title_count":
        for member in MEMBERS:
            book.awards[("person", member)] = [a for a in book.awards[("person", member)] if a.code != row.option]
    elif code == "members_no_discipline":
        book.disciplines[MEMBERS[3]].append(DisciplineFact(row.option, year, "10/QĐ"))
    elif code == "agency_cap":
        lines = lines + [line(("person", pk), "CSTDCS") for pk in COLLEAGUES[:6]]
    else:
        raise AssertionError(f"no way to break {code}")
    return lines
