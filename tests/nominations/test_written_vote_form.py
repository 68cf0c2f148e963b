"""Issue 18 (6): the written-vote form chooses nothing for the secretariat; a choice left out is refused."""

from __future__ import annotations

import re

import pytest

from accounts.models import User
from nominations.models import Ballot, Session

from .helpers import accepted_dossier, open_cycle

pytestmark = pytest.mark.django_db


def test_the_written_vote_has_no_default_and_a_missing_choice_writes_nothing(login):
    cycle = open_cycle()
    staff = list(User.objects.filter(unit__code="KT").exclude(username__startswith="truongphong")[:2])
    accepted_dossier(cycle, "KT", [(person, "LDTT") for person in staff])
    absent = User.objects.get(username="hoidong2")
    client = login("hcqt")
    client.post("/nominations/sessions/", {"cycle": cycle.pk, "meeting_date": "20/12/2025", "venue": "Phòng họp",
                                           f"absent_{absent.pk}": "1", f"reason_{absent.pk}": "Đi công tác"})
    session = Session.objects.get()
    client.post(f"/nominations/sessions/{session.pk}/", {"action": "publish"})
    member = session.attendees.get(person=absent)

    page = client.get(f"/nominations/sessions/{session.pk}/").content.decode()
    selects = re.findall(r'<select name="item_\d+">(.*?)</select>', page, re.S)
    assert selects and all(re.match(r'\s*<option value="" selected>', s) for s in selects)

    first, second = session.items.order_by("pk")
    response = client.post(f"/nominations/sessions/{session.pk}/", {
        "action": "written", "member": member.pk, "note": "Phiếu gửi ngày 19/12/2025",
        f"item_{first.pk}": "yes", f"item_{second.pk}": ""}, follow=True)

    assert "Vui lòng biểu quyết đủ 2 nội dung" in response.content.decode()
    assert not Ballot.objects.filter(member=member).exists()
    assert session.meeting_date.isoformat() == "2025-12-20"
