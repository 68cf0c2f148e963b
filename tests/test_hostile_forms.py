"""Hostile input over every form of the project (hypothesis), posted over HTTP by someone allowed
to use it: no input gives a 500, refused input changes nothing, nothing we echo runs as HTML.

``CASES`` names each Form class of our apps with the page that takes it; the first test fails when a
form is added without a case here. Each field receives either a valid value or something hostile:
long strings, control characters, NUL, Vietnamese in NFC and NFD, HTML and template syntax,
forged primary keys and dates. "Changed nothing" is read from the audit log: every write of the
project records an event in the same transaction (README, audit log), so a refused post that left
the count unchanged wrote nothing.

Examples are few and derandomised (``HOSTILE``), with no example database: the suite stays fast and
gives the same answer on every run.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import os
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django import forms
from django.apps import apps
from django.contrib.messages import constants as message_levels
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import Agency, Unit, User
from nominations.processes import council as council_processes
from workflow.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

HOSTILE = settings(max_examples=25, deadline=None, derandomize=True, database=None,
                   suppress_health_check=list(HealthCheck))
OUR_APPS = ("accounts", "workflow", "nominations", "config")
SCRIPT = "<script>alert(1)</script>"

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ "
SPECIALS = [
    "", " ", "\x00", "Nguyễn\x00Văn", "\x01\x02\x1b[31m\x7f", "\u200b\ufeff\u202e", "\r\n\t", SCRIPT,
    "<img src=x onerror=alert(1)>", "{{ x }}", "{% debug %}", "{{ request.user.password }}", "' OR 1=1 --",
    "../../etc/passwd", "-1", "0", "99999999999999999999", "1e309", "NaN", "2024-02-30", "31/12/2024",
    "0001-01-01", "person:999999", "unit:abc", "person:-1", "💥" * 5, unicodedata.normalize("NFD", "Trần Thị Bích"),
]
HOSTILE_TEXT = st.one_of(
    st.sampled_from(SPECIALS),
    st.text(max_size=30),
    st.text(alphabet=VIETNAMESE, min_size=1, max_size=30).map(lambda s: unicodedata.normalize("NFD", s)),
    st.tuples(st.sampled_from(["x", "Nguyễn ", "<b>", "\x00", "{{"]), st.integers(100, 3000))
    .map(lambda t: t[0] * t[1]),
)


@dataclass
class Case:
    """One form on its page: who posts, where, a valid post, and the fields to make hostile."""

    user: str
    url: str
    valid: dict
    fields: list[str]
    method: str = "post"
    files: dict[str, Callable[[], SimpleUploadedFile]] = field(default_factory=dict)


def _pledge_draft():
    from nominations import demo_pledges
    from nominations.flows import PledgeFlow

    demo_pledges.seed()
    head = User.objects.get(username="truongphong.kt")
    process = PledgeFlow.start.run(actor=head, unit=head.unit, year=2023)
    return process.registration


def _pledge_task(node: str, agency: bool = False):
    """A pledge registration waiting at ``node``, and that task's execute URL (assigned to its actor)."""
    from viewflow.workflow.status import STATUS

    from nominations.flows import AgencyPledgeFlow, PledgeFlow
    from nominations.models import AgencyPledgeProcess, PledgeProcess
    from nominations.processes.running import task_run
    from nominations.services import pledges

    registration = _pledge_draft()
    head = User.objects.get(username="truongphong.kt")
    hcqt = User.objects.get(username="hcqt")
    pledges.pledge_registration_update(actor=head, registration=registration, collective_title=_award("TTLDTT"))
    pledges.pledge_line_save(actor=head, registration=registration, person=User.objects.get(username="canbo.kt.02"),
                             title=_award("CSTDCS"))
    process = PledgeProcess.objects.get(registration=registration)
    if node == "review" or agency:
        submit = process.task_set.get(flow_task=PledgeFlow.submit, status__in=[STATUS.NEW, STATUS.ASSIGNED])
        task_run(task=submit, actor=head,
                 action=lambda: pledges.pledge_registration_submit(actor=head, registration=registration))
    if not agency:
        task = process.task_set.get(flow_task=getattr(PledgeFlow, node), status__in=[STATUS.NEW, STATUS.ASSIGNED])
        return _assigned(task, User.objects.get(username="truongphong.kt" if node == "submit" else "hcqt"), "pledge")
    agency_process = AgencyPledgeFlow.start.run(actor=hcqt, agency=head.unit.agency, year=2023,
                                                deadline=dt.date(2023, 1, 2))
    process = AgencyPledgeProcess.objects.get(pk=agency_process.pk)
    task = process.task_set.get(flow_task=AgencyPledgeFlow.compile)
    return _assigned(task, hcqt, "agencypledge")


def _assigned(task, user: User, ns: str) -> str:
    from viewflow.workflow.status import STATUS

    if task.status == STATUS.NEW:
        with task.activation() as activation:
            activation.assign(user)
    return reverse(f"{ns}:{task.flow_task.name}:execute", args=[task.process_id, task.pk])


def _award(code: str):
    from nominations.models import Award

    return Award.objects.get(code=code)


def _dossier():
    from tests.nominations.helpers import open_cycle, open_dossier

    return open_dossier(open_cycle(2025))


def _dossier_edit_url(dossier) -> str:
    from tests.nominations.helpers import edit_task, task_url

    return task_url("dossier", edit_task(dossier))


def case_nomination_line() -> Case:
    from nominations.models import CommendationKind

    dossier = _dossier()
    staff = User.objects.filter(unit=dossier.unit).exclude(pk=dossier.created_by_id).order_by("pk").first()
    return Case("truongphong.kt", _dossier_edit_url(dossier), {
        "action": "add_line", "nominee": f"person:{staff.pk}", "award": _award("LDTT").pk,
        "commendation_kind": CommendationKind.objects.get(code="THUONG_XUYEN").pk,
        "achievements": "Hoàn thành xuất sắc nhiệm vụ.", "report_text": ""},
        ["nominee", "award", "commendation_kind", "achievements", "report_text", "action", "line"])


def case_attachment() -> Case:
    dossier = _dossier()
    return Case("truongphong.kt", _dossier_edit_url(dossier), {"action": "upload", "kind": "supporting", "line": ""},
                ["kind", "line"], files={"file": lambda: SimpleUploadedFile("x.pdf", b"%PDF-1.4\n%%EOF\n")})


def case_achievement_report() -> Case:
    from nominations import services
    from nominations.models import CommendationKind

    dossier = _dossier()
    staff = User.objects.filter(unit=dossier.unit).exclude(pk=dossier.created_by_id).order_by("pk").first()
    line = services.line_add(actor=dossier.created_by, dossier=dossier, award=_award("LDTT"),
                             commendation_kind=CommendationKind.objects.get(code="THUONG_XUYEN"),
                             achievements="Hoàn thành xuất sắc nhiệm vụ.", person=staff)
    return Case("truongphong.kt", _dossier_edit_url(dossier), {
        "action": "report_save", "line": line.pk, "achievements": "Hoàn thành xuất sắc nhiệm vụ.",
        "born_on": "1990-01-31", "hometown": "Quảng Ngãi", "duties": "Tham mưu."},
        ["action", "line", "achievements", "born_on", "hometown", "duties", "initiatives", "discipline"])


def case_dossier_review() -> Case:
    from nominations import demo_facts, services
    from nominations.models import CommendationKind
    from tests.nominations.helpers import edit_task, review_task, run, task_url

    dossier = _dossier()
    head = dossier.created_by
    staff = User.objects.filter(unit=dossier.unit).exclude(pk=head.pk).order_by("pk").first()
    line = services.line_add(actor=head, dossier=dossier, award=_award("LDTT"),
                             commendation_kind=CommendationKind.objects.get(code="THUONG_XUYEN"),
                             achievements="Hoàn thành xuất sắc nhiệm vụ.", person=staff)
    demo_facts.papers_record(dossier=dossier)
    run(edit_task(dossier), head, lambda: services.dossier_submit(actor=head, dossier=dossier))
    task = review_task(dossier)
    _assigned(task, User.objects.get(username="hcqt"), "dossier")
    return Case("hcqt", task_url("dossier", task), {"decision": "return", "reason": "Bổ sung minh chứng"},
                ["decision", "reason", f"refuse_{line.pk}", f"note_{line.pk}"])


def case_check() -> Case:
    person = User.objects.get(username="canbo.kt.02")
    return Case("truongphong.kt", reverse("eligibility:index"),
                {"nominee": f"person:{person.pk}", "title": "LDTT", "year": "2024", "on": ""},
                ["nominee", "title", "year", "on"], method="get")


def case_import() -> Case:
    agency = Agency.objects.get(code="VP")
    return Case("hcqt", reverse("eligibility:import"), {"agency": agency.pk, "kind": "awards"}, ["agency", "kind"],
                files={"file": lambda: SimpleUploadedFile("x.csv", b"username,award,year\ncanbo.kt.02,LDTT,2024\n"
)})


def case_pledge_title() -> Case:
    registration = _pledge_draft()
    return Case("truongphong.kt", reverse("pledges:detail", args=[registration.pk]),
                {"action": "title", "collective_title": _award("TTLDTT").pk}, ["collective_title", "action"])


def case_pledge_target() -> Case:
    from nominations.models import Movement

    registration = _pledge_draft()
    return Case("truongphong.kt", reverse("pledges:detail", args=[registration.pk]), {
        "action": "add_target", "content": "Giải quyết hồ sơ đúng hạn", "measure": "%", "planned_value": "100",
        "movement": Movement.objects.order_by("pk").first().pk}, ["content", "measure", "planned_value", "movement",
                                                                   "target"])


def case_pledge_line() -> Case:
    registration = _pledge_draft()
    member = User.objects.get(username="canbo.kt.02")
    return Case("truongphong.kt", reverse("pledges:detail", args=[registration.pk]), {
        "action": "save_line", "person": member.pk, "title": _award("CSTDCS").pk, "planned_initiative": "Số hóa"},
        ["person", "title", "planned_initiative", "line"])


def case_pledge_reason() -> Case:
    return Case("hcqt", _pledge_task("review"), {"decision": "return", "reason": "Thiếu chỉ tiêu"},
                ["decision", "reason"])


def case_pledge_open() -> Case:
    agency = Agency.objects.get(code="VP")
    return Case("hcqt", reverse("pledges:index"), {"action": "open", "agency": agency.pk, "year": "2023",
                                                     "deadline": "2023-03-01"}, ["agency", "year", "deadline"])


def case_pledge_compile() -> Case:
    return Case("hcqt", _pledge_task("compile", agency=True), {"collective_title": _award("CO_TINH").pk},
                ["collective_title"])


def case_covenant() -> Case:
    from nominations import demo_pledges
    from nominations.models import BlocMembership

    demo_pledges.seed()
    membership = BlocMembership.objects.order_by("pk").first()
    return Case("hcqt", reverse("pledges:bloc", args=[membership.bloc_id]) + f"?year={membership.year}", {
        "membership": membership.pk, "signed_on": "2023-02-01", "commitments": "Hoàn thành chỉ tiêu"},
        ["membership", "signed_on", "commitments"])


def _bloc_2023(upto: str):
    """The demo bloc's 2023 through the services: "drafting" (one target for VPDDBQH), "signed" (every member
    confirmed, the giao ước signed), "compiled" (every member scored itself, the leader compiled)."""
    from nominations import demo_pledges
    from nominations.models import EmulationBloc
    from nominations.services import blocs

    demo_pledges.seed()
    bloc = EmulationBloc.objects.get(code="TMTH")
    members = list(bloc.memberships.filter(year=2023).select_related("agency"))
    actors = {"VP": "hcqt", "SKHDT": "tdkt.skhdt", "VPDDBQH": "truongphong.hctcqt"}
    for member in members:
        blocs.bloc_target_add(actor=User.objects.get(username="hcqt"), membership=member, content="Chỉ tiêu",
                              measure="%", planned_value="100", max_score="10")
        if upto != "drafting":
            blocs.bloc_covenant_confirm(actor=User.objects.get(username=actors[member.agency.code]),
                                        membership=member)
    if upto == "drafting":
        return bloc, members
    blocs.bloc_covenant_sign(actor=User.objects.get(username="chanhvp"), bloc=bloc, year=2023)
    if upto == "compiled":
        for member in members:
            target = member.targets.get()
            blocs.bloc_assessment_save(actor=User.objects.get(username=actors[member.agency.code]),
                                       membership=member, scores={target.pk: ("Đạt", "9")}, submit=True)
        blocs.bloc_results_compile(actor=User.objects.get(username="hcqt"), bloc=bloc, year=2023)
    return bloc, members


def case_bloc_target() -> Case:
    bloc, members = _bloc_2023("drafting")
    return Case("hcqt", reverse("pledges:bloc_year", args=[bloc.pk, 2023]), {
        "action": "target", "membership": members[0].pk, "content": "Chỉ tiêu", "measure": "%",
        "planned_value": "100", "max_score": "10"}, ["action", "membership", "content", "measure", "planned_value",
                                                     "max_score"])


def case_bloc_action() -> Case:
    bloc, members = _bloc_2023("drafting")
    vp = next(m for m in members if m.is_leader)
    return Case("hcqt", reverse("pledges:bloc_year", args=[bloc.pk, 2023]),
                {"action": "confirm", "membership": vp.pk}, ["action", "membership"])


def case_bloc_meeting() -> Case:
    bloc, _members = _bloc_2023("compiled")
    return Case("hcqt", reverse("pledges:bloc_year", args=[bloc.pk, 2023]),
                {"action": "close", "meeting_on": dt.date.today().strftime("%d/%m/%Y")}, ["meeting_on"])


def case_bloc_assessment() -> Case:
    bloc, members = _bloc_2023("signed")
    member = next(m for m in members if m.agency.code == "SKHDT")
    target = member.targets.get()
    return Case("tdkt.skhdt", reverse("pledges:bloc_assessment", args=[bloc.pk, 2023, member.pk]), {
        f"achieved_{target.pk}": "Đạt", f"score_{target.pk}": "9,5", "submit": "0"},
        [f"achieved_{target.pk}", f"score_{target.pk}", "submit"])


def case_cycle() -> Case:
    agency = Agency.objects.get(code="VP")
    return Case("hcqt", reverse("nominations:cycles"), {
        "agency": agency.pk, "year": "2026", "name": "Xét khen thưởng năm 2026", "nominations_due": "2026-12-10",
        "posting_from": "", "posting_to": "", "council_date": "2026-12-20"},
        ["agency", "year", "name", "nominations_due", "posting_from", "posting_to", "council_date", "posting_public",
         "action", "cycle", "unit", "kind", "movement", "period_from", "period_to"])


def case_urgent() -> Case:
    """A unit head reports a thành tích đột xuất (one case, its own cycle and dossier)."""
    unit = Unit.objects.get(code="KT", agency__code="VP")
    return Case("truongphong.kt", reverse("nominations:cycles"), {
        "action": "open_urgent", "unit": unit.pk, "deed": "cứu người bị nạn trên sông Trà Khúc ngày 01/12"},
        ["unit", "deed"])


def case_cycle_edit() -> Case:
    from tests.nominations.helpers import open_cycle

    cycle = open_cycle(2026)
    return Case("hcqt", reverse("nominations:cycle", args=[cycle.pk]), {
        "name": cycle.name, "nominations_due": "10/12/2026", "posting_from": "", "posting_to": "",
        "council_date": "20/12/2026", "action": "save"},
        ["name", "nominations_due", "posting_from", "posting_to", "council_date", "posting_public", "action",
         "reason"])


def case_posting_opinion() -> Case:
    """A staff member's opinion on the posted list (công khai), the window open today."""
    from nominations import services
    from tests.nominations.helpers import accepted_dossier, open_cycle

    cycle = open_cycle(2026)
    line = accepted_dossier(cycle, "KT", [(User.objects.get(username="canbo.kt.03"), "LDTT")]).lines.get()
    today = dt.date.today()
    services.cycle_update(actor=User.objects.get(username="hcqt"), cycle=cycle, name=cycle.name,
                          nominations_due=cycle.nominations_due, posting_from=today - dt.timedelta(days=1),
                          posting_to=today + dt.timedelta(days=1),
                          council_date=max(cycle.council_date, today + dt.timedelta(days=10)))
    return Case("canbo.kt.02", reverse("nominations:posting", args=[cycle.pk]),
                {"line": line.pk, "text": "Đồng ý với danh sách."}, ["line", "text"])


def _consulted_line():
    """An accepted LĐTT line of 2026 whose title (in a row added as an administrator would) needs a body's opinion."""
    from nominations.eligibility.rulesets import rule_set_for
    from nominations.models import RequiredConsultation, TitleRule
    from tests.nominations.helpers import accepted_dossier, open_cycle

    rule = TitleRule.objects.get(rule_set=rule_set_for(2026), award__code="LDTT")
    requirement = RequiredConsultation.objects.create(title_rule=rule, body="Đảng ủy cơ quan", article="Điều 1")
    cycle = open_cycle(2026)
    line = accepted_dossier(cycle, "KT", [(User.objects.get(username="canbo.kt.03"), "LDTT")]).lines.get()
    return line, requirement


def case_consultation_request() -> Case:
    """The secretariat records the request for opinions (hiệp y) it sent about a line."""
    line, requirement = _consulted_line()
    return Case("hcqt", reverse("nominations:consultations", args=[line.cycle_id]), {
        "action": "request", "line": line.pk, "requirement": requirement.pk, "request_number": "15/CV-VP",
        "sent_on": "01/12/2026", "due_on": "15/12/2026"},
        ["action", "line", "requirement", "request_number", "sent_on", "due_on"])


def case_service_candidates_confirm() -> Case:
    """A unit head confirms whom the service records suggest for a niên hạn cycle (docs/legal-basis.md §20)."""
    from nominations import demo, services
    from nominations.models import CommendationKind

    demo.seed()
    hcqt = User.objects.get(username="hcqt")
    cycle = services.cycle_open(actor=hcqt, agency=hcqt.unit.agency, year=2026, name="Niên hạn 2026",
                                nominations_due=dt.date(2026, 12, 15),
                                kind=CommendationKind.objects.get(code="NIEN_HAN"))
    person = User.objects.get(username="canbo.th.03")
    return Case("truongphong.th", reverse("nominations:service_candidates", args=[cycle.pk]),
                {"unit": person.unit_id, "people": person.pk}, ["unit", "people"])


def case_consultation_answer() -> Case:
    """The secretariat records the written answer to a request for opinions."""
    from nominations.services.consultations import consultation_request

    line, requirement = _consulted_line()
    consultation = consultation_request(actor=User.objects.get(username="hcqt"), line=line, requirement=requirement,
                                        request_number="15/CV-VP", sent_on=dt.date(2026, 12, 1),
                                        due_on=dt.date(2026, 12, 15))
    return Case("hcqt", reverse("nominations:consultations", args=[line.cycle_id]), {
        "action": "answer", "consultation": consultation.pk, "answer_number": "88-CV/ĐU", "answered_on": "10/12/2026",
        "verdict": "remarks", "answer_text": "Đồng ý, lưu ý thêm."},
        ["action", "consultation", "answer_number", "answered_on", "verdict", "answer_text"])


def _initiative_submitted():
    """A submitted đơn yêu cầu công nhận sáng kiến of canbo.kt.02, the Office's Hội đồng sáng kiến of one member."""
    from nominations.services import initiatives

    author, chief = User.objects.get(username="canbo.kt.02"), User.objects.get(username="chanhvp")
    initiatives.initiative_council_member_add(actor=chief, agency=author.agency,
                                              person=User.objects.get(username="hoidong1"), position="chair")
    application = initiatives.initiative_application_create(
        actor=author, title="Số hóa sổ công văn", field="Văn thư", description="Mô tả.", benefits="Lợi ích.",
        scope="co_so", first_applied_on=dt.date(2025, 3, 1), authors=[(author, 100)])
    return initiatives.initiative_application_submit(actor=author, application=application)


def case_initiative_application() -> Case:
    """An author's đơn with a co-author (sáng kiến, issue 21)."""
    co_author = User.objects.get(username="canbo.kt.03")
    author = User.objects.get(username="canbo.kt.02")
    return Case("canbo.kt.02", reverse("nominations:initiative_new"), {
        "title": "Số hóa sổ công văn", "field": "Văn thư", "first_applied_on": "01/03/2025",
        "description": "Mô tả.", "benefits": "Lợi ích.", "scope": "co_so",
        "author_1": author.pk, "share_1": "60", "author_2": co_author.pk, "share_2": "40"},
        ["title", "field", "first_applied_on", "description", "benefits", "scope", "author_1", "share_1",
         "author_2", "share_2"])


def case_initiative_vote() -> Case:
    application = _initiative_submitted()
    return Case("hoidong1", reverse("nominations:initiative", args=[application.pk]),
                {"action": "vote", "agrees": "1", "remark": "Có tính mới."}, ["action", "agrees", "remark"])


def case_initiative_reject() -> Case:
    application = _initiative_submitted()
    return Case("chanhvp", reverse("nominations:initiative", args=[application.pk]),
                {"action": "reject", "reason": "Không có tính mới."}, ["action", "reason"])


def case_initiative_council() -> Case:
    return Case("chanhvp", reverse("nominations:initiative_council"), {
        "person": User.objects.get(username="hoidong2").pk, "position": "member"}, ["person", "position", "remove"])


def case_delegation() -> Case:
    colleague = User.objects.get(username="canbo.kt.03")
    today = dt.date.today()
    return Case("canbo.kt.02", reverse("home:delegations"), {
        "delegate": colleague.pk, "start_date": today.isoformat(),
        "end_date": (today + dt.timedelta(days=3)).isoformat(), "reason": "Đi công tác"},
        ["delegate", "start_date", "end_date", "reason"])


def case_reassign() -> Case:
    from tests.nominations.helpers import edit_task

    task = edit_task(_dossier())
    return Case("hcqt", reverse("home:task_reassign", args=[task.pk]),
                {"to_user": User.objects.get(username="canbo.kt.02").pk, "reason": "Nghỉ phép"}, ["to_user", "reason"])


def case_audit_search() -> Case:
    return Case("kiemtra", reverse("audit:index"), {"actor": "hcqt", "action": "", "content_type": "",
                                                    "object_id": "", "object_text": "", "agency": "",
                                                    "date_from": "", "date_to": ""},
                ["actor", "action", "content_type", "object_id", "object_text", "agency", "date_from", "date_to"],
                method="get")


def case_preference() -> Case:
    return Case("canbo.kt.02", reverse("home:notification_settings"), {"mode": "digest"}, ["mode"])


def case_admin_import() -> Case:
    return Case("admin", reverse("admin:accounts_user_import"), {}, [],
                files={"file": lambda: SimpleUploadedFile("people.xlsx", b"PK\x03\x04not really a workbook")})


def case_admin_person_add() -> Case:
    unit = Unit.objects.get(agency__code="VP", code="KT")
    return Case("admin", reverse("admin:accounts_user_add"), {
        "username": "canbo.kt.99", "full_name": "Lê Thị Hoa", "unit": unit.pk,
        "password1": "Mat-khau-rat-dai-2024", "password2": "Mat-khau-rat-dai-2024", "usable_password": "true"},
        ["username", "full_name", "unit", "password1"])


def case_admin_certificate_register() -> Case:
    """Ký số (issue 19): the administrator registers a token's certificate with its signature image."""
    from workflow.signing import devca
    from workflow.signing.appearance import signature_png

    chief = User.objects.get(username="chanhvp")
    issued = devca.issue(common_name=chief.full_name, organisation="VP", serial_hint="chanhvp")
    return Case("admin", reverse("admin:workflow_signingcertificate_add"),
                {"user": chief.pk, "agency": "", "key_label": "token-chanhvp"}, ["user", "agency", "key_label"],
                files={"certificate_file": lambda: SimpleUploadedFile("chanhvp.pem", issued.pem.encode()),
                       "image_file": lambda: SimpleUploadedFile("chu-ky.png", signature_png(chief.full_name))})


def case_admin_webhook_subscribe() -> Case:
    """Webhooks (issue 22): the administrator subscribes an API client's address to events."""
    from accounts.roles import Role
    from tests.nominations.api_helpers import api_client

    client, _token = api_client("Hệ thống quản lý văn bản Văn phòng", role=Role.SECRETARIAT)
    return Case("admin", reverse("admin:workflow_webhooksubscription_add"),
                {"client": client.pk, "url": "https://vanban.example.gov.vn/hooks/thidua",
                 "event_types": ["dossier.returned"], "is_active": "on"}, ["client", "url", "event_types"])


def case_admin_person_change() -> Case:
    person = User.objects.get(username="canbo.kt.02")
    return Case("admin", reverse("admin:accounts_user_change", args=[person.pk]), {
        "username": person.username, "full_name": person.full_name, "unit": person.unit_id,
        "position_title": person.position_title, "employment_category": person.employment_category,
        "is_active": "on"}, ["username", "full_name", "position_title", "employment_category"])


def _report_client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _report(year: int = 2023):
    from nominations.flows import AnnualReportFlow
    from nominations.models import AnnualReport

    AnnualReportFlow.start.run(actor=User.objects.get(username="hcqt"), agency=Agency.objects.get(code="VP"),
                               year=year)
    return AnnualReport.objects.get(agency__code="VP", year=year)


def _report_task(report, node: str, username: str) -> str:
    """The report's open ``node`` task, taken by ``username`` when it waits in a queue."""
    from tests.nominations.report_helpers import open_tasks, task_url

    task = open_tasks(report, node)[0]
    if task.owner_id is None:
        _report_client(username).post(task_url(task, "assign"))
        task.refresh_from_db()
    return task_url(task)


def _compiled_report():
    """Every unit has written its section: the secretariat's compile step is open."""
    from tests.nominations.report_helpers import SECTION_TEXT, section_task, task_url

    report = _report()
    for section in report.sections.select_related("unit"):
        head = f"truongphong.{section.unit.code.lower()}"
        _report_client(head).post(task_url(section_task(report, section)), {"action": "submit", **SECTION_TEXT})
    return report


def case_report_open() -> Case:
    return Case("hcqt", reverse("reports:index"), {"agency": Agency.objects.get(code="VP").pk, "year": "2024"},
                ["agency", "year"])


def case_report_section() -> Case:
    from tests.nominations.report_helpers import SECTION_TEXT, section_task, task_url

    report = _report()
    section = report.sections.get(unit__code="KT")
    return Case("truongphong.kt", task_url(section_task(report, section)), {"action": "save", **SECTION_TEXT},
                ["action", *SECTION_TEXT])


def case_report_compile() -> Case:
    from tests.nominations.report_helpers import prose_post

    report = _compiled_report()
    return Case("hcqt", _report_task(report, "compile", "hcqt"), prose_post(report, "preview"),
                ["action", "request", "situation", "assessment", "tasks"])


def case_report_return_section() -> Case:
    report = _compiled_report()
    section = report.sections.get(unit__code="KT")
    return Case("hcqt", _report_task(report, "compile", "hcqt"),
                {"action": "return_section", "section": section.pk, "reason": "Bổ sung số liệu"},
                ["section", "reason"])


def _report_to_sign():
    """The secretariat has compiled the report: the chief's signing step is open."""
    from tests.nominations.report_helpers import prose_post

    report = _compiled_report()
    _report_client("hcqt").post(_report_task(report, "compile", "hcqt"), prose_post(report, "finish"))
    return report


def case_report_decision() -> Case:
    """Sở Nội vụ's answer to the signed report (its PDF not made yet in a test: a valid answer is refused too)."""
    report = _report_to_sign()
    _report_client("chanhvp").post(_report_task(report, "sign", "chanhvp"), {"read_drafts": "1"})
    return Case("sonoivu", _report_task(report, "home_affairs", "sonoivu"),
                {"decision": "return", "reason": "Bổ sung số liệu khen thưởng"}, ["decision", "reason"])


def case_sign() -> Case:
    """A signing step (``views.signing``, here the report's): the confirmation, or the return with a reason."""
    return Case("chanhvp", _report_task(_report_to_sign(), "sign", "chanhvp"),
                {"action": "return", "reason": "Bổ sung số liệu khen thưởng"}, ["action", "read_drafts", "reason"])


def case_report_reference() -> Case:
    report = _report()
    return Case("hcqt", reverse("reports:detail", args=[report.pk]),
                {"action": "reference_add", "role": "request", "kind": "Công văn", "number": "122/BTĐKT-THHC",
                 "date": "2023-10-05", "issuer": "Ban Thi đua - Khen thưởng",
                 "summary": "về việc báo cáo kết quả công tác thi đua, khen thưởng", "movement": "", "position": "0"},
                ["action", "role", "kind", "number", "date", "issuer", "summary", "movement", "position"])


def case_statistics() -> Case:
    return Case("hcqt", reverse("reports:statistics"),
                {"nam": "2024", "co_quan": Agency.objects.get(code="VP").pk, "bieu": "0603", "tai": "xlsx"},
                ["nam", "co_quan", "bieu", "tai"], method="get")


def case_record_search() -> Case:
    from accounts.models import Unit
    from nominations.models import Award

    return Case("hcqt", reverse("records:index"),
                {"ten": "nguyen van a", "nam_sinh": "1980", "co_quan": Agency.objects.get(code="VP").pk,
                 "don_vi": Unit.objects.filter(agency__code="VP").order_by("pk").first().pk,
                 "danh_hieu": Award.objects.get(code="LDTT").pk, "tu_nam": "2019", "den_nam": "2024",
                 "so_quyet_dinh": "12/QĐ"},
                ["ten", "nam_sinh", "co_quan", "don_vi", "danh_hieu", "tu_nam", "den_nam", "so_quyet_dinh"],
                method="get")


def case_certificate_layout() -> Case:
    """The secretariat's shift of the certificates on the agency's blank (``views.certificates``)."""
    from tests.nominations.certificate_helpers import issued_decision

    decision = issued_decision()
    return Case("hcqt", reverse("nominations:certificates", args=[decision.document_id]),
                {"scope": "award", "paper": "a4_landscape", "offset_x_mm": "-2,5", "offset_y_mm": "3",
                 "print_heading": "on"}, ["scope", "paper", "offset_x_mm", "offset_y_mm", "print_heading"])


def case_fund_year() -> Case:
    return Case("hcqt", reverse("nominations:fund"), {"nam": "2025", "co_quan": Agency.objects.get(code="VP").pk},
                ["nam", "co_quan"], method="get")


def case_fund_appropriation() -> Case:
    return Case("hcqt", reverse("nominations:fund"),
                {"nam": "2025", "co_quan": Agency.objects.get(code="VP").pk, "so_tien": "50.000.000",
                 "ghi_chu": "Dự toán năm 2025"}, ["nam", "co_quan", "so_tien", "ghi_chu"])


def case_job_import() -> Case:
    return Case("admin", reverse("home:people_import"), {}, [],
                files={"file": lambda: SimpleUploadedFile("people.xlsx", b"PK\x03\x04not really a workbook")})


CASES: dict[str, Callable[[], Case]] = {
    "nominations.forms.eligibility.CheckForm": case_check,
    "nominations.forms.eligibility.ImportForm": case_import,
    "nominations.forms.dossiers.LineForm": case_nomination_line,
    "nominations.forms.dossiers.AttachmentForm": case_attachment,
    "nominations.forms.dossiers.ReviewForm": case_dossier_review,
    "nominations.forms.dossiers.AchievementReportForm": case_achievement_report,
    "nominations.forms.pledges.CollectiveTitleForm": case_pledge_title,
    "nominations.forms.pledges.TargetForm": case_pledge_target,
    "nominations.forms.pledges.LineForm": case_pledge_line,
    "nominations.forms.pledges.ReasonForm": case_pledge_reason,
    "nominations.forms.pledges.OpenAgencyForm": case_pledge_open,
    "nominations.forms.pledges.CompileForm": case_pledge_compile,
    "nominations.forms.pledges.CovenantForm": case_covenant,
    "nominations.forms.blocs.BlocTargetForm": case_bloc_target,
    "nominations.forms.blocs.BlocActionForm": case_bloc_action,
    "nominations.forms.blocs.BlocMeetingForm": case_bloc_meeting,
    "nominations.forms.blocs.BlocAssessmentForm": case_bloc_assessment,
    "nominations.views.dossiers.CycleForm": case_cycle,
    "nominations.views.dossiers.UrgentForm": case_urgent,
    "nominations.views.dossiers.CycleEditForm": case_cycle_edit,
    "nominations.views.postings.PostingOpinionForm": case_posting_opinion,
    "nominations.views.consultations.ConsultationRequestForm": case_consultation_request,
    "nominations.views.consultations.ConsultationAnswerForm": case_consultation_answer,
    "nominations.views.service_awards.ConfirmForm": case_service_candidates_confirm,
    "nominations.forms.initiatives.InitiativeApplicationForm": case_initiative_application,
    "nominations.forms.initiatives.InitiativeVoteForm": case_initiative_vote,
    "nominations.forms.initiatives.InitiativeRejectForm": case_initiative_reject,
    "nominations.forms.initiatives.InitiativeCouncilMemberForm": case_initiative_council,
    "workflow.delegation.forms.DelegationForm": case_delegation,
    "workflow.delegation.forms.ReassignForm": case_reassign,
    "workflow.audit.forms.EventSearchForm": case_audit_search,
    "workflow.notifications.views.PreferenceForm": case_preference,
    "accounts.admin.WorkbookUploadForm": case_admin_import,
    "accounts.admin.PersonCreationForm": case_admin_person_add,
    "accounts.admin.PersonChangeForm": case_admin_person_change,
    "workflow.signing.admin.CertificateRegisterForm": case_admin_certificate_register,
    "workflow.webhooks.admin.SubscriptionForm": case_admin_webhook_subscribe,
    "nominations.forms.reports.OpenReportForm": case_report_open,
    "nominations.forms.reports.SectionForm": case_report_section,
    "nominations.forms.reports.CompileForm": case_report_compile,
    "nominations.forms.reports.ReturnSectionForm": case_report_return_section,
    "nominations.forms.reports.DecisionForm": case_report_decision,
    "nominations.forms.signing.SignForm": case_sign,
    "nominations.forms.certificates.CertificateLayoutForm": case_certificate_layout,
    "nominations.forms.reports.ReferenceForm": case_report_reference,
    "workflow.jobs.views.WorkbookForm": case_job_import,
    "nominations.forms.statistics.StatisticsForm": case_statistics,
    "nominations.forms.records.RecordSearchForm": case_record_search,


    "nominations.forms.funds.FundYearForm": case_fund_year,
    "nominations.forms.funds.AppropriationForm": case_fund_appropriation,
}


def _session():
    """A published council session for KT's accepted dossier: ballots open, one absent member."""
    from nominations import services
    from tests.nominations.helpers import accepted_dossier, open_cycle

    cycle = open_cycle(2025)
    staff = list(User.objects.filter(unit__code="KT", unit__agency__code="VP")
                 .exclude(username__startswith="truongphong").order_by("pk")[:2])
    accepted_dossier(cycle, "KT", [(person, "LDTT") for person in staff])
    hcqt = User.objects.get(username="hcqt")
    absent = User.objects.get(username="hoidong3")
    session = services.session_create(actor=hcqt, cycle=cycle, meeting_date=cycle.council_date,
                                      absent={absent.pk: "Đi công tác"})
    return council_processes.session_publish(actor=hcqt, session=session)


def raw_dossier_remove_line() -> Case:
    dossier = _dossier()
    return Case("truongphong.kt", _dossier_edit_url(dossier), {"action": "remove_line", "line": "1"}, ["line"])


def raw_cycle_open_dossier() -> Case:
    return Case("truongphong.kt", reverse("nominations:cycles"), {"action": "open_dossier", "cycle": "1", "unit": "1"},
                ["cycle", "unit"])


def raw_session_create() -> Case:
    from tests.nominations.helpers import open_cycle

    cycle = open_cycle(2025)
    hoidong = User.objects.get(username="hoidong1")
    return Case("hcqt", reverse("nominations:sessions"), {
        "cycle": cycle.pk, "meeting_date": "2025-12-20", "venue": "Phòng họp số 1",
        f"absent_{hoidong.pk}": "", f"reason_{hoidong.pk}": ""},
        ["cycle", "meeting_date", "venue", f"absent_{hoidong.pk}", f"reason_{hoidong.pk}"])


def raw_session_written_vote() -> Case:
    session = _session()
    member = session.attendees.filter(person__username="hoidong3").first() or session.attendees.first()
    item = session.items.order_by("pk").first()
    return Case("hcqt", reverse("nominations:session", args=[session.pk]), {
        "action": "written", "member": member.pk, f"item_{item.pk}": "yes", "note": "Phiếu gửi bằng văn bản"},
        ["action", "member", f"item_{item.pk}", "note", "no_ballot"])


def raw_ballot() -> Case:
    from nominations.flows.council import CouncilFlow
    from tests.nominations.helpers import task_url

    session = _session()
    task = session.process.task_set.filter(flow_task=CouncilFlow.ballot, owner__username="hoidong1").first()
    item = session.items.order_by("pk").first()
    return Case("hoidong1", task_url("council", task), {f"item_{item.pk}": "yes"}, [f"item_{item.pk}"])


def raw_pledge_remove() -> Case:
    registration = _pledge_draft()
    return Case("truongphong.kt", reverse("pledges:detail", args=[registration.pk]),
                {"action": "remove_target", "target": "1", "line": "1"}, ["action", "target", "line"])


def raw_pledge_create() -> Case:
    unit = Unit.objects.get(agency__code="VP", code="KT")
    return Case("truongphong.kt", reverse("pledges:index"), {"action": "create", "unit": unit.pk, "year": "2023"},
                ["unit", "year"])


def _step_url(task, user: User) -> str:
    from tests.nominations.council_helpers import taken

    ns = "council" if task.flow_task.flow_class.__name__ == "CouncilFlow" else "homeaffairs"
    return _assigned(taken(task, user), user, ns)


def raw_minutes() -> Case:
    from nominations.flows.council import CouncilFlow
    from tests.nominations.council_helpers import open_task, tallied_session

    session = tallied_session()
    url = _step_url(open_task(session.process, CouncilFlow.finalise), User.objects.get(username="hcqt"))
    return Case("hcqt", url, {"start_time": "08 giờ 00", "end_time": "10 giờ 00", "conclusion": "Thống nhất"},
                ["start_time", "end_time", "conclusion"])


def raw_approval() -> Case:
    from nominations.flows.council import CouncilFlow
    from tests.nominations.council_helpers import finalised_session, open_task

    session = finalised_session()
    url = _step_url(open_task(session.process, CouncilFlow.approve), User.objects.get(username="chanhvp"))
    return Case("chanhvp", url, {}, ["session", "action"])


def _sent_submission():
    from tests.nominations.council_helpers import sent_submission
    from tests.workflow.documents_helpers import blank_page
    from workflow.documents import rendering

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rendering, "html_to_pdf", blank_page)
        return sent_submission()


def raw_home_affairs_review() -> Case:
    from nominations.flows.home_affairs import HomeAffairsFlow
    from tests.nominations.council_helpers import open_task

    submission = _sent_submission()
    line = submission.lines.get().pk
    url = _step_url(open_task(submission.process, HomeAffairsFlow.review), User.objects.get(username="sonoivu"))
    return Case("sonoivu", url, {f"status_{line}": "accepted", f"number_{line}": "12/QĐ-UBND",
                                 f"date_{line}": "2026-01-15", f"reason_{line}": ""},
                [f"status_{line}", f"number_{line}", f"date_{line}", f"reason_{line}", f"status_{line + 1}"])


def raw_home_affairs_resubmit() -> Case:
    from nominations import services
    from nominations.flows.home_affairs import HomeAffairsFlow
    from nominations.processes.running import task_run
    from tests.nominations.council_helpers import open_task

    submission = _sent_submission()
    officer, hcqt = User.objects.get(username="sonoivu"), User.objects.get(username="hcqt")
    line = submission.lines.get().pk
    task_run(task=open_task(submission.process, HomeAffairsFlow.review), actor=officer,
             action=lambda: services.submission_answer(actor=officer, submission=submission, answers={
                 line: {"status": "returned", "reason": "Thiếu quyết định công nhận sáng kiến"}}))
    url = _step_url(open_task(submission.process, HomeAffairsFlow.resubmit), hcqt)
    return Case("hcqt", url, {"note": "Đã bổ sung"}, ["note", "line"])


def raw_document_sign() -> Case:
    from tests.workflow.documents_helpers import decision_draft

    draft = decision_draft(User.objects.get(username="hcqt"), Agency.objects.get(code="VP"))
    return Case("chanhvp", reverse("documents:sign", args=[draft.pk]), {}, ["signer", "number", "status"])


def raw_document_retry() -> Case:
    from tests.workflow.documents_helpers import failed_document

    failed = failed_document(User.objects.get(username="hcqt"), User.objects.get(username="chanhvp"))
    return Case("chanhvp", reverse("documents:retry", args=[failed.pk]), {}, ["document", "status"])


# Pages that read fields straight from the POST, without a Form class.
RAW_CASES: dict[str, Callable[[], Case]] = {
    "dossier: remove a line": raw_dossier_remove_line,
    "cycles: open a dossier": raw_cycle_open_dossier,
    "sessions: create": raw_session_create,
    "session: written vote": raw_session_written_vote,
    "council: ballot": raw_ballot,
    "pledge: remove a target or a line": raw_pledge_remove,
    "pledges: create": raw_pledge_create,
    "council: the minutes": raw_minutes,
    "council: the chief's approval": raw_approval,
    "home affairs: review a Tờ trình": raw_home_affairs_review,
    "home affairs: resubmit returned lines": raw_home_affairs_resubmit,
    "documents: sign": raw_document_sign,
    "documents: make a failed PDF again": raw_document_retry,
}

def _our_forms() -> set[str]:
    """Every Form/ModelForm class defined in a module of our apps (admin and views included).

    Loading the URLconf imports every view, hence every form a page uses, whatever its module."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018
    for config in apps.get_app_configs():
        if config.name in OUR_APPS or config.name.split(".")[0] in OUR_APPS:
            for module in ("forms", "forms.dossiers", "forms.pledges", "forms.blocs", "forms.reports",
                           "forms.eligibility",
                           "forms.signing", "admin",
                           "views",
                           "views.dossiers", "jobs.views",
                           "delegation.forms", "audit.forms", "notifications.views"):
                try:
                    importlib.import_module(f"{config.name}.{module}")
                except ModuleNotFoundError:
                    pass
    found: set[str] = set()
    stack = [forms.BaseForm]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        module = inspect.getmodule(cls)
        if module and module.__name__.split(".")[0] in OUR_APPS and not cls.__name__.startswith("_"):
            found.add(f"{module.__name__}.{cls.__name__}")
    return found


def test_every_form_of_the_project_has_a_hostile_input_case():
    assert _our_forms() == set(CASES)


def _refused(response) -> bool:
    if response.status_code in (400, 403, 404):
        return True
    queued = getattr(getattr(response.wsgi_request, "_messages", None), "_queued_messages", [])
    if any(m.level >= message_levels.ERROR for m in queued):
        return True
    if response.status_code == 200 and response.context is not None:
        for context in response.context:
            flat = context.flatten() if hasattr(context, "flatten") else context
            if flat.get("errors") or flat.get("error"):
                return True
            if any(isinstance(v, forms.BaseForm) and v.is_bound and v.errors for v in flat.values()):
                return True
            admin_form = flat.get("adminform")
            if admin_form is not None and admin_form.form.is_bound and admin_form.form.errors:
                return True
    return False


@pytest.mark.parametrize("form_name", sorted(CASES) + sorted(RAW_CASES))
def test_no_hostile_input_gives_a_500_and_refused_input_changes_nothing(form_name):
    case = {**CASES, **RAW_CASES}[form_name]()
    client = Client()
    client.force_login(User.objects.get(username=case.user))
    values = st.fixed_dictionaries({name: st.one_of(st.just(case.valid.get(name, "")), HOSTILE_TEXT)
                                    for name in case.fields})
    uploads = st.fixed_dictionaries({name: st.booleans() for name in case.files})

    @HOSTILE
    @given(data=values, hostile_file=uploads, file_name=HOSTILE_TEXT)
    def post(data, hostile_file, file_name):
        payload = {**case.valid, **data}
        for name, make in case.files.items():
            upload = make()
            if hostile_file[name]:
                hostile_name = (file_name or "x").replace("\x00", "") or "x"
                if os.path.basename(hostile_name) in {"", ".", ".."}:
                    # Django's test client refuses to send such a name (SuspiciousFileOperation, in the test
                    # itself); a browser's is dropped by the server's multipart parser. Send it framed instead.
                    hostile_name = f"x{hostile_name}x"
                upload = SimpleUploadedFile(hostile_name, file_name.encode("utf-8", "surrogatepass"))
            payload[name] = upload
        events = AuditEvent.objects.count()
        if case.method == "get":
            response = client.get(case.url, {k: v for k, v in payload.items()})
        else:
            response = client.post(case.url, payload)
        assert response.status_code < 500
        if _refused(response):
            assert AuditEvent.objects.count() == events, "refused input was written"
        if response.status_code == 200:
            assert SCRIPT not in response.content.decode(errors="replace")

    post()
