"""Reads of pledge registration that depend on who asks (domain §6).

A unit head, the agency's secretariat, chief, deputies and auditor see a unit's registration; a
member sees their own unit's registration and confirms their own line, never another unit's.
Home Affairs sees no unit's registration: it receives the agency's, once signed and sent (design §3
flow 1), and the blocs of its province.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from accounts.models import Unit, User
from accounts.roles import PERM_HEAD_UNIT
from accounts.scope import objects_with_perms
from accounts.selectors import agencies_in_scope, agencies_sending_to, units_in_scope

from ..models import (
    AgencyPledgeRegistration,
    AgencyPledgeStatus,
    Award,
    BlocMembership,
    EmulationBloc,
    Movement,
    PledgeLine,
    PledgeRegistration,
    PledgeReview,
    PledgeStatus,
    PledgeTarget,
)

# From signature on, the agency's registration is Sở Nội vụ's to read (and stays so once answered).
SENT_TO_HOME_AFFAIRS = (AgencyPledgeStatus.SENT, AgencyPledgeStatus.ACKNOWLEDGED, AgencyPledgeStatus.RETURNED)


def pledges_for_user(user: User) -> QuerySet[PledgeRegistration]:
    """Unit registrations the person may read: their units in scope, and their own unit's."""
    if not user.is_authenticated or not user.is_active:
        return PledgeRegistration.objects.none()
    return PledgeRegistration.objects.filter(
        Q(unit__in=units_in_scope(user).values("pk")) | Q(unit_id=user.unit_id)
    ).select_related("unit__agency", "collective_title", "amends")


def pledges_of_units_headed(user: User, headed: QuerySet, year: int) -> QuerySet[PledgeRegistration]:
    """The year's registrations of the units the person heads (``headed``: their guardian-scoped units)."""
    if not user.is_authenticated or not user.is_active:
        return PledgeRegistration.objects.none()
    return PledgeRegistration.objects.filter(unit__in=headed, year=year).select_related("unit").order_by("pk")


def get_pledge_for_user(user: User, pk: int) -> PledgeRegistration:
    """The registration, or 404 alike when it does not exist and when it is outside the person's scope."""
    registration = pledges_for_user(user).filter(pk=pk).first()
    if registration is None:
        raise Http404
    return registration


def pledge_detail(registration: PledgeRegistration) -> PledgeRegistration:
    """The registration with its targets, lines and review rounds, in a fixed number of queries."""
    return (
        PledgeRegistration.objects.select_related("unit__agency", "collective_title", "amends",
                                                "included_in__document")
        .prefetch_related(
            Prefetch("targets", queryset=PledgeTarget.objects.select_related("movement").order_by("pk")),
            Prefetch("lines", queryset=PledgeLine.objects.select_related("person", "title")
                     .order_by("person__name_sort_key", "pk")),
            Prefetch("reviews", queryset=PledgeReview.objects.select_related("reviewer").order_by("round")),
        )
        .get(pk=registration.pk)
    )


def _in_unit(user: User, registration: PledgeRegistration) -> bool:
    """Whether the person belongs to the registration's unit or heads it (the unit's side of a return)."""
    if user.unit_id == registration.unit_id:
        return True
    return objects_with_perms(user, PERM_HEAD_UNIT, Unit).filter(pk=registration.unit_id).exists()


def pledge_reads_as_sent(user: User, registration: PledgeRegistration) -> bool:
    """Whether the person reads the registration as the unit last sent it: anyone outside the unit while it is
    back with the unit for changes (a unit's unsent edits are its own business until it sends them again)."""
    return (registration.status == PledgeStatus.RETURNED and bool(registration.sent_copy)
            and not _in_unit(user, registration))


@dataclass
class PledgeAsRead:
    """The registration's content as a person reads it: what was sent, or the unit's edits with the ones not yet
    sent marked (``unsent``), and what was sent beside them (``sent``) while it is back with the unit."""

    as_sent: bool
    collective_title: str
    collective_unsent: bool
    targets: list[dict]
    lines: list[dict]
    sent: dict | None = None


def _target_key(row: dict) -> tuple:
    return (row["content"], row["measure"], row["planned_value"], row["movement"])


def _line_key(row: dict) -> tuple:
    return (row["person_id"], row["title"], row["planned_initiative"])


def pledge_as_read(user: User, registration: PledgeRegistration) -> PledgeAsRead:
    """What ``user`` reads of ``registration`` (prefetched by ``pledge_detail``)."""
    sent = registration.sent_copy or {}
    if pledge_reads_as_sent(user, registration):
        return PledgeAsRead(
            as_sent=True, collective_title=sent.get("collective_title", ""), collective_unsent=False,
            targets=[{**t, "unsent": False} for t in sent.get("targets", [])],
            lines=[{**ln, "pk": None, "confirmed_at": None, "unsent": False} for ln in sent.get("lines", [])],
        )
    returned = registration.status == PledgeStatus.RETURNED and bool(sent)
    sent_targets = {_target_key(t) for t in sent.get("targets", [])}
    sent_lines = {_line_key(ln) for ln in sent.get("lines", [])}
    targets = []
    for t in registration.targets.all():
        row = {"pk": t.pk, "content": t.content, "measure": t.measure, "planned_value": t.planned_value,
               "movement": t.movement.name if t.movement else ""}
        targets.append({**row, "unsent": returned and _target_key(row) not in sent_targets})
    lines = []
    for ln in registration.lines.all():
        row = {"pk": ln.pk, "person_id": ln.person_id, "person": ln.person.full_name,
               "position": ln.person.position_title, "title": ln.title.name,
               "planned_initiative": ln.planned_initiative, "confirmed_at": ln.confirmed_at}
        lines.append({**row, "unsent": returned and _line_key(row) not in sent_lines})
    title = registration.collective_title.name if registration.collective_title else ""
    return PledgeAsRead(
        as_sent=False, collective_title=title,
        collective_unsent=returned and title != sent.get("collective_title", ""),
        targets=targets, lines=lines, sent=sent if returned else None,
    )


def my_pledge_lines(user: User, year: int | None = None) -> QuerySet[PledgeLine]:
    """The person's own lines, newest year first."""
    if not user.is_authenticated:
        return PledgeLine.objects.none()
    lines = PledgeLine.objects.filter(person=user).select_related("registration__unit", "title")
    if year is not None:
        lines = lines.filter(registration__year=year)
    return lines.order_by("-registration__year", "-registration__pk")


def agency_pledges_for_user(user: User) -> QuerySet[AgencyPledgeRegistration]:
    """Agency registrations of the agencies the person works over as a whole, and those sent to them as
    Home Affairs (not while the agency is still collecting or compiling: its draft)."""
    if not user.is_authenticated or not user.is_active:
        return AgencyPledgeRegistration.objects.none()
    return AgencyPledgeRegistration.objects.filter(
        Q(agency__in=agencies_in_scope(user).values("pk"))
        | Q(agency__in=agencies_sending_to(user).values("pk"), status__in=SENT_TO_HOME_AFFAIRS)
    ).select_related("agency", "document", "collective_title")


def get_agency_pledge_for_user(user: User, pk: int) -> AgencyPledgeRegistration:
    registration = agency_pledges_for_user(user).filter(pk=pk).first()
    if registration is None:
        raise Http404
    return registration


def movements_for_year(year: int) -> QuerySet[Movement]:
    """Movements running in ``year`` (every level): public facts, the same for everyone."""
    return Movement.objects.filter(is_active=True).running_in(year).select_related("agency").order_by(
        "level", "position", "name")


def bloc_members(bloc: EmulationBloc, year: int) -> QuerySet[BlocMembership]:
    return BlocMembership.objects.filter(bloc=bloc, year=year).select_related("agency", "covenant_recorded_by")


def blocs_for_user(user: User) -> QuerySet[EmulationBloc]:
    """Blocs any agency in the person's scope, sending to them as Home Affairs, or their own agency belongs to."""
    if not user.is_authenticated or not user.is_active:
        return EmulationBloc.objects.none()
    agencies = (Q(memberships__agency__in=agencies_in_scope(user).values("pk"))
                | Q(memberships__agency__in=agencies_sending_to(user).values("pk")))
    if user.unit_id:
        agencies |= Q(memberships__agency_id=user.unit.agency_id)
    return EmulationBloc.objects.filter(agencies).distinct()


def get_bloc_for_user(user: User, pk: int) -> EmulationBloc:
    bloc = blocs_for_user(user).filter(pk=pk).first()
    if bloc is None:
        raise Http404
    return bloc


@dataclass
class PledgedTitles:
    """What a unit registered for a year: its collective title and each member's title."""

    collective: Award | None = None
    people: dict[int, Award] = field(default_factory=dict)
    initiatives: dict[int, str] = field(default_factory=dict)


def pledged_titles(unit: Unit, year: int) -> PledgedTitles:
    """The titles of the unit's current accepted registration of ``year``, to prefill nomination lines
    at year end (Nghị định 98/2023/NĐ-CP, Điều 5: titles are considered against the registration).
    Empty when the unit has none. The caller checks the person may see the unit."""
    registration = (
        PledgeRegistration.objects.filter(unit=unit, year=year, status=PledgeStatus.ACCEPTED)
        .select_related("collective_title").order_by("-pk").first()
    )
    if registration is None:
        return PledgedTitles()
    lines = list(registration.lines.select_related("title"))
    return PledgedTitles(
        collective=registration.collective_title,
        people={line.person_id: line.title for line in lines},
        initiatives={line.person_id: line.planned_initiative for line in lines},
    )


def registered_for_emulation(keys: Collection[tuple[str, int]], year: int) -> dict[tuple[str, int], bool]:
    """The pledge source of the eligibility engine (``nominations.eligibility.pledges``): whether each
    nominee registered for ``year`` in an accepted registration — a person by their line, a unit by its
    collective title (an accepted registration always has lines). One query whatever the number of keys."""
    person_ids = {pk for kind, pk in keys if kind == "person"}
    unit_ids = {pk for kind, pk in keys if kind == "unit"}
    people: set[int] = set()
    units: set[int] = set()
    if person_ids or unit_ids:
        rows = PledgeLine.objects.filter(
            Q(person_id__in=person_ids) | Q(registration__unit_id__in=unit_ids,
                                            registration__collective_title__isnull=False),
            registration__year=year, registration__status=PledgeStatus.ACCEPTED,
        ).values_list("person_id", "registration__unit_id", "registration__collective_title_id").distinct()
        for person_id, unit_id, collective_title_id in rows:
            people.add(person_id)
            if collective_title_id is not None:
                units.add(unit_id)
    answer: dict[tuple[str, int], bool] = {("person", pk): pk in people for pk in person_ids}
    answer.update({("unit", pk): pk in units for pk in unit_ids})
    return answer
