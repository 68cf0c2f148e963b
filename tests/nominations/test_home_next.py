"""Issue 18 (5): the desk says what to do next — a unit head that a cycle is open and by when the unit's
dossier is due, the secretariat each open cycle's deadline and an absent member's written vote to enter."""

from __future__ import annotations

import pytest
from django.urls import reverse
from freezegun import freeze_time

from accounts.models import User
from nominations.models import Session

from .helpers import accepted_dossier, open_cycle, open_dossier

pytestmark = pytest.mark.django_db


def card(page: str, card_id: str) -> str:
    assert f'id="{card_id}"' in page, card_id
    return page.split(f'id="{card_id}"', 1)[1].split("</section>", 1)[0]


@freeze_time("2025-11-03 02:00:00")
def test_the_unit_head_is_told_the_cycle_is_open_and_when_the_dossier_is_due(login):
    cycle = open_cycle(2025)

    before = card(login("truongphong.kt").get("/home/").content.decode(), "open-cycles")
    assert ("Xét khen thưởng năm 2025 đang nhận hồ sơ: hồ sơ đề nghị của Phòng Kinh tế nộp trước 10/12/2025"
            in before)
    assert f'href="{reverse("nominations:cycles")}"' in before

    dossier = open_dossier(cycle, "KT")
    after = card(login("truongphong.kt").get("/home/").content.decode(), "open-cycles")
    assert "Xét khen thưởng năm 2025: hồ sơ đề nghị của Phòng Kinh tế nộp trước 10/12/2025 — Đang soạn" in after
    assert f'href="{reverse("nominations:dossier", args=[dossier.pk])}"' in after
    assert 'id="open-cycles"' not in login("canbo.kt.02").get("/home/").content.decode()


def test_past_the_deadline_an_unsent_dossier_is_flagged(login):
    with freeze_time("2025-11-03 02:00:00"):
        open_cycle(2025)
    with freeze_time("2025-12-11 02:00:00"):
        page = card(login("truongphong.kt").get("/home/").content.decode(), "open-cycles")
    assert "nộp trước 10/12/2025 (đã quá hạn)" in page


@freeze_time("2025-11-03 02:00:00")
def test_the_secretariat_sees_the_deadline_and_is_prompted_for_an_absent_members_written_vote(login):
    cycle = open_cycle(2025)
    staff = list(User.objects.filter(unit__code="KT").exclude(username__startswith="truongphong")[:1])
    accepted_dossier(cycle, "KT", [(person, "LDTT") for person in staff])
    client = login("hcqt")

    cycles = card(client.get("/home/").content.decode(), "open-cycles")
    assert "Xét khen thưởng năm 2025: hạn nộp hồ sơ đề nghị 10/12/2025 — 1 hồ sơ đã nộp" in cycles
    assert f'href="{reverse("nominations:cycle", args=[cycle.pk])}"' in cycles

    absent = User.objects.get(username="hoidong2")
    client.post("/nominations/sessions/", {"cycle": cycle.pk, "meeting_date": "20/12/2025", "venue": "Phòng họp",
                                           f"absent_{absent.pk}": "1", f"reason_{absent.pk}": "Đi công tác"})
    session = Session.objects.get()
    assert 'id="written-votes"' not in client.get("/home/").content.decode()  # not published: nothing to enter
    client.post(f"/nominations/sessions/{session.pk}/", {"action": "publish"})

    prompt = card(client.get("/home/").content.decode(), "written-votes")
    assert f"Nhập phiếu bằng văn bản của {absent.full_name}" in prompt
    assert f'href="{reverse("nominations:session", args=[session.pk])}#members"' in prompt
    assert prompt.count("<li>") == 1  # only the absent member: the present ones vote themselves
    assert 'id="written-votes"' not in login("truongphong.kt").get("/home/").content.decode()

    member = session.attendees.get(person=absent)
    client = login("hcqt")
    client.post(f"/nominations/sessions/{session.pk}/", {"action": "written", "member": member.pk, "no_ballot": "1",
                                                        "note": "Không gửi phiếu"})
    assert 'id="written-votes"' not in client.get("/home/").content.decode()
