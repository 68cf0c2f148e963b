"""A line is checked against the cycle's other lines read as far as it needs them (``gates.StoredCycle``), not
against the whole cycle's list loaded on every check (issue 23): the verdicts must be the very ones the engine
gives with every line of the cycle in memory (``Cycle``), for each line alone and for all lines at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Unit, User
from nominations import demo_facts, services
from nominations.eligibility import ProposedLine, check_many
from nominations.models import Award, CommendationKind, Line, LineStatus
from nominations.services.gates import OUT_OF_CYCLE, StoredCycle

from .helpers import open_cycle, open_dossier

pytestmark = pytest.mark.django_db

YEAR = 2025


def _people(unit: str, n: int) -> list[User]:
    return list(User.objects.filter(unit__code=unit, unit__agency__code="VP", is_active=True)
                .exclude(username__startswith="truongphong").order_by("pk")[:n])


def _verdicts(results) -> list:
    return [(str(r.outcome), r.error, [(v.criterion, str(v.outcome), v.explanation) for v in r.verdicts])
            for r in results]


def _cycle_with_lines():
    """Two units' dossiers: LĐTT for their people, the units' TTLĐTT, CSTĐCS for some (an agency cap and a
    same-cycle prerequisite), a CSTĐCS of the year already in the registry for someone without a line, and a
    line the secretariat did not accept (out of the cycle: it counts for nothing)."""
    cycle = open_cycle(YEAR)
    kt, other = _people("KT", 6), _people("TH", 4)
    wanted = ([(p, "LDTT") for p in kt + other] + [(kt[0], "CSTDCS"), (kt[1], "CSTDCS"), (other[0], "CSTDCS")]
              + [(Unit.objects.get(code=code, agency__code="VP"), "TTLDTT") for code in ("KT", "TH")])
    demo_facts.facts_record(year=YEAR, lines=wanted)
    kind = CommendationKind.objects.get(code="THUONG_XUYEN")
    dossiers = {code: open_dossier(cycle, code) for code in ("KT", "TH")}
    for nominee, code in wanted:
        unit_code = nominee.code if isinstance(nominee, Unit) else nominee.unit.code
        target = {"unit": nominee} if isinstance(nominee, Unit) else {"person": nominee}
        dossier = dossiers[unit_code]
        services.line_add(actor=dossier.created_by, dossier=dossier, award=Award.objects.get(code=code),
                          commendation_kind=kind, achievements="Hoàn thành tốt nhiệm vụ.", **target)
    outsider = User.objects.filter(unit__agency__code="VP", is_active=True).exclude(
        pk__in=[p.pk for p in kt + other]).exclude(username__startswith="truongphong").order_by("pk").first()
    services.past_award_record(actor=None, award=Award.objects.get(code="CSTDCS"), year=YEAR, person=outsider,
                               decision_number="03/QĐ-VP", issuer="Chánh Văn phòng")
    Line.objects.filter(cycle=cycle, person=other[1], award__code="LDTT").update(status=LineStatus.NOT_ACCEPTED)
    return cycle


def test_each_line_gets_the_verdicts_of_the_whole_cycle_in_memory():
    # given a cycle with prerequisites, an agency cap counting the registry, a unit's members and a line out of it
    cycle = _cycle_with_lines()
    lines = list(Line.objects.filter(cycle=cycle).exclude(status__in=OUT_OF_CYCLE).select_related("award")
                 .order_by("pk"))
    everyone = [ProposedLine(line.nominee, line.award.code) for line in lines]
    stored = lambda facts, keys: StoredCycle(cycle, facts, keys)  # noqa: E731
    for line, proposed in zip(lines, everyone, strict=True):
        # when one line is checked alone, as line_add does, with the cycle read from the database
        alone = check_many([proposed], YEAR, stored_cycle=stored, report_errors=True)
        # then its verdicts are the ones computed with every line of the cycle in memory
        assert _verdicts(alone) == _verdicts(check_many([proposed], YEAR, same_cycle=everyone,
                                                        report_errors=True)), line
    # and checking every line at once (the gates of a dossier or a session) gives the same as well
    assert _verdicts(check_many(everyone, YEAR, stored_cycle=stored, report_errors=True)) == _verdicts(
        check_many(everyone, YEAR, same_cycle=everyone, report_errors=True))
    # and the cap really was weighed: a CSTĐCS line's count has the 3 lines and the registry's one
    cstdcs = next(p for p in everyone if p.title_code == "CSTDCS")
    cap = [v for r in check_many([cstdcs], YEAR, stored_cycle=stored) for v in r.verdicts
           if v.criterion == "agency_cap"]
    assert len(cap) == 1 and " có 4 CSTĐCS trên " in cap[0].facts, cap


def test_checking_one_line_costs_the_same_queries_in_a_small_or_a_larger_cycle():
    # given a cycle of a few lines, and the same cycle after many more lines were added
    cycle = _cycle_with_lines()
    line = Line.objects.filter(cycle=cycle, award__code="CSTDCS").select_related("award").first()
    proposed = [ProposedLine(line.nominee, line.award.code)]
    stored = lambda facts, keys: StoredCycle(cycle, facts, keys)  # noqa: E731

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            check_many(proposed, YEAR, stored_cycle=stored)
        return len(captured)

    before = queries()
    taken = set(Line.objects.filter(cycle=cycle).values_list("person_id", flat=True))
    more = list(User.objects.filter(unit__agency__code="VP", is_active=True).exclude(pk__in=taken))
    ldtt = Award.objects.get(code="LDTT")
    Line.objects.bulk_create([Line(cycle=cycle, dossier=line.dossier, person=person, award=ldtt,
                                   commendation_kind=line.commendation_kind, achievements="x", position=100 + n)
                              for n, person in enumerate(more)])
    # when the same line is checked again
    # then it takes the same number of queries: none of them grows with the cycle's lines
    assert len(more) >= 20 and queries() == before
