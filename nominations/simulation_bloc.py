"""``simulate_cycle --with-bloc``: the year of the emulation bloc the agency belongs to, end to end through the
same services as the pages (nominations.services.blocs): the leader's secretariat drafts three targets per
member, every member confirms, the leader's head signs the giao ước; every member scores itself and sends it,
the leader compiles the ranking, every member votes (each agrees with the first-ranked proposal and, by chance,
with the others), the vote closes and the leader's head signs the bloc's Tờ trình to Sở Nội vụ.

A year of the bloc with no members yet takes the members and leader of the bloc's latest year before it (a
simulation's assumption, said in its summary: the real leader rotates and is recorded by an administrator)."""

from __future__ import annotations

import random
from decimal import Decimal

from django.utils import timezone

from accounts.models import Agency, User
from accounts.roles import Role
from accounts.selectors import role_holders
from workflow.documents.models import DocumentStatus, IssuedDocument
from workflow.documents.services import document_issue

from .models import BlocMembership, BlocYear, EmulationBloc
from .services import blocs as services

TARGETS = [
    ("Hoàn thành nhiệm vụ chính trị được giao đúng tiến độ", "%", "100", Decimal(40)),
    ("Tham mưu cải cách hành chính, chuyển đổi số", "điểm", "90", Decimal(30)),
    ("Tham gia các phong trào thi đua của khối", "phong trào", "5", Decimal(30)),
]


def _actor(agency: Agency, *roles: str) -> User | None:
    for role in roles:
        holder = role_holders(role, over=agency).first()
        if holder is not None:
            return holder
    return None


def _issue(document: IssuedDocument | None) -> None:
    """Act as the document worker for a document still queued (as ``simulation._issue_queued`` does)."""
    if document is None:
        return
    document.refresh_from_db(fields=["status"])
    if document.status == DocumentStatus.QUEUED:
        document_issue(document_id=document.pk)


def _members(agency: Agency, year: int) -> tuple[EmulationBloc, list[BlocMembership], bool]:
    latest = (BlocMembership.objects.filter(agency=agency, year__lte=year).select_related("bloc")
              .order_by("-year").first())
    if latest is None:
        raise ValueError(f"{agency.code} belongs to no emulation bloc")
    bloc, copied = latest.bloc, False
    if latest.year != year:
        for member in BlocMembership.objects.filter(bloc=bloc, year=latest.year):
            row = BlocMembership(bloc=bloc, agency=member.agency, year=year, is_leader=member.is_leader)
            row.full_clean()
            row.save()
        copied = True
    members = list(BlocMembership.objects.filter(bloc=bloc, year=year).select_related("agency")
                   .order_by("-is_leader", "agency__name"))
    return bloc, members, copied


def bloc_year(*, agency: Agency, year: int, rng: random.Random) -> dict:
    bloc, members, copied = _members(agency, year)
    leader = next(m for m in members if m.is_leader)
    secretariat = _actor(leader.agency, Role.SECRETARIAT)
    signer = _actor(leader.agency, Role.CHIEF, Role.DEPUTY_CHIEF)
    acting = {m.pk: _actor(m.agency, Role.SECRETARIAT, Role.CHIEF, Role.DEPUTY_CHIEF) for m in members}
    missing = [m.agency.code for m in members if acting[m.pk] is None]
    if secretariat is None or signer is None or missing:
        raise ValueError(f"the bloc's agencies need a secretariat or a head: {missing or [leader.agency.code]}")
    for member in members:
        for content, measure, planned, top in TARGETS:
            services.bloc_target_add(actor=secretariat, membership=member, content=content, measure=measure,
                                     planned_value=planned, max_score=top)
        services.bloc_covenant_confirm(actor=acting[member.pk], membership=member)
    covenant = services.bloc_covenant_sign(actor=signer, bloc=bloc, year=year).covenant_document
    _issue(covenant)
    for member in members:
        scores = {t.pk: ("Đạt chỉ tiêu", (t.max_score * Decimal(rng.randint(70, 100)) / 100).quantize(Decimal("0.5")))
                  for t in member.targets.all()}
        services.bloc_assessment_save(actor=acting[member.pk], membership=member, scores=scores, submit=True)
    services.bloc_results_compile(actor=secretariat, bloc=bloc, year=year)
    candidates = list(BlocMembership.objects.filter(bloc=bloc, year=year, proposed_award__isnull=False))
    for member in members:
        votes = {c.pk: c.rank == 1 or rng.random() < 0.8 for c in candidates}
        services.bloc_vote_cast(actor=acting[member.pk], voter=member, votes=votes)
    # The meeting follows the compiled table, which the simulation compiles today (whatever the year simulated).
    services.bloc_vote_close(actor=secretariat, bloc=bloc, year=year, meeting_on=timezone.localdate())
    carried = BlocMembership.objects.filter(bloc=bloc, year=year, carried=True)
    submission = None
    if carried.exists():
        submission = services.bloc_submission_sign(actor=signer, bloc=bloc, year=year).submission_document
        _issue(submission)
    result = BlocYear.objects.select_related("covenant_document", "submission_document").get(bloc=bloc, year=year)
    ranking = BlocMembership.objects.filter(bloc=bloc, year=year).select_related("agency", "proposed_award")
    return {
        "bloc": bloc.name, "year": year, "leader": leader.agency.code, "members_copied_from_earlier_year": copied,
        "status": result.status,
        "covenant": result.covenant_document.status if result.covenant_document_id else "",
        "submission": result.submission_document.number_text if result.submission_document_id else "",
        "ranking": [{"agency": m.agency.code, "total": str(m.total_score), "rank": m.rank,
                     "proposed": m.proposed_award.code if m.proposed_award_id else "",
                     "votes_for": m.votes_for, "carried": bool(m.carried)}
                    for m in sorted(ranking, key=lambda m: (m.rank, m.agency.code))],
        "documents": [d.pk for d in (result.covenant_document, result.submission_document) if d is not None],
    }
