"""Issue 18 (1): cycles take dates the Vietnamese way and the secretariat edits and closes them.

Given the demo Office, when the secretariat types dates on the cycle pages, then "05/12/2027" is
5 December 2027, a US date is refused next to its field with a Vietnamese reason and nothing is
written; a cycle's dates are corrected, it is closed and opened again, each change in its history
and in the audit log; nobody else reaches the edit page.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from accounts.models import User
from nominations.models import Cycle
from workflow.audit.models import AuditEvent

from .helpers import open_cycle

pytestmark = pytest.mark.django_db


def _open(login, **dates):
    hcqt = User.objects.get(username="hcqt")
    return login("hcqt").post("/nominations/cycles/", {
        "agency": hcqt.unit.agency_id, "year": 2027, "name": "Tổng kết năm 2027", **dates})


def _field_errors(html: str, field: str) -> str:
    """The error list Django renders right before the field's own paragraph."""
    match = re.search(rf'<ul class="errorlist"[^>]*id="id_{field}_error"[^>]*>(.*?)</ul>', html, re.S)
    return match.group(1) if match else ""


def test_a_date_typed_day_first_is_stored_as_that_day(login):
    response = _open(login, nominations_due="05/12/2027", council_date="20/12/2027")

    assert response.status_code == 302
    cycle = Cycle.objects.get(year=2027)
    assert cycle.nominations_due == dt.date(2027, 12, 5)
    assert cycle.council_date == dt.date(2027, 12, 20)


def test_a_us_date_is_refused_next_to_its_field_and_nothing_is_written(login):
    response = _open(login, nominations_due="05/12/2027", council_date="12/20/2027")

    html = response.content.decode()
    assert response.status_code == 400
    assert "Không có tháng 20" in _field_errors(html, "council_date")
    assert "20/12/2027" in _field_errors(html, "council_date")
    assert _field_errors(html, "nominations_due") == ""
    assert not Cycle.objects.filter(year=2027).exists()


def test_an_impossible_day_is_named(login):
    response = _open(login, nominations_due="31/02/2027")

    assert response.status_code == 400
    assert "Tháng 2 năm 2027 không có ngày 31" in _field_errors(response.content.decode(), "nominations_due")


def test_the_services_refusal_sits_next_to_the_field_it_names(login):
    response = _open(login, nominations_due="20/12/2027", council_date="01/12/2027")

    assert response.status_code == 400
    assert "Ngày họp Hội đồng phải sau hạn nộp hồ sơ" in _field_errors(response.content.decode(), "council_date")


def test_the_form_shows_the_dates_day_first_with_the_calendar(login):
    cycle = open_cycle(2025)

    page = login("hcqt").get(f"/nominations/cycles/{cycle.pk}/").content.decode()

    field = re.search(r'<input[^>]*name="nominations_due"[^>]*>', page).group(0)
    assert 'value="10/12/2025"' in field and "data-datepicker" in field and 'type="text"' in field
    assert "js/datepicker.js" in page


def test_the_secretariat_corrects_a_cycles_dates_with_history_and_audit(login):
    cycle = open_cycle(2025)

    response = login("hcqt").post(f"/nominations/cycles/{cycle.pk}/", {
        "name": cycle.name, "nominations_due": "15/12/2025", "council_date": "22/12/2025"})

    assert response.status_code == 302
    cycle.refresh_from_db()
    assert (cycle.nominations_due, cycle.council_date) == (dt.date(2025, 12, 15), dt.date(2025, 12, 22))
    last = cycle.history.first()
    assert last.history_user.username == "hcqt" and last.nominations_due == dt.date(2025, 12, 15)
    event = AuditEvent.objects.filter(action="nominations.cycle_updated").get()
    assert event.changes == {"nominations_due": ["2025-12-10", "2025-12-15"],
                             "council_date": ["2025-12-20", "2025-12-22"]}
    assert event.actor.username == "hcqt"


def test_a_refused_edit_writes_nothing(login):
    cycle = open_cycle(2025)

    response = login("hcqt").post(f"/nominations/cycles/{cycle.pk}/", {
        "name": cycle.name, "nominations_due": "12/20/2025"})

    assert response.status_code == 400
    assert "Không có tháng 20" in _field_errors(response.content.decode(), "nominations_due")
    cycle.refresh_from_db()
    assert cycle.nominations_due == dt.date(2025, 12, 10)
    assert not AuditEvent.objects.filter(action="nominations.cycle_updated").exists()


def test_the_secretariat_closes_and_reopens_a_cycle(login):
    cycle = open_cycle(2025)
    client = login("hcqt")

    client.post(f"/nominations/cycles/{cycle.pk}/", {"action": "close", "reason": "Hết hạn nộp"})
    cycle.refresh_from_db()
    assert not cycle.is_open
    closed = AuditEvent.objects.get(action="nominations.cycle_closed")
    assert closed.reason == "Hết hạn nộp"
    # A unit head no longer sees the button that opens a dossier.
    page = login("truongphong.kt").get("/nominations/cycles/").content.decode()
    assert "Lập hồ sơ của Phòng Kinh tế" not in page and "Đã đóng" in page

    again = login("hcqt").post(f"/nominations/cycles/{cycle.pk}/", {"action": "close"}, follow=True)
    assert "Đợt xét này đã đóng." in again.content.decode()

    login("hcqt").post(f"/nominations/cycles/{cycle.pk}/", {"action": "reopen"})
    cycle.refresh_from_db()
    assert cycle.is_open and AuditEvent.objects.filter(action="nominations.cycle_reopened").count() == 1
    assert [h.is_open for h in cycle.history.order_by("history_id")] == [True, False, True]


@pytest.mark.parametrize("username", ["truongphong.kt", "chanhvp", "canbo.kt.02", "sonoivu"])
def test_only_the_secretariat_reaches_the_edit_page(login, username):
    cycle = open_cycle(2025)

    client = login(username)
    assert client.get(f"/nominations/cycles/{cycle.pk}/").status_code == 404
    assert client.post(f"/nominations/cycles/{cycle.pk}/", {"action": "close"}).status_code in (403, 404)
    cycle.refresh_from_db()
    assert cycle.is_open
    assert f"/nominations/cycles/{cycle.pk}/" not in client.get("/nominations/cycles/").content.decode()


def test_the_list_links_the_secretariat_to_the_edit_page(login):
    cycle = open_cycle(2025)

    page = login("hcqt").get("/nominations/cycles/").content.decode()

    assert f'href="/nominations/cycles/{cycle.pk}/"' in page
    assert "10/12/2025" in page
