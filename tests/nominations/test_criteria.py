"""The criteria one by one, at their boundaries, with the explanation a secretary reads."""

import datetime as dt
from decimal import Decimal

import pytest

from nominations.eligibility import Outcome
from nominations.eligibility.criteria import CRITERIA, Context, Cycle, vn_date
from nominations.eligibility.facts import AwardFact, DisciplineFact, FactBook, InitiativeFact, YearFacts
from nominations.models import TitleCriterion

from .facts import MEMBERS, PERSON_KEY, UNIT_KEY, line

SHORT = {"LDTT": "LĐTT", "CSTDCS": "CSTĐCS", "TTLDTT": "TTLĐTT", "BK_TINH": "Bằng khen tỉnh"}


def _check(code, book, *, key=PERSON_KEY, year=2023, lines=(), award="X", **params):
    row = TitleCriterion(criterion=code, article="Điều 99 Luật thử", **params)
    ctx = Context(key=key, year=year, award_code=award, facts=book, cycle=Cycle(lines, book), short_names=SHORT)
    return CRITERIA[code](ctx, row)


def _book(**years) -> FactBook:
    book = FactBook()
    book.years[PERSON_KEY] = {int(y[1:]): YearFacts(r) for y, r in years.items()}
    return book


@pytest.mark.parametrize(("held", "outcome", "facts"), [
    ([2021, 2022, 2023], Outcome.PASS, "3 năm liên tục CSTĐCS: 2021, 2022, 2023."),
    ([2021, 2022], Outcome.FAIL, "3 năm liên tục CSTĐCS: 2021, 2022 — thiếu 2023."),
    ([2021, 2023], Outcome.FAIL, "3 năm liên tục CSTĐCS: 2021, 2023 — thiếu 2022."),
    ([2019, 2020, 2022, 2023], Outcome.FAIL, "3 năm liên tục CSTĐCS: 2022, 2023 — thiếu 2021."),
])
def test_title_streak_names_the_years_held_and_missing(held, outcome, facts):
    book = FactBook()
    book.awards[PERSON_KEY] = [AwardFact("CSTDCS", y) for y in held]

    verdict = _check("title_streak", book, value=Decimal(3), option="CSTDCS")

    assert (verdict.outcome, verdict.facts) == (outcome, facts)
    assert verdict.explanation == f"3 năm liên tục đạt CSTĐCS (Điều 99 Luật thử): {facts}"


def test_a_line_of_the_same_cycle_completes_the_streak():
    book = FactBook()
    book.awards[PERSON_KEY] = [AwardFact("CSTDCS", 2021), AwardFact("CSTDCS", 2022)]

    verdict = _check("title_streak", book, lines=[line(PERSON_KEY, "CSTDCS")], value=Decimal(3), option="CSTDCS")

    assert verdict.outcome == Outcome.PASS


@pytest.mark.parametrize(("discipline_year", "level", "outcome"), [
    (2023, "khien_trach", Outcome.FAIL),
    (2022, "khien_trach", Outcome.PASS),   # the year before does not block this year
    (2023, "canh_cao", Outcome.FAIL),
    (2024, "canh_cao", Outcome.PASS),
])
def test_discipline_blocks_only_its_own_year(discipline_year, level, outcome):
    book = FactBook()
    book.disciplines[1] = [DisciplineFact(level, discipline_year, "5/QĐ-VP")]

    verdict = _check("no_discipline", book, option="khien_trach")

    assert verdict.outcome == outcome
    if outcome == Outcome.FAIL:
        assert "5/QĐ-VP" in verdict.facts


@pytest.mark.parametrize(("level", "outcome"), [("khien_trach", Outcome.PASS), ("canh_cao", Outcome.FAIL),
                                                 ("buoc_thoi_viec", Outcome.FAIL)])
def test_a_unit_is_blocked_by_members_disciplined_at_canh_cao_or_above(level, outcome):
    book = FactBook()
    book.members = {10: list(MEMBERS)}
    book.names = {("person", MEMBERS[2]): "Trần Thị Bình"}
    book.disciplines[MEMBERS[2]] = [DisciplineFact(level, 2023)]

    verdict = _check("members_no_discipline", book, key=UNIT_KEY, option="canh_cao")

    assert verdict.outcome == outcome
    if outcome == Outcome.FAIL:
        assert "Trần Thị Bình" in verdict.facts


@pytest.mark.parametrize(("holders", "code", "value", "outcome", "shown"), [
    (5, "member_title_ratio_above", 50, Outcome.FAIL, "5/10 thành viên đạt LĐTT năm 2023 = 50 %."),
    (6, "member_title_ratio_above", 50, Outcome.PASS, "6/10 thành viên đạt LĐTT năm 2023 = 60 %."),
    (7, "member_title_ratio_at_least", 70, Outcome.PASS, "7/10 thành viên đạt LĐTT năm 2023 = 70 %."),
    (6, "member_title_ratio_at_least", 70, Outcome.FAIL, "6/10 thành viên đạt LĐTT năm 2023 = 60 %."),
])
def test_member_ratios_at_exactly_50_and_70_percent(holders, code, value, outcome, shown):
    book = FactBook()
    book.members = {10: list(MEMBERS)}
    for pk in MEMBERS[:holders]:
        book.awards[("person", pk)] = [AwardFact("LDTT", 2023)]

    verdict = _check(code, book, key=UNIT_KEY, value=Decimal(value), option="LDTT")

    assert (verdict.outcome, verdict.facts) == (outcome, shown)


def test_member_lines_of_the_same_cycle_count_towards_the_ratio():
    book = FactBook()
    book.members = {10: list(MEMBERS)}
    lines = [line(("person", pk), "LDTT") for pk in MEMBERS[:6]]

    verdict = _check("member_title_ratio_above", book, key=UNIT_KEY, lines=lines, value=Decimal(50), option="LDTT")

    assert verdict.outcome == Outcome.PASS


def test_a_unit_without_members_fails_its_ratios():
    book = FactBook()
    book.members = {10: []}

    verdict = _check("member_title_ratio_above", book, key=UNIT_KEY, value=Decimal(50), option="LDTT")

    assert verdict.outcome == Outcome.FAIL


@pytest.mark.parametrize(("absent", "maternity", "outcome"), [(39, 0, Outcome.PASS), (40, 0, Outcome.FAIL),
                                                              (130, 120, Outcome.PASS), (160, 120, Outcome.FAIL)])
def test_absent_days_below_40_maternity_leave_excepted(absent, maternity, outcome):
    book = FactBook()
    book.years[PERSON_KEY] = {2023: YearFacts("htt", absent, maternity)}

    assert _check("absent_days", book, value=Decimal(40)).outcome == outcome


@pytest.mark.parametrize(("started", "outcome"), [(dt.date(2023, 3, 1), Outcome.PASS),
                                                  (dt.date(2023, 3, 2), Outcome.FAIL),
                                                  (None, Outcome.WARNING)])
def test_ten_months_of_service(started, outcome):
    book = FactBook()
    if started:
        book.service_start[1] = started

    verdict = _check("service_months", book, value=Decimal(10))

    assert verdict.outcome == outcome
    if started:
        assert vn_date(started) in verdict.facts


@pytest.mark.parametrize(("rating", "option", "outcome"), [
    ("htxs", "htt", Outcome.PASS), ("htt", "htt", Outcome.PASS), ("ht", "htt", Outcome.FAIL),
    ("htt", "htxs", Outcome.FAIL), (None, "htt", Outcome.WARNING)])
def test_rating_at_least(rating, option, outcome):
    book = FactBook()
    if rating:
        book.years[PERSON_KEY] = {2023: YearFacts(rating)}

    assert _check("rating_at_least", book, option=option).outcome == outcome


@pytest.mark.parametrize(("initiatives", "outcome"), [
    ([("A", 2023, "co_so", "1/QĐ")], Outcome.PASS),
    ([("A", 2022, "co_so", "1/QĐ")], Outcome.FAIL),                         # outside the year
    ([("A", 2023, "co_so", "")], Outcome.NEEDS_DOCUMENT),                   # no decision number yet
    ([("A", 2023, "co_so", ""), ("B", 2023, "tinh", "2/QĐ")], Outcome.PASS),
])
def test_initiatives_of_the_year_at_base_level(initiatives, outcome):
    book = FactBook()
    book.initiatives[1] = [InitiativeFact(*i) for i in initiatives]

    assert _check("initiatives", book, value=Decimal(1), years=1, option="co_so").outcome == outcome


def test_a_base_level_initiative_does_not_count_for_a_province_wide_requirement():
    book = FactBook()
    book.initiatives[1] = [InitiativeFact("Sáng kiến cơ sở", 2023, "co_so", "1/QĐ")]

    verdict = _check("initiatives", book, value=Decimal(1), years=3, option="tinh")

    assert verdict.outcome == Outcome.FAIL
    assert "phạm vi thấp hơn, không tính: “Sáng kiến cơ sở”" in verdict.facts


@pytest.mark.parametrize(("ratings", "outcome"), [
    ({"y2022": "htxs", "y2023": "htxs"}, Outcome.PASS),
    ({"y2022": "htt", "y2023": "htxs"}, Outcome.FAIL),
    ({"y2021": "htxs", "y2023": "htxs"}, Outcome.FAIL),
])
def test_rating_streak(ratings, outcome):
    assert _check("rating_streak", _book(**ratings), value=Decimal(2), option="htxs").outcome == outcome


@pytest.mark.parametrize(("awards", "outcome"), [([2020], Outcome.PASS), ([], Outcome.FAIL), ([2023], Outcome.FAIL)])
def test_award_count_reads_earlier_years_only(awards, outcome):
    book = FactBook()
    book.awards[PERSON_KEY] = [AwardFact("BK_TINH", y, "1/QĐ-UBND") for y in awards]

    assert _check("award_count", book, value=Decimal(1), option="BK_TINH").outcome == outcome


def test_same_cycle_prerequisite_reads_the_cycle_then_the_registry():
    book = FactBook()
    rule = {"option": "LDTT"}
    assert _check("same_cycle_title", book, **rule).outcome == Outcome.FAIL
    assert _check("same_cycle_title", book, lines=[line(PERSON_KEY, "LDTT")], **rule).outcome == Outcome.PASS
    book.awards[PERSON_KEY] = [AwardFact("LDTT", 2022)]
    assert _check("same_cycle_title", book, **rule).outcome == Outcome.FAIL
    book.awards[PERSON_KEY] = [AwardFact("LDTT", 2023, "9/QĐ-VP")]
    assert _check("same_cycle_title", book, **rule).outcome == Outcome.PASS


@pytest.mark.parametrize(("cstdcs", "ldtt", "outcome", "shown"), [
    (3, 20, Outcome.PASS, "Năm 2023 cơ quan có 3 CSTĐCS trên 20 LĐTT (đã quyết định và đề nghị trong đợt) = 15 % "
                          "(tối đa 3)."),
    (4, 20, Outcome.WARNING, "Năm 2023 cơ quan có 4 CSTĐCS trên 20 LĐTT (đã quyết định và đề nghị trong đợt) = 20 % "
                             "(tối đa 3)."),
    (1, 0, Outcome.WARNING, None),
])
def test_the_agency_cap_warns_with_the_numbers(cstdcs, ldtt, outcome, shown):
    book = FactBook()
    book.unit_agency = {10: 7}
    book.person_unit = {pk: 10 for pk in range(1, 60)}
    lines = [line(("person", pk), "CSTDCS") for pk in range(1, cstdcs + 1)]
    lines += [line(("person", pk), "LDTT") for pk in range(30, 30 + ldtt)]

    verdict = _check("agency_cap", book, lines=lines, award="CSTDCS", value=Decimal(15), option="LDTT")

    assert verdict.outcome == outcome
    if shown:
        assert verdict.facts == shown


def test_lines_of_another_agency_do_not_count_towards_the_cap():
    book = FactBook()
    book.unit_agency = {10: 7, 11: 8}
    book.person_unit = {**{pk: 10 for pk in range(1, 30)}, **{pk: 11 for pk in range(30, 60)}}
    lines = [line(("person", 1), "CSTDCS")] + [line(("person", pk), "CSTDCS") for pk in range(30, 40)]
    lines += [line(("person", pk), "LDTT") for pk in range(2, 12)]

    verdict = _check("agency_cap", book, lines=lines, award="CSTDCS", value=Decimal(15), option="LDTT")

    assert "1 CSTĐCS trên 10 LĐTT" in verdict.facts


def test_the_cap_counts_the_agencys_decided_titles_of_the_year_once_each():
    """The base is the agency's year, not the cycle's lines: 12 CSTĐCS against 83 LĐTT is 14,5 %, the
    issue's "7 CSTĐCS / 2 LĐTT = 350 %" came from counting only the lines of one cycle."""
    book = FactBook()
    book.unit_agency = {10: 7}
    book.person_unit = {pk: 10 for pk in range(1, 100)}
    book.agency_awards[(7, "LDTT")] = {("person", pk) for pk in range(1, 82)}
    book.agency_awards[(7, "CSTDCS")] = {("person", pk) for pk in range(1, 11)}
    lines = [line(("person", 1), "CSTDCS"), line(("person", 90), "CSTDCS"), line(("person", 91), "CSTDCS"),
             line(("person", 90), "LDTT"), line(("person", 91), "LDTT"), line(("person", 1), "LDTT")]

    verdict = _check("agency_cap", book, lines=lines, award="CSTDCS", value=Decimal(15), option="LDTT")

    assert verdict.outcome == Outcome.PASS
    assert "12 CSTĐCS trên 83 LĐTT" in verdict.facts and "14,46 %" in verdict.facts


@pytest.mark.parametrize(("registered", "outcome"), [(True, Outcome.PASS), (False, Outcome.WARNING),
                                                     (None, Outcome.WARNING)])
def test_pledge_registration_is_at_most_a_warning(registered, outcome):
    book = FactBook()
    if registered is not None:
        book.pledges = {PERSON_KEY: registered}

    verdict = _check("pledge_registered", book)

    assert verdict.outcome == outcome
    if registered is None:
        assert "Chưa có dữ liệu đăng ký thi đua" in verdict.facts


def test_member_rating_ratio_counts_members_without_a_rating_as_not_meeting():
    book = FactBook()
    book.members = {10: list(MEMBERS)}
    for pk in MEMBERS[:-1]:
        book.years[("person", pk)] = {2023: YearFacts("ht")}

    verdict = _check("member_rating_ratio", book, key=UNIT_KEY, value=Decimal(100), option="ht")

    assert verdict.outcome == Outcome.FAIL
    assert "9/10 thành viên = 90 % (1 thành viên chưa có kết quả đánh giá)." == verdict.facts


@pytest.mark.parametrize(("day", "text"), [(dt.date(2024, 2, 5), "ngày 05 tháng 02 năm 2024"),
                                           (dt.date(2023, 11, 20), "ngày 20 tháng 11 năm 2023"),
                                           (dt.date(2023, 3, 1), "ngày 01 tháng 3 năm 2023")])
def test_dates_are_printed_as_nghi_dinh_30_wants(day, text):
    assert vn_date(day) == text
