"""Issue 21: a cycle names its loại hình khen thưởng (thường xuyên, đột xuất, chuyên đề, cống hiến, niên hạn).

Given the demo Office, when the secretariat opens a cycle and picks a kind, then the cycle keeps it, the list of
cycles shows it and the audit event names it; a cycle opened without naming one is the annual review; a kind that
does not exist is refused next to its field and nothing is written; the kind cannot be changed after opening.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from viewflow.workflow.status import STATUS

from accounts.models import Agency, Unit, User
from nominations import demo_facts, services
from nominations.deadlines import step_working_days
from nominations.flows.council import CouncilFlow
from nominations.flows.dossier import DossierFlow
from nominations.models import (
    Award,
    CommendationKind,
    Cycle,
    Dossier,
    LineStatus,
    Movement,
    MovementLevel,
    OutcomeDocumentKind,
)
from nominations.processes import council as council_processes
from nominations.processes.running import task_run
from workflow.audit.models import AuditEvent
from workflow.deadlines.workdays import add_working_days, working_days_between

from .helpers import edit_task, line_post, review_task, task_of, task_url

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


# --- đột xuất and chuyên đề, end to end (issue 21) -----------------------------------------------------------

DEED = "việc cứu hai học sinh bị đuối nước tại sông Trà Khúc ngày 01/12"


def _kind(code: str) -> CommendationKind:
    return CommendationKind.objects.get(code=code)


def _submit_and_accept(client, login, dossier: Dossier, nominee, *, award_code: str, kind_code: str) -> None:
    """The unit head adds the line and sends the dossier; the secretariat accepts it: every click over HTTP."""
    url = task_url("dossier", edit_task(dossier))
    assert client.post(url, line_post(nominee, award_code, commendation_kind=_kind(kind_code).pk,
                                      achievements=DEED)).status_code == 302
    demo_facts.papers_record(dossier=dossier)
    assert client.post(url, {"action": "submit"}).status_code == 302
    secretariat = login("hcqt")
    review = review_task(dossier)
    assert secretariat.post(task_url("dossier", review, "assign")).status_code == 302
    assert secretariat.post(task_url("dossier", review), {
        "decision": "accept", "reason": "", "acknowledge": "Đã đối chiếu bản giấy."}).status_code == 302


def _council_decides(client, login, cycle: Cycle, meeting: dt.date) -> list:
    """The council meets on ``meeting``: every member votes yes (through the ballot service, as the other
    council tests do), the secretariat writes the minutes and the chief approves, over HTTP."""
    hcqt = User.objects.get(username="hcqt")
    session = services.session_create(actor=hcqt, cycle=cycle, meeting_date=meeting)
    session = council_processes.session_publish(actor=hcqt, session=session)
    items = list(session.items.select_related("line"))
    for task in session.process.task_set.filter(flow_task=CouncilFlow.ballot).select_related("owner"):
        member = session.attendees.get(pk=task.data["member"])
        choices = {item.pk: True for item in items if item.line.person_id != member.person_id}
        task_run(task=task, actor=task.owner, action=lambda m=member, o=task.owner, c=choices: services.ballot_cast(
            actor=o, member=m, choices=c))
    secretariat = login("hcqt")
    finalise = session.process.task_set.get(flow_task=CouncilFlow.finalise)
    secretariat.post(task_url("council", finalise, "assign"))
    assert secretariat.post(task_url("council", finalise), {"start_time": "08 giờ 00"}).status_code == 302
    approve = session.process.task_set.get(flow_task=CouncilFlow.approve)
    assert login("chanhvp").post(task_url("council", approve), {"read_drafts": "1"}).status_code == 302
    return list(session.outcome_documents.select_related("document").order_by("kind", "pk"))


def test_a_unit_head_reports_a_deed_any_day_and_it_is_decided_within_days(login, fast_pdfs):
    """Given a deed done yesterday, when the head of KT reports it, then a đột xuất cycle of that one case opens
    with its dossier due in working days (not the annual review's weeks), the review is due a working day after
    submission, the line carries the đột xuất kind, and the chief's Quyết định "khen thưởng đột xuất" names the
    deed."""
    client = login("truongphong.kt")
    kt = Unit.objects.get(code="KT", agency__code="VP")
    today = timezone.localdate()

    response = client.post("/nominations/cycles/", {"action": "open_urgent", "unit": kt.pk, "deed": DEED})

    assert response.status_code == 302
    cycle = Cycle.objects.get(kind__code="DOT_XUAT")
    dossier = cycle.dossiers.get()
    assert cycle.year == today.year and cycle.posting_from is None
    assert cycle.nominations_due == add_working_days(today, step_working_days("dossier.urgent_submit"))
    assert edit_task(dossier).deadline.due_date == cycle.nominations_due
    assert working_days_between(today, cycle.nominations_due) == 2

    nominee = User.objects.get(username="canbo.kt.01")
    _submit_and_accept(client, login, dossier, nominee, award_code="GIAY_KHEN", kind_code="DOT_XUAT")

    review = task_of(dossier, DossierFlow.review, STATUS.DONE)
    assert review.deadline.due_date == add_working_days(timezone.localdate(review.created), 1)
    outcomes = _council_decides(client, login, cycle, today)
    decision = next(o for o in outcomes if o.kind == OutcomeDocumentKind.DECISION)
    assert decision.document.summary == "Về việc khen thưởng đột xuất"
    assert decision.document.data["articles"][0] == (
        f"Tặng Giấy khen cho 01 cá nhân có tên tại danh sách kèm theo, đã có thành tích xuất sắc đột xuất trong "
        f"{DEED}.")
    assert decision.document.data["annex_title"].startswith("DANH SÁCH CÁ NHÂN ĐƯỢC KHEN THƯỞNG ĐỘT XUẤT")
    line = cycle.lines.get()
    assert line.commendation_kind.code == "DOT_XUAT" and line.status == LineStatus.VOTE_PASSED
    assert dossier.process.task_set.filter(flow_task=DossierFlow.end).exists()


def test_a_dot_xuat_dossier_takes_one_line_of_its_own_kind(login):
    """Given a đột xuất dossier, when the unit head names the annual kind for the line, then it is refused next
    to the field; a second line is refused by the service; another unit cannot open a dossier in that case."""
    client = login("truongphong.kt")
    kt = Unit.objects.get(code="KT", agency__code="VP")
    client.post("/nominations/cycles/", {"action": "open_urgent", "unit": kt.pk, "deed": DEED})
    dossier = Dossier.objects.get(cycle__kind__code="DOT_XUAT")
    people = list(User.objects.filter(unit=kt).exclude(username__startswith="truongphong").order_by("pk")[:2])
    url = task_url("dossier", edit_task(dossier))

    wrong = client.post(url, line_post(people[0], "GIAY_KHEN"))  # the helper names thường xuyên

    assert wrong.status_code == 400 and not dossier.lines.exists()
    head = dossier.created_by
    services.line_add(actor=head, dossier=dossier, award=Award.objects.get(code="GIAY_KHEN"), person=people[0],
                      achievements=DEED)
    with pytest.raises(ValidationError, match="một dòng"):
        services.line_add(actor=head, dossier=dossier, award=Award.objects.get(code="GIAY_KHEN"), person=people[1],
                          achievements=DEED)
    with pytest.raises(ValidationError, match="loại hình"):
        services.line_update(actor=head, line=dossier.lines.get(), award=Award.objects.get(code="GIAY_KHEN"),
                             person=people[0], achievements=DEED, commendation_kind=_kind("THUONG_XUYEN"))
    nc = Unit.objects.get(code="NC", agency__code="VP")
    with pytest.raises(ValidationError, match="đợt riêng"):
        services.dossier_create(actor=User.objects.get(username="truongphong.nc"), cycle=dossier.cycle, unit=nc)
    assert dossier.lines.get().commendation_kind.code == "DOT_XUAT"


def test_a_deed_report_without_words_is_refused_and_nothing_is_written(login):
    kt = Unit.objects.get(code="KT", agency__code="VP")

    response = login("truongphong.kt").post("/nominations/cycles/", {"action": "open_urgent", "unit": kt.pk,
                                                                      "deed": "  "})

    assert response.status_code == 400
    assert 'id="id_deed_error"' in response.content.decode()
    assert not Cycle.objects.filter(kind__code="DOT_XUAT").exists()


def test_only_a_unit_head_reports_a_deed_of_their_own_unit(login):
    kt = Unit.objects.get(code="KT", agency__code="VP")

    other = login("truongphong.nc").post("/nominations/cycles/", {"action": "open_urgent", "unit": kt.pk,
                                                                   "deed": DEED})

    assert other.status_code == 400
    with pytest.raises(PermissionDenied):
        services.urgent_cycle_open(actor=User.objects.get(username="hcqt"), unit=kt, deed=DEED)
    assert not Cycle.objects.filter(kind__code="DOT_XUAT").exists()


def _movement() -> Movement:
    """A movement the Office launched for 2026 (the demo's are seeded by seed_demo, not by the migrations)."""
    return Movement.objects.create(
        name="Thi đua thực hiện chuyển đổi số năm 2026", level=MovementLevel.AGENCY,
        agency=Agency.objects.get(code="VP"), document_number="15/KH-VP", document_date=dt.date(2026, 1, 10),
        document_issuer="Văn phòng UBND tỉnh", period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 11, 30))


def test_a_chuyen_de_cycle_needs_its_movement_and_period(login):
    response = _open(login("hcqt"), kind=_kind("CHUYEN_DE").pk)

    assert response.status_code == 400
    assert 'id="id_movement_error"' in response.content.decode()
    assert not Cycle.objects.filter(year=2027).exists()


def test_a_chuyen_de_cycle_rewards_the_movement_in_its_own_words(login, fast_pdfs):
    """Given a chuyên đề cycle of a movement over 2026, when a line passes the council, then the line is of the
    chuyên đề kind, no annual-review criterion is asked of it, and the Quyết định cites the movement's text and
    names the movement and period."""
    movement = _movement()
    client = login("hcqt")
    today = timezone.localdate()
    response = _open(client, year=2026, kind=_kind("CHUYEN_DE").pk, movement=movement.pk, period_from="01/01/2026",
                     period_to="30/11/2026", name="Tổng kết phong trào", nominations_due=f"{today:%d/%m/%Y}")
    assert response.status_code == 302
    cycle = Cycle.objects.get(kind__code="CHUYEN_DE")
    assert cycle.movement == movement
    head = login("truongphong.kt")
    head.post("/nominations/cycles/", {"action": "open_dossier", "cycle": cycle.pk,
                                       "unit": Unit.objects.get(code="KT", agency__code="VP").pk})
    dossier = cycle.dossiers.get()
    nominee = User.objects.get(username="canbo.kt.01")

    _submit_and_accept(head, login, dossier, nominee, award_code="GIAY_KHEN", kind_code="CHUYEN_DE")
    line = cycle.lines.get()
    assert line.commendation_kind.code == "CHUYEN_DE"
    assert not {v["criterion"] for v in line.verdicts} & {"rating_at_least", "rating_streak", "pledge_registered"}
    outcomes = _council_decides(head, login, cycle, today)

    decision = next(o for o in outcomes if o.kind == OutcomeDocumentKind.DECISION).document
    words = f"phong trào thi đua “{movement.name}”"
    assert decision.summary == f"Về việc khen thưởng cá nhân có thành tích xuất sắc trong {words}"
    assert decision.data["articles"][0] == (
        f"Tặng Giấy khen cho 01 cá nhân có tên tại danh sách kèm theo, đã có thành tích xuất sắc trong {words} "
        "(từ ngày 01/01/2026 đến ngày 30/11/2026).")
    assert decision.data["grounds"][-1].startswith(f"Căn cứ văn bản số {movement.document_number}")


@pytest.mark.parametrize(("kind_code", "refused"), [("DOT_XUAT", False), ("CHUYEN_DE", False),
                                                    ("THUONG_XUYEN", True), (None, True)])
def test_a_dot_xuat_or_chuyen_de_award_does_not_bar_the_annual_one(kind_code, refused):
    """Given a Giấy khen of 2026 in the registry, when the person is proposed for a Giấy khen in the 2026 annual
    review, then an earlier đột xuất or chuyên đề one does not bar it (NĐ 152/2025 Điều 4 khoản 3); a thường
    xuyên one, or one recorded without its kind, does."""
    from nominations.models import PastAward

    from .helpers import open_cycle, open_dossier

    person = User.objects.get(username="canbo.kt.01")
    award = Award.objects.get(code="GIAY_KHEN")
    PastAward.objects.create(person=person, award=award, year=2026, decision_number="01/QĐ-VP", issuer="Chánh VP",
                             commendation_kind=_kind(kind_code) if kind_code else None)
    dossier = open_dossier(open_cycle(2026))

    def propose():
        return services.line_add(actor=dossier.created_by, dossier=dossier, award=award, person=person,
                                 achievements="Hoàn thành xuất sắc nhiệm vụ.")

    if refused:
        with pytest.raises(ValidationError, match="đã được tặng"):
            propose()
    else:
        assert propose().commendation_kind.code == "THUONG_XUYEN"


def _simulated(kind: str) -> dict:
    import io
    import json

    from django.core.management import call_command

    out = io.StringIO()
    call_command("simulate_cycle", "--year", "2026", "--kind", kind, "--json", "--into-current-database", stdout=out)
    return json.loads(out.getvalue())


def test_simulate_cycle_runs_a_dot_xuat_case_to_its_decision_within_days(fast_pdfs):
    before = timezone.localdate()
    summary = _simulated("dot-xuat")
    after = timezone.localdate()

    assert summary["kind"] == "DOT_XUAT" and summary["line_kinds"] == ["DOT_XUAT"]
    assert summary["lines_by_outcome"] == {"awarded": 1} and summary["unfinished_processes"] == 0
    reported = dt.datetime.strptime(summary["reported"], "%d/%m/%Y").date()
    due = dt.datetime.strptime(summary["dossiers"][0]["edit_due"], "%d/%m/%Y").date()
    # The agency's day (Asia/Ho_Chi_Minh), not UTC's: after 17:00 UTC it is already tomorrow in Quảng Ngãi.
    # (Read before and after the run: a run that crosses the agency's midnight reports either day.)
    assert reported in {before, after}
    assert working_days_between(reported, due) == step_working_days("dossier.urgent_submit") == 2
    (decision,) = summary["documents"]
    assert decision["summary"] == "Về việc khen thưởng đột xuất"
    assert "đã có thành tích xuất sắc đột xuất trong việc cứu người bị nạn" in decision["article"]


def test_simulate_cycle_runs_a_chuyen_de_cycle_to_its_decision_and_to_trinh(fast_pdfs):
    movement = _movement()

    summary = _simulated("chuyen-de")

    assert summary["kind"] == "CHUYEN_DE" and summary["movement"] == movement.name
    assert summary["line_kinds"] == ["CHUYEN_DE"] and not summary["refused_lines"]
    kinds = {d["kind"]: d for d in summary["documents"]}
    assert f"phong trào thi đua “{movement.name}”" in kinds["decision"]["article"]
    assert kinds["submission"]["summary"].endswith(f"khen thưởng theo chuyên đề (theo đợt): phong trào thi đua "
                                                   f"“{movement.name}”")


