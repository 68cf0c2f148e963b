"""The law decides (issue 16): a line that fails its criteria is refused at every step it moves.

Each gate is proven the same way: a lawful line is brought to the step, then a fact that makes it
ineligible is recorded (a khiển trách of the year, as an officer would enter it after the dossier
was sent), and the step is refused with the criterion's article in the message and nothing written.
"""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import User
from nominations import demo_facts, services
from nominations.audit import WARNINGS_ACKNOWLEDGED
from nominations.eligibility.rulesets import rule_set_for
from nominations.flows.council import CouncilFlow
from nominations.models import (
    AttachmentKind,
    Award,
    Ballot,
    CommendationKind,
    Criterion,
    DossierRound,
    DossierStatus,
    LineStatus,
    OutcomeDocument,
    Session,
    SessionStatus,
)
from nominations.processes import council as council_processes
from nominations.processes.running import task_run
from nominations.services.gates import cap_figures, verdicts_refresh
from workflow.audit.models import AuditEvent

from .council_helpers import open_task
from .helpers import (
    PDF,
    accepted_dossier,
    edit_task,
    open_cycle,
    open_dossier,
    reports_and_minutes,
    review_task,
    run,
    task_url,
)

pytestmark = pytest.mark.django_db

YEAR = 2025
ACK = "Đã đối chiếu bản đăng ký thi đua giấy của đơn vị."


def staff(n: int = 1, unit: str = "KT") -> list[User]:
    return list(User.objects.filter(unit__code=unit, unit__agency__code="VP", is_active=True)
                .exclude(username__startswith="truongphong").order_by("pk")[:n])


def discipline_article(code: str = "LDTT") -> str:
    rule = rule_set_for(YEAR).title_rules.get(award__code=code)
    return rule.criteria.get(criterion=Criterion.NO_DISCIPLINE).article


def reprimand(person: User) -> None:
    services.discipline_record(actor=None, person=person, level="khien_trach", year=YEAR, decision_number="07/QĐ-VP")


def draft_with(person: User, code: str = "LDTT"):
    cycle = open_cycle(YEAR)
    demo_facts.facts_record(year=YEAR, lines=[(person, code)])
    dossier = open_dossier(cycle, person.unit.code)
    services.line_add(actor=dossier.created_by, dossier=dossier, award=services_award(code),
                      commendation_kind=kind(), achievements="Hoàn thành xuất sắc nhiệm vụ.", person=person)
    return dossier


def services_award(code: str) -> Award:
    return Award.objects.get(code=code)


def kind() -> CommendationKind:
    return CommendationKind.objects.get(code="THUONG_XUYEN")


def refused_with_article(error: ValidationError | str, article: str) -> str:
    text = " ".join(error.messages) if isinstance(error, ValidationError) else error
    assert "Không đạt" in text and article in text, text
    return text


def test_submit_refuses_a_line_that_fails_with_the_article_and_writes_nothing(client):
    # given a draft LĐTT line whose nominee was reprimanded this year
    person = staff()[0]
    dossier = draft_with(person)
    reprimand(person)
    head = dossier.created_by
    # when the unit head sends the dossier
    client.force_login(head)
    response = client.post(task_url("dossier", edit_task(dossier)), {"action": "submit"})
    # then the page says why, citing the article, and nothing was sent
    assert response.status_code == 400
    refused_with_article(response.content.decode(), html.escape(discipline_article()))
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DRAFT
    assert not DossierRound.objects.filter(dossier=dossier).exists()
    assert dossier.lines.get().sent_round is None


def test_a_missing_paper_blocks_submission_until_a_file_is_attached_to_the_line():
    # given a CSTĐCS line whose only sáng kiến has no recognition decision on record
    person = staff(2)[1]
    cycle = open_cycle(YEAR)
    demo_facts.facts_record(year=YEAR, lines=[(person, "LDTT")])
    services.initiative_record(actor=None, title="Sổ tay nghiệp vụ số", authors=[person],
                               decision_date=dt.date(YEAR, 10, 1), scope="co_so")
    dossier = open_dossier(cycle, person.unit.code)
    head = dossier.created_by
    for code in ("LDTT", "CSTDCS"):
        services.line_add(actor=head, dossier=dossier, award=services_award(code), commendation_kind=kind(),
                          achievements="Hoàn thành xuất sắc nhiệm vụ.", person=person)
    reports_and_minutes(dossier)
    # when it is sent without the paper, then it is refused as "Cần bổ sung"
    with pytest.raises(ValidationError) as refused:
        services.dossier_submit(actor=head, dossier=dossier)
    assert "Cần bổ sung" in " ".join(refused.value.messages)
    assert not DossierRound.objects.filter(dossier=dossier).exists()
    # when the decision is attached to the line, as the paper the rule set names, then it goes
    line = dossier.lines.get(award__code="CSTDCS")
    paper = rule_set_for(YEAR).title_rules.get(award__code="CSTDCS").required_papers.get(kind="supporting")
    services.attachment_add(actor=head, dossier=dossier, kind=AttachmentKind.SUPPORTING, filename="qd-sang-kien.pdf",
                            content=PDF, line=line, paper=paper)
    services.dossier_submit(actor=head, dossier=dossier)
    assert DossierRound.objects.filter(dossier=dossier).count() == 1


def submitted(person: User):
    dossier = draft_with(person)
    head = dossier.created_by
    reports_and_minutes(dossier)
    run(edit_task(dossier), head, lambda: services.dossier_submit(actor=head, dossier=dossier))
    dossier.refresh_from_db()
    return dossier


def test_accept_rechecks_with_todays_data_a_discipline_recorded_after_submission_counts(client):
    # given a lawful dossier sent to the secretariat, and then a reprimand recorded
    person = staff()[0]
    dossier = submitted(person)
    reprimand(person)
    # when the secretariat accepts it
    client.force_login(User.objects.get(username="hcqt"))
    review = review_task(dossier)
    client.post(task_url("dossier", review, "assign"))
    response = client.post(task_url("dossier", review),
                           {"decision": "accept", "reason": "", "acknowledge": ACK})
    # then it is refused with the article, and the dossier still waits for its answer
    assert response.status_code == 400
    refused_with_article(response.content.decode(), html.escape(discipline_article()))
    dossier.refresh_from_db()
    line = dossier.lines.get()
    assert dossier.status == DossierStatus.SUBMITTED and line.status == LineStatus.PROPOSED
    assert line.acknowledgements == [] and dossier.rounds.get().answered_at is None


def test_a_warning_blocks_acceptance_until_the_secretariat_acknowledges_it_with_a_reason():
    # given a lawful LĐTT line with no pledge registration on record (a "Lưu ý")
    person = staff()[0]
    dossier = submitted(person)
    line = dossier.lines.get()
    assert any(v["outcome"] == "warning" for v in line.verdicts)
    hcqt = User.objects.get(username="hcqt")
    # when the secretariat accepts without acknowledging, then it is refused
    with pytest.raises(ValidationError) as refused:
        services.dossier_review(actor=hcqt, dossier=dossier, accept=True)
    assert "Lưu ý chưa được thường trực xác nhận" in " ".join(refused.value.messages)
    # when it acknowledges with a reason, then the line is accepted and the reason kept and audited
    run(review_task(dossier), hcqt, lambda: services.dossier_review(actor=hcqt, dossier=dossier, accept=True,
                                                                     acknowledge=ACK))
    line.refresh_from_db()
    assert line.status == LineStatus.ACCEPTED
    assert {a["reason"] for a in line.acknowledgements} == {ACK}
    assert AuditEvent.objects.filter(action=WARNINGS_ACKNOWLEDGED, object_id=str(line.pk)).exists()


def test_the_agenda_refuses_a_line_that_became_ineligible_and_creates_no_session():
    # given an accepted line, then a reprimand
    person = staff()[0]
    cycle = open_cycle(YEAR)
    accepted_dossier(cycle, person.unit.code, [(person, "LDTT")])
    reprimand(person)
    # when the secretariat builds the agenda, then it is refused and no session exists
    with pytest.raises(ValidationError) as refused:
        services.session_create(actor=User.objects.get(username="hcqt"), cycle=cycle, meeting_date=cycle.council_date)
    refused_with_article(refused.value, discipline_article())
    assert not Session.objects.filter(cycle=cycle).exists()
    assert cycle.lines.get().status == LineStatus.ACCEPTED


def published(lines_for):
    cycle = open_cycle(YEAR)
    accepted_dossier(cycle, "KT", lines_for)
    hcqt = User.objects.get(username="hcqt")
    session = services.session_create(actor=hcqt, cycle=cycle, meeting_date=cycle.council_date)
    return council_processes.session_publish(actor=hcqt, session=session)


def test_a_member_cannot_vote_for_a_line_that_fails_but_may_vote_against_it(client):
    # given a published agenda with one LĐTT line, then the nominee is reprimanded
    person = staff()[0]
    session = published([(person, "LDTT")])
    reprimand(person)
    item = session.items.get()
    task = session.process.task_set.filter(flow_task=CouncilFlow.ballot).exclude(owner=person).first()
    client.force_login(task.owner)
    # when the member votes for it, then the ballot is refused with the article and not recorded
    response = client.post(task_url("council", task), {f"item_{item.pk}": "yes"})
    assert response.status_code == 400
    refused_with_article(response.content.decode(), html.escape(discipline_article()))
    assert not Ballot.objects.filter(session=session).exists()
    # when the member votes against it, then the ballot is recorded
    assert client.post(task_url("council", task), {f"item_{item.pk}": "no"}).status_code == 302
    assert Ballot.objects.filter(session=session).count() == 1


def finalised(lines_for) -> Session:
    session = published(lines_for)
    items = list(session.items.select_related("line"))
    for task in session.process.task_set.filter(flow_task=CouncilFlow.ballot).select_related("owner"):
        member = session.attendees.get(pk=task.data["member"])
        choices = {i.pk: True for i in items if i.line.person_id != member.person_id}
        task_run(task=task, actor=task.owner, action=lambda m=member, o=task.owner, c=choices: services.ballot_cast(
            actor=o, member=m, choices=c))
    hcqt = User.objects.get(username="hcqt")
    task_run(task=open_task(session.process, CouncilFlow.finalise), actor=hcqt,
             action=lambda: services.session_finalise(actor=hcqt, session=session))
    return Session.objects.get(pk=session.pk)


def test_the_approval_refuses_a_line_that_became_ineligible_after_the_vote_and_signs_nothing():
    # given a finalised session whose LĐTT line passed, then the nominee is reprimanded
    person = staff()[0]
    session = finalised([(person, "LDTT")])
    reprimand(person)
    chief = User.objects.get(username="chanhvp")
    # when the chief approves, then it is refused with the article and nothing is signed or created
    with pytest.raises(ValidationError) as refused:
        council_processes.session_approve(actor=chief, session=session)
    refused_with_article(refused.value, discipline_article())
    session.refresh_from_db()
    assert session.status == SessionStatus.FINALISED and session.minutes.signed_at is None
    assert not OutcomeDocument.objects.filter(session=session).exists()


def test_the_cap_counts_the_agencys_year_and_a_breach_blocks_the_approval_with_the_numbers():
    # given a finalised session with one CSTĐCS line, lawful under the 15 % cap
    a, b = staff(2)
    session = finalised([(a, "LDTT"), (a, "CSTDCS")])
    figure = next(f for f in cap_figures(cycle=session.cycle) if f["award"] == "CSTĐCS")
    assert not figure["breached"] and figure["base"] >= 7
    # when the registry then records enough CSTĐCS of the same year in the agency to pass the cap
    others = list(User.objects.filter(unit__agency__code="VP", is_active=True).exclude(pk=a.pk).order_by("pk"))
    extra = figure["allowed"] - figure["count"] + 1
    for person in others[:extra]:
        services.past_award_record(actor=None, award=services_award("CSTDCS"), year=YEAR, person=person,
                                   decision_number="03/QĐ-VP", issuer="Chánh Văn phòng")
    # then the chief's approval is refused with the year's numbers, and nothing is signed
    with pytest.raises(ValidationError) as refused:
        council_processes.session_approve(actor=User.objects.get(username="chanhvp"), session=session)
    text = " ".join(refused.value.messages)
    assert f"{figure['allowed'] + 1} CSTĐCS trên {figure['base']} LĐTT" in text and "15 %" in text
    assert not OutcomeDocument.objects.filter(session=session).exists()


def test_verdicts_read_as_vietnamese_labels_on_the_dossier_and_the_ballot(client):
    # given a published agenda whose line's nominee has no pledge on record (a "Lưu ý")
    person = staff()[0]
    session = published([(person, "LDTT")])
    line = session.items.get().line
    task = session.process.task_set.filter(flow_task=CouncilFlow.ballot).exclude(owner=person).first()
    # when a member opens the ballot and the dossier, then they read labels, never the engine's codes
    client.force_login(task.owner)
    ballot_page = client.get(task_url("council", task)).content.decode()
    assert 'class="verdict-badge verdict-warning">Lưu ý<' in ballot_page and ">warning<" not in ballot_page
    dossier_page = client.get(f"/nominations/dossiers/{line.dossier_id}/").content.decode()
    assert "verdict-badge verdict-pass" in dossier_page and "Thường trực đã xác nhận" in dossier_page


def test_the_secretariat_withdraws_a_line_the_agenda_refuses_and_the_agenda_then_goes(client):
    # given two accepted lines of a unit, one of whose nominees is then reprimanded
    good, bad = staff(2)
    cycle = open_cycle(YEAR)
    dossier = accepted_dossier(cycle, good.unit.code, [(good, "LDTT"), (bad, "LDTT")])
    reprimand(bad)
    line = dossier.lines.get(person=bad)
    hcqt = User.objects.get(username="hcqt")
    # when the secretariat withdraws it from the dossier page, with a reason
    client.force_login(hcqt)
    response = client.post(f"/nominations/dossiers/{dossier.pk}/",
                           {"action": "withdraw_line", "line": line.pk, "reason": "Bị kỷ luật khiển trách năm 2025."})
    # then the line is out of the cycle with its reason, audited, and the agenda of the rest is accepted
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.status == LineStatus.NOT_ACCEPTED and line.note == "Bị kỷ luật khiển trách năm 2025."
    assert AuditEvent.objects.filter(object_id=str(line.pk), reason=line.note).exists()
    session = services.session_create(actor=hcqt, cycle=cycle, meeting_date=cycle.council_date)
    assert [item.line.person for item in session.items.all()] == [good]


def test_a_unit_head_cannot_withdraw_a_line():
    person = staff()[0]
    cycle = open_cycle(YEAR)
    dossier = accepted_dossier(cycle, person.unit.code, [(person, "LDTT")])
    with pytest.raises(PermissionDenied):
        services.line_withdraw(actor=dossier.created_by, line=dossier.lines.get(), reason="Không đủ điều kiện.")
    assert dossier.lines.get().status == LineStatus.ACCEPTED


def test_the_chief_may_decide_not_to_award_a_line_that_became_ineligible_and_approve_the_rest():
    # given a finalised session with two passed LĐTT lines, one nominee reprimanded after the vote
    good, bad = staff(2)
    session = finalised([(good, "LDTT"), (bad, "LDTT")])
    reprimand(bad)
    chief = User.objects.get(username="chanhvp")
    # when the chief approves leaving out what fails now
    council_processes.session_approve(actor=chief, session=session, exclude_ineligible=True)
    # then only the eligible line is in the Quyết định; the other is not awarded, with the article
    decision = OutcomeDocument.objects.get(session=session)
    assert [line.person for line in decision.lines.all()] == [good]
    left_out = session.items.get(line__person=bad).line
    assert left_out.status == LineStatus.NOT_ACCEPTED and discipline_article() in left_out.note


def test_a_line_checked_again_with_the_same_answer_writes_no_history_but_a_changed_answer_does():
    # given a lawful line, checked when it was added
    person = staff()[0]
    dossier = draft_with(person)
    line = dossier.lines.get()
    rows = line.history.count()
    # when it is checked again with the registries as they were
    verdicts_refresh(actor=dossier.created_by, cycle=dossier.cycle, lines=[line])
    # then nothing is written: the same verdicts, no history row recording no change
    assert line.history.count() == rows
    # when a reprimand is recorded and it is checked again
    reprimand(person)
    verdicts_refresh(actor=dossier.created_by, cycle=dossier.cycle, lines=[line])
    # then the new answer is stored, with one history row by the one who checked
    line.refresh_from_db()
    assert line.outcome == "fail" and any(v["criterion"] == Criterion.NO_DISCIPLINE and v["outcome"] == "fail"
                                          for v in line.verdicts)
    assert line.history.count() == rows + 1
    assert line.history.first().history_user == dossier.created_by
