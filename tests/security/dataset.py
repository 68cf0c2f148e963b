"""One small world for the access-control matrix, built through the real services and flows.

Unit A is Phòng Kinh tế (KT) of the demo Office, unit B Phòng Nội chính (NC); "other" is a
synthetic agency of the same province (``nominations.simulation.build_agency``). Each of them
owns a dossier in a cycle, a pledge registration, and the agency ones an agency registration, a
draft document, a council session and a Tờ trình at Sở Nội vụ; every object key of the matrix
("a", "b", "other") maps to one of them, and "missing" to a primary key no row has. A kind may keep
more objects under keys of their own ("sent_a": unit A's dossier behind the Office's Tờ trình at Sở Nội
vụ, ...); the matrix states their answers in ``Row.more``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from viewflow.workflow.status import STATUS

from accounts.models import Agency, Unit, User
from accounts.roles import Role
from nominations import demo_facts, services
from nominations.flows import AgencyPledgeFlow, PledgeFlow
from nominations.flows.council import CouncilFlow
from nominations.flows.dossier import DossierFlow
from nominations.flows.home_affairs import HomeAffairsFlow
from nominations.models import (
    AgencyPledgeProcess,
    AnswerStatus,
    Award,
    CommendationKind,
    Cycle,
    EmulationBloc,
    HomeAffairsProcess,
    OutcomeDocumentKind,
    PledgeProcess,
)
from nominations.processes import council as council_processes
from nominations.processes import dossier as dossier_processes
from nominations.processes.running import task_run
from nominations.services import pledges
from nominations.simulation import build_agency
from tests.nominations.helpers import accepted_dossier, open_dossier
from tests.pdfs import blank_pdf
from workflow.delegation import services as delegation_services
from workflow.documents import services as document_services
from workflow.documents.services import document_issue

MISSING = 987654321

# The person who plays each role of the matrix (demo logins; README "Demo logins").
USERS = {
    "staff": "canbo.kt.04",
    "unit_head_a": "truongphong.kt",
    "unit_head_b": "truongphong.nc",
    "secretariat": "hcqt",
    "council_member": "hoidong2",
    "chief": "chanhvp",
    "deputy_chief": "phochanhvp2",
    "home_affairs": "sonoivu",
    "auditor": "kiemtra",
    "administrator": "admin",
}



PDF = blank_pdf()


@dataclass
class Dataset:
    """``objects[kind][key]``: the object of that kind owned by A, B or the other agency."""

    objects: dict[str, dict[str, object]] = field(default_factory=dict)
    flows: dict[str, dict[str, object]] = field(default_factory=dict)

    def put(self, kind: str, **by_key) -> None:
        self.objects[kind] = by_key

    def pk(self, kind: str, key: str) -> int:
        if key == "missing":
            return MISSING
        return self.objects[kind][key].pk


def _holder(role: str, **scope) -> User:
    from accounts.models import RoleAssignment

    return RoleAssignment.objects.filter(role=role, **scope).select_related("user").first().user


def _dossier_with_file(cycle: Cycle, unit_code: str):
    dossier = open_dossier(cycle, unit_code)
    attachment = services.attachment_add(actor=dossier.created_by, dossier=dossier, kind="minutes",
                                         filename="bien-ban.pdf", content=PDF)
    return dossier, attachment


def _open_task(process, node):
    return process.task_set.filter(flow_task=node, status__in=[STATUS.NEW, STATUS.ASSIGNED]).order_by("-pk").first()


def _at_home_affairs(*, cycle: Cycle, unit: Unit, nominee: User, in_house: User | None = None) -> HomeAffairsProcess:
    """The unit's dossier with one higher-award line (Chiến sĩ thi đua cấp tỉnh) and the unit's minutes through
    the secretariat's check, the council's vote and the chief's approval: the Tờ trình issued and waiting at Sở
    Nội vụ. ``in_house``: a colleague proposed in the same dossier for LĐTT (the chief decides it; never sent),
    with a supporting file of that line."""
    head = _holder(Role.UNIT_HEAD, unit=unit)
    secretariat = _holder(Role.SECRETARIAT, agency=cycle.agency)
    chief = _holder(Role.CHIEF, agency=cycle.agency)
    kind = CommendationKind.objects.get(code="THUONG_XUYEN")
    demo_facts.facts_record(year=cycle.year,
                            lines=[(nominee, "CSTD_TINH"), *([(in_house, "LDTT")] if in_house else [])])
    dossier = dossier_processes.dossier_open(actor=head, cycle=cycle, unit=unit)
    services.line_add(actor=head, dossier=dossier, award=Award.objects.get(code="CSTD_TINH"), person=nominee,
                      commendation_kind=kind, achievements="Hoàn thành xuất sắc nhiệm vụ; có sáng kiến được công nhận.")
    services.attachment_add(actor=head, dossier=dossier, kind="minutes", filename="bien-ban.pdf", content=PDF)
    if in_house is not None:
        line = services.line_add(actor=head, dossier=dossier, award=Award.objects.get(code="LDTT"), person=in_house,
                                 commendation_kind=kind, achievements="Hoàn thành tốt nhiệm vụ.")
        services.attachment_add(actor=head, dossier=dossier, kind="supporting", filename="minh-chung.pdf",
                                content=PDF, line=line)
    demo_facts.papers_record(dossier=dossier)
    task_run(task=_open_task(dossier.process, DossierFlow.edit), actor=head,
             action=lambda: services.dossier_submit(actor=head, dossier=dossier))
    task_run(task=_open_task(dossier.process, DossierFlow.review), actor=secretariat,
             action=lambda: services.dossier_review(actor=secretariat, dossier=dossier, accept=True,
                                                    acknowledge="Đã đối chiếu bản giấy."))
    session = services.session_create(actor=secretariat, cycle=cycle, meeting_date=cycle.council_date)
    council_processes.session_publish(actor=secretariat, session=session)
    items = list(session.items.select_related("line"))
    for task in session.process.task_set.filter(flow_task=CouncilFlow.ballot).select_related("owner"):
        member = session.attendees.get(pk=task.data["member"])
        choices = {item.pk: True for item in items if item.line.person_id != member.person_id}
        task_run(task=task, actor=task.owner,
                 action=lambda m=member, c=choices, u=task.owner: services.ballot_cast(actor=u, member=m, choices=c))
    task_run(task=_open_task(session.process, CouncilFlow.finalise), actor=secretariat,
             action=lambda: services.session_finalise(actor=secretariat, session=session))
    task_run(task=_open_task(session.process, CouncilFlow.approve), actor=chief,
             action=lambda: council_processes.session_approve(actor=chief, session=session))
    submission = session.outcome_documents.get(kind=OutcomeDocumentKind.SUBMISSION)
    document_issue(document_id=submission.document_id)  # the worker's job (on commit, which never comes here)
    return HomeAffairsProcess.objects.get(submission=submission)


def _returned_and_resubmitted(process: HomeAffairsProcess) -> None:
    """Sở Nội vụ returns the line, the secretariat supplements and resubmits: both task kinds exist."""
    submission = process.submission
    officer, secretariat = User.objects.get(username="sonoivu"), User.objects.get(username="hcqt")
    answers = {answer.line_id: {"status": AnswerStatus.RETURNED, "reason": "Bổ sung quyết định công nhận sáng kiến."}
               for answer in submission.answers.all()}
    task_run(task=_open_task(process, HomeAffairsFlow.review), actor=officer,
             action=lambda: services.submission_answer(actor=officer, submission=submission, answers=answers))
    task_run(task=_open_task(process, HomeAffairsFlow.resubmit), actor=secretariat,
             action=lambda: services.submission_resubmit(actor=secretariat, submission=submission, note="Đã bổ sung."))


def _returned_and_edited(vp: Agency):
    """Unit A's dossier of a second 2026 cycle sent with a file, returned by the secretariat, then given a new line
    and a new file the unit has not sent again (issue 15): the dossier, its sent file and its unsent one. (Not 2027:
    no rule set governs that year until NĐ 152/2025's successor is recorded.)"""
    cycle = services.cycle_open(actor=User.objects.get(username="hcqt"), agency=vp, year=2026, name="Ma trận 2026 (2)",
                                nominations_due=dt.date(2026, 12, 10), council_date=dt.date(2026, 12, 20))
    dossier, sent = _dossier_with_file(cycle, "KT")
    demo_facts.facts_record(year=cycle.year, lines=[(dossier.unit, "TTLDTT"),
                                                    (User.objects.get(username="canbo.kt.04"), "LDTT")])
    head, secretariat = dossier.created_by, User.objects.get(username="hcqt")
    kind = CommendationKind.objects.get(code="THUONG_XUYEN")
    services.line_add(actor=head, dossier=dossier, award=Award.objects.get(code="TTLDTT"), commendation_kind=kind,
                      unit=dossier.unit, achievements="Tập thể hoàn thành xuất sắc nhiệm vụ.")
    demo_facts.papers_record(dossier=dossier)
    task_run(task=_open_task(dossier.process, DossierFlow.edit), actor=head,
             action=lambda: services.dossier_submit(actor=head, dossier=dossier))
    task_run(task=_open_task(dossier.process, DossierFlow.review), actor=secretariat,
             action=lambda: services.dossier_review(actor=secretariat, dossier=dossier, accept=False,
                                                    reason="Bổ sung báo cáo thành tích cá nhân."))
    line = services.line_add(actor=head, dossier=dossier, award=Award.objects.get(code="LDTT"), commendation_kind=kind,
                             person=User.objects.get(username="canbo.kt.04"), achievements="Chưa gửi đi.")
    unsent = services.attachment_add(actor=head, dossier=dossier, kind="report", filename="bao-cao.pdf", content=PDF,
                                     line=line)
    dossier.refresh_from_db()
    return dossier, sent, unsent


def _initiative_submitted(author: User):
    """A submitted đơn yêu cầu công nhận sáng kiến of ``author`` alone (issue 21)."""
    from nominations.services import initiatives

    application = initiatives.initiative_application_create(
        actor=author, title=f"Sáng kiến của {author.full_name}", field="Văn thư", description="Mô tả.",
        benefits="Lợi ích.", scope="co_so", first_applied_on=dt.date(2025, 3, 1), authors=[(author, 100)])
    return initiatives.initiative_application_submit(actor=author, application=application)


def build() -> Dataset:
    ds = Dataset()
    vp = Agency.objects.get(code="VP")
    other = build_agency(base=vp, units=2, staff_per_unit=4, rng=random.Random(8))  # noqa: S311  # nosec B311
    secretariat, _chief = User.objects.get(username="hcqt"), User.objects.get(username="chanhvp")
    other_secretariat = _holder(Role.SECRETARIAT, agency=other)
    other_unit = other.units.order_by("position").first()

    # Nomination cycles: A's and B's dossiers submitted and accepted (start, edit, review, waiting
    # for the council); the other agency's dossier open with a file.
    cycle = services.cycle_open(actor=secretariat, agency=vp, year=2025, name="Ma trận 2025",
                                nominations_due=dt.date(2025, 12, 10), council_date=dt.date(2025, 12, 20))
    other_cycle = services.cycle_open(actor=other_secretariat, agency=other, year=2025, name="Ma trận khác 2025",
                                      nominations_due=dt.date(2025, 12, 10), council_date=dt.date(2025, 12, 20))
    ds.put("cycle", a=cycle, b=cycle, other=other_cycle)
    service_cycle = services.cycle_open(
        actor=secretariat, agency=vp, year=2026, name="Ma trận niên hạn 2026", nominations_due=dt.date(2026, 12, 15),
        kind=CommendationKind.objects.get(code="NIEN_HAN"))
    ds.put("service_cycle", a=service_cycle, b=service_cycle, other=other_cycle)
    dossier_a = accepted_dossier(cycle, "KT", [(User.objects.get(username="canbo.kt.02"), "LDTT")])
    dossier_b = accepted_dossier(cycle, "NC", [(User.objects.get(username="canbo.nc.02"), "LDTT")])
    files_cycle = services.cycle_open(actor=secretariat, agency=vp, year=2026, name="Ma trận 2026",
                                      nominations_due=dt.date(2026, 12, 10), council_date=dt.date(2026, 12, 20))
    open_a, file_a = _dossier_with_file(files_cycle, "KT")
    open_b, file_b = _dossier_with_file(files_cycle, "NC")
    other_head = _holder(Role.UNIT_HEAD, unit=other_unit)
    other_dossier = dossier_processes.dossier_open(actor=other_head, cycle=other_cycle, unit=other_unit)
    other_file = services.attachment_add(actor=other_head, dossier=other_dossier, kind="minutes",
                                         filename="bien-ban.pdf", content=PDF)
    returned_a, returned_sent, returned_unsent = _returned_and_edited(vp)
    ds.put("dossier", a=dossier_a, b=dossier_b, other=other_dossier, returned_a=returned_a)
    ds.put("open_dossier", a=open_a, b=open_b, other=other_dossier)
    ds.put("attachment", a=file_a, b=file_b, other=other_file, returned_a_sent=returned_sent,
           returned_a_unsent=returned_unsent)

    # The council: the agenda of the accepted lines published, one ballot task per voting member.
    session = services.session_create(actor=secretariat, cycle=cycle, meeting_date=dt.date(2025, 12, 20))
    council_processes.session_publish(actor=secretariat, session=session)
    ds.put("session", a=session, b=session, other=None)

    # Pledges: A's and B's registrations open at the submit task; each agency's open at compile.
    title = Award.objects.get(code="TTLDTT")
    registrations = {}
    for key, unit in (("a", Unit.objects.get(agency=vp, code="KT")), ("b", Unit.objects.get(agency=vp, code="NC")),
                      ("other", other_unit)):
        head = _holder(Role.UNIT_HEAD, unit=unit)
        registration = PledgeFlow.start.run(actor=head, unit=unit, year=2025).registration
        pledges.pledge_registration_update(actor=head, registration=registration, collective_title=title)
        registrations[key] = registration
    ds.put("pledge", **registrations)
    agency_vp = AgencyPledgeFlow.start.run(actor=secretariat, agency=vp, year=2025,
                                           deadline=dt.date(2025, 3, 31)).registration
    agency_other = AgencyPledgeFlow.start.run(actor=other_secretariat, agency=other, year=2025,
                                              deadline=dt.date(2025, 3, 31)).registration
    ds.put("agency_pledge", a=agency_vp, b=agency_vp, other=agency_other)
    bloc = EmulationBloc.objects.first()
    ds.put("bloc", a=bloc, b=bloc, other=bloc)
    # Tra cứu khen thưởng: a person and a unit of A, B and the other agency.
    unit_a, unit_b = Unit.objects.get(agency=vp, code="KT"), Unit.objects.get(agency=vp, code="NC")
    ds.put("record_unit", a=unit_a, b=unit_b, other=other_unit)
    ds.put("record_person", a=User.objects.get(username="canbo.kt.02"), b=User.objects.get(username="canbo.nc.02"),
           other=other_unit.members.order_by("pk").first())

    # Documents: a draft of each agency (signing would render; the matrix never needs a number).
    data = {"authority": "Chánh Văn phòng UBND tỉnh Quảng Ngãi", "articles": ["Tặng Giấy khen."], "annex": []}
    doc_vp = document_services.document_create(actor=secretariat, agency=vp, template_key="quyet_dinh_khen_thuong",
                                               summary="Về việc tặng Giấy khen", data=data, issuer_unit_code="HCQT")
    doc_other = document_services.document_create(
        actor=other_secretariat, agency=other, template_key="quyet_dinh_khen_thuong",
        summary="Về việc tặng Giấy khen", data=data, issuer_unit_code="DV001")
    ds.put("document", a=doc_vp, b=doc_vp, other=doc_other)

    # Delegations: each unit head to a colleague of the same unit.
    delegations = {}
    for key, head_name, colleague in (("a", "truongphong.kt", "canbo.kt.03"), ("b", "truongphong.nc", "canbo.nc.03")):
        head = User.objects.get(username=head_name)
        delegations[key] = delegation_services.delegation_create(
            actor=head, delegator=head, delegate=User.objects.get(username=colleague),
            start_date=dt.date.today() + dt.timedelta(days=30), end_date=dt.date.today() + dt.timedelta(days=40))
    second_head = _holder(Role.UNIT_HEAD, unit=other.units.order_by("position").last())
    delegations["other"] = delegation_services.delegation_create(
        actor=second_head, delegator=second_head, delegate=second_head.unit.members.exclude(pk=second_head.pk).first(),
        start_date=dt.date.today() + dt.timedelta(days=30), end_date=dt.date.today() + dt.timedelta(days=40))
    ds.put("delegation", **delegations)

    # Annual reports: each agency's 2025 report open at the sections (A writes KT's, B NC's).
    from nominations.flows import AnnualReportFlow
    from nominations.models import AnnualReportProcess

    report_vp = AnnualReportFlow.start.run(actor=secretariat, agency=vp, year=2025).report
    report_other = AnnualReportFlow.start.run(actor=other_secretariat, agency=other, year=2025).report
    ds.put("report", a=report_vp, b=report_vp, other=report_other)
    ds.put("report_section", a=report_vp.sections.get(unit__code="KT"), b=report_vp.sections.get(unit__code="NC"),
           other=report_other.sections.order_by("pk").first())

    # Background jobs: a finished people export of each unit head (owner only).
    from workflow.jobs.services import job_run, job_start

    ds.put("job", **{key: job_run(job_id=job_start(actor=User.objects.get(username=name), kind="people_export").pk)
                     for key, name in (("a", "truongphong.kt"), ("b", "truongphong.nc"))})

    # Tờ trình at Sở Nội vụ (2024 cycles): the Office's, for a line of unit A, returned once, resubmitted and
    # at review again; the other agency's at its first review.
    submission_vp = _at_home_affairs(
        cycle=services.cycle_open(actor=secretariat, agency=vp, year=2024, name="Ma trận 2024",
                                  nominations_due=dt.date(2024, 12, 10), council_date=dt.date(2024, 12, 20)),
        unit=Unit.objects.get(agency=vp, code="KT"), nominee=User.objects.get(username="canbo.kt.03"),
        in_house=User.objects.get(username="canbo.kt.05"))
    _returned_and_resubmitted(submission_vp)
    submission_other = _at_home_affairs(
        cycle=services.cycle_open(actor=other_secretariat, agency=other, year=2024, name="Ma trận khác 2024",
                                  nominations_due=dt.date(2024, 12, 10), council_date=dt.date(2024, 12, 20)),
        unit=other_unit, nominee=other_unit.members.exclude(pk=other_head.pk).first())
    # Sở Nội vụ reads the dossier behind a Tờ trình it received, the dossier's own files and those of the line
    # sent, never another line's (nominations.selectors.dossiers): the "sent_*" objects (matrix.Row.more), and
    # their processes below.
    # The Tờ trình themselves (the API's submissions/): the Office's (A's and B's agency) and the other agency's.
    ds.put("submission", a=submission_vp.submission, b=submission_vp.submission, other=submission_other.submission)
    sent_a, sent_other = (process.submission.lines.get().dossier for process in (submission_vp, submission_other))
    ds.objects["dossier"].update(sent_a=sent_a, sent_other=sent_other)
    ds.objects["attachment"].update(sent_a=sent_a.attachments.get(line=None),
                                    sent_other=sent_other.attachments.get(line=None),
                                    sent_a_other_line=sent_a.attachments.get(kind="supporting",
                                                                             line__person__username="canbo.kt.05"))

    # Processes and tasks: the open edit task of each unit's 2026 dossier (reassign, diagram).
    ds.put("process", a=open_a.process, b=open_b.process, other=other_dossier.process,
           sent_a=sent_a.process, sent_other=sent_other.process)
    ds.put("task", **{key: dossier.process.task_set.order_by("-pk").first()
                      for key, dossier in (("a", open_a), ("b", open_b), ("other", other_dossier))})
    ds.put("content_type", a=ContentType.objects.get_for_model(dossier_a))
    ds.put("initiative", **{key: _initiative_submitted(author) for key, author in (
        ("a", User.objects.get(username=USERS["staff"])), ("b", User.objects.get(username="canbo.nc.02")),
        ("other", User.objects.filter(unit=other_unit, is_active=True).exclude(pk=other_head.pk).first()))})
    # The process of each flow namespace, for /flows/... and the Site's flow applications.
    ds.flows = {
        "dossier": {"a": dossier_a.process, "b": dossier_b.process, "other": other_dossier.process,
                    "sent_a": sent_a.process, "sent_other": sent_other.process},
        "council": {"a": session.process, "b": session.process, "other": None},
        "homeaffairs": {"a": submission_vp, "b": submission_vp, "other": submission_other},
        "pledge": {key: PledgeProcess.objects.get(registration=registration)
                   for key, registration in registrations.items()},
        "agencypledge": {"a": AgencyPledgeProcess.objects.get(registration=agency_vp),
                         "b": AgencyPledgeProcess.objects.get(registration=agency_vp),
                         "other": AgencyPledgeProcess.objects.get(registration=agency_other)},
        "annualreport": {"a": AnnualReportProcess.objects.get(report=report_vp),
                         "b": AnnualReportProcess.objects.get(report=report_vp),
                         "other": AnnualReportProcess.objects.get(report=report_other)},
    }
    return ds
