"""Signed webhooks (issue 22): a delivery per matching subscription, written with the audit event, sent after
commit to a real HTTP receiver that checks the signature; retried with backoff, failed after the last try, and
never in the way of the workflow step that caused it."""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from nominations import demo_facts, services
from nominations.models import Award, CommendationKind, DossierStatus
from tests.nominations.api_helpers import api_client, bearer
from tests.nominations.helpers import edit_task, open_cycle, open_dossier, review_task, run
from workflow.audit.models import AuditEvent
from workflow.webhooks import services as webhooks
from workflow.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from workflow.webhooks.signing import SignatureError, signature_header, verify_signature

pytestmark = pytest.mark.django_db


class Receiver:
    """A webhook receiver on a free local port, as a subscriber would write one: it verifies each POST with the
    subscription's secret and records what came; ``answers`` are the status codes it gives in turn (then 200),
    ``delays`` the seconds it takes before answering each (to answer after the sender gave up)."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.answers: list[int] = []
        self.delays: list[float] = []
        self.secret = ""
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                try:
                    verify_signature(secret=receiver.secret, body=body, header=self.headers["X-Thidua-Signature"])
                    verified = True
                except SignatureError:
                    verified = False
                receiver.requests.append({"body": body, "verified": verified, "event": self.headers["X-Thidua-Event"],
                                          "delivery": self.headers["X-Thidua-Delivery"],
                                          "signature": self.headers["X-Thidua-Signature"]})
                if receiver.delays:
                    time.sleep(receiver.delays.pop(0))
                status = receiver.answers.pop(0) if receiver.answers else 200
                self.send_response(status if verified else 400)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/thidua"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def handled(self) -> set[str]:
        """What an idempotent receiver processes: each delivery id once, however often it came."""
        return {r["delivery"] for r in self.requests if r["verified"]}


@pytest.fixture
def receiver():
    server = Receiver()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


def closed_port_url() -> str:
    """An address where nothing listens: the port was free a moment ago and is closed again."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/hooks"


def subscribe(client, url: str, events: list[str], receiver: Receiver | None = None) -> WebhookSubscription:
    subscription, secret = webhooks.webhook_subscription_create(
        actor=User.objects.get(username="admin"), client=client, url=url, event_types=events)
    if receiver is not None:
        receiver.secret = secret
    return subscription


def submitted_dossier(person):
    dossier = open_dossier(open_cycle(2025))
    head = person("truongphong.kt")
    demo_facts.facts_record(year=2025, lines=[(head.unit, "TTLDTT")])
    services.line_add(actor=head, dossier=dossier, unit=head.unit, award=Award.objects.get(code="TTLDTT"),
                      commendation_kind=CommendationKind.objects.get(code="THUONG_XUYEN"), achievements="Tốt.")
    demo_facts.papers_record(dossier=dossier)
    run(edit_task(dossier), head, lambda: services.dossier_submit(actor=head, dossier=dossier))
    return dossier


def return_dossier(dossier, person):
    secretariat = person("hcqt")
    run(review_task(dossier), secretariat, lambda: services.dossier_review(
        actor=secretariat, dossier=dossier, accept=False, reason="Thiếu báo cáo thành tích"))


def test_a_returned_dossier_is_delivered_once_per_matching_subscription_after_commit(
        person, receiver, django_capture_on_commit_callbacks):
    """Given the Office's e-office system subscribed to dossier.returned (and, a second time, to document.issued
    only), another agency's system subscribed to dossier.returned, and a switched-off subscription;
    when the secretariat returns a unit's dossier
    then one delivery row exists before the commit and nothing was sent; after it the receiver got exactly one
    signed POST naming the dossier and its API address, which the client may read with its token."""
    office, office_token = api_client("Hệ thống quản lý văn bản Văn phòng", role=Role.SECRETARIAT)
    other, _token = api_client("Hệ thống Sở Kế hoạch và Đầu tư", role=Role.SECRETARIAT, agency_code="SKHDT")
    subscribe(office, receiver.url, ["dossier.returned"], receiver)
    subscribe(office, receiver.url, ["document.issued"])
    subscribe(other, receiver.url, ["dossier.returned", "document.issued"])
    off = subscribe(office, receiver.url, ["dossier.returned"])
    webhooks.webhook_subscription_update(actor=person("admin"), subscription=off, url=off.url,
                                         event_types=off.event_types, is_active=False)
    dossier = submitted_dossier(person)

    with django_capture_on_commit_callbacks() as callbacks:
        return_dossier(dossier, person)
        (delivery,) = WebhookDelivery.objects.all()
        assert receiver.requests == []

    for callback in callbacks:
        callback()
    (request,) = receiver.requests
    assert request["verified"] and request["event"] == "dossier.returned"
    assert request["delivery"] == str(delivery.delivery_id)
    payload = json.loads(request["body"])
    event = AuditEvent.objects.get(pk=delivery.audit_event_id)
    assert event.action == "object.returned" and event.object_id == str(dossier.pk)
    assert payload["object"] == {"type": "nominations.dossier", "id": str(dossier.pk)}
    assert payload["event"] == "dossier.returned" and payload["agency"] == "VP" and payload["audit_seq"] == event.seq
    assert "Thiếu báo cáo" not in request["body"].decode()  # ids only: the content is read through the API
    path = reverse("api:dossier-detail", args=[dossier.pk])
    assert payload["url"].endswith(path)
    assert bearer(office_token).get(path).json()["status"] == DossierStatus.RETURNED
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.attempts == 1 and delivery.last_status == 200


def test_a_step_rolled_back_leaves_no_delivery_and_sends_nothing(person, receiver,
                                                                 django_capture_on_commit_callbacks):
    """Given a subscription to dossier.returned; when the return is rolled back after its audit event
    then no delivery row stays and nothing is sent."""
    office, _token = api_client("Hệ thống quản lý văn bản Văn phòng", role=Role.SECRETARIAT)
    subscribe(office, receiver.url, ["dossier.returned"], receiver)
    dossier = submitted_dossier(person)

    class Abandoned(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(Abandoned), transaction.atomic():
            return_dossier(dossier, person)
            assert WebhookDelivery.objects.count() == 1
            raise Abandoned

    assert WebhookDelivery.objects.count() == 0 and receiver.requests == []
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED


def test_a_unit_system_hears_only_of_its_own_unit(person, receiver, django_capture_on_commit_callbacks):
    """Given the software of Phòng Nông nghiệp (unit-head role of that unit) subscribed to dossier.returned;
    when Phòng Kinh tế's dossier is returned then it is not told (it may not read that dossier)."""
    head_nc = person("truongphong.nc")
    unit_system, _token = api_client("Phần mềm Phòng Nông nghiệp", role=Role.UNIT_HEAD, unit=head_nc.unit)
    subscribe(unit_system, receiver.url, ["dossier.returned"], receiver)
    dossier = submitted_dossier(person)

    with django_capture_on_commit_callbacks(execute=True):
        return_dossier(dossier, person)

    assert WebhookDelivery.objects.count() == 0 and receiver.requests == []


def test_an_issued_decision_is_delivered_with_its_api_address(receiver, fast_pdfs):
    """Given the Office's system subscribed to document.issued; when the council's Quyết định is issued
    then one signed delivery names the document and the decision's API address."""
    from tests.nominations.certificate_helpers import issued_decision

    office, token = api_client("Hệ thống quản lý văn bản Văn phòng", role=Role.SECRETARIAT)
    subscribe(office, receiver.url, ["document.issued"], receiver)

    decision = issued_decision()

    issued = [r for r in receiver.requests if json.loads(r["body"])["object"]["id"] == str(decision.document_id)]
    assert len(issued) == 1 and issued[0]["verified"] and issued[0]["event"] == "document.issued"
    payload = json.loads(issued[0]["body"])
    assert payload["object"]["type"] == "workflow.issueddocument"
    path = reverse("api:decision-detail", args=[decision.pk])
    assert payload["url"].endswith(path) and bearer(token).get(path).status_code == 200
    assert WebhookDelivery.objects.filter(event="document.issued").count() == len(receiver.requests)


def test_a_dead_endpoint_never_blocks_the_step_and_fails_after_backing_off(
        person, settings, django_capture_on_commit_callbacks):
    """Given a subscription whose receiver is down (a closed port), three tries at most, 60 s backoff;
    when the dossier is returned then the step is done (dossier returned, the unit head's task open) and the
    delivery waits 60 s; the beat task sends nothing before it is due, then waits 120 s; after the third try it is
    failed, with its error and an audit event."""
    settings.WEBHOOK_MAX_ATTEMPTS, settings.WEBHOOK_RETRY_SECONDS = 3, 60
    office, _token = api_client("Hệ thống quản lý văn bản Văn phòng", role=Role.SECRETARIAT)
    subscribe(office, closed_port_url(), ["dossier.returned"])
    dossier = submitted_dossier(person)

    started = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        return_dossier(dossier, person)
    took = (timezone.now() - started).total_seconds()

    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED and edit_task(dossier) is not None
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.RETRYING and delivery.attempts == 1 and delivery.last_status is None
    assert "refused" in delivery.last_error.lower()
    first_wait = (delivery.next_attempt_at - started).total_seconds()
    assert 60 <= first_wait <= 60 + took + 1

    assert webhooks.webhook_deliveries_send_due(now=delivery.next_attempt_at - dt.timedelta(seconds=1)) == []
    delivery.refresh_from_db()
    assert delivery.attempts == 1

    due = delivery.next_attempt_at
    assert webhooks.webhook_deliveries_send_due(now=due) == []
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and delivery.next_attempt_at == due + dt.timedelta(seconds=120)

    webhooks.webhook_deliveries_send_due(now=delivery.next_attempt_at)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 3 and delivery.next_attempt_at is None
    failed = AuditEvent.objects.get(action="webhook.delivery_failed")
    assert failed.changes["delivery"] == str(delivery.delivery_id) and failed.changes["attempts"] == 3
    assert webhooks.webhook_deliveries_send_due(now=due + dt.timedelta(days=1)) == []


def test_a_500_is_retried_under_the_same_delivery_id_and_never_sent_again_once_delivered(
        person, receiver, django_capture_on_commit_callbacks):
    """Given a receiver answering 500 once; when the dossier is returned, then retried when due
    then the receiver saw two signed POSTs of one delivery id, the row is delivered, and later sweeps send no
    more."""
    office, _token = api_client("Hệ thống quản lý văn bản Văn phòng", role=Role.SECRETARIAT)
    subscribe(office, receiver.url, ["dossier.returned"], receiver)
    receiver.answers = [500]
    dossier = submitted_dossier(person)
    with django_capture_on_commit_callbacks(execute=True):
        return_dossier(dossier, person)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.RETRYING and delivery.last_status == 500
    assert delivery.last_error == "HTTP 500"

    assert webhooks.webhook_deliveries_send_due(now=delivery.next_attempt_at) == [delivery.pk]
    assert webhooks.webhook_deliveries_send_due(now=delivery.next_attempt_at + dt.timedelta(hours=2)) == []

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.attempts == 2
    assert [r["delivery"] for r in receiver.requests] == [str(delivery.delivery_id)] * 2
    assert all(r["verified"] for r in receiver.requests)
    assert receiver.requests[0]["body"] == receiver.requests[1]["body"]


def test_a_receiver_answering_after_the_timeout_is_tried_again_and_recognises_the_repeat(
        person, receiver, settings, django_capture_on_commit_callbacks):
    """Given a receiver that takes longer than the sender waits (1 s) on the first POST, though it processes it;
    when the retry comes then it carries the same delivery id: the receiver handles the event once."""
    settings.WEBHOOK_TIMEOUT_SECONDS = 1
    office, _token = api_client("Hệ thống quản lý văn bản Văn phòng", role=Role.SECRETARIAT)
    subscribe(office, receiver.url, ["dossier.returned"], receiver)
    receiver.delays = [1.5]
    dossier = submitted_dossier(person)
    with django_capture_on_commit_callbacks(execute=True):
        return_dossier(dossier, person)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.RETRYING and "timed out" in delivery.last_error.lower()

    webhooks.webhook_deliveries_send_due(now=delivery.next_attempt_at)

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert len(receiver.requests) == 2 and receiver.handled == {str(delivery.delivery_id)}


def test_the_signature_refuses_a_changed_body_an_old_timestamp_and_another_secret():
    """Given a body signed now; then it verifies, and a changed body, a timestamp past the 5-minute window (either
    way), another secret, or a header without v1 are refused."""
    secret, body, now = "whsec_test", b'{"event":"dossier.returned","id":"1"}', 1_800_000_000
    header = signature_header(secret=secret, body=body, timestamp=now)

    assert verify_signature(secret=secret, body=body, header=header, now=now + 299) == now
    refused = [
        dict(body=body.replace(b"1", b"2"), header=header, now=now),
        dict(body=body, header=header, now=now + 301),
        dict(body=body, header=header, now=now - 301),
        dict(body=body, header=signature_header(secret="whsec_other", body=body, timestamp=now), now=now),
        dict(body=body, header=f"t={now}", now=now),
        dict(body=body, header="", now=now),
    ]
    for case in refused:
        with pytest.raises(SignatureError):
            verify_signature(secret=secret, **case)


def test_only_the_administrator_subscribes_and_an_address_must_be_https(person, settings):
    """Given the secretariat and a plain-http address in production; then subscribing is refused to the first and
    the address refused to the administrator, and nothing is written."""
    from django.core.exceptions import PermissionDenied, ValidationError

    office, _token = api_client("Hệ thống quản lý văn bản Văn phòng", role=Role.SECRETARIAT)
    with pytest.raises(PermissionDenied):
        webhooks.webhook_subscription_create(actor=person("hcqt"), client=office, url="https://a.example/h",
                                             event_types=["dossier.returned"])
    settings.WEBHOOK_ALLOW_HTTP = False
    with pytest.raises(ValidationError):
        webhooks.webhook_subscription_create(actor=person("admin"), client=office, url="http://a.example/h",
                                             event_types=["dossier.returned"])
    with pytest.raises(ValidationError):
        webhooks.webhook_subscription_create(actor=person("admin"), client=office, url="https://a.example/h",
                                             event_types=["object.updated"])
    assert not WebhookSubscription.objects.exists()


# --- the admin ----------------------------------------------------------------------------------------------

def test_the_administrator_subscribes_in_the_admin_and_sees_the_secret_once(login, person):
    """Given the administrator; when they add a subscription in the admin then the answer shows its secret (not
    cached), the change page and the list do not, and the creation is in the audit log without it."""
    office, _token = api_client("Hệ thống quản lý văn bản Văn phòng", role=Role.SECRETARIAT)
    admin = login("admin")
    assert admin.get(reverse("admin:workflow_webhooksubscription_add")).status_code == 200

    response = admin.post(reverse("admin:workflow_webhooksubscription_add"), {
        "client": office.pk, "url": "https://vanban.example.gov.vn/hooks/thidua",
        "event_types": ["dossier.returned", "document.issued"], "is_active": "on"})

    subscription = WebhookSubscription.objects.get()
    assert response.status_code == 200 and subscription.secret in response.content.decode()
    assert "no-store" in response.headers["Cache-Control"]
    assert subscription.event_types == ["document.issued", "dossier.returned"]
    for url in (reverse("admin:workflow_webhooksubscription_change", args=[subscription.pk]),
                reverse("admin:workflow_webhooksubscription_changelist")):
        page = admin.get(url)
        assert page.status_code == 200 and subscription.secret not in page.content.decode()
    event = AuditEvent.objects.get(action="webhook.subscription_changed")
    assert subscription.secret not in json.dumps(event.changes) and event.actor == person("admin")
    assert subscription.secret[:6] == "whsec_"
    assert not subscription.history.filter(history_type="+").values().first().get("secret")


def test_the_administrator_replaces_a_secret_in_the_admin(login):
    """Given a subscription; when the administrator runs "new secret" then the page shows the new one, the old one
    signs nothing any more, and the replacement is audited."""
    office, _token = api_client("Hệ thống quản lý văn bản Văn phòng", role=Role.SECRETARIAT)
    subscription = subscribe(office, "https://vanban.example.gov.vn/hooks", ["dossier.returned"])
    old = subscription.secret

    response = login("admin").post(reverse("admin:workflow_webhooksubscription_changelist"), {
        "action": "rotate_secret", "_selected_action": [subscription.pk]})

    subscription.refresh_from_db()
    assert subscription.secret != old and subscription.secret in response.content.decode()
    assert AuditEvent.objects.filter(action="webhook.secret_rotated").count() == 1


def test_deliveries_are_listed_with_their_state_and_a_failed_one_is_sent_again(  # noqa: PLR0917 - fixtures
        login, person, receiver, settings, django_assert_max_num_queries, django_capture_on_commit_callbacks):
    """Given deliveries failed against a dead receiver; then the administrator's list shows them with their state
    in a number of queries that does not grow with the rows, and a delivery's page opens; when the receiver is back
    and the administrator retries them, then they are delivered and the retry is audited."""
    settings.WEBHOOK_MAX_ATTEMPTS = 1
    office, _token = api_client("Hệ thống quản lý văn bản Văn phòng", role=Role.SECRETARIAT)
    dead = subscribe(office, closed_port_url(), ["dossier.returned"])
    dossier = submitted_dossier(person)
    with django_capture_on_commit_callbacks(execute=True):
        return_dossier(dossier, person)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    admin = login("admin")
    changelist = reverse("admin:workflow_webhookdelivery_changelist")
    page = admin.get(changelist)
    assert page.status_code == 200 and str(DeliveryStatus.FAILED.label) in page.content.decode()
    with django_assert_max_num_queries(12) as one_row:
        admin.get(changelist)
    for _ in range(4):
        WebhookDelivery.objects.create(subscription=dead, event="dossier.returned",
                                       audit_event=delivery.audit_event, body=delivery.body)
    with django_assert_max_num_queries(len(one_row.captured_queries)):
        assert admin.get(changelist + "?status=pending").status_code == 200
    assert admin.get(reverse("admin:workflow_webhookdelivery_change", args=[delivery.pk])).status_code == 200
    assert admin.get(reverse("admin:workflow_webhookdelivery_add")).status_code == 403

    webhooks.webhook_subscription_update(actor=person("admin"), subscription=dead, url=receiver.url,
                                         event_types=dead.event_types, is_active=True)
    receiver.secret = dead.secret
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(changelist, {"action": "retry", "_selected_action": [delivery.pk]})

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED and receiver.handled == {str(delivery.delivery_id)}
    retried = AuditEvent.objects.get(action="webhook.delivery_retried")
    assert retried.changes["was"]["status"] == DeliveryStatus.FAILED


@pytest.mark.parametrize("username", ["hcqt", "chanhvp", "kiemtra"])
def test_the_webhook_admin_is_the_administrators_only(login, username, person):
    """Given a person who is not the administrator; then the admin's webhook pages send them to its login."""
    if not User.objects.filter(username=username).exists():
        pytest.skip(f"no demo person {username}")
    client = login(username)
    for name in ("admin:workflow_webhooksubscription_changelist", "admin:workflow_webhookdelivery_changelist"):
        assert client.get(reverse(name)).status_code == 302
