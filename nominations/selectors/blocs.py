"""Reads of a bloc's year (khối thi đua): who sees which member's self-assessment. A member sees its own; the
leader's secretariat and leadership see every one (they compile them); everyone who sees the bloc sees every
one once the leader has compiled the table for the bloc's meeting. Missing and forbidden answer 404 alike."""

from __future__ import annotations

from django.http import Http404

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import roles_here

from ..models import BlocMembership, BlocYear, BlocYearStatus, EmulationBloc
from .pledges import get_bloc_for_user

SHARED = (BlocYearStatus.COMPILED, BlocYearStatus.VOTED, BlocYearStatus.SUBMITTED)
LEADS = (Role.SECRETARIAT, Role.CHIEF, Role.DEPUTY_CHIEF)


def acts_for(user: User, agency) -> bool:
    """The member agency's secretariat, head or deputy acts for it in the bloc."""
    return bool(set(LEADS) & roles_here(user, agency))


def bloc_year_of(bloc: EmulationBloc, year: int) -> BlocYear | None:
    return (BlocYear.objects.filter(bloc=bloc, year=year)
            .select_related("covenant_document", "submission_document").first())


def members_of(bloc: EmulationBloc, year: int):
    return (BlocMembership.objects.filter(bloc=bloc, year=year)
            .select_related("agency", "confirmed_by", "proposed_award")
            .prefetch_related("targets").order_by("-is_leader", "agency__name"))


def leads_bloc(user: User, members) -> bool:
    """The leader's secretariat, head or deputy."""
    leader = next((m for m in members if m.is_leader), None)
    return leader is not None and bool(set(LEADS) & roles_here(user, leader.agency))


def sees_assessment(user: User, membership: BlocMembership, bloc_year: BlocYear | None, members) -> bool:
    if acts_for(user, membership.agency) or leads_bloc(user, members):
        return True
    return bloc_year is not None and bloc_year.status in SHARED


def get_assessment_for_user(user: User, bloc_pk: int, year: int, membership_pk: int) -> BlocMembership:
    bloc = get_bloc_for_user(user, bloc_pk)
    members = list(members_of(bloc, year))
    membership = next((m for m in members if m.pk == membership_pk), None)
    if membership is None or not sees_assessment(user, membership, bloc_year_of(bloc, year), members):
        raise Http404
    return membership
