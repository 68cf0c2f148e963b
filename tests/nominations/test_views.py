"""The check page over HTTP: people in scope read the verdicts; others get the 404 of a missing nominee."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts.models import Unit
from nominations import services
from nominations.models import Award, CouncilVoteRule

pytestmark = pytest.mark.django_db

URL = reverse("eligibility:index")


def _ask(client, nominee, title, year):
    return client.get(URL, {"nominee": nominee, "title": title, "year": year})


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_chief_reads_the_verdicts_of_a_cstd_tinh_check(login, person):
    worker = person("canbo.kt.02")
    cstdcs = Award.objects.get(code="CSTDCS")
    for year in (2021, 2022):
        services.past_award_record(actor=None, person=worker, award=cstdcs, year=year, decision_number=f"{year}/QĐ-VP",
                                   issuer="Chánh Văn phòng")

    response = _ask(login("chanhvp"), f"person:{worker.pk}", "CSTD_TINH", 2023)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Nghị định 91/2017/NĐ-CP (đến hết năm 2023)" in page
    assert "3 năm liên tục CSTĐCS: 2021, 2022 — thiếu 2023." in page
    assert "Điều 22 Luật Thi đua, khen thưởng năm 2003" in page
    assert 'id="overall" data-outcome="fail"' in page
    assert "Trình qua Sở Nội vụ" in page


def test_staff_may_check_themselves_only(login, person):
    me, colleague = person("canbo.kt.03"), person("canbo.kt.04")
    client = login("canbo.kt.03")
    services.person_year_record_save(actor=None, person=me, year=2024, rating="htxs")

    mine = _ask(client, f"person:{me.pk}", "LDTT", 2024)
    theirs = _ask(client, f"person:{colleague.pk}", "LDTT", 2024)

    assert mine.status_code == 200
    assert "Năm 2024: Hoàn thành xuất sắc nhiệm vụ." in mine.content.decode()
    assert f"person:{colleague.pk}" not in mine.content.decode()
    assert theirs.status_code == 404


@pytest.mark.parametrize("nominee", ["person:{other}", "person:999999", "unit:{other_unit}", "unit:999999", "x:1",
                                     "person:abc"])
def test_outside_scope_and_missing_nominees_get_the_same_404(login, person, nominee):
    other = person("canbo.th.02")
    other_unit = Unit.objects.get(agency__code="VP", code="TH")

    response = _ask(login("truongphong.kt"), nominee.format(other=other.pk, other_unit=other_unit.pk), "LDTT", 2023)

    assert response.status_code == 404


def test_a_unit_head_checks_their_unit_for_ttldtt(login, person):
    unit = Unit.objects.get(agency__code="VP", code="KT")
    services.unit_year_record_save(actor=None, unit=unit, year=2024, rating="htt")

    page = _ask(login("truongphong.kt"), f"unit:{unit.pk}", "TTLDTT", 2024).content.decode()

    assert "Điều 28 Luật Thi đua, khen thưởng số 06/2022/QH15" in page
    assert "thành viên đạt LĐTT năm 2024" in page


@pytest.mark.parametrize(("title", "year", "message"), [
    ("TTLDTT", 2023, "chỉ xét tặng cho tập thể"),
    ("LDTT", 2010, "Không có bộ quy tắc xét khen thưởng nào áp dụng cho năm 2010"),
])
def test_questions_the_engine_cannot_answer_show_a_vietnamese_error(login, person, title, year, message):
    response = _ask(login("chanhvp"), f"person:{person('canbo.kt.02').pk}", title, year)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'id="check-error"' in response.content.decode()


def test_a_title_missing_from_the_catalogue_is_a_form_error(login, person):
    response = _ask(login("chanhvp"), f"person:{person('canbo.kt.02').pk}", "KHONG_CO", 2023)

    assert response.status_code == 200
    assert "check-result" not in response.content.decode()


def test_a_deactivated_title_is_no_longer_offered(login):
    flag = Award.objects.get(code="CO_TINH")
    flag.is_active = False
    flag.save()

    page = login("chanhvp").get(URL).content.decode()

    assert "Cờ thi đua của UBND tỉnh" not in page
    assert "Cờ thi đua của Chính phủ" not in page  # history only: no rule set checks it
    assert "Chiến sĩ thi đua cơ sở" in page


def test_the_check_page_costs_a_bounded_number_of_queries(login, person, django_assert_max_num_queries):
    client = login("chanhvp")
    worker = person("canbo.kt.02")
    services.service_record_save(actor=None, person=worker, started_on=dt.date(2010, 1, 1))

    with django_assert_max_num_queries(40):
        response = _ask(client, f"person:{worker.pk}", "LDTT", 2023)

    assert response.status_code == 200


def test_the_page_states_the_vote_rule_of_the_title(login, person):
    page = _ask(login("chanhvp"), f"person:{person('canbo.kt.02').pk}", "CSTD_TINH", 2023).content.decode()

    assert "Bỏ phiếu kín; đạt từ 90 % tổng số thành viên hội đồng trở lên; có mặt từ 66,67 % thành viên" in page
    assert ("Biểu quyết tại Hội đồng Thi đua – Khen thưởng của cơ quan: Bỏ phiếu kín; đạt khi được từ 90% trở lên "
            "tổng số thành viên Hội đồng đồng ý") in page


def test_the_page_states_the_agency_councils_own_rule_and_no_provincial_rule_for_an_in_house_title(login, person):
    """LĐTT is decided in-house: the page states the Office council's rule (its own row when it has
    one), with its source, and not the rule set's vote rule, which is the provincial council's."""
    CouncilVoteRule.objects.create(agency=person("canbo.kt.02").agency, award=Award.objects.get(code="LDTT"),
                                   method="show_of_hands", base="present", comparison="gt",
                                   threshold_pct=50, quorum_pct="66.67", source="Quy chế số 12/QĐ-VP, Điều 9")

    page = _ask(login("chanhvp"), f"person:{person('canbo.kt.02').pk}", "LDTT", 2023).content.decode()

    assert ("Biểu quyết giơ tay; đạt khi được trên 50% số thành viên Hội đồng có mặt đồng ý") in page
    assert "Quy chế số 12/QĐ-VP, Điều 9" in page
    assert 'id="vote-rule"' not in page


@pytest.mark.parametrize(("on", "rule_set"), [("2025-06-30", "Nghị định 98/2023/NĐ-CP"),
                                              ("2025-07-01", "Nghị định 152/2025/NĐ-CP"),
                                              ("", "Nghị định 152/2025/NĐ-CP")])
def test_a_review_date_selects_the_rule_set_of_that_day(login, person, on, rule_set):
    client = login("chanhvp")

    response = client.get(URL, {"nominee": f"person:{person('canbo.kt.02').pk}", "title": "LDTT", "year": 2025,
                                "on": on})

    assert rule_set in response.content.decode()


def test_the_page_reads_in_english_too(login, person):
    client = login("chanhvp")
    client.post(reverse("set_language"), {"language": "en", "next": URL})

    page = _ask(client, f"person:{person('canbo.kt.02').pk}", "CSTD_TINH", 2023).content.decode()

    assert "Rule set applied" in page
    assert ("Provincial council vote: Secret ballot; at least 90 % of all council members; quorum 66.67 % of "
            "members") in page
    assert "Agency council vote: Secret ballot; passes with at least 90% of all council members in favour" in page
    assert "3 consecutive years CSTĐCS: no year yet — missing 2021, 2022, 2023." in page
