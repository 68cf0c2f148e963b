"""Every service that changes domain data writes its audit event (issue 24): the simulated year runs
with each public transactional service of ``nominations`` (and the engine's) wrapped. Each write and
each audit event counts for the innermost service call running it, so a service called by another is
judged on its own and a caller is not covered by its callee's event: a call that wrote rows of the
domain itself but appended no event to the audit log is named, with the tables it wrote. Only the
parts listed in ``PARTS`` may be silent, and only inside the service whose event covers them."""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import pkgutil
import re
import sys
from dataclasses import dataclass, field, replace

import pytest
from django.db import connection, transaction

from nominations.simulation import simulate
from workflow.documents import kinds

pytestmark = pytest.mark.django_db

SERVICE_PACKAGES = ["nominations.services", "nominations.processes"]
ENGINE_SERVICES = ["workflow.documents.services", "workflow.signing.services", "workflow.deadlines.services",
                   "workflow.delegation.services", "workflow.jobs.services", "workflow.webhooks.services"]
AUDIT_TABLES = {"workflow_auditevent", "workflow_auditchainhead"}
# Not domain data: the row-level history of each model (simple-history's), the sign-in sessions, the
# outboxes of e-mails and of webhook deliveries (an effect of the action, not the action) and the log itself.
IGNORED = re.compile(r"^(.*historical.*|django_session|workflow_notification|workflow_webhookdelivery"
                     r"|workflow_audit.*)$")
# Services that are not business actions of their own, and why.
NOT_ACTIONS = {
    # Runs for each new task from the post_save of viewflow's Task (workflow.task_events): the due date is
    # part of the step that created the task, and that step is the action with its event.
    "workflow.deadlines.services.task_deadline_create",
}
# Services that are one part of another service's action, whose event covers them, and why. Called as an
# action of their own (outermost), they are judged like any other.
PARTS = {
    # processes.dossier.dossier_open creates the dossier, then starts its flow: the event is flow.started.
    "nominations.services.dossiers.dossier_create",
    # processes.dossier.dossiers_release (within the chief's approval) ends the dossier's flow: flow.finished.
    "nominations.services.dossiers.dossier_release",
    # The eligibility engine's verdicts, stored as derived data by line_add, line_update, line_remove and
    # dossier_submit, each with its own event.
    "nominations.services.dossiers.lines_check",
}
# Services that run a step's task through ``task_run`` around one service: their own writes are viewflow's
# bookkeeping of that task (and only that, or they are judged like any other); the action and its event are
# the inner service's.
STEP_RUNNERS = {
    # the secretariat enters an absent member's written vote: the member's ballot task completes around
    # services.council.ballot_cast, whose ballot.cast event records it.
    "nominations.processes.council.ballot_enter_written",
    # a unit's system submits its dossier (API, issue 22): the edit task completes around services.dossier_submit,
    # whose object.submitted event records it (line_add, the reports and attachment_add write their own).
    "nominations.processes.dossier.dossier_submit_from_system",
    # Sở Nội vụ's system answers a Tờ trình (API, issue 22): the review task completes around
    # services.submission_answer, whose home_affairs.* events record each line's answer.
    "nominations.processes.home_affairs.submission_answer_from_system",
}
# What a task's completion writes: the task rows, and the due date of the task it creates (workflow.deadlines).
FLOW_BOOKKEEPING = {"viewflow_task", "viewflow_task_previous", "viewflow_process", "workflow_taskdeadline"}
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([A-Za-z0-9_]+)"?', re.IGNORECASE)


def _is_atomic(fn) -> bool:
    """``@transaction.atomic`` leaves a wrapper whose closure holds the ``Atomic`` it enters."""
    return callable(fn) and any(isinstance(getattr(c, "cell_contents", None), transaction.Atomic)
                                for c in getattr(fn, "__closure__", None) or ())


def services() -> dict[object, str]:
    """Each public transactional service, by the function object, named module.function."""
    modules = [importlib.import_module(name) for name in ENGINE_SERVICES]
    for package in SERVICE_PACKAGES:
        root = importlib.import_module(package)
        modules += [importlib.import_module(f"{package}.{info.name}") for info in pkgutil.iter_modules(root.__path__)]
    found = {}
    for module in modules:
        for name, fn in vars(module).items():
            qualified = f"{module.__name__}.{name}"
            if (not name.startswith("_") and getattr(fn, "__module__", None) == module.__name__ and _is_atomic(fn)
                    and qualified not in NOT_ACTIONS):
                found[fn] = qualified
    return found


@dataclass
class Call:
    service: str
    tables: set[str] = field(default_factory=set)
    events: int = 0
    nested: bool = False  # called by another service
    raised: bool = False  # its transaction rolled back: nothing it wrote stays


@dataclass
class Recorder:
    """Counts, for each service call, its own writes to domain tables and its own audit events (those of
    a service it calls count for that one)."""

    calls: list[Call] = field(default_factory=list)
    stack: list[Call] = field(default_factory=list)
    names: set[str] = field(default_factory=set)  # every service's name, taken before they are wrapped

    def wrap(self, fn, name: str):
        @functools.wraps(fn)
        def recorded(*args, **kwargs):
            call = Call(service=name, nested=bool(self.stack))
            self.stack.append(call)
            try:
                return fn(*args, **kwargs)
            except BaseException:
                call.raised = True
                raise
            finally:
                self.stack.pop()
                self.calls.append(call)

        return recorded

    def __call__(self, execute, sql, params, many, context):
        match = WRITE.match(sql)
        if match and self.stack:
            table = match.group(1).lower()
            if table == "workflow_auditevent" and sql.lstrip().upper().startswith("INSERT"):
                self.stack[-1].events += 1
            elif not IGNORED.match(table):
                self.stack[-1].tables.add(table)
        return execute(sql, params, many, context)

    def silent(self) -> dict[str, set[str]]:
        """Each service that, as a business action of its own, wrote domain rows without an event."""
        found: dict[str, set[str]] = {}
        for call in self.calls:
            if (call.tables and not call.events and not call.raised and not (call.nested and call.service in PARTS)
                    and not (call.service in STEP_RUNNERS and call.tables <= FLOW_BOOKKEEPING)):
                found.setdefault(call.service, set()).update(call.tables)
        return found


@pytest.fixture
def recorder(monkeypatch):
    """Every name bound to a service in a loaded module of the project (the simulation's own imports
    included) is replaced by its recording wrapper, so a call is seen however it is reached."""
    recorder = Recorder()
    wrapped = {fn: recorder.wrap(fn, name) for fn, name in services().items()}
    recorder.names = set(services().values())
    for module_name, module in list(sys.modules.items()):
        if module is None or not module_name.startswith(("nominations", "workflow", "accounts")):
            continue
        for attribute, value in list(vars(module).items()):
            try:
                replacement = wrapped.get(value)
            except TypeError:  # an unhashable module attribute is no service
                continue
            if replacement is not None:
                monkeypatch.setattr(module, attribute, replacement)
    # The engine calls the hooks run when a document is issued through its own registry: wrap those too.
    for key, kind in list(kinds._kinds.items()):
        hooks = tuple(wrapped.get(hook, hook) for hook in kind.on_issued)
        if hooks != kind.on_issued:
            monkeypatch.setitem(kinds._kinds, key, replace(kind, on_issued=hooks))
    with connection.execute_wrapper(recorder):
        yield recorder


def test_every_business_action_of_the_simulated_year_writes_its_audit_event(
        recorder, fast_pdfs, django_capture_on_commit_callbacks):
    # Given every service recorded, when a whole year runs (pledges, dossiers, council, decisions,
    # Home Affairs, the annual report) with the work after each commit done as well
    with django_capture_on_commit_callbacks(execute=True):
        summary = simulate(year=2025, units=3, staff_per_unit=5, seed=1)
    assert summary["unfinished_processes"] == 0

    # Then the year exercised the services, and none of them changed the domain silently
    called = {call.service for call in recorder.calls}
    assert len(called) > 30 and "nominations.services.council.session_create" in called
    # and every other service has a driver below: a new service that the year does not reach and nothing
    # drives fails here, by name
    assert not set(DRIVERS) - recorder.names, f"Drivers of no service: {sorted(set(DRIVERS) - recorder.names)}"
    unreached = recorder.names - called - set(DRIVERS)
    assert not unreached, "Services neither the year reaches nor a driver calls:\n" + "\n".join(
        f"  {name}" for name in sorted(unreached))
    silent = recorder.silent()
    assert not silent, "Services that wrote domain rows without an audit event:\n" + "\n".join(
        f"  {service}: {', '.join(sorted(tables))}" for service, tables in sorted(silent.items()))


# --- The services the simulated year does not reach, each driven once in a valid call ---------------------------

def _person(username: str):
    from accounts.models import User

    return User.objects.get(username=username)


class World:
    """What the drivers need, built once per test through the same services (recorded too) and on demand."""

    @functools.cached_property
    def cycle(self):
        from .helpers import open_cycle

        return open_cycle(2025)

    @functools.cached_property
    def dossier(self):
        from accounts.models import User

        from .helpers import accepted_dossier

        staff = User.objects.filter(unit__code="KT", unit__agency__code="VP", username__startswith="canbo")
        return accepted_dossier(self.cycle, "KT", [(person, "LDTT") for person in staff.order_by("pk")[:2]])

    @functools.cached_property
    def issued(self):
        """An issued in-house decision (certificate_helpers'), the registry written."""
        from .certificate_helpers import issued_decision

        return issued_decision()

    @functools.cached_property
    def tallied(self):
        from .council_helpers import tallied_session

        return tallied_session("NC")

    @functools.cached_property
    def unit_pledge(self):
        from nominations.flows.pledge import PledgeFlow

        head = _person("truongphong.kt")
        return PledgeFlow.start.run(actor=head, unit=head.unit, year=2026).registration

    @functools.cached_property
    def report(self):
        from nominations.models import AnnualReport
        from nominations.processes.report import report_start

        agency = _person("hcqt").unit.agency
        report_start(actor=_person("hcqt"), agency=agency, year=2023)
        return AnnualReport.objects.get(agency=agency, year=2023)

    @functools.cached_property
    def report_in_compiling(self):
        """The report with every unit head's section submitted (their write steps done): the secretariat's
        compile step is open."""
        from nominations.services import report as report_services

        from .report_helpers import SECTION_TEXT, open_tasks

        report = self.report
        for task in open_tasks(report, "write"):
            section = report.sections.get(pk=task.data["section"])
            _run(task, task.owner, lambda s=section, u=task.owner: report_services.report_section_submit(
                actor=u, section=s, fields=SECTION_TEXT))
        assert not open_tasks(report, "write") and open_tasks(report, "compile")
        report.refresh_from_db()
        return report

    @functools.cached_property
    def application(self):
        from nominations.services import initiatives

        author = _person("canbo.kt.02")
        return initiatives.initiative_application_create(
            actor=author, title="Số hóa sổ công văn", field="Văn thư", description="Mô tả.", benefits="Lợi ích.",
            scope="co_so", first_applied_on=dt.date(2025, 3, 1), authors=[(author, 100)])

    @functools.cached_property
    def submitted_application(self):
        from nominations.services import initiatives

        initiatives.initiative_council_member_add(actor=_person("chanhvp"), agency=_person("chanhvp").unit.agency,
                                                  person=_person("hoidong1"), position="chair")
        return initiatives.initiative_application_submit(actor=_person("canbo.kt.02"), application=self.application)

    @functools.cached_property
    def draft_document(self):
        from workflow.documents import services as documents

        return documents.document_create(
            actor=_person("hcqt"), agency=_person("hcqt").unit.agency, template_key="quyet_dinh_khen_thuong",
            summary="Về việc tặng Giấy khen", issuer_unit_code="HCQT",
            data={"authority": "Chánh Văn phòng", "grounds": ["Căn cứ Luật Thi đua, khen thưởng;"],
                  "articles": ["Tặng Giấy khen cho 01 cá nhân."], "annex_title": "DANH SÁCH", "annex": []})

    @functools.cached_property
    def certificate(self):
        from workflow.signing import devca
        from workflow.signing import services as signing

        chief = _person("chanhvp")
        issued = devca.issue(common_name=chief.full_name, organisation="VP", serial_hint="audit")
        return signing.certificate_register(actor=_person("admin"), certificate_pem=issued.pem, key_label="audit",
                                            user=chief)

    @functools.cached_property
    def delegation(self):
        from django.utils import timezone

        from workflow.delegation import services as delegation

        chief = _person("chanhvp")
        return delegation.delegation_create(actor=chief, delegator=chief, delegate=_person("phochanhvp1"),
                                            start_date=timezone.localdate(), end_date=timezone.localdate())


def _run(task, actor, action):
    from .helpers import run

    return run(task, actor, action)


def _member_of(unit):
    from accounts.models import User

    return User.objects.filter(unit=unit, is_active=True).exclude(username__startswith="truongphong").order_by(
        "pk").first()


def _services():
    from nominations import services

    return services


def _line(world):
    return world.dossier.lines.order_by("pk").first()


def _annul(world):
    from nominations.services import annulments

    decision = world.issued
    return annulments.annulment_draft(actor=_person("chanhvp"), decision=decision, lines=[decision.lines.first()],
                                      ground="93_2_c", reason="Xét trái quy định")


def _amendment_sign(world):
    from nominations.services import annulments
    from workflow.documents import services as documents

    amendment = _annul(world)
    amendment = annulments.amendment_sign(actor=_person("chanhvp"), amendment=amendment)
    documents.document_issue(document_id=amendment.document_id)  # its hook: amendment_apply, fund_reversals_post


def _correction(world):
    from nominations.services import annulments

    decision = world.issued
    line = decision.lines.first()
    printed = decision.document.snapshot["data"]["annex"][0]["name"]
    annulments.correction_draft(actor=_person("chanhvp"), decision=decision, reason="Ghi thiếu tên đệm",
                                corrections=[{"line": line, "field": "name", "new": printed + " Anh"}])


def _consultation(world):
    from nominations.eligibility.rulesets import rule_set_for
    from nominations.models import RequiredConsultation, TitleRule
    from nominations.services.consultations import consultation_answer_record, consultation_request

    line = _line(world)
    rule = TitleRule.objects.get(rule_set=rule_set_for(2025), award__code="LDTT")
    requirement = RequiredConsultation.objects.create(title_rule=rule, body="Đảng ủy cơ quan", article="Điều 1")
    consultation = consultation_request(actor=_person("hcqt"), line=line, requirement=requirement,
                                        request_number="15/CV-VP", sent_on=dt.date(2025, 12, 1),
                                        due_on=dt.date(2025, 12, 15))
    consultation_answer_record(actor=_person("hcqt"), consultation=consultation, answer_number="88-CV/ĐU",
                               answered_on=dt.date(2025, 12, 10), verdict="remarks", answer_text="Đồng ý.")


def _service_confirm(_world):
    """Cống hiến, niên hạn (docs/legal-basis.md §20): a position period recorded, then a niên hạn cycle's
    suggested person confirmed by the unit head (the world's registries: a start 21 years before)."""
    from nominations.models import Award, CommendationKind, ServiceAwardRule
    from nominations.processes.dossier import dossier_open
    from nominations.services import position_record_save, service_candidates_confirm
    from nominations.services.cycles import cycle_open

    head = _person("truongphong.kt")
    person = head.unit.members.exclude(pk=head.pk).order_by("pk").first()
    position_record_save(actor=_person("hcqt"), person=person, title="Chuyên viên", started_on=dt.date(2004, 1, 1))
    kind = CommendationKind.objects.get(code="NIEN_HAN")
    ServiceAwardRule.objects.create(kind=kind, award=Award.objects.get(code="HCLD3"), min_years=20,
                                    in_force_from=dt.date(2025, 1, 1), citation="Quy tắc của phép thử")
    cycle = cycle_open(actor=_person("hcqt"), agency=head.unit.agency, year=2026, name="Niên hạn",
                       nominations_due=dt.date(2026, 12, 15), kind=kind)
    dossier = dossier_open(actor=head, cycle=cycle, unit=head.unit)
    service_candidates_confirm(actor=head, dossier=dossier, people=[person])


def _cycle_update(world):
    cycle = world.cycle
    _services().cycle_update(actor=_person("hcqt"), cycle=cycle, name=cycle.name + " (sửa)",
                             nominations_due=cycle.nominations_due, council_date=cycle.council_date)


def _dossier_from_system(world):
    """A unit's system submits its dossier (the API's write, issue 22): open, lines, reports, minutes, submit."""
    from accounts.models import Unit, User
    from nominations.models import Award, CommendationKind
    from nominations.processes import dossier as dossier_processes

    from .helpers import PDF

    unit = Unit.objects.get(agency__code="VP", code="KT")
    person = User.objects.filter(unit=unit, username__startswith="canbo").order_by("pk")[1]
    dossier_processes.dossier_submit_from_system(
        actor=_person("truongphong.kt"), cycle=world.cycle, unit=unit,
        lines=[dossier_processes.LineDraft(award=Award.objects.get(code="LDTT"),
                                           commendation_kind=CommendationKind.objects.get(code="THUONG_XUYEN"),
                                           achievements="Hoàn thành xuất sắc nhiệm vụ.", person=person,
                                           report="Hoàn thành xuất sắc nhiệm vụ được giao.")],
        files=[dossier_processes.FileDraft(kind="minutes", filename="bien-ban.pdf", content=PDF)])


def _report_pdf_retry(world):
    """The unit head asks again for a báo cáo thành tích's PDF whose rendering failed in the worker (f/pdf)."""
    from unittest import mock

    from accounts.models import User
    from nominations.models import Award, CommendationKind
    from nominations.services.papers import achievement_report_pdf_make
    from workflow.documents import rendering

    from .helpers import open_dossier

    dossier = open_dossier(world.cycle, "KT")
    head = dossier.created_by
    person = User.objects.filter(unit=dossier.unit, username__startswith="canbo").order_by("pk").first()
    line = _services().line_add(actor=head, dossier=dossier, award=Award.objects.get(code="LDTT"),
                                commendation_kind=CommendationKind.objects.get(code="THUONG_XUYEN"),
                                achievements="Hoàn thành xuất sắc nhiệm vụ.", person=person)
    _services().achievement_report_save(actor=head, line=line, achievements="Hoàn thành xuất sắc nhiệm vụ.")
    report = _services().achievement_report_confirm(actor=head, line=line)
    with mock.patch.object(rendering, "html_to_pdf", side_effect=OSError("no font")):
        achievement_report_pdf_make(report_id=report.pk)
    _services().achievement_report_pdf_retry(actor=head, line=line)


def _answer_from_system(world):
    from nominations.processes.home_affairs import submission_answer_from_system

    from .council_helpers import sent_submission

    submission = sent_submission("NC")
    line = submission.lines.get()
    submission_answer_from_system(actor=_person("sonoivu"), submission=submission,
                                  answers={line.pk: {"status": "rejected", "reason": "Chưa đủ tiêu chuẩn."}})


def _cycle_close_reopen(world):
    closed = _services().cycle_close(actor=_person("hcqt"), cycle=world.cycle, reason="Hết hạn")
    _services().cycle_reopen(actor=_person("hcqt"), cycle=closed, reason="Mở lại")


def _urgent_open(world):
    from accounts.models import Unit
    from nominations.processes.dossier import urgent_dossier_open

    urgent_dossier_open(actor=_person("truongphong.kt"), unit=Unit.objects.get(code="KT", agency__code="VP"),
                        deed="việc cứu người bị nạn trên sông Trà Khúc")


def _initiative_evaluate_recognise(world):
    from nominations.services import initiatives

    application = world.submitted_application
    initiatives.initiative_application_evaluate(actor=_person("hoidong1"), application=application, agrees=True)
    initiatives.initiative_application_recognise(actor=_person("chanhvp"), application=application)


def _initiative_reject(world):
    from nominations.services import initiatives

    initiatives.initiative_application_reject(actor=_person("chanhvp"), application=world.submitted_application,
                                              reason="Chưa có tính mới")


def _initiative_update(world):
    from nominations.services import initiatives

    author = _person("canbo.kt.02")
    initiatives.initiative_application_update(
        actor=author, application=world.application, title="Số hóa sổ công văn đến", field="Văn thư",
        description="Mô tả.", benefits="Lợi ích.", scope="co_so", first_applied_on=dt.date(2025, 3, 1),
        authors=[(author, 100)])


def _initiative_council(world):
    from nominations.services import initiatives

    chief = _person("chanhvp")
    member = initiatives.initiative_council_member_add(actor=chief, agency=chief.unit.agency,
                                                       person=_person("hoidong2"), position="member")
    initiatives.initiative_council_member_remove(actor=chief, member=member)


def _pledge_targets(world):
    head = _person("truongphong.kt")
    target = _services().pledge_target_add(actor=head, registration=world.unit_pledge, content="Văn bản trình đúng hạn",
                                           measure="%", planned_value="100")
    _services().pledge_target_remove(actor=head, target=target)


def _pledge_lines(world):
    from nominations.models import Award

    head = _person("truongphong.kt")
    line = _services().pledge_line_save(actor=head, registration=world.unit_pledge, person=_person("canbo.kt.02"),
                                        title=Award.objects.get(code="CSTDCS"))
    _services().pledge_line_confirm(actor=_person("canbo.kt.02"), line=line)
    _services().pledge_line_remove(actor=head, line=line)


def _delegations(world):
    from workflow.delegation import services as delegation

    delegation.delegations_sync()
    delegation.delegation_revoke(actor=_person("chanhvp"), delegation=world.delegation)


def _document_update_discard(world):
    from workflow.documents import services as documents

    draft = documents.document_update(actor=_person("hcqt"), document=world.draft_document, summary="Về việc khác")
    documents.document_discard(actor=_person("hcqt"), document=draft)


def _certificate_revoke(world):
    from workflow.signing import services as signing

    signing.certificate_revoke(actor=_person("admin"), certificate=world.certificate, reason="Mất token")


def _registry_import(world):
    _services().registry_import(
        actor=_person("hcqt"), agency=_person("hcqt").unit.agency, kind="awards", filename="a.csv",
        content="\n".join(";".join(map(str, row)) for row in [
            ["Tên đăng nhập", "Mã đơn vị", "Mã danh hiệu", "Năm", "Số quyết định", "Ngày quyết định",
             "Cấp quyết định"], ["canbo.kt.02", "", "LDTT", 2022, "2/QĐ-VP", "", ""]]).encode("utf-8-sig"))


def _job_start(world):
    from workflow.jobs.services import job_start

    job_start(actor=_person("admin"), kind="people_export")


def _webhooks(_world):
    """Webhooks (issue 22): the administrator subscribes a client, changes the subscription, replaces its secret; a
    delivery to a closed port fails (one try allowed: given up, audited) and is retried from the admin. The
    delivery row is written by hand for the subscription's own audit event: the outbox's writer is no service
    (it runs inside the audit log's append), and tests/workflow/test_webhooks.py drives it through real steps."""
    import socket

    from django.test import override_settings

    from accounts.roles import Role
    from workflow.audit.models import AuditEvent
    from workflow.webhooks import services as webhooks
    from workflow.webhooks.models import WebhookDelivery

    from .api_helpers import api_client

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/hooks"
    client, _token = api_client("Hệ thống quản lý văn bản Văn phòng", role=Role.SECRETARIAT)
    admin = _person("admin")
    subscription, _secret = webhooks.webhook_subscription_create(actor=admin, client=client, url=closed,
                                                                 event_types=["dossier.returned"])
    subscription = webhooks.webhook_subscription_update(actor=admin, subscription=subscription, url=closed,
                                                        event_types=["dossier.returned", "document.issued"],
                                                        is_active=True)
    webhooks.webhook_secret_rotate(actor=admin, subscription=subscription)
    delivery = WebhookDelivery.objects.create(subscription=subscription, event="dossier.returned",
                                              audit_event=AuditEvent.objects.order_by("-seq").first(), body="{}")
    with override_settings(WEBHOOK_MAX_ATTEMPTS=1):
        assert not webhooks.webhook_delivery_send(delivery_id=delivery.pk)
        webhooks.webhook_delivery_retry(actor=admin, delivery=delivery)


def _fund_appropriation(world):
    from nominations.services.funds import fund_appropriation_create

    fund_appropriation_create(actor=_person("hcqt"), agency=_person("hcqt").unit.agency, year=2025,
                              amount=10_000_000, note="Dự toán")


def _posting_opinion(world):
    from freezegun import freeze_time

    world.dossier  # noqa: B018 -- a line to post
    cycle = world.cycle
    cycle = _services().cycle_update(actor=_person("hcqt"), cycle=cycle, name=cycle.name,
                                     nominations_due=cycle.nominations_due, council_date=cycle.council_date,
                                     posting_from=dt.date(2025, 12, 11), posting_to=dt.date(2025, 12, 15))
    with freeze_time("2025-12-12 03:00:00"):
        _services().posting_opinion_create(actor=_person("canbo.kt.04"), cycle=cycle, text="Danh sách còn thiếu.")


def _line_update(world):
    from nominations.models import Award, CommendationKind

    from .helpers import open_dossier

    dossier = open_dossier(world.cycle, "NC")
    head = dossier.created_by
    nominee = _member_of(dossier.unit)
    kind = CommendationKind.objects.get(code="THUONG_XUYEN")
    line = _services().line_add(actor=head, dossier=dossier, award=Award.objects.get(code="LDTT"),
                                commendation_kind=kind, achievements="Hoàn thành nhiệm vụ.", person=nominee)
    _services().line_update(actor=head, line=line, award=Award.objects.get(code="LDTT"), commendation_kind=kind,
                            achievements="Hoàn thành xuất sắc nhiệm vụ.", person=nominee)


def _line_withdraw(world):
    from nominations.processes import dossier as dossier_processes

    dossier_processes.line_withdraw(actor=_person("hcqt"), line=_line(world), reason="Không đủ điều kiện.")


def _warnings_acknowledge(world):
    from nominations import demo_facts
    from nominations.models import Award, CommendationKind

    from .helpers import open_dossier

    dossier = open_dossier(world.cycle, "NC")
    nominee = _member_of(dossier.unit)
    demo_facts.facts_record(year=2025, lines=[(nominee, "LDTT")])
    line = _services().line_add(actor=dossier.created_by, dossier=dossier, award=Award.objects.get(code="LDTT"),
                                commendation_kind=CommendationKind.objects.get(code="THUONG_XUYEN"),
                                achievements="Hoàn thành xuất sắc nhiệm vụ.", person=nominee)
    line.refresh_from_db()
    _services().line_warnings_acknowledge(actor=_person("hcqt"), line=line, reason="Đã đối chiếu bản giấy.")


def _certificate_layout(world):
    from decimal import Decimal

    from nominations.models import Paper
    from nominations.services.certificates import certificate_layout_save

    certificate_layout_save(actor=_person("hcqt"), agency=_person("hcqt").unit.agency, award=None,
                            paper=Paper.A4_LANDSCAPE, offset_x_mm=Decimal("2.5"), offset_y_mm=Decimal(0))


def _session_cancel(world):
    world.dossier  # noqa: B018 -- a line on the agenda
    session = _services().session_create(actor=_person("hcqt"), cycle=world.cycle,
                                         meeting_date=world.cycle.council_date)
    _services().session_cancel(actor=_person("hcqt"), session=session, reason="Hoãn họp")


def _session_return(world):
    from .council_helpers import finalised_session

    _services().session_return(actor=_person("chanhvp"), session=finalised_session("NC"), reason="Sửa biên bản")


def _ballot_written(world):
    from nominations.processes import council as council_processes

    world.dossier  # noqa: B018 -- a line on the agenda
    hcqt = _person("hcqt")
    away = _person("hoidong3")
    session = _services().session_create(actor=hcqt, cycle=world.cycle, meeting_date=world.cycle.council_date,
                                         absent={away.pk: "đi công tác"})
    session = council_processes.session_publish(actor=hcqt, session=session)
    member = session.attendees.get(person=away)
    council_processes.ballot_enter_written(actor=hcqt, member=member,
                                           choices={item.pk: True for item in session.items.all()},
                                           note="Phiếu gửi bằng văn bản")


def _bloc_covenant(world):
    from nominations import demo_pledges
    from nominations.models import EmulationBloc

    demo_pledges.seed()
    member = EmulationBloc.objects.get(code="TMTH").memberships.get(agency__code="SKHDT", year=2023)
    _services().bloc_covenant_record(actor=_person("hcqt"), membership=member, signed_on=dt.date(2023, 6, 2),
                                     commitments="Hoàn thành 100 % nhiệm vụ được giao")


def _report_references(world):
    from nominations.services import report as report_services

    reference = report_services.report_reference_add(actor=_person("hcqt"), report=world.report, role="issued",
                                                     kind="Kế hoạch", summary="Về phát động thi đua năm 2023",
                                                     number="12/KH-VP", date=dt.date(2023, 2, 1))
    report_services.report_reference_remove(actor=_person("hcqt"), report=world.report, reference=reference)


def _report_request_receive(_world):
    """The e-office system's received request (issue 22), before the year's report is opened."""
    from accounts.models import Agency
    from nominations.services import report as report_services

    report_services.report_request_receive(actor=_person("hcqt"), agency=Agency.objects.get(code="VP"), year=2027,
                                           kind="Công văn", number="99/SNV-TĐKT", date=dt.date(2027, 11, 2),
                                           issuer="Sở Nội vụ", summary="Về việc báo cáo công tác thi đua năm 2027")


def _agency_pledge_return(world):
    from nominations.processes.pledge import agency_pledge_start
    from nominations.services import pledges

    from .pledge_helpers import open_task, unit_registration_accepted

    secretariat, chief = _person("hcqt"), _person("chanhvp")
    registration = agency_pledge_start(actor=secretariat, agency=secretariat.unit.agency, year=2026,
                                       deadline=dt.date(2026, 1, 2)).registration
    unit_registration_accepted(_person, year=2026)
    _run(open_task(registration, "compile", agency=True), secretariat,
         lambda: pledges.agency_pledge_compile(actor=secretariat, registration=registration))
    _run(open_task(registration, "sign", agency=True), chief,
         lambda: pledges.agency_pledge_return(actor=chief, registration=registration,
                                              reason="Bổ sung chỉ tiêu của Phòng Kinh tế."))


def _report_return_section(world):
    from nominations.services import report as report_services

    from .report_helpers import open_tasks

    report, secretariat = world.report_in_compiling, _person("hcqt")
    section = report.sections.order_by("pk").first()
    [compile_task] = open_tasks(report, "compile")
    _run(compile_task, secretariat, lambda: report_services.annual_report_return_section(
        actor=secretariat, report=report, section=section, reason="Bổ sung số liệu sáng kiến."))


def _report_return(world):
    from nominations.models import REPORT_PROSE_FIELDS
    from nominations.selectors.report import prose_prefill
    from nominations.services import report as report_services

    from .report_helpers import open_tasks

    report, secretariat, chief = world.report_in_compiling, _person("hcqt"), _person("chanhvp")
    prose = prose_prefill(report)
    prose = {name: prose.get(name) or "Nội dung." for name in REPORT_PROSE_FIELDS}
    [compile_task] = open_tasks(report, "compile")
    _run(compile_task, secretariat,
         lambda: report_services.annual_report_compile(actor=secretariat, report=report, prose=prose))
    [sign_task] = open_tasks(report, "sign")
    _run(sign_task, chief, lambda: report_services.annual_report_return(actor=chief, report=report,
                                                                         reason="Bổ sung phần đánh giá chung."))


def _document_retry(world):
    from tests.workflow.documents_helpers import failed_document
    from workflow.documents import services as documents

    chief = _person("chanhvp")
    documents.document_retry(actor=chief, document=failed_document(_person("hcqt"), chief))


def _task_reassign(world):
    from workflow.delegation.services import task_reassign

    from .helpers import edit_task, open_dossier

    task = edit_task(open_dossier(world.cycle, "KT"))
    task_reassign(actor=_person("hcqt"), task=task, to_user=_person("canbo.kt.02"), reason="Nghỉ phép")
def _bloc_year(world):
    """The demo bloc's 2023 end to end, as ``simulate_cycle --with-bloc`` runs it."""
    import random

    from nominations import demo_pledges, simulation_bloc

    demo_pledges.seed()
    summary = simulation_bloc.bloc_year(agency=_person("hcqt").unit.agency, year=2023, rng=random.Random(1))  # noqa: S311
    assert summary["status"] == "submitted"


DRIVERS = {
    "nominations.services.cycles.urgent_cycle_open": _urgent_open,
    "nominations.processes.dossier.urgent_dossier_open": _urgent_open,
    "nominations.services.annulments.annulment_draft": _annul,
    **{f"nominations.services.blocs.{name}": _bloc_year for name in (
        "bloc_target_add", "bloc_covenant_confirm", "bloc_covenant_sign", "bloc_assessment_save",
        "bloc_results_compile", "bloc_vote_cast", "bloc_vote_close", "bloc_submission_sign")},
    "nominations.services.annulments.amendment_sign": _amendment_sign,
    "nominations.services.annulments.amendment_apply": _amendment_sign,
    "nominations.services.funds.fund_reversals_post": _amendment_sign,
    "nominations.services.annulments.correction_draft": _correction,
    "nominations.services.consultations.consultation_request": _consultation,
    "nominations.services.consultations.consultation_answer_record": _consultation,
    "nominations.services.cycles.cycle_update": _cycle_update,
    "nominations.processes.dossier.dossier_submit_from_system": _dossier_from_system,
    "nominations.services.papers.achievement_report_pdf_retry": _report_pdf_retry,
    "nominations.processes.home_affairs.submission_answer_from_system": _answer_from_system,
    "nominations.services.registries.position_record_save": _service_confirm,
    "nominations.services.service_awards.service_candidates_confirm": _service_confirm,
    "nominations.services.cycles.cycle_close": _cycle_close_reopen,
    "nominations.services.cycles.cycle_reopen": _cycle_close_reopen,
    "nominations.services.postings.posting_opinion_create": _posting_opinion,
    "nominations.services.initiatives.initiative_application_create": lambda world: world.application,
    "nominations.services.initiatives.initiative_application_update": _initiative_update,
    "nominations.services.initiatives.initiative_application_submit": lambda world: world.submitted_application,
    "nominations.services.initiatives.initiative_application_evaluate": _initiative_evaluate_recognise,
    "nominations.services.initiatives.initiative_application_recognise": _initiative_evaluate_recognise,
    # the hook run when the Quyết định công nhận sáng kiến is issued, after the recognition's commit
    "nominations.services.initiatives.initiative_decision_register": _initiative_evaluate_recognise,
    "nominations.services.initiatives.initiative_application_reject": _initiative_reject,
    "nominations.services.initiatives.initiative_council_member_add": _initiative_council,
    "nominations.services.initiatives.initiative_council_member_remove": _initiative_council,
    "nominations.services.pledges.pledge_target_add": _pledge_targets,
    "nominations.services.pledges.pledge_target_remove": _pledge_targets,
    "nominations.services.pledges.pledge_line_confirm": _pledge_lines,
    "nominations.services.pledges.pledge_line_remove": _pledge_lines,
    "nominations.services.registries.registry_import": _registry_import,
    "nominations.services.funds.fund_appropriation_create": _fund_appropriation,
    "workflow.delegation.services.delegation_create": lambda world: world.delegation,
    "workflow.delegation.services.delegation_revoke": _delegations,
    "workflow.delegation.services.delegations_sync": _delegations,
    "workflow.documents.services.document_update": _document_update_discard,
    "workflow.documents.services.document_discard": _document_update_discard,
    "workflow.jobs.services.job_start": _job_start,
    **{f"workflow.webhooks.services.{name}": _webhooks for name in (
        "webhook_subscription_create", "webhook_subscription_update", "webhook_secret_rotate",
        "webhook_delivery_send", "webhook_delivery_retry")},
    "workflow.signing.services.certificate_register": lambda world: world.certificate,
    "workflow.signing.services.certificate_revoke": _certificate_revoke,
    "nominations.services.dossiers.line_update": _line_update,
    "nominations.processes.dossier.line_withdraw": _line_withdraw,
    "nominations.services.dossiers.line_withdraw": _line_withdraw,
    "nominations.services.gates.line_warnings_acknowledge": _warnings_acknowledge,
    "nominations.services.certificates.certificate_layout_save": _certificate_layout,
    "nominations.services.council.session_cancel": _session_cancel,
    "nominations.services.council.session_return": _session_return,
    "nominations.processes.council.ballot_enter_written": _ballot_written,
    "nominations.services.pledges.bloc_covenant_record": _bloc_covenant,
    "nominations.services.report.report_reference_add": _report_references,
    "nominations.services.report.report_reference_remove": _report_references,
    "nominations.services.report.report_request_receive": _report_request_receive,
    "nominations.services.pledges.agency_pledge_return": _agency_pledge_return,
    "nominations.services.report.annual_report_return_section": _report_return_section,
    "nominations.services.report.annual_report_return": _report_return,
    "workflow.documents.services.document_retry": _document_retry,
    "workflow.delegation.services.task_reassign": _task_reassign,
}


def _driven() -> dict[object, list[str]]:
    """Each driver, with the services it drives (a driver may drive several: a service and its undoing)."""
    found: dict[object, list[str]] = {}
    for name, driver in DRIVERS.items():
        found.setdefault(driver, []).append(name)
    return found


@pytest.mark.parametrize("driver", list(_driven()), ids=lambda driver: "+".join(_driven()[driver]))
def test_each_service_the_year_misses_writes_its_audit_event_when_driven(
        driver, recorder, fast_pdfs, django_capture_on_commit_callbacks):
    # Given every service recorded, when the driver calls its services once, in valid calls
    with django_capture_on_commit_callbacks(execute=True):
        driver(World())

    # Then it reached them, and they (like every service it took to get there) wrote their audit events
    called = {call.service for call in recorder.calls if not call.raised}
    assert not set(_driven()[driver]) - called, f"Not reached by their driver: {set(_driven()[driver]) - called}"
    silent = recorder.silent()
    assert not silent, "Services that wrote domain rows without an audit event:\n" + "\n".join(
        f"  {service}: {', '.join(sorted(tables))}" for service, tables in sorted(silent.items()))
