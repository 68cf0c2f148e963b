"""The domain's e-mails go to exactly the people the event concerns, after commit (issue 9); a chief's
step delegated to a deputy is signed "KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG" with the deputy's name."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from freezegun import freeze_time

from accounts.models import RoleAssignment, Unit, User
from accounts.roles import Role
from nominations import demo_facts, demo_pledges, services
from nominations.flows import AgencyPledgeFlow, PledgeFlow
from nominations.flows.council import CouncilFlow
from nominations.flows.home_affairs import HomeAffairsFlow
from nominations.models import Award, CommendationKind, OutcomeDocumentKind
from nominations.processes import council as council_processes
from nominations.services import pledges as pledge_services
from tests.workflow.documents_helpers import pdf_text
from workflow.delegation.services import delegation_create
from workflow.notifications.models import DeliveryMode, Notification
from workflow.notifications.services import digests_send, notification_preference_set
from workflow.templatetags.vietnamese_dates import vietnamese_date

from .helpers import accepted_dossier, edit_task, open_cycle, open_dossier, review_task, run, task_url
from .pledge_helpers import do_task, open_task, unit_registration_accepted

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    def call(func, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return func(*args, **kwargs)

    return call


def sent(tag: str) -> list[str]:
    """Addresses of the mails of one event (its subject's tag), sorted, each once per mail."""
    return sorted(address for m in mail.outbox if m.subject.startswith(f"[{tag}]") for address in m.to)


def holders(role: str, **scope) -> list[str]:
    return sorted(a.user.email for a in RoleAssignment.objects.filter(role=role, revoked_at__isnull=True, **scope)
                  .select_related("user"))


def test_a_returned_dossier_tells_its_unit_head_only_with_the_reason(person, committed):
    dossier = open_dossier(open_cycle(2025))
    head, secretariat = person("truongphong.kt"), person("hcqt")
    demo_facts.facts_record(year=2025, lines=[(head.unit, "TTLDTT")])
    services.line_add(actor=head, dossier=dossier, unit=head.unit, award=Award.objects.get(code="TTLDTT"),
                      commendation_kind=CommendationKind.objects.get(code="THUONG_XUYEN"), achievements="Tốt.")
    demo_facts.papers_record(dossier=dossier)
    run(edit_task(dossier), head, lambda: services.dossier_submit(actor=head, dossier=dossier))
    mail.outbox.clear()

    committed(run, review_task(dossier), secretariat, lambda: services.dossier_review(
        actor=secretariat, dossier=dossier, accept=False, reason="Thiếu báo cáo thành tích"))

    assert sent("Trả lại hồ sơ") == [head.email]
    assert len(mail.outbox) == 1  # the returned step's "new task" mail is this one
    message = next(m for m in mail.outbox if m.subject.startswith("[Trả lại hồ sơ]"))
    assert "Thiếu báo cáo thành tích" in message.body
    assert "Thiếu báo cáo thành tích" in message.alternatives[0][0]


@pytest.fixture
def unit_pledge(person):
    demo_pledges.seed()
    head = person("truongphong.kt")
    registration = PledgeFlow.start.run(actor=head, unit=head.unit, year=2025).registration
    pledge_services.pledge_registration_update(actor=head, registration=registration,
                                               collective_title=Award.objects.get(code="TTLDTT"))
    pledge_services.pledge_line_save(actor=head, registration=registration, person=person("canbo.kt.02"),
                                     title=Award.objects.get(code="CSTDCS"), planned_initiative="")
    run(open_task(registration, "submit"), head,
        lambda: pledge_services.pledge_registration_submit(actor=head, registration=registration))
    mail.outbox.clear()
    return registration


@pytest.mark.parametrize(("accept", "tag"), [(True, "Chấp nhận đăng ký thi đua"), (False, "Trả lại đăng ký thi đua")])
def test_a_reviewed_pledge_tells_the_unit_heads_only(unit_pledge, person, committed, accept, tag):
    secretariat = person("hcqt")

    committed(run, open_task(unit_pledge, "review"), secretariat, lambda: pledge_services.pledge_registration_review(
        actor=secretariat, registration=unit_pledge, accept=accept, reason="" if accept else "Thiếu chỉ tiêu"))

    assert sent(tag) == holders(Role.UNIT_HEAD, unit=unit_pledge.unit) == [person("truongphong.kt").email]
    assert len(mail.outbox) == 1  # a return: the unit's step back in its queue is announced by this mail only
    assert sent("Chấp nhận đăng ký thi đua" if not accept else "Trả lại đăng ký thi đua") == []


def _people(unit_code, n):
    return list(User.objects.filter(unit__code=unit_code, unit__agency__code="VP")
                .exclude(username__startswith="truongphong").order_by("pk")[:n])


def _vote(client, session, task, no_on=()):
    client.force_login(task.owner)
    data = {f"item_{item.pk}": "no" if item.line.award.code in no_on else "yes"
            for item in session.items.select_related("line__award") if item.line.person_id != task.owner_id}
    assert client.post(task_url("council", task), data).status_code == 302


@pytest.fixture
def published(person, committed):
    """KT proposes its unit (TTLĐTT) and one person for CSTĐ tỉnh (a Tờ trình); HCQT one LĐTT."""
    cycle = open_cycle(2025)
    (worker,) = _people("KT", 1)
    (clerk,) = _people("HCQT", 1)
    accepted_dossier(cycle, "KT", [(Unit.objects.get(code="KT", agency__code="VP"), "TTLDTT"),
                                   (worker, "CSTD_TINH")])
    accepted_dossier(cycle, "HCQT", [(clerk, "LDTT")])
    secretariat = person("hcqt")
    session = services.session_create(actor=secretariat, cycle=cycle, meeting_date=dt.date(2025, 12, 19),
                                      venue="Phòng họp số 1", absent={})
    mail.outbox.clear()
    return committed(council_processes.session_publish, actor=secretariat, session=session)


def test_opening_the_vote_tells_each_voting_member_and_nobody_else(published):
    members = sorted(m.person.email for m in published.attendees.select_related("person"))

    assert len(members) == 13 and sent("Mời bỏ phiếu") == members


def test_each_voting_member_gets_one_mail_vote_opened_linking_to_their_own_ballot(published):
    """The ballot task used to send the engine's "new task" mail besides "vote opened": two per member."""
    ballots = {t.owner.email: t for t in published.process.task_set.filter(flow_task=CouncilFlow.ballot)
               .select_related("owner")}

    assert len(mail.outbox) == 13
    assert sorted(address for m in mail.outbox for address in m.to) == sorted(ballots)
    for message in mail.outbox:
        assert message.subject.startswith("[Mời bỏ phiếu]")
        assert task_url("council", ballots[message.to[0]], "index") in message.body
    assert Notification.objects.filter(event="vote_opened").count() == 13
    assert not Notification.objects.filter(event__in=["task_assigned", "task_queued"],
                                           task__in=ballots.values()).exists()


def test_a_member_who_chose_the_digest_finds_the_vote_once_in_the_morning_mail(person, committed):
    cycle = open_cycle(2025)
    accepted_dossier(cycle, "KT", [(_people("KT", 1)[0], "LDTT")])
    secretariat, member = person("hcqt"), person("hoidong1")
    notification_preference_set(actor=member, user=member, mode=DeliveryMode.DIGEST)
    session = services.session_create(actor=secretariat, cycle=cycle, meeting_date=dt.date(2025, 12, 19),
                                      venue="Phòng họp số 1", absent={})
    mail.outbox.clear()

    committed(council_processes.session_publish, actor=secretariat, session=session)

    assert len(mail.outbox) == 12 and member.email not in sent("Mời bỏ phiếu")
    mail.outbox.clear()
    digests_send(now=timezone.now() + dt.timedelta(hours=1))
    (digest,) = mail.outbox
    assert digest.to == [member.email]
    assert digest.body.count("[Mời bỏ phiếu]") == 1 and "Việc mới" not in digest.body


def test_the_deputy_acting_for_the_chief_signs_kt_and_only_the_units_in_the_decisions_hear(
        published, client, person, committed):
    session = published
    chief, deputy = person("chanhvp"), person("phochanhvp1")
    for task in session.process.task_set.filter(flow_task=CouncilFlow.ballot).select_related("owner"):
        _vote(client, session, task, no_on=("LDTT",))  # HCQT's line fails
    finalise = session.process.task_set.get(flow_task=CouncilFlow.finalise)
    client.force_login(person("hcqt"))
    client.post(task_url("council", finalise, "assign"))
    assert client.post(task_url("council", finalise), {"start_time": "08 giờ 00"}).status_code == 302
    approve = session.process.task_set.get(flow_task=CouncilFlow.approve)
    assert approve.owner == chief  # only the chief approves: his when created, no claim
    client.force_login(chief)
    delegation_create(actor=chief, delegator=chief, delegate=deputy, start_date=timezone.localdate(),
                      end_date=timezone.localdate() + dt.timedelta(days=3), reason="Đi công tác")
    approve.refresh_from_db()
    assert approve.owner == deputy
    mail.outbox.clear()

    client.force_login(deputy)
    response = committed(client.post, task_url("council", approve), {"read_drafts": "1"})

    assert response.status_code == 302
    decision = session.outcome_documents.get(kind=OutcomeDocumentKind.DECISION).document
    decision.refresh_from_db()
    assert decision.signer == deputy and decision.signer_is_deputy
    with decision.pdf.open("rb") as handle:
        text = " ".join(pdf_text(handle.read()).split())
    assert "KT. CHÁNH VĂN PHÒNG" in text and "PHÓ CHÁNH VĂN PHÒNG" in text and deputy.full_name in text
    assert chief.full_name not in text.split("PHÓ CHÁNH VĂN PHÒNG", 1)[1]
    # KT has lines in the Quyết định and the Tờ trình; HCQT's only line failed: its head is not told.
    assert sent("Đã ký quyết định") == [person("truongphong.kt").email]

    submission = session.outcome_documents.get(kind=OutcomeDocumentKind.SUBMISSION)
    review = submission.process.task_set.get(flow_task=HomeAffairsFlow.review)
    client.force_login(person("sonoivu"))
    client.post(task_url("homeaffairs", review, "assign"))
    line = submission.lines.get()
    with freeze_time(review.deadline.due_date + dt.timedelta(days=1)):
        client.force_login(person("sonoivu"))
        desk = client.get("/home/").content.decode()
    waiting = desk.split('id="waiting-submissions"', 1)[1]
    assert "Quá hạn" in waiting and vietnamese_date(review.deadline.due_date) in waiting
    assert f'href="{task_url("homeaffairs", review, "index")}"' in waiting.split("</section>", 1)[0]
    mail.outbox.clear()
    response = committed(client.post, task_url("homeaffairs", review), {
        f"status_{line.pk}": "returned", f"reason_{line.pk}": "Bổ sung xác nhận sáng kiến"})
    assert response.status_code == 302
    vp = chief.agency
    expected = sorted(set(holders(Role.SECRETARIAT, agency=vp) + holders(Role.CHIEF, agency=vp)))
    assert sent("Sở Nội vụ trả lời") == expected
    # The secretariat's resubmit step is announced by this answer, not by a second "new task" mail.
    assert len(mail.outbox) == len(expected)
    assert all("trả lại để bổ sung 1" in m.body for m in mail.outbox)
    assert person("sonoivu").email not in expected and person("truongphong.kt").email not in expected


def test_the_deputy_signs_the_agencys_pledge_registration_kt_for_the_delegated_chief(
        person, login, committed):
    demo_pledges.seed()
    secretariat, chief, deputy = person("hcqt"), person("chanhvp"), person("phochanhvp1")
    vp = chief.agency
    agency = AgencyPledgeFlow.start.run(actor=secretariat, agency=vp, year=2025,
                                        deadline=timezone.localdate()).registration
    unit_registration_accepted(person)
    assert do_task(login("hcqt"), agency, "compile", {}, agency=True).status_code == 302
    sign = open_task(agency, "sign", agency=True)
    assert sign.owner == chief  # only the chief signs: his when created, no claim
    delegation_create(actor=chief, delegator=chief, delegate=deputy, start_date=timezone.localdate(),
                      end_date=timezone.localdate(), reason="Nghỉ phép")

    response = committed(do_task, login("phochanhvp1"), agency, "sign", {"read_drafts": "1"}, agency=True)

    assert response.status_code == 302
    agency.refresh_from_db()
    document = agency.document
    assert document.signer == deputy and document.signer_is_deputy
    with document.pdf.open("rb") as handle:
        text = " ".join(pdf_text(handle.read()).split())
    assert "KT. CHÁNH VĂN PHÒNG" in text and "PHÓ CHÁNH VĂN PHÒNG" in text and deputy.full_name in text
    assert chief.full_name not in text
