"""A whole cycle driven through the services and tasks the pages use (``simulate_cycle``).

Nothing here writes around a service or a flow: the unit heads open, fill and submit dossiers,
the secretariat returns some and accepts them, every voting member casts a ballot, the
secretariat finalises the minutes, the chief approves, Home Affairs answers each line of the
Tờ trình (some returned, resubmitted and accepted, some rejected); at the end of the year every
unit head writes the unit's section of the annual report, the secretariat compiles it from the
data, the chief signs the numbered Báo cáo and Sở Nội vụ acknowledges it. ``output_dir``: every
document issued during the run is written there as a PDF.
"""

from __future__ import annotations

import datetime as dt
import random
import time
import unicodedata
from collections import Counter
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from viewflow.workflow.status import STATUS

from accounts import services as accounts_services
from accounts.models import Agency, Unit, User
from accounts.roles import CouncilPosition, Role
from accounts.selectors import role_holders
from workflow.documents.models import DocumentStatus, IssuedDocument
from workflow.documents.services import document_issue

from . import demo_facts, services, simulation_bloc
from .flows.council import CouncilFlow
from .flows.dossier import DossierFlow
from .flows.home_affairs import HomeAffairsFlow
from .flows.pledge import AgencyPledgeFlow, PledgeFlow
from .flows.report import AnnualReportFlow
from .models import (
    REPORT_PROSE_FIELDS,
    AchievementReport,
    AgencyPledgeProcess,
    AgencyPledgeRegistration,
    AgencyPledgeStatus,
    AnnualReport,
    AnnualReportProcess,
    AnswerStatus,
    AttachmentKind,
    Award,
    CommendationKind,
    CouncilProcess,
    Cycle,
    DisciplineLevel,
    Dossier,
    DossierProcess,
    HomeAffairsProcess,
    Line,
    LineStatus,
    Movement,
    OutcomeDocument,
    OutcomeDocumentKind,
    PastAward,
    PledgeProcess,
    PledgeRegistration,
    ReportStatus,
    VoteMethod,
)
from .processes.council import session_approve, session_publish
from .processes.dossier import dossier_open, urgent_dossier_open
from .processes.pledge import agency_pledge_start, pledge_start
from .processes.report import report_start
from .processes.running import task_run
from .selectors.report import prose_prefill
from .selectors.service_awards import candidates as service_candidates
from .services import gates, pledges
from .services import report as report_services

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Quốc", "Ngọc", "Hữu"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hương", "Khánh", "Lan", "Long", "Mai", "Nam", "Phúc",
         "Quang", "Sơn", "Tâm", "Thảo", "Trung", "Tú", "Vy"]


def _holder(role: str, **scope) -> User | None:
    (over,) = scope.values()
    return role_holders(role, over=over).first()


def build_agency(*, base: Agency, units: int, staff_per_unit: int, rng: random.Random) -> Agency:
    """A synthetic agency of the same province: ``units`` units of ``staff_per_unit`` people, a chief,
    a secretariat, unit heads and a council (the chief chairs, up to 12 unit heads sit)."""
    code = f"MP{Agency.objects.filter(code__startswith='MP').count() + 1}"
    agency = Agency.objects.create(
        province=base.province, code=code, name=f"Cơ quan mô phỏng {code}", short_name=f"Cơ quan {code}",
        parent_name=base.parent_name, kind=Agency.Kind.OTHER, head_title="Thủ trưởng cơ quan",
        deputy_title="Phó Thủ trưởng cơ quan", place_name=base.place_name,
    )
    heads = []
    for index in range(1, units + 1):
        unit = Unit.objects.create(agency=agency, code=f"DV{index:03d}", name=f"Phòng mô phỏng {index:03d}",
                                   kind=Unit.Kind.DEPARTMENT, position=index)
        for number in range(1, staff_per_unit + 1):
            person = accounts_services.person_create(
                actor=None, username=f"{code.lower()}.{index:03d}.{number:03d}", unit=unit,
                full_name=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                position_title="Trưởng phòng" if number == 1 else "Chuyên viên", is_leader=number == 1,
            )
            if number == 1:
                heads.append(person)
                accounts_services.role_grant(actor=None, user=person, role=Role.UNIT_HEAD, unit=unit)
    chief, secretariat = heads[0], heads[-1]
    for person, role in ((chief, Role.CHIEF), (secretariat, Role.SECRETARIAT)):
        accounts_services.role_grant(actor=None, user=person, role=role, agency=agency)
    accounts_services.role_grant(actor=None, user=chief, role=Role.COUNCIL_MEMBER, agency=agency,
                                 council_position=CouncilPosition.CHAIR)
    accounts_services.role_grant(actor=None, user=secretariat, role=Role.COUNCIL_MEMBER, agency=agency,
                                 council_position=CouncilPosition.SECRETARY)
    for head in heads[1:13]:
        if head != secretariat:
            accounts_services.role_grant(actor=None, user=head, role=Role.COUNCIL_MEMBER, agency=agency,
                                         council_position=CouncilPosition.MEMBER)
    return agency


def _lines_for(unit: Unit, index: int, year: int, rng: random.Random) -> list[tuple]:
    """A unit's proposals: LĐTT for everyone, TTLĐTT for the unit, a Bằng khen tỉnh in every third unit
    and a CSTĐ tỉnh in every fourth (its nominee is also the year's CSTĐCS: the streak ends this year).
    Other CSTĐCS lines are added agency-wide under the cap (``_add_cstdcs``)."""
    awarded = set(PastAward.objects.standing().filter(year=year).filter(Q(person__unit=unit) | Q(unit=unit))
                  .values_list("person_id", "unit_id", "award__code"))
    people = list(unit.members.filter(is_active=True, in_council_scope=True).order_by("pk"))
    wanted: list[tuple] = [(person, "LDTT") for person in people]
    wanted.append((unit, "TTLDTT"))
    if people and index % 3 == 0:
        wanted.append((rng.choice(people), "BK_TINH"))
    if people and index % 4 == 1:
        wanted += [(people[0], "CSTDCS"), (people[0], "CSTD_TINH")]
    return [(nominee, code) for nominee, code in wanted
            if (getattr(nominee, "unit_id", None) and (nominee.pk, None, code) not in awarded)
            or (isinstance(nominee, Unit) and (None, nominee.pk, code) not in awarded)]


# The share of the agency's LĐTT lines proposed for CSTĐCS: under the 15 % cap with room for the LĐTT
# lines the gates refuse or the council turns down.
CSTDCS_SHARE = 12


def _add_cstdcs(units: list[Unit], wanted_by_unit: dict[int, list[tuple]]) -> None:
    """CSTĐCS lines for people proposed for LĐTT, one unit after another, until the agency's share."""
    ldtt = sum(1 for lines in wanted_by_unit.values() for _nominee, code in lines if code == "LDTT")
    budget = ldtt * CSTDCS_SHARE // 100
    budget -= sum(1 for lines in wanted_by_unit.values() for _nominee, code in lines if code == "CSTDCS")
    candidates = [[nominee for nominee, code in wanted_by_unit[unit.pk] if code == "LDTT"
                   and (nominee, "CSTDCS") not in wanted_by_unit[unit.pk]] for unit in units]
    rank = 0
    while budget > 0 and any(rank < len(c) for c in candidates):
        for unit, people in zip(units, candidates, strict=True):
            if budget > 0 and rank < len(people):
                wanted_by_unit[unit.pk].append((people[rank], "CSTDCS"))
                budget -= 1
        rank += 1


PAPER = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ACKNOWLEDGED = "Đã đối chiếu bản đăng ký thi đua và kết quả đánh giá, xếp loại bản giấy của đơn vị."


def _discipline_a_few(units: list[Unit], wanted_by_unit: dict[int, list[tuple]], year: int) -> list[User]:
    """One person proposed for LĐTT only, in every fifth unit, gets a khiển trách of the year (as an
    officer would record it): the submission gate refuses the line, the unit head takes it out."""
    people = []
    for index, unit in enumerate(units, start=1):
        if index % 5 != 3:
            continue
        titles: dict[int, set[str]] = {}
        for nominee, code in wanted_by_unit[unit.pk]:
            if isinstance(nominee, User):
                titles.setdefault(nominee.pk, set()).add(code)
        person = next((nominee for nominee, code in reversed(wanted_by_unit[unit.pk])
                       if isinstance(nominee, User) and titles[nominee.pk] == {"LDTT"}), None)
        if person is not None:
            services.discipline_record(actor=None, person=person, level=DisciplineLevel.REPRIMAND, year=year,
                                       decision_number=f"{len(people) + 1:02d}/QĐ-KL",
                                       note="Mô phỏng: kỷ luật trong năm, dòng đề nghị phải bị từ chối.")
            people.append(person)
    return people


def _submit(process, dossier: Dossier, head: User, refused: list[dict]) -> None:
    """The unit head sends the dossier; when the gate refuses lines that fail a criterion, they are
    noted (who, what, why) and taken out, and the dossier is sent again."""
    try:
        task_run(task=_task(process, DossierFlow.edit), actor=head,
                 action=lambda: services.dossier_submit(actor=head, dossier=dossier))
        return
    except ValidationError:
        pass
    for line in dossier.lines.select_related("person", "unit", "award"):
        failing = [v for v in line.verdicts if v.get("outcome") == "fail"]
        if failing:
            refused.append({"unit": dossier.unit.code, "nominee": line.nominee_name, "title": line.award.code,
                            "gate": "submit", "criteria": sorted({v.get("criterion", "") for v in failing}),
                            "reasons": [v["explanation"] for v in failing]})
            services.line_remove(actor=head, line=line)
    task_run(task=_task(process, DossierFlow.edit), actor=head,
             action=lambda: services.dossier_submit(actor=head, dossier=dossier))


def _task(process, node, statuses=(STATUS.NEW, STATUS.ASSIGNED)):
    return process.task_set.filter(flow_task=node, status__in=statuses).order_by("-pk").first()


def _issue_queued(session) -> None:
    """Act as the document worker for what is still queued (inside a test transaction, or before a
    broker's worker got to it); ``document_issue`` skips a document already issued."""
    documents = [session.minutes, *(o.document for o in session.outcome_documents.select_related("document"))]
    for document in documents:
        document.refresh_from_db(fields=["status"])
        if document.status == DocumentStatus.QUEUED:
            document_issue(document_id=document.pk)


PLEDGE_RETURN_REASON = "Bổ sung chỉ tiêu thi đua của đơn vị."


def _pledge_year(*, agency: Agency, year: int, secretariat: User, chief: User, officer: User) -> dict:
    """The year opens with registration (domain §6): every unit registers its titles, the secretariat
    returns one for supplement, compiles the agency's registration, the chief signs the numbered
    công văn and Sở Nội vụ acknowledges it — through the same services and tasks as the pages."""
    awards = {award.code: award for award in Award.objects.filter(code__in=["TTLDTT", "LDTT", "CSTDCS"])}
    agency_process = agency_pledge_start(actor=secretariat, agency=agency, year=year,
                                                deadline=dt.date(year, 3, 31))
    agency_registration = agency_process.registration
    registered = returned = 0
    for index, unit in enumerate(agency.units.order_by("position", "pk"), start=1):
        head = _holder(Role.UNIT_HEAD, unit=unit)
        people = list(unit.members.filter(is_active=True, in_council_scope=True).order_by("pk"))
        if head is None or not people:
            continue
        process = pledge_start(actor=head, unit=unit, year=year)
        registration = process.registration
        pledges.pledge_registration_update(actor=head, registration=registration, collective_title=awards["TTLDTT"])
        for position, person in enumerate(people):
            title = awards["CSTDCS"] if position == 0 else awards["LDTT"]
            pledges.pledge_line_save(actor=head, registration=registration, person=person, title=title,
                                     planned_initiative="Số hóa quy trình nghiệp vụ" if position == 0 else "")

        def submit(h=head, r=registration):
            return pledges.pledge_registration_submit(actor=h, registration=r)

        task_run(task=_task(process, PledgeFlow.submit), actor=head, action=submit)
        if index % 5 == 2:
            returned += 1
            task_run(task=_task(process, PledgeFlow.review), actor=secretariat,
                     action=lambda r=registration: pledges.pledge_registration_review(
                         actor=secretariat, registration=r, accept=False, reason=PLEDGE_RETURN_REASON))
            task_run(task=_task(process, PledgeFlow.submit), actor=head, action=submit)
        task_run(task=_task(process, PledgeFlow.review), actor=secretariat,
                 action=lambda r=registration: pledges.pledge_registration_review(
                     actor=secretariat, registration=r, accept=True))
        registered += 1
    task_run(task=_task(agency_process, AgencyPledgeFlow.compile), actor=secretariat,
             action=lambda: pledges.agency_pledge_compile(actor=secretariat, registration=agency_registration,
                                                          on=dt.date(year, 4, 1)))
    task_run(task=_task(agency_process, AgencyPledgeFlow.sign), actor=chief,
             action=lambda: pledges.agency_pledge_sign(actor=chief, registration=agency_registration))
    agency_registration.refresh_from_db()
    document = agency_registration.document
    if document.status == DocumentStatus.QUEUED:
        document_issue(document_id=document.pk)
    task_run(task=_task(agency_process, AgencyPledgeFlow.home_affairs), actor=officer,
             action=lambda: pledges.agency_pledge_home_affairs_decide(
                 actor=officer, registration=agency_registration, acknowledge=True))
    agency_registration.refresh_from_db()
    document.refresh_from_db()
    return {"units_registered": registered, "returned": returned, "status": agency_registration.status,
            "document": document.number_text, "document_status": document.status}


SECTION_TEXT = {
    "results": "Hoàn thành các nhiệm vụ được giao trong năm đúng tiến độ.",
    "movements": "Hưởng ứng đầy đủ các phong trào thi đua do cơ quan phát động.",
    "propaganda": "Giới thiệu gương người tốt, việc tốt hằng tháng.",
    "proposals": "Đề nghị tiếp tục tập huấn nghiệp vụ thi đua, khen thưởng.",
}


def _report_year(*, agency: Agency, year: int, secretariat: User, chief: User, officer: User) -> dict:
    """The year closes with the annual report (domain §7): every unit head sends a section, the
    secretariat compiles it from the data, the chief signs the Báo cáo and Sở Nội vụ acknowledges it."""
    if AnnualReport.objects.filter(agency=agency, year=year).exists():
        report = AnnualReport.objects.get(agency=agency, year=year)
        return {"status": report.status, "document": report.document.number_text if report.document else "",
                "sections": report.sections.count(), "already_there": True}
    process = report_start(actor=secretariat, agency=agency, year=year)
    report = process.report
    for task in process.task_set.filter(flow_task=AnnualReportFlow.write).select_related("owner").order_by("pk"):
        section = report.sections.get(pk=task.data["section"])
        task_run(task=task, actor=task.owner, action=lambda s=section, u=task.owner: report_services.
                 report_section_submit(actor=u, section=s, fields=SECTION_TEXT))
    report.refresh_from_db()
    prose = prose_prefill(report)
    prose.update({"favourable": prose["favourable"] or "Cơ quan nhận được sự quan tâm, chỉ đạo của lãnh đạo tỉnh.",
                  "assessment": prose["assessment"] or "Phong trào thi đua được duy trì thường xuyên, thiết thực.",
                  "tasks": prose["tasks"] or f"Tiếp tục đẩy mạnh các phong trào thi đua năm {year + 1}."})
    task_run(task=_task(process, AnnualReportFlow.compile), actor=secretariat,
             action=lambda: report_services.annual_report_compile(
                 actor=secretariat, report=report, prose={k: prose[k] for k in REPORT_PROSE_FIELDS}))
    task_run(task=_task(process, AnnualReportFlow.sign), actor=chief,
             action=lambda: report_services.annual_report_sign(actor=chief, report=report))
    report.refresh_from_db()
    if report.document.status == DocumentStatus.QUEUED:
        document_issue(document_id=report.document_id)
    task_run(task=_task(process, AnnualReportFlow.home_affairs), actor=officer,
             action=lambda: report_services.annual_report_home_affairs_decide(actor=officer, report=report,
                                                                               acknowledge=True))
    report.refresh_from_db()
    report.document.refresh_from_db()
    return {"status": report.status, "document": report.document.number_text,
            "document_status": report.document.status, "sections": report.sections.count()}


def _file_name(document: IssuedDocument) -> str:
    """"bc-vp-01_tong-ket-cong-tac-thi-dua-khen-thuong-nam-2025.pdf": the number, then the summary."""
    def ascii_slug(text: str) -> str:
        text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
        return slugify(text)[:70].strip("-")

    number = document.number_text or f"{document.pk}"
    head, _slash, symbol = number.partition("/")
    return f"{ascii_slug(symbol)}-{head}_{ascii_slug(document.summary.splitlines()[0])}.pdf".lstrip("-")


def write_documents(*, agency: Agency, since, output_dir: str | Path, only: list[int] | None = None) -> list[str]:
    """Write every document of ``agency`` issued since ``since`` (or those of ``only``) into ``output_dir``; the
    names written."""
    folder = Path(output_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    documents = IssuedDocument.objects.filter(agency=agency, status=DocumentStatus.READY, created_at__gte=since)
    if only is not None:
        documents = documents.filter(pk__in=only)
    for document in documents.order_by("signed_at", "pk"):
        name = _file_name(document)
        with document.pdf.open("rb") as source:
            (folder / name).write_bytes(source.read())
        written.append(name)
    return written


def _counting_committee(session) -> dict:
    """The ban kiểm phiếu of a secret ballot: three members present, the first (by name) heading it."""
    if session.written_consultation or not session.items.filter(vote_method=VoteMethod.SECRET).exists():
        return {}
    present = list(session.attendees.filter(present=True).order_by("person__name_sort_key", "pk")[:3])
    return {"counting_head": present[0], "counting_members": present[1:]} if present else {}


def write_reports(*, cycle: Cycle, output_dir: str | Path) -> list[str]:
    """Write each line's báo cáo thành tích (the PDF attached when its unit head confirmed it) into
    ``<output_dir>/bao-cao-thanh-tich/<unit>-<line>.pdf``; the names written, relative to ``output_dir``."""
    folder = Path(output_dir) / "bao-cao-thanh-tich"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    reports = (AchievementReport.objects.filter(line__cycle=cycle, attachment__isnull=False)
               .select_related("attachment", "line__dossier__unit", "line__person", "line__unit", "line__award")
               .order_by("line__dossier__unit__position", "line__position", "pk"))
    for report in reports:
        line = report.line
        name = f"{slugify(line.dossier.unit.code)}-{line.pk}-{slugify(line.award.code)}.pdf"
        with report.attachment.file.open("rb") as source:
            (folder / name).write_bytes(source.read())
        written.append(f"bao-cao-thanh-tich/{name}")
    return written


# ``simulate_cycle --kind``: the loại hình of the simulated cycle. Cống hiến and niên hạn propose whom the service
# records suggest (selectors.service_awards), confirmed by each unit head; they run without the pledge and report
# year of the annual review.
KIND_OPTIONS = {"thuong-xuyen": "THUONG_XUYEN", "cong-hien": "CONG_HIEN", "nien-han": "NIEN_HAN"}
SERVICE_KINDS = ("CONG_HIEN", "NIEN_HAN")


def simulate(*, year: int, agency_code: str = "VP", units: int | None = None, staff_per_unit: int = 10,
             seed: int = 0, output_dir: str | Path | None = None, with_bloc: bool = False,
             kind: str = "THUONG_XUYEN") -> dict:
    rng = random.Random(seed)  # noqa: S311  # nosec B311
    started = time.perf_counter()
    since = timezone.now()
    agency = real_agency = Agency.objects.get(code=agency_code)
    if units:
        agency = build_agency(base=agency, units=units, staff_per_unit=staff_per_unit, rng=rng)
    secretariat = _holder(Role.SECRETARIAT, agency=agency)
    chief = _holder(Role.CHIEF, agency=agency)
    officer = _holder(Role.HOME_AFFAIRS, province=agency.province)
    if not (secretariat and chief and officer):
        raise ValueError("the agency needs a secretariat, a chief and a Home Affairs officer of its province")
    service = kind in SERVICE_KINDS
    pledge_summary = ({"units_registered": 0, "returned": 0, "status": "", "document": ""} if service else
                      _pledge_year(agency=agency, year=year, secretariat=secretariat, chief=chief, officer=officer))
    commendation_kind = CommendationKind.objects.get(code=kind)
    name = "xét khen thưởng" if kind == "THUONG_XUYEN" else commendation_kind.name.lower()
    cycle = services.cycle_open(
        actor=secretariat, agency=agency, year=year, kind=commendation_kind,
        name=f"Mô phỏng {name} năm {year} (lần {Cycle.objects.filter(agency=agency, year=year).count() + 1})",
        # cống hiến, niên hạn: the years are counted to the deadline (demo_service.REFERENCE for 2026)
        nominations_due=dt.date(year, 12, 15) if service else dt.date(year, 12, 10),
        council_date=dt.date(year, 12, 20),
    )
    awards = {award.code: award for award in Award.objects.all()}
    returned_dossiers = 0
    units = list(agency.units.order_by("position", "pk"))
    if service:
        wanted_by_unit, papers, disciplined = {unit.pk: [] for unit in units}, set(), []
    else:
        wanted_by_unit = {unit.pk: _lines_for(unit, index, year, rng) for index, unit in enumerate(units, start=1)}
        _add_cstdcs(units, wanted_by_unit)
        # A lawful year: the registries hold what each proposed line needs (ratings, sáng kiến with their
        # decisions, earlier titles, enough LĐTT for the CSTĐCS cap) ...
        every_line = [line for lines in wanted_by_unit.values() for line in lines]
        papers = {every_line[i] for i in demo_facts.facts_record(year=year, lines=every_line)}
        # ... except for a few people, deliberately: a khiển trách of the year, which the gates must refuse.
        disciplined = _discipline_a_few(units, wanted_by_unit, year)
    refused: list[dict] = []
    for index, unit in enumerate(units, start=1):
        head = _holder(Role.UNIT_HEAD, unit=unit)
        wanted = wanted_by_unit[unit.pk]
        suggested = ([c.person for c in service_candidates(cycle, units=[unit]) if not c.proposed]
                     if service else [])
        if head is None or not (wanted or suggested):
            continue
        dossier = dossier_open(actor=head, cycle=cycle, unit=unit)
        if suggested:  # the unit head confirms every person the service records suggest
            services.service_candidates_confirm(actor=head, dossier=dossier, people=suggested)
        for nominee, code in wanted:
            target = {"unit": nominee} if isinstance(nominee, Unit) else {"person": nominee}
            line = services.line_add(actor=head, dossier=dossier, award=awards[code],
                                     commendation_kind=commendation_kind,
                                     achievements="Hoàn thành tốt nhiệm vụ được giao; tích cực tham gia phong trào "
                                                  "thi đua.", **target)
            if (nominee, code) in papers:
                services.attachment_add(actor=head, dossier=dossier, kind=AttachmentKind.SUPPORTING, line=line,
                                        filename="bien-ban-suy-ton.pdf", content=PAPER)
        # The papers the lines need: each báo cáo thành tích written and confirmed by the head (its PDF),
        # the unit's bình xét minutes, the supporting papers of the rule set.
        demo_facts.papers_record(dossier=dossier, actor=head)
        process = dossier.process
        _submit(process, dossier, head, refused)
        if index % 4 == 1:
            returned_dossiers += 1
            task_run(task=_task(process, DossierFlow.review), actor=secretariat,
                     action=lambda d=dossier: services.dossier_review(
                         actor=secretariat, dossier=d, accept=False, reason="Bổ sung biên bản họp bình xét."))
            _submit(process, dossier, head, refused)
        task_run(task=_task(process, DossierFlow.review), actor=secretariat,
                 action=lambda d=dossier: services.dossier_review(actor=secretariat, dossier=d, accept=True,
                                                                  acknowledge=ACKNOWLEDGED))

    # The council meets on 20 December, or today for the current year before then: the votes are counted
    # at the meeting, never before its date.
    session = services.session_create(actor=secretariat, cycle=cycle,
                                      meeting_date=min(dt.date(year, 12, 20), timezone.localdate()),
                                      venue=f"Phòng họp {agency.short_name}")
    session_publish(actor=secretariat, session=session)
    items = list(session.items.select_related("line__award"))
    # A few lines the council argues over (never an LĐTT: the CSTĐCS cap is counted on them).
    arguable = [item for item in items if item.line.award.code != "LDTT"] or items
    contested = {item.pk for item in rng.sample(arguable, k=min(len(arguable), max(1, len(items) // 20)))}
    if service:
        contested = set()  # cống hiến, niên hạn: the years are facts the records hold, nothing to argue over
    process = CouncilProcess.objects.get(session=session)
    for task in process.task_set.filter(flow_task=CouncilFlow.ballot).select_related("owner").order_by("pk"):
        member = session.attendees.get(pk=task.data["member"])
        choices = {item.pk: not (item.pk in contested and rng.random() < 0.5)
                   for item in items if item.line.person_id != member.person_id}
        task_run(task=task, actor=task.owner,
                 action=lambda m=member, c=choices, u=task.owner: services.ballot_cast(actor=u, member=m, choices=c))
    task_run(task=_task(process, CouncilFlow.finalise), actor=secretariat,
             action=lambda: services.session_finalise(
                 actor=secretariat, session=session, start_time="08 giờ 00", end_time="10 giờ 30",
                 **_counting_committee(session)))
    task_run(task=_task(process, CouncilFlow.approve), actor=chief,
             action=lambda: session_approve(actor=chief, session=session))

    session.refresh_from_db()
    _issue_queued(session)
    provincial = 0
    for submission in session.outcome_documents.filter(kind=OutcomeDocumentKind.SUBMISSION):
        ha_process = HomeAffairsProcess.objects.get(submission=submission)
        while (task := _task(ha_process, HomeAffairsFlow.review)) is not None:
            answers = {}
            for position, answer in enumerate(submission.answers.filter(status=AnswerStatus.PENDING).order_by("pk")):
                roll = position % 5 if answer.rounds == 1 else 4
                if roll == 0:
                    answers[answer.line_id] = {"status": AnswerStatus.RETURNED, "reason": "Bổ sung báo cáo thành tích."}
                elif roll == 1:
                    answers[answer.line_id] = {"status": AnswerStatus.REJECTED, "reason": "Chưa đủ tiêu chuẩn."}
                else:
                    provincial += 1
                    answers[answer.line_id] = {"status": AnswerStatus.ACCEPTED,
                                               "decision_number": f"{provincial}/QĐ-UBND",
                                               "decision_date": dt.date(year + 1, 1, 15)}
            task_run(task=task, actor=officer, action=lambda s=submission, a=answers: services.submission_answer(
                actor=officer, submission=s, answers=a))
            resubmit = _task(ha_process, HomeAffairsFlow.resubmit)
            if resubmit is not None:
                task_run(task=resubmit, actor=secretariat, action=lambda s=submission: services.submission_resubmit(
                    actor=secretariat, submission=s, note="Đã bổ sung."))

    report_summary = ({"document": "", "sections": 0, "status": ""} if service else
                      _report_year(agency=agency, year=year, secretariat=secretariat, chief=chief, officer=officer))
    # The bloc of the real agency (a synthetic one belongs to none): its giao ước, scores, vote and Tờ trình.
    bloc_summary = simulation_bloc.bloc_year(agency=real_agency, year=year, rng=rng) if with_bloc else None
    lines = Line.objects.filter(cycle=cycle)
    unfinished = (
        DossierProcess.objects.filter(dossier__cycle=cycle).exclude(status=STATUS.DONE).count()
        + CouncilProcess.objects.filter(session__cycle=cycle).exclude(status=STATUS.DONE).count()
        + HomeAffairsProcess.objects.filter(submission__session__cycle=cycle).exclude(status=STATUS.DONE).count()
        + PledgeProcess.objects.filter(registration__unit__agency=agency, registration__year=year)
        .exclude(status=STATUS.DONE).count()
        + AgencyPledgeProcess.objects.filter(registration__agency=agency, registration__year=year)
        .exclude(status=STATUS.DONE).count()
        + AnnualReportProcess.objects.filter(report__agency=agency, report__year=year).exclude(status=STATUS.DONE)
        .count()
    )
    documents = [
        {"kind": d.kind, "number": d.document.number_text, "status": d.document.status, "lines": d.lines.count()}
        for d in session.outcome_documents.select_related("document").order_by("kind", "pk")
    ]
    session.refresh_from_db()
    return {
        "agency": agency.code, "cycle": cycle.name, "year": year, "pledges": pledge_summary,
        "units": agency.units.count(), "dossiers": cycle.dossiers.count(), "returned_dossiers": returned_dossiers,
        "lines": lines.count(),
        "lines_by_outcome": dict(sorted(Counter(lines.values_list("status", flat=True)).items())),
        "lines_by_title": dict(sorted(Counter(lines.values_list("award__code", flat=True)).items())),
        "minutes": session.minutes.number_text if session.minutes else "",
        "documents": documents,
        "refused_lines": refused,
        "refused_by_criterion": dict(sorted(Counter(c for r in refused for c in r["criteria"]).items())),
        "disciplined": [p.full_name for p in disciplined],
        "awarded_with_failing_verdict": _awarded_failing(cycle),
        "caps": [{k: f[k] for k in ("award", "base_award", "count", "base", "cap_pct", "allowed", "percent",
                                    "breached")} for f in gates.cap_figures(cycle=cycle)],
        "awards_recorded": PastAward.objects.standing().filter(year=year).filter(
            Q(person__nomination_lines__cycle=cycle) | Q(unit__nomination_lines__cycle=cycle)).distinct().count(),
        "report": report_summary,
        "bloc": bloc_summary,
        "unfinished_processes": unfinished,
        "pdfs": (write_documents(agency=agency, since=since, output_dir=output_dir)
                 + (write_documents(agency=real_agency, since=since, output_dir=output_dir,
                                    only=bloc_summary["documents"]) if bloc_summary and agency != real_agency
                    else [])) if output_dir else [],
        "achievement_reports": write_reports(cycle=cycle, output_dir=output_dir) if output_dir else [],
        "output_dir": str(output_dir) if output_dir else "",
        "elapsed_seconds": round(time.perf_counter() - started, 2),
    }


def _awarded_failing(cycle: Cycle) -> int:
    """Awarded lines whose verdicts, checked again now, hold a failure: what issue 16 says must be none."""
    awarded = list(Line.objects.filter(cycle=cycle, status=LineStatus.AWARDED).select_related("person", "unit",
                                                                                              "award"))
    if not awarded:
        return 0
    with transaction.atomic():
        gates.verdicts_refresh(actor=None, cycle=cycle, lines=awarded)
        count = sum(1 for line in awarded if line.outcome == "fail")
        transaction.set_rollback(True)
    return count


def existing_work() -> list[str]:
    """What the database already holds beyond the seeded organisation and catalogue ("2 đợt xét", …):
    ``simulate_cycle`` refuses to add to it unless told to, since it takes numbers from the registers."""
    counts = [
        (Cycle.objects.count(), _("đợt xét")), (IssuedDocument.objects.count(), _("văn bản")),
        (PledgeRegistration.objects.count(), _("bản đăng ký thi đua của đơn vị")),
        (AgencyPledgeRegistration.objects.count(), _("bản đăng ký thi đua của cơ quan")),
        (AnnualReport.objects.count(), _("báo cáo tổng kết")),
    ]
    return [f"{count} {label}" for count, label in counts if count]


def summary_text(summary: dict) -> str:
    """The summary in Vietnamese, with the titles', statuses' and documents' names rather than codes."""
    def label(choices, value) -> str:
        try:
            return str(choices(value).label)
        except ValueError:
            return str(value)

    titles = dict(Award.objects.filter(code__in=summary["lines_by_title"]).values_list("code", "name"))
    pledges, report = summary["pledges"], summary["report"]
    rows = [
        _("%(cycle)s — cơ quan %(agency)s: %(units)d đơn vị, %(dossiers)d hồ sơ (%(returned)d hồ sơ bị trả lại và "
          "nộp lại), %(lines)d dòng đề nghị.") % {
            "cycle": summary["cycle"], "agency": summary["agency"], "units": summary["units"],
            "dossiers": summary["dossiers"], "returned": summary["returned_dossiers"], "lines": summary["lines"]},
        _("Đăng ký thi đua: %(units)d đơn vị đăng ký (%(returned)d lần trả lại); công văn %(document)s — %(status)s.")
        % {"units": pledges["units_registered"], "returned": pledges["returned"],
           "document": pledges.get("document", ""), "status": label(AgencyPledgeStatus, pledges["status"])},
        _("Kết quả các dòng đề nghị:"),
        *[f"  – {label(LineStatus, status)}: {count}" for status, count in summary["lines_by_outcome"].items()],
        _("Theo danh hiệu, hình thức khen thưởng:"),
        *[f"  – {titles.get(code, code)}: {count}" for code, count in summary["lines_by_title"].items()],
        _("Biên bản họp Hội đồng: %(number)s") % {"number": summary["minutes"] or "—"},
        *[_("  – %(kind)s số %(number)s: %(lines)d dòng, %(status)s") % {
            "kind": label(OutcomeDocumentKind, d["kind"]), "number": d["number"], "lines": d["lines"],
            "status": label(DocumentStatus, d["status"])} for d in summary["documents"]],
        _("Dòng bị từ chối vì không đủ điều kiện: %(count)d") % {"count": len(summary["refused_lines"])},
        *[_("  – %(nominee)s (%(title)s): %(reasons)s") % {
            "nominee": r["nominee"], "title": titles.get(r["title"], r["title"]), "reasons": "; ".join(r["reasons"])}
          for r in summary["refused_lines"]],
        *[_("Tỷ lệ %(award)s/%(base_award)s năm %(year)s: %(count)d/%(base)d = %(percent)s %% (tối đa %(cap)s %%)")
          % {**cap, "year": summary["year"], "cap": cap["cap_pct"]} for cap in summary["caps"]],
        _("Dòng được khen thưởng nhưng không đạt tiêu chí: %(count)d") % {
            "count": summary["awarded_with_failing_verdict"]},
        _("Khen thưởng đã ghi sổ: %(count)d") % {"count": summary["awards_recorded"]},
        _("Báo cáo tổng kết: %(document)s (%(sections)d phần của đơn vị, %(status)s)") % {
            "document": report.get("document", "") or "—", "sections": report["sections"],
            "status": label(ReportStatus, report["status"])},
    ]
    if summary.get("bloc"):
        bloc = summary["bloc"]
        rows.append(_("%(bloc)s năm %(year)s: giao ước %(covenant)s; tờ trình %(submission)s; xếp hạng: %(ranking)s")
                    % {"bloc": bloc["bloc"], "year": bloc["year"], "covenant": bloc["covenant"],
                       "submission": bloc["submission"] or "—",
                       "ranking": "; ".join(
                           _("%(rank)s. %(agency)s %(total)s điểm %(proposed)s (%(votes)s phiếu đồng ý%(carried)s)")
                           % {**r, "proposed": r["proposed"] or "—",
                              "votes": r["votes_for"] if r["votes_for"] is not None else "—",
                              "carried": _(", được suy tôn") if r["carried"] else ""}
                           for r in bloc["ranking"])})
    if summary["pdfs"]:
        rows.append(_("Đã ghi %(count)d tệp PDF vào %(folder)s") % {"count": len(summary["pdfs"]),
                                                                  "folder": summary["output_dir"]})
    if summary.get("mail_dir"):
        rows.append(_("Thư điện tử được ghi vào %(folder)s") % {"folder": summary["mail_dir"]})
    elif summary.get("emails") is not None:
        rows.append(_("Thư điện tử: %(count)d thư (được đếm, không gửi)") % {"count": summary["emails"]})
    rows.append(_("Quy trình chưa kết thúc: %(count)d") % {"count": summary["unfinished_processes"]})
    rows.append(_("Thời gian chạy: %(seconds)s giây") % {"seconds": summary["elapsed_seconds"]})
    return "\n".join(rows)


# --- the other kinds of cycle (issue 21): đột xuất and chuyên đề ------------------------------------------------

KINDS = {"dot-xuat": "DOT_XUAT", "chuyen-de": "CHUYEN_DE"}
URGENT_DEED = "việc cứu người bị nạn trên đường đi công tác"


def _council_all_yes(*, cycle: Cycle, meeting: dt.date, secretariat: User, chief: User) -> list[OutcomeDocument]:
    """The council meets on ``meeting`` and every member votes yes; minutes, approval, documents issued."""
    session = services.session_create(actor=secretariat, cycle=cycle, meeting_date=meeting,
                                      venue=f"Phòng họp {cycle.agency.short_name}")
    session_publish(actor=secretariat, session=session)
    items = list(session.items.select_related("line"))
    process = CouncilProcess.objects.get(session=session)
    for task in process.task_set.filter(flow_task=CouncilFlow.ballot).select_related("owner").order_by("pk"):
        member = session.attendees.get(pk=task.data["member"])
        choices = {item.pk: True for item in items if item.line.person_id != member.person_id}
        task_run(task=task, actor=task.owner,
                 action=lambda m=member, c=choices, u=task.owner: services.ballot_cast(actor=u, member=m, choices=c))
    task_run(task=_task(process, CouncilFlow.finalise), actor=secretariat,
             action=lambda: services.session_finalise(actor=secretariat, session=session,
                                                      **_counting_committee(session)))
    task_run(task=_task(process, CouncilFlow.approve), actor=chief,
             action=lambda: session_approve(actor=chief, session=session))
    session.refresh_from_db()
    _issue_queued(session)
    return list(session.outcome_documents.select_related("document").order_by("kind", "pk"))


def _kind_dossier(*, dossier: Dossier, head: User, secretariat: User, nominees: list[tuple[User, str]], deed: str,
                  refused: list[dict]) -> None:
    """The unit head proposes each (person, award code) of ``nominees``, with the papers; the secretariat
    accepts."""
    for person, code in nominees:
        services.line_add(actor=head, dossier=dossier, award=Award.objects.get(code=code), person=person,
                          achievements=deed)
    demo_facts.papers_record(dossier=dossier, actor=head)
    _submit(dossier.process, dossier, head, refused)
    task_run(task=_task(dossier.process, DossierFlow.review), actor=secretariat,
             action=lambda: services.dossier_review(actor=secretariat, dossier=dossier, accept=True,
                                                    acknowledge=ACKNOWLEDGED))


def _due(dossier: Dossier, node) -> str:
    task = dossier.process.task_set.filter(flow_task=node).order_by("pk").select_related("deadline").first()
    deadline = getattr(task, "deadline", None) if task else None
    return f"{deadline.due_date:%d/%m/%Y}" if deadline else ""


def simulate_kind(*, kind: str, year: int, agency_code: str = "VP", output_dir: str | Path | None = None) -> dict:
    """A đột xuất case (``kind`` "dot-xuat": reported today by a unit head, one Giấy khen, decided by the
    council the same day) or a chuyên đề cycle (``"chuyen-de"``: the first movement of the agency's province
    or of the agency running in ``year`` with its launching text recorded, two units proposing two people each,
    Giấy khen and one Bằng khen of the province), through the same services and flows as the pages. The annual
    review is ``simulate``."""
    started = time.perf_counter()
    since = timezone.now()
    agency = Agency.objects.get(code=agency_code)
    secretariat = _holder(Role.SECRETARIAT, agency=agency)
    chief = _holder(Role.CHIEF, agency=agency)
    if not (secretariat and chief):
        raise ValueError("the agency needs a secretariat and a chief")
    units = [u for u in agency.units.order_by("position", "pk")
             if _holder(Role.UNIT_HEAD, unit=u) and u.members.filter(is_active=True).count() > 2]
    if not units:
        raise ValueError("the agency needs a unit with a head and staff")
    refused: list[dict] = []
    today = timezone.localdate()
    if KINDS[kind] == "DOT_XUAT":
        unit = units[0]
        head = _holder(Role.UNIT_HEAD, unit=unit)
        nominee = unit.members.filter(is_active=True).exclude(pk=head.pk).order_by("pk").first()
        dossier = urgent_dossier_open(actor=head, unit=unit, deed=f"{nominee.full_name}: {URGENT_DEED}")
        cycle = dossier.cycle
        _kind_dossier(dossier=dossier, head=head, secretariat=secretariat, nominees=[(nominee, "GIAY_KHEN")],
                      deed=f"{URGENT_DEED[:1].upper()}{URGENT_DEED[1:]} ngày {today:%d/%m/%Y}.", refused=refused)
        dossiers = [dossier]
        meeting = today
    else:
        movement = (Movement.objects.filter(is_active=True, document_number__gt="")
                    .filter(Q(agency=agency) | Q(province=agency.province, agency__isnull=True)).running_in(year)
                    .order_by("position", "pk").first())
        if movement is None:
            raise ValueError(f"no movement of the agency or its province runs in {year} (seed_demo records some)")
        period_from = max(movement.period_start, dt.date(year, 1, 1))
        period_to = min(movement.period_end or dt.date(year, 12, 31), dt.date(year, 12, 31))
        cycle = services.cycle_open(
            actor=secretariat, agency=agency, year=year, kind=CommendationKind.objects.get(code="CHUYEN_DE"),
            name=f"Tổng kết phong trào thi đua “{movement.name}” năm {year}"[:200], movement=movement,
            period_from=period_from, period_to=period_to, nominations_due=dt.date(year, 12, 10),
            council_date=dt.date(year, 12, 20))
        dossiers = []
        for index, unit in enumerate(units[:2]):
            head = _holder(Role.UNIT_HEAD, unit=unit)
            dossier = dossier_open(actor=head, cycle=cycle, unit=unit)
            people = list(unit.members.filter(is_active=True).exclude(pk=head.pk).order_by("pk")[:2])
            # The first unit asks the province's Bằng khen for one of its people: a Tờ trình of the kind.
            codes = ["BK_TINH" if index == 0 and position == 1 else "GIAY_KHEN" for position in range(len(people))]
            _kind_dossier(dossier=dossier, head=head, secretariat=secretariat,
                          nominees=list(zip(people, codes, strict=True)),
                          deed=f"Tích cực, có nhiều đóng góp trong phong trào thi đua “{movement.name}”.",
                          refused=refused)
            dossiers.append(dossier)
        meeting = min(dt.date(year, 12, 20), today)
    outcomes = _council_all_yes(cycle=cycle, meeting=meeting, secretariat=secretariat, chief=chief)
    lines = Line.objects.filter(cycle=cycle)
    unfinished = (DossierProcess.objects.filter(dossier__cycle=cycle).exclude(status=STATUS.DONE).count()
                  + CouncilProcess.objects.filter(session__cycle=cycle).exclude(status=STATUS.DONE).count())
    return {
        "agency": agency.code, "kind": cycle.kind.code, "cycle": cycle.name, "year": cycle.year,
        "reported": f"{timezone.localdate(cycle.created_at):%d/%m/%Y}",
        "nominations_due": f"{cycle.nominations_due:%d/%m/%Y}",
        "movement": cycle.movement.name if cycle.movement_id else "",
        "dossiers": [{"unit": d.unit.code, "edit_due": _due(d, DossierFlow.edit),
                      "review_due": _due(d, DossierFlow.review)} for d in dossiers],
        "lines": lines.count(), "line_kinds": sorted(set(lines.values_list("commendation_kind__code", flat=True))),
        "lines_by_outcome": dict(sorted(Counter(lines.values_list("status", flat=True)).items())),
        "refused_lines": refused,
        "documents": [{"kind": o.kind, "number": o.document.number_text, "summary": o.document.summary,
                       "article": (o.document.data.get("articles") or [""])[0], "lines": o.lines.count()}
                      for o in outcomes],
        "unfinished_processes": unfinished,
        "pdfs": write_documents(agency=agency, since=since, output_dir=output_dir) if output_dir else [],
        "output_dir": str(output_dir) if output_dir else "",
        "elapsed_seconds": round(time.perf_counter() - started, 2),
    }
