"""check() and check_many() against the database: rule-set selection, errors, same-cycle lines
and the bounded number of queries of a whole cycle."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from simple_history.utils import bulk_create_with_history

from accounts.models import Unit, User
from nominations import services
from nominations.eligibility import (
    NoRuleSet,
    Outcome,
    ProposedLine,
    TitleNotForNominee,
    UnknownTitle,
    check,
    check_many,
    rule_set_for,
)
from nominations.models import Award, PersonYearRecord
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("year", "on", "expected"), [
    (2017, None, "ND91_2017"),
    (2023, None, "ND91_2017"),                       # last year of NĐ 91
    (2024, None, "ND98_2023"),                       # first year of Luật 06/2022 + NĐ 98
    (2024, dt.date(2023, 12, 31), "ND91_2017"),      # reviewed on the last day of the old rules
    (2025, None, "ND152_2025"),                      # a year ending under NĐ 152 belongs to NĐ 152
    (2025, dt.date(2025, 6, 30), "ND98_2023"),       # a review held before 2025-07-01 …
    (2025, dt.date(2025, 7, 1), "ND152_2025"),       # … and from that day
    (2026, None, "ND152_2025"),
])
def test_a_year_selects_its_rule_set_by_31_december_or_the_review_date(year, on, expected):
    assert rule_set_for(year, on=on).code == expected


@pytest.mark.parametrize(("year", "expected_article"), [
    (2023, "Điều 24 Luật Thi đua, khen thưởng năm 2003"),
    (2024, "Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15"),
])
def test_the_verdict_names_the_article_of_its_rule_set(person, year, expected_article):
    result = check(person("canbo.kt.03"), "LDTT", year)

    rating = next(v for v in result.verdicts if v.criterion == "rating_at_least")
    assert rating.article.startswith(expected_article)


def test_a_year_without_a_rule_set_is_a_clear_error(person):
    with pytest.raises(NoRuleSet) as error:
        check(person("canbo.kt.03"), "LDTT", 2016)

    assert "Không có bộ quy tắc xét khen thưởng nào áp dụng cho năm 2016" in str(error.value)


def test_an_unknown_title_is_a_clear_error(person):
    with pytest.raises(UnknownTitle) as error:
        check(person("canbo.kt.03"), "HUAN_CHUONG_XYZ", 2023)

    assert "Không có danh hiệu, hình thức khen thưởng mã “HUAN_CHUONG_XYZ”" in str(error.value)


def test_an_award_kept_as_history_only_cannot_be_checked_and_says_why(person):
    with pytest.raises(UnknownTitle) as error:
        check(person("canbo.kt.03"), "HCLD3", 2024)

    assert str(error.value) == ("“Huân chương Lao động hạng Ba” chưa có quy tắc xét trong "
                                "Luật 06/2022/QH15 và Nghị định 98/2023/NĐ-CP (2024 – 30/6/2025).")


def test_a_title_the_nominee_kind_cannot_receive_is_a_clear_error(person):
    unit = Unit.objects.get(agency__code="VP", code="KT")

    with pytest.raises(TitleNotForNominee) as person_title:
        check(unit, "LDTT", 2023)
    with pytest.raises(TitleNotForNominee) as unit_title:
        check(person("canbo.kt.03"), "TTLDTT", 2023)

    assert "“Lao động tiên tiến” chỉ xét tặng cho cá nhân, không xét cho Phòng Kinh tế." == str(person_title.value)
    assert "chỉ xét tặng cho tập thể" in str(unit_title.value)


def _record_good_year(person, year=2023):
    services.person_year_record_save(actor=None, person=person, year=year, rating="htt")
    services.service_record_save(actor=None, person=person, started_on=dt.date(2015, 1, 1))


def test_a_person_with_a_good_year_passes_ldtt_with_only_the_pledge_warning(person):
    worker = person("canbo.kt.03")
    _record_good_year(worker)

    result = check(worker, "LDTT", 2023)

    outcomes = {v.criterion: v.outcome for v in result.verdicts}
    assert outcomes.pop("pledge_registered") == Outcome.WARNING
    assert set(outcomes.values()) == {Outcome.PASS}
    assert result.outcome == Outcome.WARNING and result.eligible


def test_a_cstdcs_line_needs_the_ldtt_line_of_the_same_person_in_the_same_cycle(person):
    worker = person("canbo.kt.03")
    _record_good_year(worker)
    services.initiative_record(actor=None, title="Sáng kiến thử", authors=[worker], decision_number="1/QĐ-HĐSK",
                               decision_date=dt.date(2023, 11, 1), scope="co_so")

    alone = check(worker, "CSTDCS", 2023)
    with_ldtt = check(worker, "CSTDCS", 2023, same_cycle=[ProposedLine(worker, "LDTT")])

    assert {v.criterion: v.outcome for v in alone.verdicts}["same_cycle_title"] == Outcome.FAIL
    assert {v.criterion: v.outcome for v in with_ldtt.verdicts}["same_cycle_title"] == Outcome.PASS
    assert {v.criterion: v.outcome for v in with_ldtt.verdicts}["initiatives"] == Outcome.PASS


def test_check_accepts_an_award_object_and_reports_its_route(person):
    result = check(person("canbo.kt.03"), Award.objects.get(code="CSTD_TINH"), 2024)

    assert result.award.get_route_display() == "Trình qua Sở Nội vụ"
    assert result.rule_set.code == "ND98_2023"


def _cycle(size: int) -> list[ProposedLine]:
    """A unit of ``size`` people, each proposed for LĐTT and every third for CSTĐCS, plus the unit."""
    unit = UnitFactory()
    people = bulk_create_with_history(
        [User(username=f"bench{size}-{i}", full_name=f"Nguyễn Văn Số {i}", unit=unit) for i in range(size)], User)
    people = list(User.objects.filter(unit=unit))
    bulk_create_with_history([PersonYearRecord(person=p, year=2023, rating="htt") for p in people], PersonYearRecord)
    lines = [ProposedLine(p, "LDTT") for p in people]
    lines += [ProposedLine(p, "CSTDCS") for p in people[::3]]
    return [*lines, ProposedLine(unit, "TTLDTT"), ProposedLine(unit, "TTLDXS")]


@pytest.mark.parametrize("size", [10, 1000])
def test_checking_a_cycle_costs_a_bounded_number_of_queries(size, django_assert_max_num_queries):
    lines = _cycle(size)

    with django_assert_max_num_queries(15):
        results = check_many(lines, 2023)

    assert len(results) == len(lines)
    unit_result = results[-2]
    ratio = next(v for v in unit_result.verdicts if v.criterion == "member_title_ratio_above")
    assert ratio.outcome == Outcome.PASS
    assert f"{size}/{size} thành viên đạt LĐTT" in ratio.facts


def test_the_number_of_queries_does_not_grow_with_the_number_of_nominees():
    counts = []
    for size in (5, 300):
        lines = _cycle(size)
        with CaptureQueriesContext(connection) as queries:
            check_many(lines, 2023)
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_verdicts_are_written_in_the_active_language(person):
    from django.utils import translation

    worker = person("canbo.kt.03")
    _record_good_year(worker)

    with translation.override("en"):
        english = check(worker, "LDTT", 2023)
    vietnamese = check(worker, "LDTT", 2023)

    assert english.verdicts[0].facts == "2023: Completed duties well."
    assert vietnamese.verdicts[0].facts == "Năm 2023: Hoàn thành tốt nhiệm vụ."


def test_a_batch_can_report_bad_lines_and_check_the_others(person):
    worker = person("canbo.kt.03")
    unit = Unit.objects.get(agency__code="VP", code="KT")
    lines = [ProposedLine(worker, "LDTT"), ProposedLine(unit, "LDTT"), ProposedLine(worker, "KHONG_CO")]

    with pytest.raises(TitleNotForNominee):
        check_many(lines, 2023)
    results = check_many(lines, 2023, report_errors=True)

    assert [bool(r.error) for r in results] == [False, True, True]
    assert results[0].verdicts and not results[1].verdicts
    assert "chỉ xét tặng cho cá nhân" in results[1].error and results[1].outcome == Outcome.FAIL
    assert "“KHONG_CO”" in results[2].error
