"""Reads of council sessions and submissions that depend on who asks."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from accounts.models import Agency, User
from accounts.roles import PERM_SECRETARIAT
from accounts.selectors import agencies_sending_to
from workflow.documents.models import DocumentStatus

from ..models import (
    AgendaItem,
    Ballot,
    BallotPaper,
    CouncilVoteRule,
    Cycle,
    Line,
    LineStatus,
    OutcomeDocument,
    OutcomeDocumentKind,
    Session,
)
from .scope import agency_filter, scoped_ids


def sessions_for_user(user: User) -> QuerySet[Session]:
    """Sessions of the agencies the person works over (secretariat, chief, deputies, council, auditor), each with
    ``item_count`` (its agenda's lines).

    Each session once without ``DISTINCT``: the scope follows foreign keys only (session → cycle → agency →
    province), and the agenda is counted by a correlated subquery rather than a join on the items, which repeated
    each session once per item and so needed ``DISTINCT`` over every session column (445 ms for the secretariat at
    ten years of a province)."""
    if not user.is_authenticated or not user.is_active:
        return Session.objects.none()
    items = (AgendaItem.objects.filter(session=OuterRef("pk")).order_by().values("session")
             .annotate(n=Count("pk")).values("n"))
    return (Session.objects.filter(agency_filter(user, "cycle__agency")).select_related("cycle__agency", "minutes")
            .annotate(item_count=Coalesce(Subquery(items), 0)))


def cycles_ready_for_a_session(user: User) -> QuerySet[Cycle]:
    """Open cycles with accepted lines to put on an agenda, of the agencies where the person is the
    secretariat (who alone builds a session, domain §4), each with ``accepted_count``: one query.

    The cycles are first narrowed to those holding an accepted line (by the line's status index: accepted lines
    are the few waiting for a council), so the count joins only their lines; grouping every open cycle's lines
    read 15,680 lines for the secretariat at ten years of a province (20-35 ms) to keep none."""
    if not user.is_authenticated or not user.is_active:
        return Cycle.objects.none()
    waiting = Line.objects.filter(status=LineStatus.ACCEPTED).order_by().values("cycle_id")
    return (Cycle.objects.filter(agency__in=scoped_ids(user, [PERM_SECRETARIAT], Agency), is_open=True,
                                 pk__in=waiting)
            .annotate(accepted_count=Count("lines", filter=Q(lines__status=LineStatus.ACCEPTED)))
            .filter(accepted_count__gt=0).select_related("agency").order_by("-year", "-pk"))


def council_vote_rules(agency: Agency) -> dict[int, CouncilVoteRule]:
    """The agency council's vote rule per award id: the agency's own row (its Quy chế, NĐ 152/2025
    Điều 6 khoản 2 điểm e), else the default row; one query."""
    rules: dict[int, CouncilVoteRule] = {}
    for rule in CouncilVoteRule.objects.filter(Q(agency=agency) | Q(agency__isnull=True)):
        if rule.agency_id is not None:
            rules[rule.award_id] = rule
        else:
            rules.setdefault(rule.award_id, rule)
    return rules


def get_session_for_user(user: User, pk: int) -> Session:
    session = sessions_for_user(user).filter(pk=pk).first()
    if session is None:
        raise Http404
    return session


def submissions_sent_to(user: User) -> QuerySet[OutcomeDocument]:
    """The Tờ trình the person receives as Home Affairs: issued (numbered, PDF ready) by an agency of the
    province they serve. The one definition of what has reached Sở Nội vụ; ``submissions_for_user`` and, through
    the lines, ``dossiers.dossiers_for_user`` read it."""
    return OutcomeDocument.objects.filter(kind=OutcomeDocumentKind.SUBMISSION,
                                          document__agency__in=agencies_sending_to(user).values("pk"),
                                          document__status=DocumentStatus.READY)


def submissions_for_user(user: User) -> QuerySet[OutcomeDocument]:
    """Tờ trình: the agency sees its own; Home Affairs sees only what was issued and sent to them."""
    if not user.is_authenticated or not user.is_active:
        return OutcomeDocument.objects.none()
    own = agency_filter(user, "session__cycle__agency")
    return (OutcomeDocument.objects.filter(kind=OutcomeDocumentKind.SUBMISSION)
            .filter(own | Q(pk__in=submissions_sent_to(user).values("pk")))
            .select_related("document__agency", "session__cycle").distinct())


def absent_papers(session: Session) -> int:
    """How many absent members' written papers a session counted: a paper names no member (secrecy),
    and a member present always casts with a paper, so they are the papers beyond the present members'
    ballots (none in a written consultation, whose "present" members are those asked)."""
    if session.written_consultation:
        return 0
    papers = BallotPaper.objects.filter(session=session).count()
    return max(0, papers - Ballot.objects.filter(session=session, member__present=True).count())
