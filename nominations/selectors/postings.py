"""Công khai (domain §4; issue 21), the reads: who may see a cycle's posted list and its opinions, and when.

The window is the cycle's ``posting_from`` .. ``posting_to``, both days included, in the agency's time
(``TIME_ZONE``, Asia/Ho_Chi_Minh). A cycle without both dates has no window: nothing is posted. The agency's leads
and auditor read the list and the opinions (named) at any time; its staff read the list during the window; anyone
else gets the same 404 as for a missing cycle.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import roles_here

from ..models import Cycle, Line, LineStatus, PostingOpinion

# Who reads the posted list at any time, with the opinions (named): the agency's leads and its auditor.
POSTING_READERS = frozenset({Role.SECRETARIAT, Role.CHIEF, Role.DEPUTY_CHIEF, Role.AUDITOR})
# The lines the list shows: sent by the units and taken in by the secretariat, not those refused or still drafted.
NOT_POSTED = (LineStatus.PROPOSED, LineStatus.NOT_ACCEPTED)


def has_window(cycle: Cycle) -> bool:
    return cycle.posting_from is not None and cycle.posting_to is not None


def window_open(cycle: Cycle, today: dt.date | None = None) -> bool:
    """Today (the agency's day) lies in the posting window, both ends included."""
    today = today or timezone.localdate()
    return has_window(cycle) and cycle.posting_from <= today <= cycle.posting_to


def is_agency_staff(user: User, cycle: Cycle) -> bool:
    """An active person whose unit belongs to the cycle's agency."""
    return bool(user.is_authenticated and user.is_active and user.unit_id
                and user.unit.agency_id == cycle.agency_id)


def reads_opinions(user: User, cycle: Cycle) -> bool:
    return bool(POSTING_READERS & roles_here(user, cycle.agency))


def may_see_posting(user: User, cycle: Cycle) -> bool:
    """The leads and the auditor always; the agency's staff during the window; nobody else."""
    return reads_opinions(user, cycle) or (window_open(cycle) and is_agency_staff(user, cycle))


def posted_lines(cycle: Cycle) -> QuerySet[Line]:
    return (Line.objects.filter(cycle=cycle).exclude(status__in=NOT_POSTED)
            .select_related("person__unit", "unit", "award", "dossier__unit")
            .order_by("dossier__unit__position", "position", "pk"))


def get_cycle_for_posting(user: User, pk: int) -> Cycle:
    """The cycle whose posted list ``user`` may see; missing and forbidden are the same 404."""
    cycle = Cycle.objects.select_related("agency").filter(pk=pk).first()
    if cycle is None or not may_see_posting(user, cycle):
        raise Http404
    return cycle


def get_cycle_for_public_posting(pk: int) -> Cycle:
    """The cycle whose list is posted to the public today: the secretariat chose it (``posting_public``) and the
    window is open. Any other cycle — missing, not public, before or after its window — is the same 404."""
    cycle = Cycle.objects.select_related("agency").filter(pk=pk, posting_public=True).first()
    if cycle is None or not window_open(cycle):
        raise Http404
    return cycle


def posting_opinions(user: User, cycle: Cycle) -> list[PostingOpinion]:
    """The opinions on the posted list, with their authors, for those who read them; nobody else reads any."""
    if not reads_opinions(user, cycle):
        return []
    return list(PostingOpinion.objects.filter(cycle=cycle)
                .select_related("author", "line__person", "line__unit", "line__award"))


def opinion_count(cycle: Cycle) -> int:
    """How many opinions came in (the minutes state it)."""
    return PostingOpinion.objects.filter(cycle=cycle).count()
