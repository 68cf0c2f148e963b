"""Hiệp y / lấy ý kiến as a step (issue 21; docs/legal-basis.md §15): a line whose title's rule set requires
another body's opinion cannot pass the chief's approval (which signs the Tờ trình) until the body's written
answer is recorded; the secretariat records the request and the answer over HTTP; nobody else writes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Agency, Unit, User
from nominations.audit import CONSULTATION_ANSWERED, CONSULTATION_REQUESTED
from nominations.eligibility.rulesets import rule_set_for
from nominations.flows.council import CouncilFlow
from nominations.models import (
    Award,
    Consultation,
    ConsultationStatus,
    Cycle,
    Line,
    LineStatus,
    OutcomeDocument,
    RequiredConsultation,
    Session,
    TitleRule,
)
from nominations.processes import council as council_processes
from nominations.processes.running import task_run
from nominations.selectors.consultations import requirements_for
from tests.nominations.council_helpers import finalised_session, open_task, taken
from tests.nominations.helpers import task_url
from workflow.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

BODY = "Ban Thường vụ Đảng ủy cơ quan (dữ liệu thử)"
ARTICLE = "Điều 99 Quy chế thử"


@pytest.fixture
def session() -> Session:
    """The chief's approval is open on unit KT's one CSTĐ tỉnh line, whose title needs ``BODY``'s opinion (a row an
    administrator would add in the admin to the 2025 rule set)."""
    rule = TitleRule.objects.get(rule_set=rule_set_for(2025), award__code="CSTD_TINH")
    RequiredConsultation.objects.create(title_rule=rule, body=BODY, article=ARTICLE, subject="Phẩm chất chính trị")
    return finalised_session("KT")


def _url(session: Session) -> str:
    return reverse("nominations:consultations", args=[session.cycle_id])


def _approve(client, session: Session):
    chief = User.objects.get(username="chanhvp")
    client.force_login(chief)
    return client.post(task_url("council", taken(open_task(session.process, CouncilFlow.approve), chief)),
                       {"read_drafts": "on"})


def _request(client, session: Session, **changes):
    line = Line.objects.get(cycle=session.cycle)
    data = {"action": "request", "line": line.pk, "requirement": RequiredConsultation.objects.get(body=BODY).pk,
            "request_number": "15/CV-VP", "sent_on": "01/12/2025", "due_on": "15/12/2025", **changes}
    return client.post(_url(session), data)


def _answer(client, consultation: Consultation, **changes):
    data = {"action": "answer", "consultation": consultation.pk, "answer_number": "88-CV/ĐU",
            "answered_on": "10/12/2025", "verdict": "disagree", "answer_text": "Đề nghị xem xét lại.", **changes}
    return client.post(reverse("nominations:consultations", args=[consultation.line.cycle_id]), data)


def test_the_chief_cannot_approve_without_the_answer_and_can_once_the_secretariat_recorded_it(session, client):
    line = Line.objects.get(cycle=session.cycle)

    # when the chief approves before any opinion was asked for
    refused = _approve(client, session)

    # then it is refused, naming the line, the body and the article, and nothing is signed
    text = refused.content.decode()
    assert refused.status_code == 400
    assert "Thiếu ý kiến hiệp y" in text and BODY in text and ARTICLE in text and line.person.full_name in text
    assert not OutcomeDocument.objects.filter(session=session).exists()

    # when the secretariat finds the page from the list of cycles and records the request it sent
    client.force_login(User.objects.get(username="hcqt"))
    assert _url(session) in client.get(reverse("nominations:cycles")).content.decode()
    page = client.get(_url(session)).content.decode()
    assert BODY in page and 'class="consultation-request"' in page
    events = AuditEvent.objects.filter(action=CONSULTATION_REQUESTED).count()
    response = _request(client, session)

    # then it is kept with its dates, history and audit event
    assert response.status_code == 302
    consultation = Consultation.objects.get(line=line)
    assert (consultation.status, consultation.request_number, f"{consultation.due_on:%d/%m/%Y}") == (
        ConsultationStatus.SENT, "15/CV-VP", "15/12/2025")
    assert consultation.history.count() == 1
    assert AuditEvent.objects.filter(action=CONSULTATION_REQUESTED).count() == events + 1

    # and a request without an answer still holds the approval
    assert _approve(client, session).status_code == 400

    # when the secretariat records the written answer (a disagreement, with its reasons)
    client.force_login(User.objects.get(username="hcqt"))
    response = _answer(client, consultation)
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert (consultation.status, consultation.verdict, consultation.answer_number) == (
        ConsultationStatus.ANSWERED, "disagree", "88-CV/ĐU")
    event = AuditEvent.objects.filter(action=CONSULTATION_ANSWERED).first()
    assert event.actor.username == "hcqt" and event.agency_id == session.cycle.agency_id

    # then the chief reads the answer on the approval page
    chief = User.objects.get(username="chanhvp")
    client.force_login(chief)
    page = client.get(task_url("council", taken(open_task(session.process, CouncilFlow.approve), chief))).content
    page = page.decode()
    assert "Không đồng ý" in page and "Đề nghị xem xét lại." in page and "văn bản số 88-CV/ĐU ngày 10/12/2025" in page

    # and the approval passes: the Tờ trình is signed
    assert _approve(client, session).status_code == 302
    assert OutcomeDocument.objects.filter(session=session, kind="submission").exists()


@pytest.mark.parametrize(("changes", "message"), [
    ({"due_on": "30/11/2025"}, "Hạn trả lời không được trước ngày gửi."),
    ({"request_number": ""}, "Ghi số văn bản xin ý kiến."),
    ({"sent_on": ""}, "Ghi ngày gửi văn bản."),
    ({"due_on": "12/31/2026"}, "Không có tháng 31"),
    ({"line": "999999"}, "Dòng đề nghị không hợp lệ."),
])
def test_a_bad_request_is_refused_in_vietnamese_and_changes_nothing(session, client, changes, message):
    client.force_login(User.objects.get(username="hcqt"))
    events = AuditEvent.objects.count()

    response = _request(client, session, **changes)

    assert response.status_code == 400 and message in response.content.decode()
    assert not Consultation.objects.exists() and AuditEvent.objects.count() == events


@pytest.mark.parametrize(("changes", "message"), [
    ({"answer_text": ""}, "Ghi nội dung ý kiến khác hoặc lý do không đồng ý."),
    ({"answered_on": "30/11/2025"}, "Ngày văn bản trả lời không được trước ngày gửi văn bản xin ý kiến."),
    ({"answered_on": "12/31/2025"}, "Không có tháng 31"),
    ({"answer_number": ""}, "Ghi số văn bản trả lời."),
    ({"verdict": "maybe"}, "Ý kiến không hợp lệ."),
])
def test_a_bad_answer_is_refused_in_vietnamese_and_changes_nothing(session, client, changes, message):
    client.force_login(User.objects.get(username="hcqt"))
    assert _request(client, session).status_code == 302
    consultation = Consultation.objects.get()
    events = AuditEvent.objects.count()

    response = _answer(client, consultation, **changes)

    consultation.refresh_from_db()
    assert response.status_code == 400 and message in response.content.decode()
    assert consultation.status == ConsultationStatus.SENT and AuditEvent.objects.count() == events


@pytest.mark.parametrize("username", ["truongphong.kt", "canbo.kt.02", "chanhvp"])
def test_only_the_secretariat_writes_and_others_get_404(session, client, username):
    client.force_login(User.objects.get(username=username))

    response = _request(client, session)

    assert response.status_code == 404 and not Consultation.objects.exists()
    # the unit head and the staff do not read the page either; the chief does
    assert client.get(_url(session)).status_code == (200 if username == "chanhvp" else 404)


def test_the_seeded_rule_asks_the_sectors_ministry_only_for_the_agency_heads_bang_khen_thu_tuong():
    """NĐ 152/2025 Điều 34 khoản 3 (migration 0047): the Bằng khen của Thủ tướng of the head (cấp trưởng) of a body of
    the province needs the opinion of the ministry managing its sector; a staff member's or a unit's does not."""
    cycle = Cycle(agency=Agency.objects.get(code="VP"), year=2025)
    award = Award.objects.get(code="BK_TTG")
    chief = User.objects.get(username="chanhvp")
    staff = User.objects.get(username="canbo.kt.02")
    lines = [Line(pk=1, person=chief, award=award), Line(pk=2, person=staff, award=award),
             Line(pk=3, unit=Unit.objects.filter(agency__code="VP").first(), award=award)]

    required = requirements_for(cycle=cycle, lines=lines)

    assert list(required) == [1]
    (requirement,) = required[1]
    assert requirement.article == "Điểm a, điểm b khoản 3 Điều 34 Nghị định 152/2025/NĐ-CP"
    assert "quản lý ngành, lĩnh vực" in requirement.body
    # and the 2023 rule set (NĐ 98/2023, not read) asks nothing
    assert requirements_for(cycle=Cycle(agency=cycle.agency, year=2024), lines=lines) == {}


def test_the_chief_may_leave_out_a_line_still_without_its_answer_and_approve_the_rest():
    # given a finalised session: KT's CSTĐ tỉnh line needs BODY's opinion (none asked), an LĐTT line needs nothing
    rule = TitleRule.objects.get(rule_set=rule_set_for(2025), award__code="CSTD_TINH")
    RequiredConsultation.objects.create(title_rule=rule, body=BODY, article=ARTICLE)
    other = User.objects.filter(unit__code="KT", unit__agency__code="VP").exclude(
        username__startswith="truongphong").order_by("-pk").first()
    session = finalised_session("KT", also=[(other, "LDTT")])
    chief = User.objects.get(username="chanhvp")

    # when the chief approves leaving out what cannot go on
    task_run(task=open_task(session.process, CouncilFlow.approve), actor=chief,
             action=lambda: council_processes.session_approve(actor=chief, session=session, exclude_ineligible=True))

    # then the LĐTT line is decided and the CSTĐ tỉnh line is not proposed higher, with the body and the article
    decision = OutcomeDocument.objects.get(session=session, kind="decision")
    assert [line.person for line in decision.lines.all()] == [other]
    assert not OutcomeDocument.objects.filter(session=session, kind="submission").exists()
    left_out = session.items.exclude(line__person=other).get().line
    assert left_out.status == LineStatus.NOT_ACCEPTED and BODY in left_out.note and ARTICLE in left_out.note
