"""Reads of the annual report (domain §7; design §3 flow 5): who sees which report and section, and
everything the system knows about an agency's year, to prefill the secretariat's compilation.

The facts are read from the registers, never typed again: the head count from the people, the
documents from the IssuedDocument register, the movements and registrations from the pledge
module, the awards of the year from the awards registry (``PastAward``), the proposals and their
outcomes from the nomination lines (in-house decisions, Tờ trình lines and Sở Nội vụ's answers),
and the sáng kiến recognised by a decision from the registry. Every function runs a fixed number of queries
whatever the size of the agency (tests assert the count).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Agency, RoleAssignment, Unit, User
from accounts.roles import PERM_HEAD_UNIT, Role
from accounts.scope import objects_with_perms
from accounts.selectors import agencies_in_scope, agencies_sending_to
from workflow.documents.models import DocumentStatus, IssuedDocument
from workflow.documents.tables import statistics_table

from ..models import (
    SCOPE_RANK,
    SECTION_PROSE_FIELDS,
    AgencyPledgeRegistration,
    AnnualReport,
    AnswerStatus,
    Authority,
    Initiative,
    Line,
    LineStatus,
    Movement,
    MovementLevel,
    OutcomeDocument,
    PastAward,
    PledgeLine,
    PledgeRegistration,
    PledgeStatus,
    PledgeTarget,
    ReferenceRole,
    ReportReference,
    ReportSection,
    ReportStatus,
    Session,
)
from ..report_examples import default_prose

REPORT_TEMPLATE = "bao_cao_tong_ket"

# Outcome labels of the statistics annex (Sở Nội vụ's year-end form: proposals and results apart).
OUTCOME_PROPOSED = "Đề nghị"
OUTCOME_AWARDED = "Được khen thưởng"
OUTCOME_ANNULLED = "Khen thưởng bị hủy bỏ"
OUTCOME_REFUSED = "Không được khen thưởng"
OUTCOME_PENDING = "Đang chờ kết quả"
OUTCOME_RECOGNISED = "Được công nhận"
SUMMARY_KEYS = {OUTCOME_AWARDED: "awarded", OUTCOME_REFUSED: "refused", OUTCOME_PENDING: "pending",
                OUTCOME_ANNULLED: "annulled"}


# --- who sees what -----------------------------------------------------------------------


def _headed_units(user: User) -> QuerySet[Unit]:
    return objects_with_perms(user, PERM_HEAD_UNIT, Unit)


# From the chief's signature on, the Báo cáo is Sở Nội vụ's to read; while the agency redoes a returned one,
# it reads the signed one in the document register.
SENT_TO_HOME_AFFAIRS = (ReportStatus.SENT, ReportStatus.ACKNOWLEDGED, ReportStatus.HOME_AFFAIRS_RETURNED)


def reports_for_user(user: User) -> QuerySet[AnnualReport]:
    """Reports of the agencies the person works over as a whole, those where they head a unit, and those
    sent to them as Home Affairs (never the agency's report while it is being written: its draft)."""
    if not user.is_authenticated or not user.is_active:
        return AnnualReport.objects.none()
    # The headed units' reports by a subquery on the sections, not a join: the join repeated each report once per
    # section and needed a DISTINCT over every column (the report's long texts), 2.7 s for Sở Nội vụ at ten years.
    return AnnualReport.objects.filter(
        Q(agency__in=agencies_in_scope(user).values("pk"))
        | Q(pk__in=ReportSection.objects.filter(unit__in=_headed_units(user).values("pk")).values("report_id"))
        | Q(agency__in=agencies_sending_to(user).values("pk"), status__in=SENT_TO_HOME_AFFAIRS)
    ).select_related("agency", "document")


def get_report_for_user(user: User, pk: int) -> AnnualReport:
    report = reports_for_user(user).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def sections_for_user(user: User, report: AnnualReport) -> QuerySet[ReportSection]:
    """Every section for the agency-wide roles; a unit head sees the sections of their own units only; Home
    Affairs none (a unit's input to the report, not what the agency sent)."""
    sections = ReportSection.objects.filter(report=report).select_related("unit", "submitted_by")
    if agencies_in_scope(user).filter(pk=report.agency_id).exists():
        return sections
    return sections.filter(unit__in=_headed_units(user).values("pk"))


def section_is_back(section: ReportSection) -> bool:
    """Whether the section was sent, then sent back to its unit, which has not sent it again."""
    return section.submitted_at is None and bool(section.sent_copy)


def _label(name: str) -> str:
    return ReportSection._meta.get_field(name).verbose_name


def sections_as_read(user: User, sections) -> list[ReportSection]:
    """The sections, each with what the person reads of it: ``shown`` (label, text, unsent) per part and
    ``as_sent``. While a section is back with its unit, anyone but the unit's head reads it as last sent; the head
    reads the edits, those not yet sent marked, and what was sent beside them (``sent_shown``)."""
    sections = list(sections)
    headed = set(_headed_units(user).filter(pk__in=[s.unit_id for s in sections]).values_list("pk", flat=True))
    for section in sections:
        back = section_is_back(section)
        sent = section.sent_copy or {}
        section.as_sent = back and section.unit_id not in headed
        section.sent_shown = None
        if section.as_sent:
            section.shown = [(_label(name), sent.get(name, ""), False) for name in SECTION_PROSE_FIELDS]
            continue
        section.shown = [(_label(name), getattr(section, name),
                          back and getattr(section, name) != sent.get(name, "")) for name in SECTION_PROSE_FIELDS]
        if back:
            section.sent_shown = [(_label(name), sent.get(name, "")) for name in SECTION_PROSE_FIELDS]
    return sections


def get_section_for_user(user: User, pk: int) -> ReportSection:
    """The section, or 404 alike when missing and when it belongs to another unit."""
    section = ReportSection.objects.filter(pk=pk).select_related("report__agency", "unit").first()
    if section is None or not sections_for_user(user, section.report).filter(pk=pk).exists():
        raise Http404
    return section


# --- the facts of an agency's year ---------------------------------------------------------


def units_reporting(agency: Agency) -> list[tuple[Unit, User]]:
    """Units that write a section (not the leadership), each with its head: one query."""
    heads = (RoleAssignment.objects.filter(role=Role.UNIT_HEAD, revoked_at__isnull=True, unit__agency=agency,
                                           user__is_active=True)
             .exclude(unit__kind=Unit.Kind.LEADERSHIP)
             .select_related("unit", "user").order_by("unit__position", "unit__name", "pk"))
    found: dict[int, tuple[Unit, User]] = {}
    for assignment in heads:
        found.setdefault(assignment.unit_id, (assignment.unit, assignment.user))
    return list(found.values())


def headcount(agency: Agency) -> dict:
    """People of the agency by employment category (seed report I.1: "87 … 59 … 14 … 14"); one query."""
    categories = User.EmploymentCategory
    counts = dict(User.objects.in_agency(agency).filter(is_active=True).values_list("employment_category")
                  .annotate(n=Count("pk")).order_by())
    by_category = {category.value: counts.get(category.value, 0) for category in categories}
    provincial = User.objects.in_agency(agency).filter(is_active=True, in_council_scope=False,
                                                       employment_category=categories.CIVIL_SERVANT)
    public_units = list(Unit.objects.filter(agency=agency, kind=Unit.Kind.PUBLIC_SERVICE,
                                            members__is_active=True,
                                            members__employment_category=categories.PUBLIC_EMPLOYEE)
                        .distinct().values_list("name", flat=True))
    return {
        "total": sum(by_category.values()),
        "civil_servants": by_category[categories.CIVIL_SERVANT],
        "civil_servants_note": _("bao gồm cả Chủ tịch và các Phó Chủ tịch UBND tỉnh") if provincial.exists() else "",
        "contract": by_category[categories.CONTRACT_111],
        "public_employees": by_category[categories.PUBLIC_EMPLOYEE],
        "public_employees_note": (_("thuộc %(units)s") % {"units": ", ".join(public_units)}) if public_units else "",
    }


def organisation(agency: Agency) -> dict:
    """The leadership and the units by kind (seed report I.1): two queries."""
    roles = Counter(RoleAssignment.objects.filter(agency=agency, revoked_at__isnull=True,
                                                  role__in=[Role.CHIEF, Role.DEPUTY_CHIEF])
                    .values_list("role", flat=True))
    units = list(Unit.objects.filter(agency=agency).exclude(kind=Unit.Kind.LEADERSHIP)
                 .order_by("position", "name").values_list("kind", "name"))
    return {
        "chiefs": roles.get(Role.CHIEF, 0), "deputies": roles.get(Role.DEPUTY_CHIEF, 0),
        "departments": [name for kind, name in units if kind == Unit.Kind.DEPARTMENT],
        "others": [name for kind, name in units if kind in (Unit.Kind.CENTER, Unit.Kind.BOARD)],
        "public_service": [name for kind, name in units if kind == Unit.Kind.PUBLIC_SERVICE],
    }


def documents_issued(agency: Agency, year: int) -> list[dict]:
    """What the agency issued on emulation work of ``year`` (the document register), oldest first: the
    documents signed in the year, and those of the year's work signed later (the year's decisions,
    Tờ trình and minutes are often signed in January); one query."""
    of_the_year = (
        Q(year=year)
        | Q(pk__in=OutcomeDocument.objects.filter(session__cycle__agency=agency, session__cycle__year=year)
            .values("document_id"))
        | Q(pk__in=Session.objects.filter(cycle__agency=agency, cycle__year=year, minutes__isnull=False)
            .values("minutes_id"))
        | Q(pk__in=AgencyPledgeRegistration.objects.filter(agency=agency, year=year, document__isnull=False)
            .values("document_id"))
    )
    documents = (IssuedDocument.objects.filter(of_the_year, agency=agency, status=DocumentStatus.READY)
                 .exclude(template_key=REPORT_TEMPLATE).order_by("signed_at", "pk"))
    return [{"number": d.number_text, "date": timezone.localtime(d.signed_at).date() if d.signed_at else None,
             "summary": " ".join(d.summary.split()), "template": d.template_key} for d in documents]


def movements_of_year(agency: Agency, year: int) -> list[dict]:
    """Movements running in ``year`` that concern the agency, each with its launcher and what each unit pledged
    under it in the accepted registrations of the year (``unit_targets``); two queries."""
    movements = list(Movement.objects.filter(is_active=True).running_in(year)
                     .filter(Q(agency__isnull=True, province__isnull=True) | Q(province_id=agency.province_id)
                             | Q(agency=agency)).order_by("level", "position", "name"))
    accepted = PledgeRegistration.objects.filter(unit__agency=agency, year=year, status=PledgeStatus.ACCEPTED) \
        .exclude(amended_by__status=PledgeStatus.ACCEPTED)
    unit_targets: dict[int, list[dict]] = defaultdict(list)
    for target in (PledgeTarget.objects.filter(registration__in=accepted, movement__isnull=False)
                   .select_related("registration__unit")
                   .order_by("registration__unit__position", "registration__unit__name", "pk")):
        unit_targets[target.movement_id].append({
            "unit": target.registration.unit.name, "content": target.content, "measure": target.measure,
            "planned": target.planned_value})
    return [{"pk": m.pk, "name": m.name, "level": m.level, "level_label": m.get_level_display(),
             "launched_by": m.launched_by, "issuer": m.document_issuer, "period": m.period_label,
             "targets": len(unit_targets[m.pk]), "unit_targets": unit_targets[m.pk]} for m in movements]


def references_of_year(agency: Agency, year: int) -> list[dict]:
    """The documents the report of ``year`` cites (``ReportReference``: the request it answers, the texts
    implemented, the agency's own guidance), in the secretariat's order; one query."""
    return [{"role": r.role, "citation": r.citation, "summary": r.summary, "movement": r.movement_id,
             "kind": r.kind, "number": r.number, "date": r.date, "issuer": r.issuer}
            for r in ReportReference.objects.filter(agency=agency, year=year)
            .order_by("role", "position", "date", "pk")]


def pledge_counts(agency: Agency, year: int) -> dict:
    """Units and persons registered per title in the accepted registrations of ``year``; two queries."""
    accepted = PledgeRegistration.objects.filter(unit__agency=agency, year=year, status=PledgeStatus.ACCEPTED) \
        .exclude(amended_by__status=PledgeStatus.ACCEPTED)
    units = dict(accepted.filter(collective_title__isnull=False).values_list("collective_title__name")
                 .annotate(n=Count("pk")).order_by())
    persons = dict(PledgeLine.objects.filter(registration__in=accepted).values_list("title__name")
                   .annotate(n=Count("pk")).order_by())
    return {"units": units, "persons": persons}


def _line_outcome(line: Line) -> str:
    """Where a proposal ended: awarded, refused, still waiting (Luật TĐKT 2022, Điều 80), or awarded then
    annulled (Điều 93(2)): an annulled award no longer counts as awarded."""
    if line.status == LineStatus.AWARDED:
        return OUTCOME_AWARDED
    if line.status == LineStatus.ANNULLED:
        return OUTCOME_ANNULLED
    if line.status in (LineStatus.NOT_ACCEPTED, LineStatus.VOTE_FAILED, LineStatus.HA_REJECTED):
        return OUTCOME_REFUSED
    answer = getattr(line, "home_affairs_answer", None)
    if answer is not None and answer.status == AnswerStatus.ACCEPTED:
        return OUTCOME_AWARDED
    if answer is not None and answer.status == AnswerStatus.REJECTED:
        return OUTCOME_REFUSED
    return OUTCOME_PENDING


def award_lines(agency: Agency, year: int) -> list[Line]:
    """The nomination lines of the agency's cycles of ``year``, with what decides their outcome; one query."""
    return list(Line.objects.filter(cycle__agency=agency, cycle__year=year)
                .select_related("award", "person", "unit", "home_affairs_answer")
                .order_by("award__position", "award__name", "pk"))


def awards_summary(agency: Agency, year: int, lines: list[Line] | None = None) -> list[dict]:
    """Per award: how many proposed, awarded, refused, pending, and the decisions that awarded them."""
    lines = award_lines(agency, year) if lines is None else lines
    rows: dict[int, dict] = {}
    for line in lines:
        row = rows.setdefault(line.award_id, {
            "award": line.award.name, "route": line.award.route, "proposed": 0, "awarded": 0, "refused": 0,
            "pending": 0, "annulled": 0, "decisions": set()})
        row["proposed"] += 1
        outcome = _line_outcome(line)
        row[SUMMARY_KEYS[outcome]] += 1
        answer = getattr(line, "home_affairs_answer", None)
        number = line.decision_number or (answer.decision_number if answer is not None else "")
        if outcome == OUTCOME_AWARDED and number:
            row["decisions"].add(number)
    return [{**row, "decisions": sorted(row["decisions"])} for row in rows.values()]


def initiatives_of_year(agency: Agency, year: int) -> list[dict]:
    """Sáng kiến recognised in ``year`` by a decision, with an author of the agency; two queries."""
    initiatives = recognised_initiatives(agency, year).prefetch_related("authors").order_by("decision_date", "pk")
    return [{"title": i.title, "scope": i.get_scope_display(), "decision": i.decision_number,
             "authors": [a.full_name for a in i.authors.all()],
             "leaders": sum(1 for a in i.authors.all() if a.is_leader)} for i in initiatives]


def registry_awards(agency: Agency, year: int) -> QuerySet[PastAward]:
    """The awards registry's rows of ``year`` for the agency's people and units: every award decided,
    in-house or higher, typed in, imported or written by a decision of this system (a decided cycle
    line becomes one row, ``services.submissions``), each counted once."""
    return (PastAward.objects.standing().filter(year=year)
            .filter(Q(person__unit__agency=agency) | Q(unit__agency=agency)))


def recognised_initiatives(agency: Agency, year: int) -> QuerySet[Initiative]:
    """Sáng kiến of an author of the agency recognised in ``year`` by a decision: one without its
    recognition decision number is not recognised yet (NĐ 152/2025 Điều 33 khoản 6) and is not counted."""
    return (Initiative.objects.filter(decision_date__year=year, authors__unit__agency=agency)
            .exclude(decision_number="").distinct())


def registry_summary(agency: Agency, year: int) -> list[dict]:
    """Per award, how many the registry holds for ``year`` and under which decisions; one query."""
    rows: dict[str, dict] = {}
    for name, number in registry_awards(agency, year).order_by("award__position", "award__name", "decision_number") \
            .values_list("award__name", "decision_number"):
        row = rows.setdefault(name, {"award": name, "awarded": 0, "decisions": []})
        row["awarded"] += 1
        if number and number not in row["decisions"]:
            row["decisions"].append(number)
    return list(rows.values())


def award_statistics(*, agency: Agency, year: int) -> dict:
    """The statistics annex of the report (``workflow.documents.tables.statistics_table``) from the data.

    The awards of the year are the awards registry's (``registry_awards``), by level: titles and
    forms decided by the head of the agency (Luật Thi đua, khen thưởng 2022, Điều 80), those decided
    higher up, and collectives. The year's proposals and their outcomes (proposed / awarded / refused
    / pending) are a group of their own, never added to the registry's counts: an awarded line is
    already a registry row. Sáng kiến count only with their recognition decision. Each row counts
    leaders (``User.is_leader``) and direct workers apart; a collective counts as one under "người
    trực tiếp công tác". Four queries.
    """
    head = agency.head_title or _("Thủ trưởng cơ quan")
    in_house = _("Danh hiệu thi đua, hình thức khen thưởng do %(head)s quyết định") % {"head": head}
    higher = _("Danh hiệu thi đua, hình thức khen thưởng cấp trên quyết định")
    collectives = _("Tập thể")
    proposals = _("Đề nghị khen thưởng năm %(year)s và kết quả") % {"year": year}
    initiatives = _("Sáng kiến được công nhận")
    counts: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    order: dict[tuple[str, str], tuple] = {}

    def add(group: str, label: str, outcome: str, leader: bool, position: tuple) -> None:
        order.setdefault((group, label), position)
        counts[(group, label, outcome)][0 if leader else 1] += 1

    registry = registry_awards(agency, year).values_list("award__name", "award__position", "award__authority",
                                                         "unit_id", "person__is_leader")
    for name, position, authority, unit_id, is_leader in registry:
        if unit_id is not None:
            group, leader = collectives, False
        else:
            group = in_house if authority == Authority.AGENCY_HEAD else higher
            leader = bool(is_leader)
        add(group, name, OUTCOME_AWARDED, leader, (position, name))
    for line in award_lines(agency, year):
        leader = bool(line.person_id and line.person.is_leader)
        position = (line.award.position, line.award.name)
        add(proposals, line.award.name, OUTCOME_PROPOSED, leader, position)
        add(proposals, line.award.name, _line_outcome(line), leader, position)
    for initiative in recognised_initiatives(agency, year).prefetch_related("authors"):
        leader = any(a.is_leader for a in initiative.authors.all() if a.unit_id)
        label = _("Sáng kiến %(scope)s") % {"scope": initiative.get_scope_display().lower()}
        add(initiatives, label, OUTCOME_RECOGNISED, leader, (SCOPE_RANK.get(initiative.scope, 9), label))
    outcome_order = {OUTCOME_PROPOSED: 0, OUTCOME_AWARDED: 1, OUTCOME_RECOGNISED: 1, OUTCOME_ANNULLED: 2,
                     OUTCOME_REFUSED: 2, OUTCOME_PENDING: 3}
    group_order = {in_house: 0, higher: 1, collectives: 2, proposals: 3, initiatives: 4}
    keys = sorted(counts, key=lambda k: (group_order[k[0]], order[k[:2]], outcome_order[k[2]]))
    rows = [{"group": g, "label": label, "outcome": outcome, "leaders": counts[(g, label, outcome)][0],
             "workers": counts[(g, label, outcome)][1]} for g, label, outcome in keys]
    return statistics_table(title=_("THỐNG KÊ KẾT QUẢ THI ĐUA, KHEN THƯỞNG NĂM %(year)s") % {"year": year}, rows=rows)


def year_facts(agency: Agency, year: int) -> dict:
    """Everything the system knows about the agency's year, for the compile page and the prefill."""
    lines = award_lines(agency, year)
    return {
        "organisation": organisation(agency),
        "headcount": headcount(agency),
        "documents": documents_issued(agency, year),
        "movements": movements_of_year(agency, year),
        "references": references_of_year(agency, year),
        "pledges": pledge_counts(agency, year),
        "awards": awards_summary(agency, year, lines),
        "registry": registry_summary(agency, year),
        "initiatives": initiatives_of_year(agency, year),
    }



# --- the prose the secretariat starts from -------------------------------------------------

ITEM_HEADING = re.compile(r"^[a-zđ]\)\s")
LEVEL_FIELDS = {
    MovementLevel.PRIME_MINISTER: "results_prime_minister",
    MovementLevel.MINISTRY: "results_ministry",
    MovementLevel.PROVINCE: "results_province",
    MovementLevel.AGENCY: "results_agency",
}
MOVEMENT_HEADINGS = (
    ("results_prime_minister", "Kết quả thực hiện các phong trào thi đua do Thủ tướng Chính phủ phát động"),
    ("results_ministry", "Kết quả thực hiện phong trào thi đua do Bộ Nội vụ phát động"),
    ("results_province", "Kết quả các phong trào thi đua do tỉnh phát động"),
    ("results_socio_economic", "Kết quả thực hiện phong trào thi đua thực hiện chỉ tiêu, nhiệm vụ phát triển "
                               "kinh tế - xã hội"),
    ("results_agency", "Kết quả thực hiện các phong trào thi đua do địa phương, đơn vị phát động"),
)
LETTERS = "abcdđefghiklmnopqrstuvxy"


def paragraphs(text: str) -> list[str]:
    """One paragraph per non-empty line, as typed."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _unit_texts(sections: list[ReportSection], field: str) -> list[str]:
    """The sections' text of ``field`` as the units last sent it (the secretariat compiles what was sent)."""
    found = []
    for section in sections:
        parts = paragraphs(section.sent_copy.get(field, "") if section_is_back(section) else getattr(section, field))
        if parts:
            found.append(f"- {section.unit.name}: {parts[0]}")
            found.extend(parts[1:])
    return found


def _join_list(items: list[str]) -> list[str]:
    """List items "- …;" with the last one closed by a full stop."""
    return [f"- {item}{'.' if i == len(items) - 1 else ';'}" for i, item in enumerate(items)]


def _cited(reference: dict) -> str:
    return " ".join(part for part in (reference["citation"], reference["summary"]) if part)


def _request_sentence(agency: Agency, year: int, requests: list[dict]) -> str:
    """“Thực hiện Công văn số … ngày … của …, Công văn số … của … về việc …; <agency> báo cáo … như sau:”, from the
    requests recorded as received documents; the shared trích yếu is said once."""
    if not requests:
        return _("Theo đề nghị của Sở Nội vụ về việc báo cáo kết quả công tác thi đua, khen thưởng năm %(year)s; "
                 "%(agency)s báo cáo kết quả thực hiện như sau:") % {"year": year, "agency": agency.name}
    summaries = {r["summary"] for r in requests}
    if len(summaries) == 1:
        cited = _(" và ").join(r["citation"] for r in requests) + (f" {summaries.pop()}" if requests[0]["summary"]
                                                                   else "")
    else:
        cited = _(" và ").join(_cited(r) for r in requests)
    return _("Thực hiện %(cited)s; %(agency)s báo cáo kết quả thực hiện như sau:") % {
        "cited": cited, "agency": agency.name}


def _movement_lines(movement: dict, issued: list[dict], agency: Agency) -> list[str]:
    """A movement's item of II.2: its launcher, the agency's documents implementing it, each unit's targets."""
    who = movement["issuer"] or {MovementLevel.PROVINCE: _("tỉnh"), MovementLevel.AGENCY: agency.short_name}.get(
        movement["level"], movement["level_label"])
    if movement["launched_by"] and movement["launched_by"] != movement["issuer"]:
        lines = [_("Phong trào phát động theo văn bản số %(by)s; thời gian thực hiện: %(period)s.") % {
            "by": movement["launched_by"], "period": movement["period"]}]
    else:
        lines = [_("Phong trào do %(who)s phát động; thời gian thực hiện: %(period)s.") % {
            "who": who, "period": movement["period"]}]
    for reference in issued:
        lines.append(_("- %(agency)s đã ban hành %(document)s.") % {"agency": agency.short_name,
                                                                  "document": _cited(reference)})
    for target in movement["unit_targets"]:
        lines.append(_("- %(unit)s đăng ký chỉ tiêu: %(content)s (%(planned)s %(measure)s).") % target)
    return lines


def prose_prefill(report: AnnualReport, *, facts: dict | None = None,
                  sections: list[ReportSection] | None = None) -> dict[str, str]:
    """What the compile form starts from: the facts of the year as sentences (the request answered and the
    documents cited, recorded as ``ReportReference``; the movements under their launcher's heading, each with the
    agency's documents implementing it and the units' targets), the units' sections placed where the outline
    (domain §7) puts them, and, for the parts that rarely change (thuận lợi, khó khăn; đánh giá; nhiệm vụ, giải
    pháp; Nơi nhận), last year's report or else the seed-like example (``report_examples.DEFAULT_PROSE``). The
    secretariat edits all of it."""
    agency, year = report.agency, report.year
    facts = year_facts(agency, year) if facts is None else facts
    sections = list(report.sections.select_related("unit")) if sections is None else sections
    previous = AnnualReport.objects.filter(agency=agency, year=year - 1).first()
    references = facts.get("references", [])
    by_role = {role: [r for r in references if r["role"] == role] for role in ReferenceRole.values}
    org = facts["organisation"]
    parts = [_("%(agency)s hiện có %(chiefs)02d %(head)s, %(deputies)02d %(deputy)s") % {
        "agency": agency.name, "chiefs": org["chiefs"], "head": agency.head_title,
        "deputies": org["deputies"], "deputy": agency.deputy_title}]
    if org["departments"]:
        parts.append(_("%(count)02d phòng chuyên môn, nghiệp vụ") % {"count": len(org["departments"])})
    parts.extend(org["others"])
    if org["public_service"]:
        parts.append(_("%(count)02d đơn vị sự nghiệp trực thuộc là %(names)s") % {
            "count": len(org["public_service"]), "names": ", ".join(org["public_service"])})
    situation = ", ".join(parts) + "."

    def previous_text(field: str) -> str:
        if previous is not None and getattr(previous, field):
            return getattr(previous, field)
        return default_prose(field, agency_name=agency.short_name, year=year)

    implemented = by_role[ReferenceRole.IMPLEMENTED]
    direction_a = [_("%(agency)s đã tổ chức triển khai, phổ biến, quán triệt đến công chức, viên chức, người lao "
                     "động các văn bản của Trung ương và của tỉnh về công tác thi đua, khen thưởng:") % {
        "agency": agency.short_name}, *_join_list([_cited(r) for r in implemented])] if implemented else []
    guidance = [r for r in by_role[ReferenceRole.ISSUED] if not r["movement"]]
    direction_b = [_("%(agency)s đã ban hành các văn bản chỉ đạo, hướng dẫn thực hiện công tác thi đua, khen "
                     "thưởng:") % {"agency": agency.short_name}, *_join_list([_cited(r) for r in guidance])] \
        if guidance else []
    pledges = facts["pledges"]
    direction_c = [_("- Tổ chức đăng ký thi đua năm %(year)s: %(units)s; %(persons)s.") % {
        "year": year,
        "units": ", ".join(_("%(n)s tập thể đăng ký “%(title)s”") % {"n": n, "title": t}
                           for t, n in sorted(pledges["units"].items())) or _("chưa có tập thể đăng ký"),
        "persons": ", ".join(_("%(n)s cá nhân đăng ký “%(title)s”") % {"n": n, "title": t}
                             for t, n in sorted(pledges["persons"].items())) or _("chưa có cá nhân đăng ký"),
    }] if pledges["units"] or pledges["persons"] else []
    direction_c = [*[_("- %(agency)s đã ban hành %(document)s.") % {"agency": agency.short_name, "document": _cited(r)}
                     for r in by_role[ReferenceRole.LAUNCHED]], *direction_c]
    levels: dict[str, list[str]] = defaultdict(list)
    for movement in facts["movements"]:
        field = LEVEL_FIELDS[movement["level"]]
        letter = LETTERS[sum(1 for p in levels[field] if ITEM_HEADING.match(p)) % len(LETTERS)]
        levels[field].append(f"{letter}) " + _("Phong trào thi đua “%(name)s”") % {"name": movement["name"]})
        levels[field].extend(_movement_lines(
            movement, [r for r in by_role[ReferenceRole.ISSUED] if r["movement"] == movement["pk"]], agency))
    # What was awarded is the registry's (a decided line is one registry row), not the year's proposals.
    agency_results: list[str] = []
    awarded = facts.get("registry", [])
    if awarded:
        agency_results.append(_("Kết quả khen thưởng năm %(year)s: %(list)s.") % {
            "year": year, "list": "; ".join(
                _("%(n)s “%(award)s”") % {"n": row["awarded"], "award": row["award"]}
                + (f" ({', '.join(row['decisions'])})" if row["decisions"] else "") for row in awarded)})
    if facts["initiatives"]:
        agency_results.append(_("Sáng kiến được công nhận trong năm: %(list)s.") % {"list": "; ".join(
            f"“{i['title']}” ({i['scope'].lower()}{', ' + i['decision'] if i['decision'] else ''})"
            for i in facts["initiatives"])})
    agency_results.extend(_unit_texts(sections, "movements"))
    agency_results.extend(_unit_texts(sections, "initiatives"))
    # The agency's own movements are items of 2.5; what the units did in the year comes before them.
    levels["results_agency"] = [*agency_results, *levels["results_agency"]]

    return {
        "request": _request_sentence(agency, year, by_role[ReferenceRole.REQUEST]),
        "situation": situation,
        "favourable": previous_text("favourable"),
        "direction_a": "\n".join(direction_a) or (previous.direction_a if previous is not None else ""),
        "direction_b": "\n".join(direction_b),
        "direction_c": "\n".join(direction_c),
        "results_prime_minister": "\n".join(levels["results_prime_minister"]),
        "results_ministry": "\n".join(levels["results_ministry"]),
        "results_province": "\n".join(levels["results_province"]),
        "results_socio_economic": "\n".join(_unit_texts(sections, "results")),
        "results_agency": "\n".join(levels["results_agency"]),
        "propaganda": "\n".join(_unit_texts(sections, "propaganda")),
        "assessment": previous_text("assessment"),
        "tasks": previous_text("tasks"),
        "measures": "\n".join([*paragraphs(previous_text("measures")), *_unit_texts(sections, "proposals")]),
        "recipients": previous_text("recipients"),
    }


__all__ = [
    "award_statistics", "awards_summary", "registry_summary", "documents_issued", "get_report_for_user",
    "get_section_for_user",
    "headcount", "initiatives_of_year", "paragraphs", "prose_prefill",
    "movements_of_year", "organisation", "pledge_counts", "references_of_year", "reports_for_user",
    "section_is_back", "sections_as_read", "sections_for_user", "units_reporting", "year_facts",
]
