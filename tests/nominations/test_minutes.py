"""The council's minutes as its secretary writes them (issue 17): read from the signed PDF, the per-line
table and the ballot counts are the stored papers', the minutes are dated the meeting day and signed by
the chair and the secretary, the ban kiểm phiếu is named; votes are not counted before the meeting's date
unless the council is consulted in writing, which the minutes then say."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone

from accounts.models import Unit, User
from nominations import services
from nominations.documents.minutes import council_chair
from nominations.flows.council import CouncilFlow
from nominations.models import BallotChoice, BallotPaper, Session, SessionStatus
from nominations.processes import council as council_processes
from nominations.processes.running import task_run
from workflow.documents import services as document_services
from workflow.documents.rendering import pdf_text

from .council_helpers import open_task
from .helpers import accepted_dossier, open_cycle, task_url

pytestmark = pytest.mark.django_db

MEETING = dt.date(2025, 12, 20)


def _kt_people(n: int) -> list[User]:
    return list(User.objects.filter(unit__code="KT", unit__agency__code="VP", username__startswith="canbo")
                .order_by("pk")[:n])


def _agenda() -> object:
    """KT proposes two LĐTT (the head decides), its unit for TTLĐTT and one CSTĐ tỉnh (the Chủ tịch UBND
    tỉnh decides, 90 % of all members)."""
    cycle = open_cycle(2025)
    a, b, c = _kt_people(3)
    accepted_dossier(cycle, "KT", [(a, "LDTT"), (b, "LDTT"), (Unit.objects.get(code="KT", agency__code="VP"), "TTLDTT"),
                                   (c, "CSTD_TINH")])
    return cycle


def _cast_all(session: Session, *, no_on: dict[str, set[str]] | None = None) -> None:
    """Every member present casts in person; ``no_on``: username → award codes they vote against."""
    no_on = no_on or {}
    items = list(session.items.select_related("line__award"))
    for task in session.process.task_set.filter(flow_task=CouncilFlow.ballot).select_related("owner").order_by("pk"):
        member = session.attendees.get(pk=task.data["member"])
        if not member.present and not session.written_consultation:
            continue
        against = no_on.get(task.owner.username, set())
        choices = {item.pk: item.line.award.code not in against for item in items
                   if item.line.person_id != member.person_id}
        task_run(task=task, actor=task.owner, action=lambda m=member, o=task.owner, c=choices: services.ballot_cast(
            actor=o, member=m, choices=c))


def _issued_minutes_text(session: Session) -> str:
    """The chief approves; the minutes are issued (numbered, PDF stored) and read back."""
    chief = User.objects.get(username="chanhvp")
    task_run(task=open_task(session.process, CouncilFlow.approve), actor=chief,
             action=lambda: council_processes.session_approve(actor=chief, session=session))
    session.refresh_from_db()
    with TestCase.captureOnCommitCallbacks(execute=True):
        document_services.document_issue(document_id=session.minutes_id)
    session.minutes.refresh_from_db()
    with session.minutes.pdf.open("rb") as handle:
        return " ".join(pdf_text(handle.read()).split())


@pytest.fixture
def met():
    """A session of 20/12/2025 with one member away on mission who sent a written vote; two members
    vote against the CSTĐ tỉnh (which then misses 90 % of all members); the ban kiểm phiếu is named."""
    cycle = _agenda()
    hcqt = User.objects.get(username="hcqt")
    away = User.objects.get(username="hoidong3")
    session = services.session_create(actor=hcqt, cycle=cycle, meeting_date=MEETING, venue="Phòng họp số 1",
                                      absent={away.pk: "đi công tác"})
    session = council_processes.session_publish(actor=hcqt, session=session)
    _cast_all(session, no_on={"hoidong1": {"CSTD_TINH"}, "hoidong2": {"CSTD_TINH", "LDTT"}})
    member = session.attendees.get(person=away)
    written = {item.pk: True for item in session.items.all()}
    council_processes.ballot_enter_written(actor=hcqt, member=member, choices=written,
                                           note="Phiếu gửi bằng văn bản ngày 19/12/2025")
    session.refresh_from_db()
    assert session.status == SessionStatus.TALLIED
    present = list(session.attendees.filter(present=True).select_related("person").order_by("pk"))
    head, counters = present[1], present[2:4]
    task_run(task=open_task(session.process, CouncilFlow.finalise), actor=hcqt,
             action=lambda: services.session_finalise(
                 actor=hcqt, session=session, start_time="14 giờ 00", end_time="16 giờ 30",
                 conclusion="Giao Văn phòng hoàn thiện hồ sơ trước ngày 25/12/2025.",
                 counting_head=head, counting_members=counters))
    session = Session.objects.get(pk=session.pk)
    return session, head, counters


def test_the_minutes_table_is_the_stored_ballots_line_by_line(met):
    # Given a tallied, finalised session whose papers are stored
    session, _head, _counters = met

    # When the chief approves and the minutes are issued
    text = _issued_minutes_text(session)

    # Then per title the ballots issued / returned / valid are the stored papers'
    papers = BallotPaper.objects.filter(session=session).count()
    assert papers == 13  # 12 present in person + 1 written
    assert "Số phiếu phát ra: 13 (gồm 1 phiếu của thành viên vắng mặt gửi bằng văn bản); số phiếu thu vào: 13" in text
    assert "Có mặt" not in text and "12/13 thành viên có quyền biểu quyết" in text
    # and per line the votes for, the base, the percentage and the result are the papers' count
    for item in session.items.select_related("line__award"):
        counted = Counter(BallotChoice.objects.filter(item=item).values_list("approve", flat=True))
        assert counted[True] == item.yes
        percent = f"{item.percent:.2f}".replace(".", ",")
        result = "Đạt" if item.passed else "Không đạt"
        row = f"{counted[True] + counted[False]} {counted[True]}/{item.base} {percent} {result}"
        assert row in text, row
    cstd = session.items.get(line__award__code="CSTD_TINH")
    assert (cstd.yes, cstd.base, cstd.passed) == (11, 13, False)
    assert "11/13 84,62 Không đạt" in text
    assert "Số phiếu phát ra: 13" in text and "số phiếu hợp lệ: 13; số phiếu không hợp lệ: 0" in text


def test_the_conclusion_says_what_is_proposed_to_whom_and_adds_the_secretarys_words(met):
    session, _head, _counters = met

    text = _issued_minutes_text(session)

    head = "Đề nghị Chánh Văn phòng UBND tỉnh Quảng Ngãi quyết định"
    assert f"{head} tặng danh hiệu “Lao động tiên tiến” cho 02 cá nhân" in text
    assert "quyết định tặng danh hiệu “Tập thể lao động tiên tiến” cho 01 tập thể" in text
    cstd = session.items.select_related("line").get(line__award__code="CSTD_TINH")
    failed = "Không đề nghị khen thưởng 01 cá nhân không đạt tỷ lệ phiếu đồng ý theo quy định"
    assert f"{failed}: {cstd.line.nominee_name}" in text
    assert "Chủ tịch UBND tỉnh xem xét" not in text  # the only higher award failed
    # the secretary's words come after the conclusion built from the tally, not instead of it
    assert text.index(failed) < text.index("Giao Văn phòng hoàn thiện hồ sơ trước ngày 25/12/2025.")


def test_the_minutes_are_dated_the_meeting_day_and_signed_by_the_chair_and_the_secretary(met):
    session, head, counters = met

    text = _issued_minutes_text(session)

    # Dated the meeting day, not the day the chief signed
    assert "Quảng Ngãi, ngày 20 tháng 12 năm 2025" in text
    signed = timezone.localtime(session.minutes.signed_at).date()
    assert signed != MEETING and f"ngày {signed.day:02d} tháng" not in text.split("BIÊN BẢN")[0]
    assert "Thời gian: 14 giờ 00, ngày 20 tháng 12 năm 2025" in text and "Địa điểm: Phòng họp số 1" in text
    # Signed by the secretary and the chair, each named; not the chief's signature block
    chair = council_chair(session)
    secretary = User.objects.get(username="hcqt")
    assert f"THƯ KÝ CHỦ TỊCH HỘI ĐỒNG {secretary.full_name} {chair.full_name}" in text
    assert "CHÁNH VĂN PHÒNG" not in text and "KT." not in text and "Nơi nhận" not in text
    # The ban kiểm phiếu: its head and members, all present
    assert f"Ban kiểm phiếu gồm: 1. {head.person.full_name} — Trưởng ban;" in text
    for member in counters:
        assert f"{member.person.full_name} — Thành viên" in text
    assert f"Chủ trì: {chair.full_name}" in text and "Vắng mặt:" in text and "(đi công tác)" in text


def test_the_secretary_the_chair_and_the_agency_each_sign_the_minutes_with_their_own_certificate(met):
    """Ký số (issue 19): the secretary and the chair sign the minutes in their places, each with their own
    certificate, then the agency; the register's check finds all three valid."""
    session, _head, _counters = met

    _issued_minutes_text(session)

    minutes = session.minutes
    rows = list(minutes.signatures.select_related("certificate").order_by("position"))
    secretary, chief = User.objects.get(username="hcqt"), User.objects.get(username="chanhvp")
    assert [(row.role, row.signed_by) for row in rows] == [("co_signer", secretary), ("signer", chief),
                                                          ("agency", None)]
    assert [row.certificate.user for row in rows[:2]] == [secretary, chief]
    check = document_services.document_check(minutes, rerender=False)
    assert [c.subject for c in check.signatures] == [secretary.full_name, chief.full_name, minutes.agency.name]
    assert check.valid, [c.reasons for c in check.signatures]


def test_the_counting_committee_is_chosen_among_the_members_present(met):
    session, _head, _counters = met
    away = session.attendees.get(present=False)
    # A fresh session at the minutes step
    cycle = open_cycle(2025, name="Xét khen thưởng đợt hai")
    accepted_dossier(cycle, "HCQT", [(User.objects.filter(unit__code="HCQT").exclude(username="hcqt")
                                      .order_by("pk").first(), "LDTT")])
    hcqt = User.objects.get(username="hcqt")
    other = council_processes.session_publish(actor=hcqt, session=services.session_create(
        actor=hcqt, cycle=cycle, meeting_date=MEETING, absent={away.person_id: "ốm"}))
    _cast_all(other)
    council_processes.ballot_enter_written(actor=hcqt, member=other.attendees.get(present=False), choices=None,
                                           note="Không gửi phiếu")
    other.refresh_from_db()
    absent = other.attendees.get(present=False)

    with pytest.raises(ValidationError, match="thành viên Hội đồng có mặt"):
        services.session_finalise(actor=hcqt, session=other, counting_head=absent)
    with pytest.raises(ValidationError, match="Trưởng ban kiểm phiếu"):
        services.session_finalise(actor=hcqt, session=other,
                                  counting_members=list(other.attendees.filter(present=True)[:2]))


def test_votes_are_not_counted_before_the_meeting_day(person, login):
    # Given a session whose meeting is next week, every member but one has voted
    cycle = _agenda()
    hcqt = person("hcqt")
    next_week = timezone.localdate() + dt.timedelta(days=7)
    session = council_processes.session_publish(actor=hcqt, session=services.session_create(
        actor=hcqt, cycle=cycle, meeting_date=next_week, venue="Phòng họp số 1"))
    tasks = list(session.process.task_set.filter(flow_task=CouncilFlow.ballot).select_related("owner").order_by("pk"))
    last = tasks.pop()
    items = list(session.items.select_related("line"))
    for task in tasks:
        member = session.attendees.get(pk=task.data["member"])
        choices = {item.pk: True for item in items if item.line.person_id != member.person_id}
        task_run(task=task, actor=task.owner, action=lambda m=member, o=task.owner, c=choices: services.ballot_cast(
            actor=o, member=m, choices=c))

    # When the last member casts the ballot that closes the vote, on the ballot page
    response = login(last.owner.username).post(task_url("council", last), {
        f"item_{item.pk}": "yes" for item in items if item.line.person_id != last.owner_id})

    # Then it is refused, saying why in Vietnamese, and nothing is counted nor recorded for that member
    assert response.status_code == 400
    assert f"Chưa đến ngày họp Hội đồng ({next_week:%d/%m/%Y})" in response.content.decode()
    session.refresh_from_db()
    assert session.status == SessionStatus.VOTING and not session.items.filter(passed__isnull=False).exists()
    assert not session.ballots.filter(member__person=last.owner).exists()
    with pytest.raises(ValidationError, match="Chưa đến ngày họp Hội đồng"):
        services.session_tally(session=session)


def test_a_written_consultation_is_counted_before_its_date_and_its_minutes_say_so(person):
    # Given the council consulted in writing, dated next week
    cycle = _agenda()
    hcqt = person("hcqt")
    dated = timezone.localdate() + dt.timedelta(days=7)
    session = council_processes.session_publish(actor=hcqt, session=services.session_create(
        actor=hcqt, cycle=cycle, meeting_date=dated, written_consultation=True))

    # When every member answers, the papers are counted at once
    _cast_all(session)
    session.refresh_from_db()
    assert session.status == SessionStatus.TALLIED

    # and a ban kiểm phiếu cannot be named for it
    with pytest.raises(ValidationError, match="không có ban kiểm phiếu"):
        services.session_finalise(actor=hcqt, session=session, counting_head=session.attendees.first())
    task_run(task=open_task(session.process, CouncilFlow.finalise), actor=hcqt,
             action=lambda: services.session_finalise(actor=hcqt, session=session))
    session.refresh_from_db()

    # Then its minutes say the members were consulted in writing, with no "có mặt" and no meeting hours
    draft = document_services.document_draft_render(actor=hcqt, document=session.minutes)
    text = " ".join(pdf_text(draft).split())
    assert "lấy ý kiến các thành viên Hội đồng bằng văn bản" in text
    assert "Hội đồng lấy ý kiến 13/13 thành viên có quyền biểu quyết bằng văn bản" in text
    assert "có mặt" not in text and "Thời gian:" not in text and "Ban kiểm phiếu" not in text
    assert "Số phiếu lấy ý kiến gửi đi: 13; số phiếu nhận lại: 13" in text
    assert f"ngày {dated.day:02d} tháng" in text.split("BIÊN BẢN")[0]
    assert "KẾT QUẢ LẤY Ý KIẾN" in text


def test_the_secretary_names_the_ban_kiem_phieu_on_the_minutes_page(login):
    # Given a tallied secret-ballot session at the minutes step (its CSTĐ tỉnh line votes by secret ballot)
    cycle = _agenda()
    hcqt = User.objects.get(username="hcqt")
    session = council_processes.session_publish(actor=hcqt, session=services.session_create(
        actor=hcqt, cycle=cycle, meeting_date=MEETING, venue="Phòng họp số 1"))
    _cast_all(session)
    finalise = open_task(session.process, CouncilFlow.finalise)
    client = login("hcqt")
    client.post(task_url("council", finalise, "assign"))
    page = client.get(task_url("council", finalise)).content.decode()
    assert 'id="counting-committee"' in page and 'name="counting_head"' in page
    head, *members = session.attendees.filter(present=True).select_related("person").order_by("pk")[:3]

    # When the secretary posts the form with a trưởng ban and two members
    response = client.post(task_url("council", finalise), {
        "start_time": "08 giờ 00", "end_time": "09 giờ 45", "counting_head": head.pk,
        "counting_member": [m.pk for m in members]})

    # Then the session keeps them and the minutes name them, head first
    assert response.status_code == 302
    roles = dict(session.attendees.exclude(counting_role="").values_list("pk", "counting_role"))
    assert roles == {head.pk: "head", members[0].pk: "member", members[1].pk: "member"}
    minutes = Session.objects.get(pk=session.pk).minutes
    assert minutes.data["counting_committee"] == [
        {"name": head.person.full_name, "role": "Trưởng ban"},
        *({"name": m.person.full_name, "role": "Thành viên"} for m in sorted(
            members, key=lambda m: m.person.name_sort_key))]
    assert minutes.data["end_time"] == "09 giờ 45"


def test_the_session_form_creates_a_written_consultation(login):
    cycle = _agenda()
    client = login("hcqt")
    assert 'name="written_consultation"' in client.get("/nominations/sessions/").content.decode()

    client.post("/nominations/sessions/", {"cycle": cycle.pk, "meeting_date": "20/12/2025",
                                           "written_consultation": "1"})

    assert Session.objects.get(cycle=cycle).written_consultation


def test_in_a_written_consultation_the_secretariat_enters_an_asked_members_answer(login):
    # Given a written consultation open for answers
    cycle = _agenda()
    hcqt = User.objects.get(username="hcqt")
    session = council_processes.session_publish(actor=hcqt, session=services.session_create(
        actor=hcqt, cycle=cycle, meeting_date=MEETING, written_consultation=True))
    member = session.attendees.select_related("person").get(person__username="hoidong1")
    client = login("hcqt")
    page = client.get(f"/nominations/sessions/{session.pk}/").content.decode()
    assert 'id="written-consultation"' in page

    # When the secretariat enters the answer the member sent on paper
    client.post(f"/nominations/sessions/{session.pk}/", {
        "action": "written", "member": member.pk, "note": "Phiếu lấy ý kiến nhận ngày 18/12/2025",
        **{f"item_{item.pk}": "yes" for item in session.items.all()}})

    # Then it counts as the member's written ballot, though the member is "asked", not absent
    ballot = session.ballots.get(member=member)
    assert ballot.written and ballot.note == "Phiếu lấy ý kiến nhận ngày 18/12/2025"
    assert BallotPaper.objects.filter(session=session).count() == 1
