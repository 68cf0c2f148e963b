"""Administrators manage the catalogue and the rule parameters in the admin, with history; a
changed parameter changes the verdict."""

from decimal import Decimal

import pytest
from django.urls import reverse
from simple_history.utils import bulk_create_with_history

from accounts.models import User
from nominations import services
from nominations.eligibility import Outcome, check
from nominations.models import Award, CouncilVoteRule, TitleCriterion
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

MODELS = ["award", "commendationkind", "ruleset", "titlerule", "titlecriterion", "pastaward", "initiative",
          "discipline", "personyearrecord", "unityearrecord", "servicerecord", "councilvoterule", "legaltext",
          "basesalary"]


@pytest.mark.parametrize("model", MODELS)
def test_admin_lists_the_catalogue_rules_and_registries(login, model):
    response = login("admin").get(reverse(f"admin:nominations_{model}_changelist"))

    assert response.status_code == 200


def test_the_catalogue_keeps_titles_and_forms_apart_with_authority_and_route(login):
    page = login("admin").get(reverse("admin:nominations_award_changelist")).content.decode()

    assert "Chiến sĩ thi đua cơ sở" in page and "Bằng khen của Thủ tướng Chính phủ" in page
    ldtt, bk = Award.objects.get(code="LDTT"), Award.objects.get(code="BK_TINH")
    assert (ldtt.kind, ldtt.route) == ("title", "in_house")
    assert (bk.kind, bk.route, bk.nominee_kind) == ("form", "home_affairs", "both")


def _half_ldtt_unit():
    unit = UnitFactory()
    bulk_create_with_history([User(username=f"tv{i}", full_name=f"Lê Văn {i}", unit=unit) for i in range(10)], User)
    ldtt = Award.objects.get(code="LDTT")
    for member in list(User.objects.filter(unit=unit).order_by("pk"))[:5]:
        services.past_award_record(actor=None, person=member, award=ldtt, year=2023, decision_number="1/QĐ",
                                   issuer="Giám đốc Sở")
    return unit


def _ratio(unit):
    verdicts = check(unit, "TTLDTT", 2023).verdicts
    return next(v for v in verdicts if v.criterion == "member_title_ratio_above")


def test_editing_a_parameter_in_the_admin_changes_the_verdict_and_is_in_history(login, person):
    unit = _half_ldtt_unit()
    row = TitleCriterion.objects.get(title_rule__rule_set__code="ND91_2017", title_rule__award__code="TTLDTT",
                                     criterion="member_title_ratio_above")
    assert _ratio(unit).outcome == Outcome.FAIL  # exactly 50 % is not "trên 50 %"

    response = login("admin").post(reverse("admin:nominations_titlecriterion_change", args=[row.pk]), {
        "title_rule": row.title_rule_id, "criterion": row.criterion, "nominee_kind": row.nominee_kind,
        "value": "40", "years": "", "option": row.option, "article": row.article, "position": row.position,
    })

    assert response.status_code == 302
    verdict = _ratio(unit)
    assert verdict.outcome == Outcome.PASS
    assert "Trên 40 % thành viên" in verdict.rule
    latest = row.history.latest()
    assert (latest.value, latest.history_user) == (Decimal("40.00"), person("admin"))
    assert latest.prev_record.value == Decimal("50.00")
    assert check(unit, "TTLDTT", 2024).verdicts[1].outcome == Outcome.FAIL  # the other rule sets are untouched


def test_a_parameter_that_does_not_fit_its_criterion_is_refused_in_vietnamese(login):
    row = TitleCriterion.objects.get(title_rule__rule_set__code="ND91_2017", title_rule__award__code="TTLDTT",
                                     criterion="member_title_ratio_above")

    response = login("admin").post(reverse("admin:nominations_titlecriterion_change", args=[row.pk]), {
        "title_rule": row.title_rule_id, "criterion": row.criterion, "nominee_kind": row.nominee_kind,
        "value": "150", "years": "", "option": "KHONG_CO", "article": row.article, "position": row.position,
    })

    assert response.status_code == 200
    page = response.content.decode()
    assert "Tỷ lệ phải trong khoảng 0–100 %." in page
    assert "Không có danh hiệu, hình thức mã “KHONG_CO”." in page
    row.refresh_from_db()
    assert row.value == Decimal("50.00")


def test_overlapping_rule_sets_are_refused(login):
    response = login("admin").post(reverse("admin:nominations_ruleset_add"), {
        "code": "THU", "name": "Bộ thử", "legal_basis": "Thử", "effective_from": "2024-06-01",
        "effective_to": "", "title_rules-TOTAL_FORMS": "0", "title_rules-INITIAL_FORMS": "0",
    })

    assert response.status_code == 200
    assert "trùng với bộ quy tắc" in response.content.decode()


@pytest.mark.parametrize("username", ["chanhvp", "hcqt", "kiemtra"])
def test_only_administrators_edit_the_rules(client, person, username):
    client.force_login(person(username))

    response = client.get(reverse("admin:nominations_titlecriterion_changelist"))

    assert response.status_code == 302


def test_a_title_rule_opens_with_its_criteria_inline(login):
    from nominations.models import TitleRule

    rule = TitleRule.objects.get(rule_set__code="ND152_2025", award__code="CSTDCS")

    page = login("admin").get(reverse("admin:nominations_titlerule_change", args=[rule.pk])).content.decode()

    assert 'value="agency_cap" selected' in page
    assert 'value="15,00"' in page or 'value="15.00"' in page


def test_an_agency_enters_its_council_rule_in_the_admin_refused_in_vietnamese_then_kept_in_history(login, person):
    """The agency's Quy chế says "trên 50%" of the members present for LĐTT: the admin adds the row;
    "trên 100%" or a missing source is refused with the reason in Vietnamese."""
    vp = person("hcqt").agency
    form = {"agency": vp.pk, "award": Award.objects.get(code="LDTT").pk, "method": "show_of_hands",
            "base": "present", "comparison": "gt", "threshold_pct": "100", "quorum_pct": "66.67",
            "recusal": "excluded", "source": " "}
    client = login("admin")

    refused = client.post(reverse("admin:nominations_councilvoterule_add"), form)

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "“Trên 100%” không thể đạt" in page
    assert not CouncilVoteRule.objects.filter(agency=vp).exists()

    response = client.post(reverse("admin:nominations_councilvoterule_add"),
                           {**form, "threshold_pct": "50", "source": "Quy chế số 12/QĐ-VP, Điều 9"})

    assert response.status_code == 302
    rule = CouncilVoteRule.objects.get(agency=vp)
    assert (rule.comparison, rule.threshold_pct, rule.threshold_text) == (
        "gt", Decimal("50.00"), "trên 50% số thành viên Hội đồng có mặt")
    assert rule.history.get().history_user == person("admin")
