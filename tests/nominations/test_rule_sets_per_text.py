"""Each rule set is true to its own text (docs/legal-basis.md): the same facts get another verdict on
either side of the day a decree takes over, each set has its own reward coefficients and printed
căn cứ, every criterion cites its article, and a year no decree governs has no rule set."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import Agency
from nominations import services
from nominations.eligibility import NoRuleSet, Outcome, check, rule_set_for
from nominations.models import Award, RuleSet, TitleCriterion, TitleRule
from nominations.selectors.legal import grounds_on

pytestmark = pytest.mark.django_db

DOUBT = " — chưa xác minh được văn bản"


def _outcomes(result) -> dict:
    return {(v.criterion, v.rule): v.outcome for v in result.verdicts}


@pytest.fixture
def good_five_years(person):
    """A person rated "hoàn thành tốt nhiệm vụ" (never "xuất sắc") 2021–2025, with a Bằng khen of the
    province in 2020 and five recognised base-level sáng kiến in 2021–2025."""
    worker, keeper = person("canbo.kt.03"), person("hcqt")
    for year in range(2019, 2026):
        services.person_year_record_save(actor=keeper, person=worker, year=year, rating="htt")
    services.past_award_record(actor=keeper, person=worker, award=Award.objects.get(code="BK_TINH"), year=2020,
                               decision_number="120/QĐ-UBND", issuer="Chủ tịch UBND tỉnh")
    for year in range(2021, 2026):
        services.initiative_record(actor=keeper, title=f"Sáng kiến năm {year}", authors=[worker], scope="co_so",
                                   decision_number=f"{year}/QĐ-HĐSK", decision_date=dt.date(year, 11, 1))
    return worker


def test_bang_khen_thu_tuong_five_good_years_fail_under_nd98_and_pass_under_nd152(good_five_years):
    # Given five years "hoàn thành tốt", an earlier Bằng khen tỉnh and five sáng kiến,
    # when the line is reviewed on the last day of NĐ 98/2023 and on the first day of NĐ 152/2025,
    before = check(good_five_years, "BK_TTG", 2025, on=dt.date(2025, 6, 30))
    after = check(good_five_years, "BK_TTG", 2025, on=dt.date(2025, 7, 1))

    # then NĐ 98's set asks five years "hoàn thành xuất sắc" and refuses, NĐ 152 Art 33(7) asks a
    # person five years "hoàn thành tốt nhiệm vụ trở lên" and passes.
    assert (before.rule_set.code, after.rule_set.code) == ("ND98_2023", "ND152_2025")
    streak_before = next(v for v in before.verdicts if v.criterion == "rating_streak")
    streak_after = next(v for v in after.verdicts if v.criterion == "rating_streak")
    assert streak_before.outcome == Outcome.FAIL and not before.eligible
    assert streak_after.outcome == Outcome.PASS and after.eligible
    assert streak_after.article == "Khoản 7 Điều 33 Nghị định số 152/2025/NĐ-CP"
    assert "xuất sắc" in streak_before.rule and "hoàn thành tốt" in streak_after.rule


def test_a_collective_still_needs_five_excellent_years_under_nd152():
    rule = TitleRule.objects.get(rule_set__code="ND152_2025", award__code="BK_TTG")

    streaks = {(row.nominee_kind, row.option) for row in rule.criteria.filter(criterion="rating_streak")}

    assert streaks == {("person", "htt"), ("collective", "htxs")}


def test_ldtt_with_45_days_absent_passes_under_nd91_and_fails_under_nd98(person):
    # Given a person rated "hoàn thành tốt" in 2024 but absent 45 working days (no maternity leave),
    worker, keeper = person("canbo.kt.03"), person("hcqt")
    services.person_year_record_save(actor=keeper, person=worker, year=2024, rating="htt", absent_days=45)
    services.service_record_save(actor=keeper, person=worker, started_on=dt.date(2015, 1, 1))

    # when the LĐTT line is reviewed under NĐ 91/2017 (which dropped the 40-day rule) and under NĐ 98,
    old = check(worker, "LDTT", 2024, on=dt.date(2023, 12, 31))
    new = check(worker, "LDTT", 2024, on=dt.date(2024, 1, 1))

    # then only the NĐ 98 set has the 40-day row, and it refuses.
    assert "absent_days" not in {v.criterion for v in old.verdicts} and old.eligible
    absent = next(v for v in new.verdicts if v.criterion == "absent_days")
    assert absent.outcome == Outcome.FAIL and not new.eligible
    assert absent.article.endswith(DOUBT)


@pytest.mark.parametrize(("rule_set", "code", "person", "collective", "basis"), [
    ("ND91_2017", "BK_TINH", "1.0", "2.0", "Điều 73 Nghị định số 91/2017/NĐ-CP"),
    ("ND91_2017", "BK_TTG", "3.5", "7.0", "Điều 73 Nghị định số 91/2017/NĐ-CP"),
    ("ND98_2023", "BK_TTG", None, None, DOUBT),
    ("ND98_2023", "BK_TINH", None, None, DOUBT),
    ("ND152_2025", "BK_TINH", "1.5", "3.0", "Điểm b khoản 1, điểm a khoản 2 Điều 54 Nghị định số 152/2025/NĐ-CP"),
    ("ND91_2017", "GIAY_KHEN", None, None, DOUBT),
    ("ND98_2023", "GIAY_KHEN", None, None, DOUBT),
    ("ND152_2025", "GIAY_KHEN", "0.3", "0.6", "Điểm e khoản 1, điểm c khoản 2 Điều 54 Nghị định số 152/2025/NĐ-CP"),
    ("ND91_2017", "CSTD_TQ", "4.5", None, "Nghị định số 91/2017/NĐ-CP"),
    ("ND98_2023", "CSTD_TQ", "4.5", None, "Khoản 1 Điều 54 Nghị định số 98/2023/NĐ-CP"),
    ("ND152_2025", "CSTD_TQ", "4.5", None, "Điểm a khoản 1 Điều 50 Nghị định số 152/2025/NĐ-CP"),
    ("ND98_2023", "CO_TINH", None, "8.0", "Khoản 2 Điều 54 Nghị định số 98/2023/NĐ-CP"),
    ("ND152_2025", "BK_TTG", "3.5", "7.0", "Điểm a khoản 1, điểm a khoản 2 Điều 54 Nghị định số 152/2025/NĐ-CP"),
])
def test_each_rule_set_has_its_own_reward_coefficients_with_their_article(rule_set, code, person, collective,
                                                                          basis):
    rule = TitleRule.objects.get(rule_set__code=rule_set, award__code=code)

    assert rule.reward_coefficient == (Decimal(person) if person else None)
    assert rule.collective_reward_coefficient == (Decimal(collective) if collective else None)
    assert basis in rule.reward_basis


def test_the_coefficient_is_no_longer_the_awards():
    assert not any(field.name == "reward_coefficient" for field in Award._meta.get_fields())


def test_every_criterion_cites_its_text_and_says_when_it_is_doubtful():
    rows = list(TitleCriterion.objects.select_related("title_rule__rule_set"))

    assert rows and all(row.article.strip() for row in rows)
    for row in rows:
        if "chưa xác minh" in row.article:
            assert row.article.endswith(DOUBT), row.article
        assert "Luật" in row.article or "Nghị định" in row.article or "Quy chế" in row.article, row.article
    confirmed = {(r.title_rule.rule_set.code, r.title_rule.award.code, r.criterion) for r in rows
                 if not r.article.endswith(DOUBT)}
    assert ("ND91_2017", "CSTDCS", "initiatives") in confirmed        # NĐ 91 Art 9(3)(b)
    assert ("ND91_2017", "CSTD_TINH", "title_streak") in confirmed     # Luật 2003 Art 22
    assert ("ND152_2025", "CSTD_TQ", "initiatives") in confirmed       # NĐ 152 Art 36(2)(d)
    assert ("ND98_2023", "CSTDCS", "agency_cap") not in confirmed      # the 15 % is no decree's
    for rule in TitleRule.objects.all():
        assert rule.legal_basis and ("chưa xác minh" not in rule.legal_basis or rule.legal_basis.endswith(DOUBT))


def test_no_text_puts_the_90_percent_rule_on_bang_khen_thu_tuong_or_co_thi_dua_tinh():
    rules = TitleRule.objects.filter(award__code__in=["BK_TTG", "CO_TINH"])

    assert rules.count() == 6
    assert {rule.vote_threshold_pct for rule in rules} == {Decimal("70")}
    assert {r.vote_threshold_pct for r in TitleRule.objects.filter(award__code__in=["CSTD_TINH", "CSTD_TQ"])} == {
        Decimal("90")}


def test_nd152_ends_on_28_february_2027_and_2027_has_no_rule_set():
    assert rule_set_for(2026).code == "ND152_2025"
    assert rule_set_for(2027, on=dt.date(2027, 2, 28)).code == "ND152_2025"

    with pytest.raises(NoRuleSet) as error:
        rule_set_for(2027)

    assert str(error.value) == (
        "Không có bộ quy tắc xét khen thưởng nào áp dụng cho năm 2027 (ngày xét 31/12/2027). "
        "Quản trị hệ thống cần khai báo bộ quy tắc có hiệu lực vào ngày này.")


@pytest.mark.parametrize(("signed", "expected"), [
    (dt.date(2023, 12, 31), ["Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003;",
            "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005;",
            "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 16 tháng 11 năm 2013;",
            "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành "
            "một số điều của Luật Thi đua, khen thưởng;",
            "Căn cứ Thông tư số 12/2019/TT-BNV ngày 04 tháng 11 năm 2019 của Bộ trưởng Bộ Nội vụ quy định chi tiết "
            "thi hành một số điều của Nghị định số 91/2017/NĐ-CP;"]),
    (dt.date(2024, 1, 1), ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành "
            "một số điều của Luật Thi đua, khen thưởng;"]),
    (dt.date(2025, 7, 1), ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, "
            "phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều "
            "của Luật Thi đua, khen thưởng;"]),
])
def test_each_signing_day_prints_the_texts_in_force_that_day(signed, expected):
    assert grounds_on(signed, Agency.objects.get(code="VP")) == expected


def test_the_rewrite_is_in_the_history_of_each_row():
    rule_set = RuleSet.objects.get(code="ND152_2025")

    latest = rule_set.history.first()

    assert latest.history_change_reason.startswith("Bộ quy tắc theo đúng từng văn bản")
    assert latest.prev_record is not None and latest.prev_record.effective_to is None


@pytest.mark.parametrize(("nominee", "year", "reward"), [
    ("person", 2025, "1,5 lần mức lương cơ sở (Điểm b khoản 1, điểm a khoản 2 Điều 54 Nghị định số 152/2025/NĐ-CP)"),
    ("unit", 2025, "3 lần mức lương cơ sở (Điểm b khoản 1, điểm a khoản 2 Điều 54 Nghị định số 152/2025/NĐ-CP)"),
    ("person", 2024, "chưa xác định (Không tìm được văn bản quy định mức thưởng trong bộ quy tắc này" + DOUBT + ")"),
    ("person", 2023, "1 lần mức lương cơ sở (Khoản 1, khoản 2 Điều 73 Nghị định số 91/2017/NĐ-CP"),
])
def test_the_check_page_states_the_reward_of_the_rule_set_for_a_person_or_a_unit(login, person, nominee, year,
                                                                                  reward):
    # Given the chief, when they check a person or a unit of the Office for the provincial Bằng khen,
    worker = person("canbo.kt.02")
    key = f"person:{worker.pk}" if nominee == "person" else f"unit:{worker.unit_id}"

    page = login("chanhvp").get(reverse("eligibility:index"),
                                {"nominee": key, "title": "BK_TINH", "year": year}).content.decode()

    # then the page gives the year's rule set's coefficient for that kind of nominee, with its article.
    assert f'<p id="reward">Mức tiền thưởng: {reward}' in page
