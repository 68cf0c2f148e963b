"""API v1, Sở Nội vụ's side (issue 22): the Tờ trình read with their lines, answers and PDF; Sở Nội vụ's system
answering one through the same review task, service and audit events as its officer on the page; the people and
units in a client's scope, searched without tones."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from viewflow.workflow.status import STATUS

from accounts import services as account_services
from accounts import vietnamese
from accounts.models import Province, Unit, User
from accounts.roles import Role
from nominations.flows.home_affairs import HomeAffairsFlow
from nominations.models import AnswerStatus, LineStatus, PastAward
from workflow.audit import Action
from workflow.audit.models import AuditEvent

from .api_helpers import api_client, bearer
from .council_helpers import open_task, returned_submission, sent_submission, taken
from .helpers import task_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()


def home_affairs_client(name: str = "Hệ thống Sở Nội vụ Quảng Ngãi") -> str:
    """A client whose service account holds the Home Affairs role over the demo province; its token."""
    user = account_services.person_create(actor=None, username="api.sonoivu", full_name="Tài khoản Sở Nội vụ",
                                          unit=None)
    account_services.role_grant(actor=None, user=user, role=Role.HOME_AFFAIRS,
                                province=Province.objects.get(code="QNG"))
    client = account_services.api_client_create(actor=None, name=name, user=User.objects.get(pk=user.pk))
    return account_services.api_token_issue(actor=None, client=client)


def _last_seq() -> int:
    return AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def _answer_url(submission) -> str:
    return reverse("api:submission-answer", args=[submission.pk])


# --- reading a Tờ trình -------------------------------------------------------------------------------------


def test_home_affairs_reads_a_sent_submission_with_its_lines_and_pdf(fast_pdfs):
    # Given the Office's Tờ trình issued and waiting at Sở Nội vụ, and Sở Nội vụ's client
    submission = sent_submission()
    api = bearer(home_affairs_client())

    # When it lists the Tờ trình and reads this one
    listed = api.get(reverse("api:submission-list"))
    body = api.get(reverse("api:submission-detail", args=[submission.pk])).json()

    # Then it sees the Tờ trình waiting for its answer, its one line, and a PDF it can fetch
    assert listed.status_code == 200 and [row["id"] for row in listed.json()["results"]] == [submission.pk]
    assert body["number"] == submission.document.number_text and body["status"] == "at_home_affairs"
    assert body["answers"] == {"pending": 1, "accepted": 0, "returned": 0, "rejected": 0}
    line = submission.lines.get()
    assert [(row["id"], row["answer"], row["rounds"]) for row in body["lines"]] == [(line.pk, "pending", 1)]
    pdf = api.get(body["pdf"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment;")
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_the_agency_reads_its_own_submission_and_another_agency_finds_it_missing(fast_pdfs):
    submission = sent_submission()
    _own, own = api_client("Hệ thống văn bản Văn phòng", role=Role.SECRETARIAT)
    _other, other = api_client("Hệ thống Sở Kế hoạch và Đầu tư", role=Role.SECRETARIAT, agency_code="SKHDT")

    assert bearer(own).get(reverse("api:submission-detail", args=[submission.pk])).status_code == 200
    assert bearer(other).get(reverse("api:submission-list")).json()["results"] == []
    for name in ("api:submission-detail", "api:submission-pdf"):
        response = bearer(other).get(reverse(name, args=[submission.pk]))
        assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
    assert Client().get(reverse("api:submission-list")).status_code == 401


def test_the_list_reads_in_a_fixed_number_of_queries(fast_pdfs, django_assert_max_num_queries):
    sent_submission("KT")
    sent_submission("NC")
    api = bearer(home_affairs_client())

    with django_assert_max_num_queries(12):
        response = api.get(reverse("api:submission-list"))

    assert response.json()["count"] == 2


# --- Sở Nội vụ's system answers ---------------------------------------------------------------------------------


def test_an_answer_posted_by_home_affairs_updates_the_lines_as_the_officer_does_on_the_page(fast_pdfs):
    # Given two Tờ trình at Sở Nội vụ: one the officer answers on the review page, one the system answers
    by_page, by_api = sent_submission("KT"), sent_submission("NC")
    api = bearer(home_affairs_client())
    officer = User.objects.get(username="sonoivu")
    page = Client()
    page.force_login(officer)
    page_seq = _last_seq()
    review = taken(open_task(by_page.process, HomeAffairsFlow.review), officer)  # the "take" button
    line = by_page.lines.get()
    response = page.post(task_url("homeaffairs", review), {
        f"status_{line.pk}": "accepted", f"number_{line.pk}": "1234/QĐ-UBND", f"date_{line.pk}": "15/01/2026"})
    assert response.status_code == 302
    page_actions = list(AuditEvent.objects.filter(seq__gt=page_seq).order_by("seq").values_list("action", flat=True))
    api_line = by_api.lines.get()
    api_seq = _last_seq()

    # When Sở Nội vụ's system posts the same verdict for the other
    response = api.post(_answer_url(by_api), {"answers": [
        {"line": api_line.pk, "status": "accepted", "decision_number": "1235/QĐ-UBND", "decision_date": "2026-01-15"}]},
        content_type="application/json")

    # Then the line is awarded and registered, the review ends, and the same audit events are written, naming the
    # client beside its service account
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "answered" and response.json()["lines"][0]["answer"] == "accepted"
    api_line.refresh_from_db()
    assert (api_line.status, api_line.decision_number) == (LineStatus.AWARDED, "1235/QĐ-UBND")
    assert PastAward.objects.filter(person=api_line.person, decision_number="1235/QĐ-UBND").exists()
    assert by_api.process.task_set.get(flow_task=HomeAffairsFlow.end).status == STATUS.DONE
    events = list(AuditEvent.objects.filter(seq__gt=api_seq).order_by("seq"))
    assert [event.action for event in events] == page_actions
    answered = next(event for event in events if event.action == Action.HOME_AFFAIRS_ACCEPTED)
    assert answered.actor.api_client.name == "Hệ thống Sở Nội vụ Quảng Ngãi"
    assert answered.changes["api_client"] == "Hệ thống Sở Nội vụ Quảng Ngãi"


def test_a_returned_line_opens_the_secretariats_resubmit_step(fast_pdfs):
    submission = sent_submission()
    line = submission.lines.get()

    response = bearer(home_affairs_client()).post(_answer_url(submission), {"answers": [
        {"line": line.pk, "status": "returned", "reason": "Bổ sung quyết định công nhận sáng kiến."}]},
        content_type="application/json")

    assert response.status_code == 200 and response.json()["status"] == "returned"
    line.refresh_from_db()
    assert line.status == LineStatus.HA_RETURNED
    assert open_task(submission.process, HomeAffairsFlow.resubmit) is not None


@pytest.mark.parametrize("answer", [
    {"status": "accepted", "decision_number": "", "decision_date": "2026-01-15"},  # no number
    {"status": "rejected", "reason": "  "},  # no reason
    {"status": "accepted", "decision_number": "1/QĐ", "decision_date": "15/01/2026"},  # not ISO
    {"status": "maybe"},
])
def test_a_wrong_answer_is_a_400_problem_in_vietnamese_and_writes_nothing(fast_pdfs, answer):
    submission = sent_submission()
    line = submission.lines.get()
    api = bearer(home_affairs_client())
    seq = _last_seq()

    response = api.post(_answer_url(submission), {"answers": [{"line": line.pk, **answer}]},
                        content_type="application/json")

    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Dữ liệu gửi lên không hợp lệ" and response.json()["errors"]
    assert submission.answers.get().status == AnswerStatus.PENDING
    assert not AuditEvent.objects.filter(seq__gt=seq).exists()
    assert open_task(submission.process, HomeAffairsFlow.review).status == STATUS.NEW


def test_every_pending_line_must_be_answered(fast_pdfs):
    submission = sent_submission()

    response = bearer(home_affairs_client()).post(_answer_url(submission), {"answers": [
        {"line": submission.lines.get().pk + 999, "status": "rejected", "reason": "Không đủ tiêu chuẩn."}]},
        content_type="application/json")

    assert response.status_code == 400
    assert response.json()["errors"]["non_field_errors"] == ["Vui lòng trả lời từng dòng của tờ trình."]


def test_a_submission_not_waiting_for_an_answer_is_a_409(fast_pdfs):
    # Given a Tờ trình whose line Sở Nội vụ returned: it waits for the secretariat, not for Sở Nội vụ
    submission = returned_submission()
    line = submission.lines.get()

    response = bearer(home_affairs_client()).post(_answer_url(submission), {"answers": [
        {"line": line.pk, "status": "rejected", "reason": "Không đủ tiêu chuẩn."}]}, content_type="application/json")

    assert response.status_code == 409 and response["Content-Type"] == "application/problem+json"
    assert "không ở bước Sở Nội vụ thẩm định" in response.json()["detail"]
    assert submission.answers.get().status == AnswerStatus.RETURNED


def test_a_review_an_officer_took_on_the_page_is_a_409(fast_pdfs):
    submission = sent_submission()
    taken(open_task(submission.process, HomeAffairsFlow.review), User.objects.get(username="sonoivu"))

    response = bearer(home_affairs_client()).post(_answer_url(submission), {"answers": [
        {"line": submission.lines.get().pk, "status": "rejected", "reason": "Không đủ tiêu chuẩn."}]},
        content_type="application/json")

    assert response.status_code == 409
    assert submission.answers.get().status == AnswerStatus.PENDING


def test_only_a_client_holding_the_home_affairs_role_answers(fast_pdfs):
    # Given the Office's own client (it reads its Tờ trình) and another agency's (it does not)
    submission = sent_submission()
    _own, own = api_client("Hệ thống văn bản Văn phòng", role=Role.SECRETARIAT)
    _other, other = api_client("Hệ thống Sở Kế hoạch và Đầu tư", role=Role.SECRETARIAT, agency_code="SKHDT")
    body = {"answers": [{"line": submission.lines.get().pk, "status": "rejected", "reason": "Không đủ tiêu chuẩn."}]}

    # When each posts an answer, Then the Office's is refused (403), the other agency's finds nothing (404)
    assert bearer(own).post(_answer_url(submission), body, content_type="application/json").status_code == 403
    assert bearer(other).post(_answer_url(submission), body, content_type="application/json").status_code == 404
    assert Client().post(_answer_url(submission), body, content_type="application/json").status_code == 401
    assert submission.answers.get().status == AnswerStatus.PENDING


# --- people and units in scope ---------------------------------------------------------------------------------


def test_a_unit_heads_client_sees_its_unit_and_its_people_and_finds_names_without_tones():
    unit = Unit.objects.get(agency__code="VP", code="KT")
    _client, token = api_client("Phần mềm Phòng Kinh tế", role=Role.UNIT_HEAD, unit=unit)
    api = bearer(token)
    person = User.objects.filter(unit=unit, is_active=True).order_by("pk").first()
    folded = vietnamese.fold(person.full_name)  # "nguyen van a" for "Nguyễn Văn A"
    assert folded != person.full_name.lower()

    units = api.get(reverse("api:unit-list")).json()["results"]
    people = api.get(reverse("api:person-list")).json()
    found = api.get(reverse("api:person-list"), {"ten": folded}).json()["results"]

    assert [row["id"] for row in units] == [unit.pk]
    assert people["count"] == User.objects.filter(unit=unit, is_active=True).count()
    assert {row["unit"]["id"] for row in people["results"]} == {unit.pk}
    assert person.pk in {row["id"] for row in found}


def test_a_client_of_another_agency_sees_none_of_the_offices_people():
    _other, other = api_client("Hệ thống Sở Kế hoạch và Đầu tư", role=Role.SECRETARIAT, agency_code="SKHDT")
    office = set(User.objects.filter(unit__agency__code="VP").values_list("pk", flat=True))

    people = bearer(other).get(reverse("api:person-list"), {"page_size": 100}).json()["results"]
    units = bearer(other).get(reverse("api:unit-list"), {"page_size": 100}).json()["results"]

    assert people and not office & {row["id"] for row in people}
    assert units and {row["agency"]["code"] for row in units} == {"SKHDT"}


def test_a_wrong_unit_filter_is_a_400_problem():
    _own, own = api_client("Hệ thống văn bản Văn phòng", role=Role.SECRETARIAT)

    response = bearer(own).get(reverse("api:person-list"), {"don_vi": "abc"})

    assert response.status_code == 400 and response.json()["errors"]["don_vi"]
