"""Issue 21 (hiệp y) in chromium: the secretariat finds the consultations of a cycle from the list of cycles, records
the request for opinions it sent about a line and then the body's written answer. Screenshots of the page."""

from __future__ import annotations

import pytest

from .conftest import ARTIFACTS, assert_accessible

pytestmark = pytest.mark.browser


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"consultations-{name}.png"), full_page=True)


def test_the_secretariat_records_a_request_for_opinions_and_its_answer(people, server_turn):
    from django.utils import timezone

    from accounts.models import User
    from nominations.eligibility.rulesets import rule_set_for
    from nominations.models import Consultation, RequiredConsultation, TitleRule
    from tests.nominations.helpers import accepted_dossier, open_cycle

    with server_turn:
        year = timezone.localdate().year
        rule = TitleRule.objects.get(rule_set=rule_set_for(year), award__code="LDTT")
        RequiredConsultation.objects.create(title_rule=rule, body="Đảng ủy cơ quan (dữ liệu thử)",
                                            subject="Phẩm chất chính trị", article="Điều 1 Quy chế thử")
        cycle = open_cycle(year)
        nominee = User.objects.get(username="canbo.kt.03")
        accepted_dossier(cycle, "KT", [(nominee, "LDTT")])
        nominee_name = nominee.full_name

    secretariat = people("hcqt")
    secretariat.goto(f"{secretariat.base_url}/nominations/cycles/")
    secretariat.locator(f'a[href="/nominations/cycles/{cycle.pk}/hiep-y/"]').click()
    secretariat.get_by_text(nominee_name).first.wait_for()
    secretariat.get_by_label("Số văn bản xin ý kiến").fill("15/CV-VP")
    secretariat.get_by_label("Ngày gửi").fill("01/12/2026")
    secretariat.get_by_label("Hạn trả lời").fill("15/12/2026")
    shot(secretariat, "01-request")
    assert_accessible(secretariat, "consultations-01-request")
    secretariat.get_by_role("button", name="Ghi văn bản xin ý kiến").click()
    secretariat.locator("#messages", has_text="Đã ghi văn bản xin ý kiến").wait_for()

    secretariat.get_by_label("Số văn bản trả lời").fill("88-CV/ĐU")
    secretariat.get_by_label("Ngày văn bản trả lời").fill("02/12/2026")
    secretariat.locator('select[name="verdict"]').select_option("remarks")
    secretariat.get_by_label("Nội dung trả lời").fill("Đồng ý; đề nghị bổ sung minh chứng.")
    secretariat.get_by_role("button", name="Ghi văn bản trả lời").click()
    secretariat.locator("#messages", has_text="Đã ghi văn bản trả lời").wait_for()
    secretariat.get_by_text("Đồng ý; đề nghị bổ sung minh chứng.").wait_for()
    shot(secretariat, "02-answered")
    assert_accessible(secretariat, "consultations-02-answered")
    with server_turn:
        assert Consultation.objects.get().verdict == "remarks"
