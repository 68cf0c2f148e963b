"""API v1 (issue 22): every read endpoint as an allowed client, as a client of another agency (empty lists, 404 on
detail) and anonymously (401, problem details); tokens stored as hashes; one error and pagination convention."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from accounts import services as account_services
from accounts.models import ApiClient, User
from accounts.roles import Role
from nominations import services
from nominations.api.authentication import ApiClientRateThrottle
from nominations.models import Award
from workflow.audit import Action
from workflow.audit.models import AuditEvent

from .api_helpers import api_client, bearer
from .certificate_helpers import issued_decision
from .helpers import open_cycle

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()  # the rate counters live in the cache


@pytest.fixture
def world(fast_pdfs):
    """The Office's issued Lao động tiên tiến decision (its session's cycle and dossier), a registry row of the
    Office; a client acting as the Office's secretariat and one as Sở Kế hoạch và Đầu tư's."""
    decision = issued_decision()
    line = decision.lines.select_related("dossier__cycle").order_by("pk").first()
    person = User.objects.get(username="canbo.kt.02")
    row = services.past_award_record(actor=None, award=Award.objects.get(code="LDTT"), year=2019, person=person,
                                     issuer="Chánh Văn phòng", decision_number="19/QĐ-VP",
                                     decision_date=dt.date(2020, 1, 15))
    _own, own_token = api_client("Hệ thống quản lý văn bản Văn phòng", role=Role.SECRETARIAT)
    _other, other_token = api_client("Hệ thống Sở Kế hoạch và Đầu tư", role=Role.SECRETARIAT, agency_code="SKHDT")
    return {"decision": decision, "dossier": line.dossier, "cycle": line.dossier.cycle, "row": row,
            "person": person, "own": own_token, "other": other_token}


def _lists(world) -> dict[str, str]:
    return {"registry": reverse("api:registry-list"), "cycles": reverse("api:cycle-list"),
            "dossiers": reverse("api:dossier-list"), "decisions": reverse("api:decision-list")}


def _details(world) -> dict[str, str]:
    return {"cycle": reverse("api:cycle-detail", args=[world["cycle"].pk]),
            "dossier": reverse("api:dossier-detail", args=[world["dossier"].pk]),
            "decision": reverse("api:decision-detail", args=[world["decision"].pk]),
            "decision_pdf": reverse("api:decision-pdf", args=[world["decision"].pk])}


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


# --- the allowed client ------------------------------------------------------------------------------------


def test_the_offices_client_reads_its_cycles_dossiers_decisions_and_registry(world):
    # Given the client acting as the Office's secretariat
    api = bearer(world["own"])

    # When it reads every list, Then each holds the Office's objects
    assert world["cycle"].pk in _ids(api.get(reverse("api:cycle-list")))
    assert world["dossier"].pk in _ids(api.get(reverse("api:dossier-list")))
    assert _ids(api.get(reverse("api:decision-list"))) == {world["decision"].pk}
    assert world["row"].pk in _ids(api.get(reverse("api:registry-list")))


def test_a_decision_reads_with_its_number_lines_and_a_pdf_the_client_can_fetch(world):
    api = bearer(world["own"])
    decision = world["decision"]

    body = api.get(reverse("api:decision-detail", args=[decision.pk])).json()

    assert body["number"] == decision.document.number_text and body["number"]
    assert body["award"]["code"] == "LDTT"
    assert {line["id"] for line in body["lines"]} == set(decision.lines.values_list("pk", flat=True))
    assert all(line["status_label"] for line in body["lines"])
    pdf = api.get(body["pdf"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment;")
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_a_dossier_reads_with_its_status_and_the_lines_it_sent(world):
    api = bearer(world["own"])
    dossier = world["dossier"]

    body = api.get(reverse("api:dossier-detail", args=[dossier.pk])).json()

    assert body["status"] == dossier.status and body["status_label"] == dossier.get_status_display()
    assert body["unit"]["code"] == dossier.unit.code and body["agency"]["code"] == "VP"
    assert {line["id"] for line in body["lines"]} == set(dossier.lines.values_list("pk", flat=True))
    assert body["line_count"] == len(body["lines"])


def test_the_registry_is_searched_with_the_records_pages_parameters(world):
    api = bearer(world["own"])
    first_word = world["person"].full_name.split()[-1].lower()

    by_name = api.get(reverse("api:registry-list"), {"ten": first_word, "tu_nam": 2019, "den_nam": 2019})
    by_number = api.get(reverse("api:registry-list"), {"so_quyet_dinh": "19/QĐ-VP"})
    none = api.get(reverse("api:registry-list"), {"so_quyet_dinh": "999/QĐ-XX"})

    assert world["row"].pk in _ids(by_name)
    assert _ids(by_number) == {world["row"].pk}
    assert _ids(none) == set() and none.json()["count"] == 0
    row = next(r for r in by_number.json()["results"] if r["id"] == world["row"].pk)
    assert row["holder"] == world["person"].full_name and row["agency"]["code"] == "VP"


def test_a_wrong_search_is_a_400_problem_with_the_forms_vietnamese_message(world):
    response = bearer(world["own"]).get(reverse("api:registry-list"), {"tu_nam": 2020, "den_nam": 2019})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["title"] == "Dữ liệu gửi lên không hợp lệ" and body["status"] == 400
    assert body["errors"]["den_nam"] == ["“Đến năm” phải từ “Từ năm” trở về sau."]


# --- the client of another agency ----------------------------------------------------------------------------


def test_a_client_of_another_agency_sees_empty_lists(world):
    api = bearer(world["other"])

    for name, url in _lists(world).items():
        ids = _ids(api.get(url))
        assert not ids & {world["cycle"].pk, world["dossier"].pk, world["decision"].pk, world["row"].pk}, name
    assert _ids(api.get(reverse("api:decision-list"))) == set()
    assert _ids(api.get(reverse("api:dossier-list"))) == set()


@pytest.mark.parametrize("name", ["cycle", "dossier", "decision", "decision_pdf"])
def test_a_client_of_another_agency_gets_the_missing_404_on_each_detail(world, name):
    api = bearer(world["other"])
    url = _details(world)[name]
    missing = url.replace(f"/{_pk(world, name)}/", "/987654321/")

    forbidden, absent = api.get(url), api.get(missing)

    assert forbidden.status_code == absent.status_code == 404
    assert forbidden["Content-Type"] == "application/problem+json"
    assert forbidden.json() | {"instance": ""} == absent.json() | {"instance": ""}
    assert forbidden.json()["title"] == "Không tìm thấy"


def _pk(world, name: str) -> int:
    return {"cycle": world["cycle"], "dossier": world["dossier"]}.get(name, world["decision"]).pk


# --- anonymous, bad tokens, language, rate ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["registry", "cycles", "dossiers", "decisions", "cycle", "dossier", "decision",
                                  "decision_pdf", "schema"])
def test_anonymous_gets_a_401_problem_in_vietnamese(world, name):
    url = {**_lists(world), **_details(world), "schema": reverse("api:schema")}[name]

    response = Client().get(url)

    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json()["title"] == "Chưa xác thực"
    assert response.json()["instance"] == url


def test_the_problem_is_in_english_when_accept_language_asks(world):
    response = Client(HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").get(reverse("api:cycle-list"))

    assert response.status_code == 401
    assert response.json()["title"] == "Not authenticated"
    assert response["Content-Language"] == "en"


@pytest.mark.parametrize("header", ["Bearer wrong-token", "Bearer", "Bearer a b", "Token x"])
def test_a_wrong_or_malformed_token_is_a_401(world, header):
    response = Client(HTTP_AUTHORIZATION=header).get(reverse("api:cycle-list"))

    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_a_switched_off_client_is_refused_at_once(world):
    client = ApiClient.objects.get(name="Hệ thống quản lý văn bản Văn phòng")
    assert bearer(world["own"]).get(reverse("api:cycle-list")).status_code == 200

    account_services.api_client_set_active(actor=None, client=client, active=False)

    assert bearer(world["own"]).get(reverse("api:cycle-list")).status_code == 401


def test_a_person_signed_in_on_the_site_is_no_api_client(world, login):
    """The API takes tokens only: a browser session (and so a forged cross-site request) reads nothing."""
    assert login("hcqt").get(reverse("api:cycle-list")).status_code == 401


def test_a_client_over_its_rate_gets_a_429_problem(world, monkeypatch):
    monkeypatch.setattr(ApiClientRateThrottle, "THROTTLE_RATES", {"api_client": "2/minute"})
    api = bearer(world["own"])

    answers = [api.get(reverse("api:cycle-list")).status_code for _ in range(3)]
    other = bearer(world["other"]).get(reverse("api:cycle-list"))

    assert answers == [200, 200, 429]
    assert other.status_code == 200  # the rate is per client
    limited = api.get(reverse("api:cycle-list"))
    assert limited["Content-Type"] == "application/problem+json" and int(limited["Retry-After"]) > 0
    assert limited.json()["title"] == "Gọi quá nhiều lần"


def test_pages_are_numbered_and_bounded(world):
    api = bearer(world["own"])
    for year in (2030, 2031, 2032):
        open_cycle(year)

    first = api.get(reverse("api:cycle-list"), {"page_size": 2}).json()
    second = api.get(first["next"]).json()
    too_big = api.get(reverse("api:cycle-list"), {"page_size": 101})

    assert first["count"] >= 4 and first["count_capped"] is False and first["previous"] is None
    assert len(first["results"]) == 2 and second["previous"]
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}
    assert too_big.status_code == 400 and "page_size" in too_big.json()["errors"]


# --- tokens ------------------------------------------------------------------------------------------------


def test_a_token_is_kept_only_as_its_hash_and_its_issue_is_audited():
    # Given a service account of the Office's secretariat, registered as a client
    client, token = api_client("Hệ thống thử", role=Role.SECRETARIAT)

    # Then only the SHA-256 and a short prefix are stored, and the issue is in the audit log without the token
    client.refresh_from_db()
    assert token not in (client.token_hash, client.token_prefix) and len(client.token_hash) == 64
    assert token.startswith(client.token_prefix) and len(client.token_prefix) == 8
    event = AuditEvent.objects.filter(action=Action.API_TOKEN_ISSUED).latest("seq")
    assert event.object_repr == "Hệ thống thử" and token not in str(event.changes)
    assert AuditEvent.objects.filter(action=Action.API_CLIENT_CHANGED, object_id=str(client.pk)).exists()

    # When a new token is issued, Then the old one stops working
    new = account_services.api_token_issue(actor=None, client=client)
    assert bearer(token).get(reverse("api:cycle-list")).status_code == 401
    assert bearer(new).get(reverse("api:cycle-list")).status_code == 200


def test_only_an_administrator_registers_a_client_or_issues_a_token(person):
    chief = person("chanhvp")
    client, _token = api_client("Hệ thống thử", role=Role.SECRETARIAT)

    with pytest.raises(PermissionDenied) as refused:
        account_services.api_token_issue(actor=chief, client=client)

    assert "quản trị" in str(refused.value)


# --- a unit's system submits its dossier ------------------------------------------------------------------------


def _submission(cycle, unit, people, **extra) -> dict:
    import base64

    from .helpers import PDF

    return {"cycle": cycle.pk, "unit": unit.pk,
            "lines": [{"person": person.pk, "award": "LDTT", "commendation_kind": "THUONG_XUYEN",
                       "achievements": "Hoàn thành xuất sắc nhiệm vụ được giao.",
                       "report": "Hoàn thành xuất sắc nhiệm vụ; đạt chỉ tiêu năm."} for person in people],
            "files": [{"kind": "minutes", "filename": "bien-ban.pdf", "content": base64.b64encode(PDF).decode()}],
            **extra}


def test_a_units_system_submits_its_dossier_and_it_reaches_the_secretariats_inbox(fast_pdfs, login):
    from viewflow.workflow.status import STATUS

    from accounts.models import Unit
    from nominations.flows.dossier import DossierFlow
    from nominations.models import Dossier, DossierStatus

    # Given Phòng Kinh tế's system, acting as the unit head, and an open cycle
    unit = Unit.objects.get(agency__code="VP", code="KT")
    _client, token = api_client("Phần mềm Phòng Kinh tế", role=Role.UNIT_HEAD, unit=unit)
    cycle = open_cycle(2025)
    people = list(User.objects.filter(unit=unit, username__startswith="canbo").order_by("pk")[1:3])
    before = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first()

    # When it posts the dossier with two lines, their reports and the unit's minutes
    response = bearer(token).post(reverse("api:dossier-list"), _submission(cycle, unit, people),
                                  content_type="application/json")

    # Then the dossier is submitted, through the same steps and audit events as on the pages
    assert response.status_code == 201, response.content
    dossier = Dossier.objects.get(pk=response.json()["id"])
    assert dossier.status == DossierStatus.SUBMITTED and dossier.lines.count() == 2
    assert response["Location"].endswith(reverse("api:dossier-detail", args=[dossier.pk]))
    actions = list(AuditEvent.objects.filter(seq__gt=before).values_list("action", flat=True))
    for action in ("nominations.line_added", "nominations.achievement_report_confirmed", Action.SUBMITTED):
        assert action in actions
    service_account = User.objects.get(api_client__name="Phần mềm Phòng Kinh tế")
    assert AuditEvent.objects.get(seq__gt=before, action=Action.SUBMITTED).actor == service_account
    # and the review waits in the secretariat's inbox
    review = dossier.process.task_set.get(flow_task=DossierFlow.review, status=STATUS.NEW)
    assert DossierFlow.review.can_assign(User.objects.get(username="hcqt"), review)
    inbox = login("hcqt").get(reverse("home:inbox")).content.decode()
    assert f'data-task="{review.pk}"' in inbox


def test_a_refused_submission_writes_nothing_and_says_why_in_vietnamese(fast_pdfs):
    from accounts.models import Unit
    from nominations.models import Dossier

    unit = Unit.objects.get(agency__code="VP", code="KT")
    _client, token = api_client("Phần mềm Phòng Kinh tế", role=Role.UNIT_HEAD, unit=unit)
    cycle = open_cycle(2025)
    person = User.objects.filter(unit=unit, username__startswith="canbo").order_by("pk")[1]
    before = AuditEvent.objects.count()
    body = _submission(cycle, unit, [person])
    body["files"] = []  # no minutes: the submission gate refuses

    response = bearer(token).post(reverse("api:dossier-list"), body, content_type="application/json")

    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"]["non_field_errors"]
    assert not Dossier.objects.filter(cycle=cycle, unit=unit).exists()
    assert AuditEvent.objects.count() == before


def test_a_client_without_the_unit_head_role_cannot_submit(world):
    from accounts.models import Unit

    unit = Unit.objects.get(agency__code="VP", code="KT")
    person = User.objects.filter(unit=unit, username__startswith="canbo").order_by("pk")[1]
    body = _submission(open_cycle(2025), unit, [person])

    for token in (world["own"], world["other"]):  # the Office's secretariat; another agency's
        response = bearer(token).post(reverse("api:dossier-list"), body, content_type="application/json")
        assert response.status_code == 400
        assert set(response.json()["errors"]) >= {"unit"}  # not a unit it heads: unknown, as a missing one
    assert Client().post(reverse("api:dossier-list"), body, content_type="application/json").status_code == 401


def test_the_admin_issues_a_token_shown_once_whose_hash_is_what_is_kept(login):
    # Given a registered client, when an administrator runs "issue a new token" on it in the admin
    client, _old = api_client("Hệ thống thử", role=Role.SECRETARIAT)
    response = login("admin").post(reverse("admin:accounts_apiclient_changelist"),
                                   {"action": "issue_token", "_selected_action": [client.pk]})

    # Then the page shows the token (not cached), the client keeps only its hash, and the token works
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    page = response.content.decode()
    client.refresh_from_db()
    token = page.split("<code>", 1)[1].split("</code>", 1)[0]
    assert account_services.api_token_hash(token) == client.token_hash
    assert bearer(token).get(reverse("api:cycle-list")).status_code == 200
