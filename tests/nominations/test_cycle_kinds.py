"""Issue 21: a cycle names its loại hình khen thưởng (thường xuyên, đột xuất, chuyên đề, cống hiến, niên hạn).

Given the demo Office, when the secretariat opens a cycle and picks a kind, then the cycle keeps it, the list of
cycles shows it and the audit event names it; a cycle opened without naming one is the annual review; a kind that
does not exist is refused next to its field and nothing is written; the kind cannot be changed after opening.
"""

from __future__ import annotations

import pytest

from accounts.models import User
from nominations.models import CommendationKind, Cycle
from workflow.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _open(client, **extra):
    hcqt = User.objects.get(username="hcqt")
    return client.post("/nominations/cycles/", {
        "agency": hcqt.unit.agency_id, "year": 2027, "name": "Khen thưởng đột xuất 2027",
        "nominations_due": "05/12/2027", **extra})


def test_the_secretariat_opens_a_cycle_of_a_named_kind(login):
    client = login("hcqt")
    kind = CommendationKind.objects.get(code="DOT_XUAT")

    response = _open(client, kind=kind.pk)

    assert response.status_code == 302
    cycle = Cycle.objects.get(year=2027)
    assert cycle.kind == kind
    event = AuditEvent.objects.filter(object_id=str(cycle.pk), action__endswith="cycle_opened").get()
    assert event.changes["kind"] == "DOT_XUAT"
    listing = client.get("/nominations/cycles/").content.decode()
    assert "Khen thưởng đột xuất" in listing.split('id="cycles"')[1].split("</table>")[0]


def test_a_cycle_opened_without_a_kind_is_the_annual_review(login):
    assert _open(login("hcqt")).status_code == 302

    assert Cycle.objects.get(year=2027).kind.code == "THUONG_XUYEN"


def test_an_unknown_kind_is_refused_and_nothing_is_written(login):
    response = _open(login("hcqt"), kind=999999)

    assert response.status_code == 400
    assert 'id="id_kind_error"' in response.content.decode()
    assert not Cycle.objects.filter(year=2027).exists()


def test_the_edit_form_does_not_offer_the_kind(login):
    client = login("hcqt")
    _open(client, kind=CommendationKind.objects.get(code="DOT_XUAT").pk)
    cycle = Cycle.objects.get(year=2027)

    page = client.get(f"/nominations/cycles/{cycle.pk}/").content.decode()
    client.post(f"/nominations/cycles/{cycle.pk}/", {"name": cycle.name, "nominations_due": "06/12/2027",
                                                     "kind": CommendationKind.objects.get(code="NIEN_HAN").pk})

    assert 'name="kind"' not in page
    cycle.refresh_from_db()
    assert cycle.kind.code == "DOT_XUAT" and cycle.nominations_due.day == 6
