"""Hiệp y / lấy ý kiến (issue 21; docs/legal-basis.md §15), the reads: which lines of a cycle need whose opinion
(``RequiredConsultation`` of the year's rule set), the requests sent and their answers, and who reads them.

The agency's leads and its auditor read a cycle's consultations; anyone else gets the same 404 as for a missing
cycle. Only the secretariat writes (``services.consultations``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.http import Http404

from accounts.models import RoleAssignment, User
from accounts.roles import Role
from accounts.selectors import roles_here

from ..eligibility.rulesets import rule_set_for
from ..eligibility.types import NoRuleSet
from ..models import Consultation, ConsultationStatus, Cycle, Line, LineStatus, RequiredConsultation
from .postings import POSTING_READERS

CONSULTATION_READERS = POSTING_READERS
# Lines a request may be sent for: taken in by the secretariat and not yet out of the cycle or decided.
OPEN_STATUSES = (LineStatus.ACCEPTED, LineStatus.ON_AGENDA, LineStatus.VOTE_PASSED, LineStatus.HA_RETURNED)
# Lines the board lists: everything sent by the units and still in play.
NOT_LISTED = (LineStatus.PROPOSED, LineStatus.NOT_ACCEPTED, LineStatus.VOTE_FAILED)


def reads_consultations(user: User, cycle: Cycle) -> bool:
    return bool(CONSULTATION_READERS & roles_here(user, cycle.agency))


def get_cycle_for_consultations(user: User, pk: int) -> Cycle:
    """The cycle whose consultations ``user`` may read; missing and forbidden are the same 404."""
    cycle = Cycle.objects.select_related("agency").filter(pk=pk).first()
    if cycle is None or not reads_consultations(user, cycle):
        raise Http404
    return cycle


def agency_heads(cycle: Cycle) -> set[int]:
    """The people who head (cấp trưởng) the cycle's agency now."""
    return set(RoleAssignment.objects.filter(role=Role.CHIEF, agency=cycle.agency, revoked_at__isnull=True)
               .values_list("user_id", flat=True))


def requirements_for(*, cycle: Cycle, lines: list[Line]) -> dict[int, list[RequiredConsultation]]:
    """For each line, the bodies whose opinion its title's rule set requires for its nominee (two queries)."""
    if not lines:
        return {}
    try:
        rule_set = rule_set_for(cycle.year)
    except NoRuleSet:
        return {}
    per_award: dict[int, list[RequiredConsultation]] = defaultdict(list)
    for requirement in RequiredConsultation.objects.filter(
            title_rule__rule_set=rule_set).select_related("title_rule").order_by("position", "pk"):
        per_award[requirement.title_rule.award_id].append(requirement)
    if not per_award:
        return {}
    heads = agency_heads(cycle)
    found = {}
    for line in lines:
        kind = "person" if line.person_id else "collective"
        applying = [r for r in per_award.get(line.award_id, [])
                    if r.applies_to(kind, is_agency_head=bool(line.person_id) and line.person_id in heads)]
        if applying:
            found[line.pk] = applying
    return found


@dataclass
class BoardRow:
    line: Line
    requirement: RequiredConsultation
    consultation: Consultation | None
    past: list[Consultation] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        return self.consultation is not None and self.consultation.status == ConsultationStatus.ANSWERED

    @property
    def may_request(self) -> bool:
        return self.consultation is None and self.line.status in OPEN_STATUSES

    @property
    def may_answer(self) -> bool:
        return self.consultation is not None and self.consultation.status == ConsultationStatus.SENT


def consultation_board(cycle: Cycle, lines: list[Line] | None = None) -> list[BoardRow]:
    """One row per line and required body: the request in force (sent or answered) and those cancelled."""
    if lines is None:
        lines = list(Line.objects.filter(cycle=cycle).exclude(status__in=NOT_LISTED)
                     .select_related("person", "unit", "award", "dossier__unit")
                     .order_by("dossier__unit__position", "position", "pk"))
    required = requirements_for(cycle=cycle, lines=lines)
    if not required:
        return []
    sent: dict[tuple[int, int | None], list[Consultation]] = defaultdict(list)
    for consultation in Consultation.objects.filter(line__in=list(required)).order_by("sent_on", "pk"):
        sent[(consultation.line_id, consultation.requirement_id)].append(consultation)
    rows = []
    for line in lines:
        for requirement in required.get(line.pk, []):
            each = sent[(line.pk, requirement.pk)]
            current = next((c for c in each if c.status != ConsultationStatus.CANCELLED), None)
            rows.append(BoardRow(line=line, requirement=requirement, consultation=current,
                                 past=[c for c in each if c.status == ConsultationStatus.CANCELLED]))
    return rows


def get_consultation_for_secretariat(user: User, pk: int) -> Consultation:
    """A request, for the secretariat of its line's agency; 404 alike for missing and forbidden."""
    consultation = (Consultation.objects.select_related("line__cycle__agency", "line__person", "line__unit",
                                                        "line__award").filter(pk=pk).first())
    if consultation is None or Role.SECRETARIAT not in roles_here(user, consultation.line.cycle.agency):
        raise Http404
    return consultation
