"""Issue 21 (công khai) in chromium: while the cycle's list is posted, a staff member of the Office finds the notice
on the home page, reads the posted list and leaves an opinion; the secretariat reads it, named. Screenshots of
both pages."""

from __future__ import annotations

import datetime as dt

import pytest

from .conftest import ARTIFACTS, assert_accessible

pytestmark = pytest.mark.browser


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"postings-{name}.png"), full_page=True)


def test_a_staff_member_reads_the_posted_list_and_the_secretariat_reads_the_opinion(people, server_turn):
    from django.utils import timezone

    from accounts.models import User
    from nominations import services
    from tests.nominations.helpers import accepted_dossier, open_cycle

    with server_turn:
        today = timezone.localdate()
        cycle = open_cycle(today.year)
        nominee = User.objects.get(username="canbo.kt.03")
        accepted_dossier(cycle, "KT", [(nominee, "LDTT")])
        services.cycle_update(actor=User.objects.get(username="hcqt"), cycle=cycle, name=cycle.name,
                              nominations_due=cycle.nominations_due, posting_from=today - dt.timedelta(days=1),
                              posting_to=today + dt.timedelta(days=3), council_date=cycle.council_date)
        nominee_name = nominee.full_name

    staff = people("canbo.kt.02")
    staff.goto(f"{staff.base_url}/")
    staff.get_by_role("link", name="công khai", exact=False).first.click()
    staff.get_by_text(nominee_name).first.wait_for()
    staff.get_by_label("Ý kiến", exact=False).first.fill("Đề nghị bổ sung minh chứng sáng kiến.")
    shot(staff, "01-staff")
    assert_accessible(staff, "postings-01-staff")
    staff.get_by_role("button", name="Gửi", exact=False).first.click()
    staff.locator("#messages", has_text="Đã gửi ý kiến").wait_for()

    secretariat = people("hcqt")
    secretariat.goto(f"{secretariat.base_url}/nominations/cycles/{cycle.pk}/cong-khai/")
    secretariat.get_by_text("Đề nghị bổ sung minh chứng sáng kiến.").first.wait_for()
    assert User.objects.get(username="canbo.kt.02").full_name in secretariat.content()
    shot(secretariat, "02-secretariat")
