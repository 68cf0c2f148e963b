"""Eligibility gates: the verdicts decide, they do not only advise (issue 16).

A line moves five times before it becomes an award: the unit sends it (``SUBMIT``), the secretariat
accepts it (``ACCEPT``), it is put on the council's agenda and the agenda is published (``AGENDA``),
a member votes for it (``BALLOT``), the chief approves the result and signs the Quyết định or the
Tờ trình (``APPROVAL``). At each of them the line's verdicts are computed again from the registries
as they are *then* — a discipline recorded after submission counts — and stored on the line, and
the step is refused, with a Vietnamese message naming the line, the criterion and its article, when:

- a hard criterion fails ("Không đạt"): Luật Thi đua, khen thưởng 2022 gives the title only to
  whoever meets its criteria, and Điều 93 has an award decided against them annulled;
- a paper the system cannot read is missing ("Cần bổ sung"): the unit attaches it to the line (one
  file per missing paper); the secretariat checks the paper when accepting;
- from acceptance on, a "Lưu ý" (data not on record, a cap exceeded) has not been acknowledged by the
  secretariat with a reason (``line_warnings_acknowledge``), kept on the line and in the audit log;
- at submission and acceptance, a paper the year's rule set requires (``RequiredPaper``) is missing: the
  line's báo cáo thành tích confirmed by the unit head (its PDF attached), the unit's bình xét minutes, a
  supporting paper (a file of the line naming it) — ``papers_missing`` names each with its article;
- at approval, the written answer of a body whose opinion the year's rule set requires for the line
  (``RequiredConsultation``, hiệp y: NĐ 152/2025 Điều 34; the Tờ trình carries the answers, Điều 33 khoản
  11 điểm c) is not recorded — ``consultations_missing`` names the body and the article.

The refusal is a ``ValidationError`` raised inside the step's transaction, so nothing of the step —
not even the refreshed verdicts — is written.
"""

from __future__ import annotations

import enum
from collections import Counter, defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from workflow.audit import audit_record
from workflow.history import history_save as _save

from ..audit import WARNINGS_ACKNOWLEDGED
from ..eligibility import Outcome, ProposedLine, check_many
from ..eligibility.calc import cap_allowed, percent
from ..eligibility.criteria import Cycle as EngineCycle
from ..eligibility.criteria import vn_number
from ..eligibility.facts import FactBook
from ..eligibility.rulesets import rule_set_for
from ..eligibility.types import PERSON, UNIT, NomineeKey
from ..models import (
    AchievementReport,
    Attachment,
    AttachmentKind,
    Consultation,
    ConsultationStatus,
    Criterion,
    Cycle,
    Line,
    LineStatus,
    PaperKind,
    PastAward,
    RequiredPaper,
)
from ..models.catalogue import NOT_FOR_MERIT
from ..models.cycles import DEFAULT_KIND_CODE
from ..selectors.consultations import requirements_for
from .cycles import require_secretariat


class Gate(enum.StrEnum):
    SUBMIT = "submit"
    ACCEPT = "accept"
    AGENDA = "agenda"
    BALLOT = "ballot"
    APPROVAL = "approval"


GATE_STEPS = {
    Gate.SUBMIT: gettext_lazy("nộp hồ sơ"),
    Gate.ACCEPT: gettext_lazy("tiếp nhận"),
    Gate.AGENDA: gettext_lazy("đưa ra Hội đồng"),
    Gate.BALLOT: gettext_lazy("biểu quyết đồng ý"),
    Gate.APPROVAL: gettext_lazy("phê duyệt, ký văn bản"),
}

# Lines that are out of the cycle: they count neither as prerequisites nor towards caps.
OUT_OF_CYCLE = (LineStatus.NOT_ACCEPTED, LineStatus.VOTE_FAILED)


class StoredCycle(EngineCycle):
    """The cycle's other lines as the engine sees them, read from the database only as far as the lines being
    checked need them — not the whole cycle's list of lines on every check (issue 23: that made adding a line
    O(N) and a year O(N²)).

    What the criteria ask of the cycle: whether a nominee — one checked, or a member of a checked unit — has a
    line of a title in play (prerequisites, members' ratios, streaks), which one query over those people and
    units answers; and how many hold a title in an agency, decided or proposed (the agency-wide cap), which is
    counted in the database, per agency and title, only when a line has a cap. Same answers as ``Cycle`` over
    every line (``tests/nominations/test_stored_cycle.py`` compares them)."""

    def __init__(self, cycle: Cycle, facts: FactBook, keys: set[NomineeKey]) -> None:
        people = {pk for kind, pk in keys if kind == PERSON} | {pk for pks in facts.members.values() for pk in pks}
        units = {pk for kind, pk in keys if kind == UNIT}
        rows = _in_play(cycle).filter(Q(person_id__in=people) | Q(unit_id__in=units)).values_list(
            "person_id", "unit_id", "award__code")
        self.held = {((PERSON, person_id) if person_id else (UNIT, unit_id), code) for person_id, unit_id, code in rows}
        self._cycle, self._facts, self._counts = cycle, facts, {}

    def holders_in_agency(self, agency: int | None, code: str) -> set[NomineeKey]:
        raise NotImplementedError("StoredCycle counts holders in the database: use count_in_agency or count_with")

    def count_in_agency(self, agency: int | None, code: str) -> int:
        if (agency, code) not in self._counts:
            in_agency = Q(person__unit__agency_id=agency) | Q(unit__agency_id=agency)
            # No ORDER BY in either part (the models' default orderings): SQLite refuses it in a compound statement.
            proposed = (_in_play(self._cycle).filter(in_agency, award__code=code).order_by()
                        .values_list("person_id", "unit_id"))
            decided = (PastAward.objects.standing().filter(in_agency, year=self._cycle.year, award__code=code)
                       .exclude(commendation_kind__code__in=NOT_FOR_MERIT).order_by()
                       .values_list("person_id", "unit_id"))
            # UNION (not UNION ALL): a nominee proposed and already decided counts once, as in ``Cycle``.
            self._counts[(agency, code)] = proposed.union(decided).count()
        return self._counts[(agency, code)]

    def count_with(self, agency: int | None, code: str, key: NomineeKey) -> int:
        # ``key`` is among the holders when it has a line of ``code`` in play or the registry has it for the year
        # (both are loaded for a checked nominee, under the same filters as the count; its agency is the one asked).
        holds = self.has(key, code) or self._cycle.year in self._facts.award_years(key, code)
        return self.count_in_agency(agency, code) + (0 if holds else 1)


def _in_play(cycle: Cycle):
    return Line.objects.filter(cycle=cycle).exclude(status__in=OUT_OF_CYCLE)


def verdicts_refresh(*, actor: User | None, cycle: Cycle, lines: list[Line]) -> list[Line]:
    """Run the eligibility engine on ``lines`` with the registries as they are now and store the verdicts.

    The cycle's other lines still in play count (``StoredCycle``): prerequisites in the same
    cycle (a CSTĐCS line needs the LĐTT line), collective ratios and caps count what is proposed.
    Each stored verdict keeps its criterion code, so an acknowledgement names what it acknowledges.
    """
    if not lines:
        return []
    results = check_many([ProposedLine(line.nominee, line.award.code) for line in lines], cycle.year,
                         stored_cycle=lambda facts, keys: StoredCycle(cycle, facts, keys), report_errors=True,
                         annual=cycle.kind_code == DEFAULT_KIND_CODE)
    for line, result in zip(lines, results, strict=True):
        outcome = str(result.outcome)
        verdicts = (
            [{"criterion": "", "outcome": str(Outcome.FAIL), "explanation": result.error}] if result.error else
            [{"criterion": v.criterion, "outcome": str(v.outcome), "explanation": v.explanation}
             for v in result.verdicts]
        )
        if (outcome, verdicts) == (line.outcome, line.verdicts):
            # The same check, the same answer: no write and no history row that records no change (a line is
            # checked again at each gate; issue 23 counted nine saves a line in a year, most of them these).
            continue
        line.outcome, line.verdicts = outcome, verdicts
        line._history_user = actor
        line.save(update_fields=["outcome", "verdicts"])
    return lines


def _acknowledged(line: Line) -> set[str]:
    return {a.get("criterion", "") for a in line.acknowledgements or []}


def line_blockers(line: Line, *, gate: Gate, files: int) -> list[str]:
    """Why ``line`` cannot pass ``gate`` (empty: it can), from its stored verdicts; ``files`` is the
    number of files attached to the line (the evidence of a "Cần bổ sung")."""
    blockers = []
    missing_papers = sum(1 for v in line.verdicts if v.get("outcome") == Outcome.NEEDS_DOCUMENT)
    acknowledged = _acknowledged(line)
    for verdict in line.verdicts:
        outcome, explanation = verdict.get("outcome"), verdict.get("explanation", "")
        if outcome == Outcome.FAIL:
            blockers.append(_("Không đạt: %(why)s") % {"why": explanation})
        elif outcome == Outcome.NEEDS_DOCUMENT and files < missing_papers:
            blockers.append(_("Cần bổ sung (đính kèm giấy tờ vào dòng đề nghị): %(why)s") % {"why": explanation})
        elif (outcome == Outcome.WARNING and gate != Gate.SUBMIT
              and verdict.get("criterion", "") not in acknowledged):
            blockers.append(_("Lưu ý chưa được thường trực xác nhận: %(why)s") % {"why": explanation})
    return blockers


def files_per_line(lines: Iterable[Line]) -> Counter:
    """The supporting papers attached to each line (the report of the line is not one of them)."""
    return Counter(dict(Attachment.objects.filter(line__in=[line.pk for line in lines], kind=AttachmentKind.SUPPORTING)
                        .values("line_id").annotate(n=Count("pk")).values_list("line_id", "n")))


# The steps at which the dossier's papers must be there: the unit sends them, the secretariat checks them.
PAPER_GATES = (Gate.SUBMIT, Gate.ACCEPT)


def papers_missing(*, cycle: Cycle, lines: list[Line]) -> dict[int, list[str]]:
    """For each line, the papers its title's rule set requires (``RequiredPaper``) that its dossier lacks,
    each named with its article: the báo cáo thành tích confirmed by the unit head (its PDF attached),
    the unit's bình xét minutes (a file of the whole dossier), each supporting paper (a file of the line
    that names it). Five queries whatever the number of lines."""
    if not lines:
        return {}
    required: dict[int, list[RequiredPaper]] = defaultdict(list)
    for paper in RequiredPaper.objects.filter(title_rule__rule_set=rule_set_for(cycle.year)).select_related(
            "title_rule").order_by("position", "pk"):
        required[paper.title_rule.award_id].append(paper)
    pks = [line.pk for line in lines]
    # A confirmed report counts once its PDF is attached; one still being rendered is named as such.
    confirmed, rendering = set(), set()
    for line_id, attachment_id in AchievementReport.objects.filter(
            line__in=pks, confirmed_at__isnull=False).values_list("line_id", "attachment_id"):
        (confirmed if attachment_id is not None else rendering).add(line_id)
    with_minutes = set(Attachment.objects.filter(dossier__in={line.dossier_id for line in lines}, line=None,
                                                 kind=AttachmentKind.MINUTES).values_list("dossier_id", flat=True))
    named = set(Attachment.objects.filter(line__in=pks, kind=AttachmentKind.SUPPORTING, paper__isnull=False)
                .values_list("line_id", "paper_id"))
    missing: dict[int, list[str]] = {}
    for line in lines:
        nominee_kind = "person" if line.person_id else "collective"
        lacking = []
        for paper in required[line.award_id]:
            if not paper.applies_to(nominee_kind):
                continue
            cited = f"{paper.name} — {paper.article}" if paper.article else paper.name
            if paper.kind == PaperKind.REPORT and line.pk in rendering:
                lacking.append(_("đã được trưởng đơn vị xác nhận, tệp PDF đang được tạo: %(paper)s") % {"paper": cited})
            elif paper.kind == PaperKind.REPORT and line.pk not in confirmed:
                lacking.append(_("chưa được lập hoặc chưa được trưởng đơn vị xác nhận: %(paper)s") % {"paper": cited})
            elif paper.kind == PaperKind.MINUTES and line.dossier_id not in with_minutes:
                lacking.append(_("chưa đính kèm vào hồ sơ: %(paper)s") % {"paper": cited})
            elif paper.kind == PaperKind.SUPPORTING and (line.pk, paper.pk) not in named:
                lacking.append(_("chưa đính kèm vào dòng đề nghị: %(paper)s") % {"paper": cited})
        if lacking:
            missing[line.pk] = lacking
    return missing


# The step at which the opinions asked for must be in: the chief's approval, which issues the Tờ trình.
CONSULTATION_GATES = (Gate.APPROVAL,)


def consultations_missing(*, cycle: Cycle, lines: list[Line]) -> dict[int, list[str]]:
    """For each line, the bodies whose opinion its title's rule set requires (``RequiredConsultation``) and whose
    written answer is not recorded (a request not sent, or sent and not answered), each with its article."""
    required = requirements_for(cycle=cycle, lines=lines)
    if not required:
        return {}
    answered = set(Consultation.objects.filter(line__in=list(required), status=ConsultationStatus.ANSWERED)
                   .values_list("line_id", "requirement_id"))
    missing: dict[int, list[str]] = {}
    for line_pk, requirements in required.items():
        lacking = [_("chưa có văn bản trả lời xin ý kiến của %(body)s") % {"body": r.cited}
                   for r in requirements if (line_pk, r.pk) not in answered]
        if lacking:
            missing[line_pk] = lacking
    return missing


def lines_gate(*, actor: User | None, cycle: Cycle, lines: list[Line], gate: Gate) -> None:
    """Re-check ``lines`` now and refuse the step if any cannot pass ``gate`` (see the module)."""
    if not lines:
        return
    verdicts_refresh(actor=actor, cycle=cycle, lines=lines)
    files = files_per_line(lines)
    papers = papers_missing(cycle=cycle, lines=lines) if gate in PAPER_GATES else {}
    opinions = consultations_missing(cycle=cycle, lines=lines) if gate in CONSULTATION_GATES else {}
    problems = []
    for line in lines:
        blockers = line_blockers(line, gate=gate, files=files[line.pk])
        blockers += [_("Thiếu giấy tờ, %(paper)s.") % {"paper": paper} for paper in papers.get(line.pk, [])]
        blockers += [_("Thiếu ý kiến hiệp y, %(body)s.") % {"body": body} for body in opinions.get(line.pk, [])]
        if blockers:
            problems.append(_("%(nominee)s — %(award)s: %(why)s") % {
                "nominee": line.nominee_name, "award": line.award.name, "why": " ".join(blockers)})
    if problems:
        raise ValidationError([
            _("Không thể %(step)s: %(count)s dòng đề nghị chưa đủ điều kiện theo quy định. Sửa hoặc bỏ các dòng "
              "này rồi làm lại.") % {"step": GATE_STEPS[gate], "count": len(problems)},
            *problems,
        ])


@transaction.atomic
def line_warnings_acknowledge(*, actor: User, line: Line, reason: str) -> Line:
    """The secretariat acknowledges, with a reason, every "Lưu ý" the line has now (e.g. a duty rating
    not yet on record, to be checked on paper); kept on the line, in its history and the audit log."""
    line = Line.objects.select_for_update(of=("self",)).select_related("cycle__agency", "person", "unit",
                                                                        "award").get(pk=line.pk)
    require_secretariat(actor, line.cycle.agency)
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": _("Ghi rõ lý do xác nhận các điểm cần lưu ý.")})
    if line.status in OUT_OF_CYCLE:
        raise ValidationError(_("Dòng đề nghị không còn trong đợt xét."))
    verdicts_refresh(actor=actor, cycle=line.cycle, lines=[line])
    if not any(v.get("outcome") == Outcome.WARNING for v in line.verdicts):
        raise ValidationError(_("Dòng đề nghị không có điểm nào cần lưu ý."))
    return warnings_record(actor=actor, line=line, reason=reason)


def warnings_record(*, actor: User, line: Line, reason: str) -> Line:
    """Write the acknowledgement of the "Lưu ý" among ``line``'s stored verdicts (just refreshed by the
    caller, who holds the lock and has checked the secretariat): on the line, its history and the log.
    ``dossier_review`` calls it for a whole dossier after one refresh of all its lines."""
    warnings = [v for v in line.verdicts if v.get("outcome") == Outcome.WARNING]
    now = timezone.now().isoformat()
    kept = [a for a in line.acknowledgements or [] if a.get("criterion") not in {v["criterion"] for v in warnings}]
    line.acknowledgements = kept + [
        {"criterion": v["criterion"], "explanation": v["explanation"], "reason": reason, "by": actor.pk, "at": now}
        for v in warnings
    ]
    _save(line, actor)
    audit_record(actor=actor, action=WARNINGS_ACKNOWLEDGED, obj=line, agency=line.cycle.agency, reason=reason,
                 changes={"warnings": [v["explanation"] for v in warnings]})
    return line


def cap_figures(*, cycle: Cycle, lines: Iterable[Line] | None = None) -> list[dict]:
    """The agency-wide caps of the cycle's rule set (e.g. CSTĐCS ≤ 15 % of LĐTT) as running figures.

    Both sides count the agency's holders of the year once each: the awards registry (decided) and
    ``lines`` (default: the cycle's lines still in play). Each figure: title, base, counts, allowed,
    percent and whether it is breached. Three queries plus the rule set's.
    """
    rule_set = rule_set_for(cycle.year)
    caps = [(rule.award, row) for rule in rule_set.title_rules.all() for row in rule.criteria.all()
            if row.criterion == Criterion.AGENCY_CAP]
    if not caps:
        return []
    if lines is None:
        lines = Line.objects.filter(cycle=cycle).exclude(status__in=OUT_OF_CYCLE).select_related("award")
    holders: dict[str, set[tuple]] = defaultdict(set)
    for line in lines:
        holders[line.award.code].add(("person", line.person_id) if line.person_id else ("unit", line.unit_id))
    agency_people = PastAward.objects.standing().filter(year=cycle.year, person__unit__agency=cycle.agency)
    for person_id, code in agency_people.values_list("person_id", "award__code"):
        holders[code].add(("person", person_id))
    names = {rule.award.code: rule.award.short_name or rule.award.name for rule in rule_set.title_rules.all()}
    figures = []
    for award, row in caps:
        base_code = row.option
        count, base = len(holders[award.code]), len(holders[base_code])
        pct = row.value
        allowed = cap_allowed(base, pct) if base else 0
        figures.append({
            "award": names[award.code], "base_award": names.get(base_code, base_code), "count": count, "base": base,
            "cap_pct": vn_number(pct), "allowed": allowed,
            "percent": vn_number(percent(count, base)) if base else "—",
            "breached": count > allowed, "article": row.article,
        })
    return figures


def cap_gate(*, cycle: Cycle, lines: Iterable[Line]) -> None:
    """Refuse an approval whose result would put the agency over a cap (e.g. more CSTĐCS than 15 %
    of its LĐTT of the year), with the numbers."""
    breaches = [f for f in cap_figures(cycle=cycle, lines=lines) if f["breached"] and f["count"]]
    if breaches:
        raise ValidationError([
            _("Không thể phê duyệt: kết quả vượt tỷ lệ tối đa theo quy định.")] + [
            _("Năm %(year)s: %(count)s %(award)s trên %(base)s %(base_award)s = %(percent)s %% — tối đa %(cap)s %% "
              "(%(allowed)s người) (%(article)s).") % {**f, "year": cycle.year, "cap": f["cap_pct"]}
            for f in breaches
        ])
