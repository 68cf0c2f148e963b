"""Sáng kiến recognition (issue 21), the reads: who sees which application, the agency's Hội đồng sáng kiến, and
whether the council's vote carries.

An application is read by its authors, and in its agency by the chief, the deputies, the secretariat (which keeps the
registry), the auditor and the members of the Hội đồng sáng kiến once it has been submitted; anyone else gets the
same 404 as for a missing one. A draft is its authors' alone.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Agency, User
from accounts.roles import Role
from accounts.selectors import roles_here

from ..models import InitiativeApplication, InitiativeCouncilMember, InitiativeStatus

READERS = frozenset({Role.CHIEF, Role.DEPUTY_CHIEF, Role.SECRETARIAT, Role.AUDITOR})
OPEN = (InitiativeStatus.SUBMITTED, InitiativeStatus.EVALUATING)


def is_staff_of_an_agency(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.unit_id)


def is_council_member(user: User, agency: Agency) -> bool:
    return bool(user.is_authenticated and user.is_active
                and InitiativeCouncilMember.objects.filter(agency=agency, person=user).exists())


def council_members(agency: Agency) -> QuerySet[InitiativeCouncilMember]:
    return InitiativeCouncilMember.objects.filter(agency=agency).select_related("person")


def reads_agency(user: User, agency: Agency) -> bool:
    """The agency's leads and auditor, and the members of its Hội đồng sáng kiến: every submitted application."""
    return bool(READERS & roles_here(user, agency)) or is_council_member(user, agency)


def applications_for(user: User) -> QuerySet[InitiativeApplication]:
    """The applications ``user`` may read: their own (as an author), and the submitted ones of an agency they lead,
    audit or sit on the Hội đồng sáng kiến of."""
    if not user.is_authenticated or not user.is_active:
        return InitiativeApplication.objects.none()
    mine = Q(authors__person=user)
    agencies = set(InitiativeCouncilMember.objects.filter(person=user).values_list("agency_id", flat=True))
    candidates = set(Agency.objects.filter(role_assignments__user=user).values_list("pk", flat=True))
    if user.unit_id:
        candidates.add(user.unit.agency_id)
    agencies |= {agency.pk for agency in Agency.objects.filter(pk__in=candidates - agencies)
                 if READERS & roles_here(user, agency)}
    theirs = Q(agency_id__in=agencies) & ~Q(status=InitiativeStatus.DRAFT)
    return (InitiativeApplication.objects.filter(mine | theirs).distinct()
            .select_related("agency", "initiative").order_by("-year", "-pk"))


def get_application_for(user: User, pk: int) -> InitiativeApplication:
    """The application, or the same 404 as for a missing one when ``user`` may not read it."""
    application = applications_for(user).filter(pk=pk).first()
    if application is None:
        raise Http404
    return application


def is_author(user: User, application: InitiativeApplication) -> bool:
    return application.authors.filter(person=user).exists()


def votes_needed(member_count: int) -> int:
    """At least 2/3 of the council's members agree (Thông tư 18/2013/TT-BKHCN, Điều 8 khoản 1)."""
    return -(-2 * member_count // 3)


def council_tally(application: InitiativeApplication) -> dict[str, int | bool]:
    """The members' votes on the application, counted over the council as it stands."""
    members = set(council_members(application.agency).values_list("person_id", flat=True))
    votes = [v for v in application.votes.all() if v.member_id in members]
    agree = sum(1 for v in votes if v.agrees)
    needed = votes_needed(len(members))
    return {"members": len(members), "voted": len(votes), "agree": agree, "disagree": len(votes) - agree,
            "needed": needed, "carried": bool(members) and agree >= needed}
