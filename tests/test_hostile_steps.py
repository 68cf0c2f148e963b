"""Hostile raw POSTs on the steps that read the request without a Form class (issue 8): Sở Nội vụ's
review of a Tờ trình and the secretariat's resubmission, the council's minutes and the chief's
approval, signing a document and making a failed one again.

Each case posts what no page of ours sends — forged, missing, huge, negative or non-numeric keys,
NUL, text in NFD, HTML and template syntax, a step replayed once it is done, a step posted by
someone else — and expects no 500, a Vietnamese message (a 404 for an object the person may not
see, exactly like a missing one), and nothing changed: the row count of every table (history rows
and the audit log included, so an UPDATE through a service shows too), every task's status and
owner, and every document's status, number and signer are the same after as before.

The flows are brought to each step once for the module (``steps``), inside a transaction rolled back
at its end; each test rolls back its own posts. PDFs are one blank page: their layout is
tests/workflow/test_documents_rendering.py's business, not this file's.
"""

from __future__ import annotations

import html
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client, TestCase
from django.urls import reverse
from viewflow.workflow.models import Task

from accounts.models import Agency, User
from nominations.flows.council import CouncilFlow
from nominations.flows.home_affairs import HomeAffairsFlow
from nominations.models import Line, OutcomeDocument, Session, SessionStatus
from nominations.simulation import build_agency
from tests.nominations.council_helpers import (
    finalised_session,
    open_task,
    returned_submission,
    sent_submission,
    taken,
    tallied_session,
)
from tests.workflow.documents_helpers import blank_page, decision_draft, failed_document
from workflow.audit import Action
from workflow.audit.models import AuditEvent
from workflow.documents import rendering
from workflow.documents import services as documents
from workflow.documents.models import DocumentStatus, IssuedDocument

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
NUL_REFUSED = "ký tự không hợp lệ (NUL)"
DONE = "đã được xử lý xong"
SOMEONE_ELSE = "đang do người khác xử lý"
NO_ANSWER = "chọn tiếp nhận, trả lại hoặc không khen thưởng"
BAD_DATE = "Ngày quyết định không hợp lệ"
BEYOND_64_BITS = "99999999999999999999"


@dataclass
class Steps:
    """One object at each step, and the execute URL of each step's task (taken by its actor)."""

    urls: dict[str, str] = field(default_factory=dict)
    review_line: Line | None = None
    other_line: Line | None = None
    tallied: Session | None = None
    draft: IssuedDocument | None = None
    failed: IssuedDocument | None = None
    issued: IssuedDocument | None = None
    foreign: IssuedDocument | None = None


def _task_url(task) -> str:
    ns = {CouncilFlow: "council", HomeAffairsFlow: "homeaffairs"}[type(task.flow_task.flow_class.instance)]
    return reverse(f"{ns}:{task.flow_task.name}:execute", args=[task.process_id, task.pk])


def _build() -> Steps:
    people = {u.username: u for u in User.objects.filter(username__in=["hcqt", "chanhvp", "sonoivu"])}
    hcqt, chief, officer = people["hcqt"], people["chanhvp"], people["sonoivu"]
    steps = Steps()

    tallied = tallied_session("KT")
    steps.tallied = tallied
    steps.urls["finalise"] = _task_url(taken(open_task(tallied.process, CouncilFlow.finalise), hcqt))
    finalised = finalised_session("NC")
    steps.urls["approve"] = _task_url(taken(open_task(finalised.process, CouncilFlow.approve), chief))
    sent = sent_submission("TH")
    steps.review_line = sent.lines.get()
    steps.urls["review"] = _task_url(taken(open_task(sent.process, HomeAffairsFlow.review), officer))
    returned = returned_submission("KGVX")
    steps.other_line = returned.lines.get()
    steps.urls["resubmit"] = _task_url(taken(open_task(returned.process, HomeAffairsFlow.resubmit), hcqt))

    vp = Agency.objects.get(code="VP")
    steps.draft = decision_draft(hcqt, vp)
    steps.urls["sign"] = reverse("documents:sign", args=[steps.draft.pk])
    steps.issued = decision_draft(hcqt, vp)
    with TestCase.captureOnCommitCallbacks(execute=True):
        documents.document_sign(actor=chief, document=steps.issued)
    steps.failed = failed_document(hcqt, chief)
    steps.urls["retry"] = reverse("documents:retry", args=[steps.failed.pk])

    other = build_agency(base=vp, units=2, staff_per_unit=2, rng=random.Random(8))  # noqa: S311  # nosec B311
    other_secretariat = User.objects.filter(role_assignments__role="secretariat",
                                            role_assignments__agency=other).first()
    steps.foreign = decision_draft(other_secretariat, other)
    steps.issued.refresh_from_db()
    assert (steps.issued.status, steps.failed.status) == (DocumentStatus.READY, DocumentStatus.FAILED)
    return steps


@pytest.fixture(scope="module")
def steps(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction rolled back at its end."""
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(rendering, "html_to_pdf", blank_page)
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _build()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _blank_pages(monkeypatch):
    monkeypatch.setattr(rendering, "html_to_pdf", blank_page)


def state() -> dict:
    """Everything a post could have changed: rows of every table, tasks, documents and the register."""
    tables = sorted({model._meta.db_table for model in apps.get_models()} - {"django_session"})
    counts = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608  # nosec B608 - our own table names
            counts[table] = cursor.fetchone()[0]
    return {
        "rows": counts,
        "tasks": list(Task.objects.order_by("pk").values_list("pk", "status", "owner_id")),
        "documents": list(IssuedDocument.objects.order_by("pk").values_list(
            "pk", "status", "number", "number_text", "signer_id")),
        "sessions": list(Session.objects.order_by("pk").values_list("pk", "status", "minutes_id")),
        "lines": list(Line.objects.order_by("pk").values_list("pk", "status", "note", "decision_number")),
    }


def changed(before: dict, after: dict) -> list[str]:
    differences = [f"{table}: {before['rows'][table]} → {after['rows'][table]}"
                   for table in before["rows"] if before["rows"][table] != after["rows"][table]]
    return differences + [key for key in before if key != "rows" and before[key] != after[key]]


def signed_in(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def page_text(client: Client, response) -> str:
    """What the person reads: the page itself, or the page a redirect leads to (with its message)."""
    if response.status_code == 302:
        response = client.get(response["Location"])
    return html.unescape(response.content.decode(errors="replace"))


@dataclass(frozen=True)
class Hostile:
    """One hostile post: on which step, by whom, what, and the answer expected."""

    step: str
    user: str
    data: Callable[[Steps], dict] | dict
    status: int
    says: str = ""
    url: Callable[[Steps], str] | None = None


def _answer(status: str, **fields: str) -> Callable[[Steps], dict]:
    """Sở Nội vụ's answer for the review's one line: ``status_<line>`` plus its number, date, reason."""
    return lambda s: {f"status_{s.review_line.pk}": status,
                      **{f"{name}_{s.review_line.pk}": value for name, value in fields.items()}}


def _keyed(key: str) -> Callable[[Steps], dict]:
    return lambda s: {f"status_{key}": "accepted", f"number_{key}": "12/QĐ-UBND", f"date_{key}": "2026-01-15"}


def _document_url(name: str, pk: str) -> Callable[[Steps], str]:
    return lambda s: reverse(f"documents:{name}", args=[1]).replace("/1/", f"/{pk}/")


CASES = {
    # Sở Nội vụ's review of the Tờ trình (one pending line).
    "review: nothing posted": Hostile("review", "sonoivu", {}, 400, NO_ANSWER),
    "review: a line of another Tờ trình": Hostile("review", "sonoivu", lambda s: _keyed(s.other_line.pk)(s),
                                                  400, NO_ANSWER),
    "review: a line that does not exist": Hostile("review", "sonoivu", _keyed("999999999"), 400, NO_ANSWER),
    "review: a key past 64 bits": Hostile("review", "sonoivu", _keyed(BEYOND_64_BITS), 400, NO_ANSWER),
    "review: a negative key": Hostile("review", "sonoivu", _keyed("-1"), 400, NO_ANSWER),
    "review: a key that is not a number": Hostile("review", "sonoivu", _keyed("²"), 400, NO_ANSWER),
    "review: an answer that does not exist": Hostile("review", "sonoivu", _answer("awarded"), 400, NO_ANSWER),
    "review: HTML for an answer": Hostile("review", "sonoivu", _answer(SCRIPT), 400, NO_ANSWER),
    "review: an answer typed in NFD": Hostile("review", "sonoivu",
                                             _answer(unicodedata.normalize("NFD", "trả lại"), reason="Thiếu"),
                                             400, NO_ANSWER),
    "review: accepted without a number": Hostile("review", "sonoivu", _answer("accepted", date="2026-01-15"),
                                                 400, "ghi số và ngày quyết định"),
    "review: a number of blanks": Hostile("review", "sonoivu", _answer("accepted", number="   ", date="2026-01-15"),
                                          400, "ghi số và ngày quyết định"),
    "review: a number of 5,000 characters": Hostile("review", "sonoivu",
                                                    _answer("accepted", number="1" * 5000, date="2026-01-15"),
                                                    400, "số quyết định dài quá 50 ký tự"),
    "review: 30 February": Hostile("review", "sonoivu", _answer("accepted", number="12/QĐ", date="2026-02-30"),
                                   400, BAD_DATE),
    "review: a date past the year 9999": Hostile("review", "sonoivu",
                                                 _answer("accepted", number="12/QĐ", date="99999-01-15"),
                                                 400, BAD_DATE),
    "review: template syntax for a date": Hostile("review", "sonoivu",
                                                  _answer("accepted", number="12/QĐ", date="{% now 'Y-m-d' %}"),
                                                  400, BAD_DATE),
    "review: returned with a reason of blanks": Hostile("review", "sonoivu", _answer("returned", reason=" \t "),
                                                        400, "ghi rõ lý do"),
    "review: NUL in the reason": Hostile("review", "sonoivu", _answer("returned", reason="Thiếu\x00"),
                                         400, NUL_REFUSED),
    "review: the agency's secretariat answers for Sở Nội vụ": Hostile(
        "review", "hcqt", _answer("rejected", reason="Không"), 403, SOMEONE_ELSE),
    "review: a member of staff of the agency": Hostile("review", "canbo.kt.04", _answer("rejected", reason="Không"),
                                                       404),
    # The secretariat resubmits the returned line.
    "resubmit: NUL in the note": Hostile("resubmit", "hcqt", {"note": "Đã bổ sung\x00"}, 400, NUL_REFUSED),
    "resubmit: NUL in a forged key": Hostile("resubmit", "hcqt", {"note": "Đã bổ sung", "line\x00": "1"},
                                             400, NUL_REFUSED),
    "resubmit: Sở Nội vụ resubmits": Hostile("resubmit", "sonoivu", {"note": "Đã bổ sung"}, 403, SOMEONE_ELSE),
    "resubmit: the chief": Hostile("resubmit", "chanhvp", {"note": "Đã bổ sung"}, 403, SOMEONE_ELSE),
    # The secretariat finalises the minutes.
    "finalise: NUL in the conclusion": Hostile("finalise", "hcqt", {"conclusion": "Thống nhất\x00"}, 400,
                                               NUL_REFUSED),
    "finalise: a start time of 5,000 characters": Hostile("finalise", "hcqt", {"start_time": "8" * 5000}, 400,
                                                          "Giờ bắt đầu dài quá 30 ký tự"),
    "finalise: a conclusion past 20,000 characters": Hostile("finalise", "hcqt", {"conclusion": "Đạt. " * 4001},
                                                             400, "Kết luận dài quá 20000 ký tự"),
    "finalise: template syntax and a long end time": Hostile("finalise", "hcqt",
                                                             {"end_time": "{{ request.user.password }}" * 2},
                                                             400, "Giờ kết thúc dài quá 30 ký tự"),
    "finalise: the chief writes the minutes": Hostile("finalise", "chanhvp", {}, 403, SOMEONE_ELSE),
    "finalise: a council member": Hostile("finalise", "hoidong1", {}, 403, SOMEONE_ELSE),
    # The chief approves.
    "approve: NUL in a forged key": Hostile("approve", "chanhvp", {"session": "1\x00"}, 400, NUL_REFUSED),
    "approve: the secretariat approves": Hostile("approve", "hcqt", {}, 403, SOMEONE_ELSE),
    "approve: a deputy on the chief's task": Hostile("approve", "phochanhvp1", {}, 403, SOMEONE_ELSE),
    # Signing a document.
    "sign: a document that does not exist": Hostile("sign", "chanhvp", {}, 404, url=_document_url("sign", "999999999")),
    "sign: a number past 64 bits": Hostile("sign", "chanhvp", {}, 404, url=_document_url("sign", BEYOND_64_BITS)),
    "sign: a negative number": Hostile("sign", "chanhvp", {}, 404, url=_document_url("sign", "-1")),
    "sign: not a number": Hostile("sign", "chanhvp", {}, 404, url=_document_url("sign", "abc")),
    "sign: another agency's draft": Hostile("sign", "chanhvp", {}, 404,
                                            url=lambda s: reverse("documents:sign", args=[s.foreign.pk])),
    "sign: a unit head": Hostile("sign", "truongphong.kt", {}, 404),
    "sign: the secretariat": Hostile("sign", "hcqt", {}, 302,
                                     "Chỉ Chánh Văn phòng hoặc Phó Chánh Văn phòng mới được ký văn bản"),
    "sign: an issued document again": Hostile("sign", "chanhvp", {}, 302, "Văn bản này đã được ký",
                                              url=lambda s: reverse("documents:sign", args=[s.issued.pk])),
    "sign: a document that failed to render": Hostile("sign", "chanhvp", {}, 302, "Văn bản này đã được ký",
                                                      url=lambda s: reverse("documents:sign", args=[s.failed.pk])),
    "sign: NUL in a forged key": Hostile("sign", "chanhvp", {"signer": "1\x00"}, 400, NUL_REFUSED),
    # Making a failed document again.
    "retry: a document that does not exist": Hostile("retry", "chanhvp", {}, 404,
                                                     url=_document_url("retry", "999999999")),
    "retry: a number past 64 bits": Hostile("retry", "chanhvp", {}, 404, url=_document_url("retry", BEYOND_64_BITS)),
    "retry: a negative number": Hostile("retry", "chanhvp", {}, 404, url=_document_url("retry", "-1")),
    "retry: another agency's draft": Hostile("retry", "chanhvp", {}, 404,
                                             url=lambda s: reverse("documents:retry", args=[s.foreign.pk])),
    "retry: a draft": Hostile("retry", "chanhvp", {}, 302, "Chỉ tạo lại được văn bản bị lỗi khi tạo PDF",
                              url=lambda s: reverse("documents:retry", args=[s.draft.pk])),
    "retry: an issued document": Hostile("retry", "hcqt", {}, 302, "Chỉ tạo lại được văn bản bị lỗi khi tạo PDF",
                                         url=lambda s: reverse("documents:retry", args=[s.issued.pk])),
    "retry: a council member": Hostile("retry", "hoidong1", {}, 404),
    "retry: NUL in a forged key": Hostile("retry", "chanhvp", {"document": "\x00"}, 400, NUL_REFUSED),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_hostile_post_gets_a_vietnamese_answer_and_changes_nothing(steps, name):
    case = CASES[name]
    url = case.url(steps) if case.url else steps.urls[case.step]
    data = case.data(steps) if callable(case.data) else case.data
    client = signed_in(case.user)
    before = state()

    response = client.post(url, data)

    assert response.status_code == case.status, page_text(client, response)[:2000]
    assert changed(before, state()) == []
    text = page_text(client, response)
    assert case.says in text
    assert SCRIPT not in response.content.decode(errors="replace")


@pytest.mark.parametrize("step", ["review", "resubmit", "finalise", "approve", "sign", "retry"])
def test_an_auditor_is_refused_every_step_and_only_the_refusal_is_logged(steps, step):
    client = signed_in("kiemtra")
    before = state()

    response = client.post(steps.urls[step], {})

    assert response.status_code == 403
    after = state()
    assert changed(before, after) == [f"workflow_auditevent: {before['rows']['workflow_auditevent']} → "
                                      f"{before['rows']['workflow_auditevent'] + 1}"]
    assert AuditEvent.objects.order_by("-seq").first().action == Action.AUDITOR_WRITE_REFUSED


# --- The same step posted again once it is done (a double click a second later, a second tab) -------


REPLAYS = {
    "review": ("sonoivu", _answer("accepted", number="12/QĐ-UBND", date="2026-01-15"), 403, DONE),
    "resubmit": ("hcqt", {"note": "Đã bổ sung quyết định công nhận sáng kiến"}, 403, DONE),
    "finalise": ("hcqt", {"start_time": "08 giờ 00"}, 403, DONE),
    "approve": ("chanhvp", {"read_drafts": "1"}, 403, DONE),
    "sign": ("chanhvp", {}, 302, "Văn bản này đã được ký"),
    "retry": ("chanhvp", {}, 302, "Chỉ tạo lại được văn bản bị lỗi khi tạo PDF"),
}


@pytest.mark.parametrize("step", list(REPLAYS))
def test_a_step_posted_again_once_done_is_refused_in_vietnamese_and_changes_nothing(steps, step):
    user, data, status, says = REPLAYS[step]
    data = data(steps) if callable(data) else data
    client = signed_in(user)
    assert client.post(steps.urls[step], data).status_code == 302
    before = state()

    again = client.post(steps.urls[step], data)

    assert again.status_code == status
    assert changed(before, state()) == []
    assert says in page_text(client, again)


# --- Hostile text that is valid input: kept literally, in NFC, and shown escaped ---------------------


def test_a_reason_typed_in_nfd_with_html_is_stored_in_nfc_and_shown_escaped(steps):
    client = signed_in("sonoivu")
    reason = unicodedata.normalize("NFD", f"Thiếu quyết định công nhận {SCRIPT} {{{{ x }}}}")

    response = client.post(steps.urls["review"], _answer("returned", reason=reason)(steps))

    assert response.status_code == 302
    line = Line.objects.get(pk=steps.review_line.pk)
    expected = unicodedata.normalize("NFC", reason)
    assert line.note == expected and line.home_affairs_answer.reason == expected
    resubmit = taken(open_task(line.home_affairs_answer.submission.process, HomeAffairsFlow.resubmit),
                     User.objects.get(username="hcqt"))
    page = signed_in("hcqt").get(_task_url(resubmit)).content.decode()
    assert html.escape(expected) in page and SCRIPT not in page


def test_a_resubmission_note_typed_in_nfd_is_stored_in_nfc(steps):
    note = unicodedata.normalize("NFD", "  Đã bổ sung quyết định công nhận sáng kiến  ")

    assert signed_in("hcqt").post(steps.urls["resubmit"], {"note": note}).status_code == 302

    assert Line.objects.get(pk=steps.other_line.pk).note == unicodedata.normalize("NFC", note).strip()


def test_template_syntax_in_the_conclusion_goes_into_the_minutes_literally(steps):
    conclusion = unicodedata.normalize("NFD", "Thống nhất {{ request.user.password }} {% debug %}")

    assert signed_in("hcqt").post(steps.urls["finalise"], {"conclusion": conclusion}).status_code == 302

    minutes = Session.objects.get(pk=steps.tallied.pk).minutes
    assert minutes.data["conclusion"][-1] == unicodedata.normalize("NFC", conclusion)  # after the generated one


def test_keys_forged_into_the_approval_touch_nothing_but_the_session_of_the_task(steps):
    other = steps.tallied
    before = Session.objects.get(pk=other.pk).status

    response = signed_in("chanhvp").post(steps.urls["approve"], {"session": other.pk, "status": "approved",
                                                                  "read_drafts": "1"})

    assert response.status_code == 302
    assert Session.objects.get(pk=other.pk).status == before == SessionStatus.TALLIED
    assert OutcomeDocument.objects.filter(session=other).count() == 0


def test_keys_forged_into_a_signature_are_ignored(steps):
    deputy = User.objects.get(username="phochanhvp1")

    response = signed_in("chanhvp").post(steps.urls["sign"], {"signer": deputy.pk, "number": "7",
                                                              "status": DocumentStatus.READY})

    assert response.status_code == 302
    document = IssuedDocument.objects.get(pk=steps.draft.pk)
    assert (document.signer.username, document.signer_is_deputy, document.status, document.number) == (
        "chanhvp", False, DocumentStatus.QUEUED, None)
