"""When each step of the award flows is due, and who hears when it is late (issue 9).

A step takes its due date from the data when the data has one — the cycle's ``nominations_due``
for the unit's dossier, the session's meeting date for the ballots, the agency registration's
``deadline`` for the units' pledge registrations — and otherwise a default in working days
counted from the day the task is created (``STEP_WORKING_DAYS``; a deployment may change any of
them with ``NOMINATIONS_STEP_WORKING_DAYS = {"dossier.review": 3, ...}``; Bộ luật Lao động 2019,
Điều 111–112 for what a working day is). The flows declare them with ``.Deadline(...)``.

Escalation (``escalation_target``, registered with the engine): a step of a unit head goes to the
agency's deputy chief (Phó Chánh Văn phòng; the longest-serving one, as the data does not say
which deputy supervises which unit), or the chief when there is no deputy; a step of the
secretariat or of a council member goes to the chief; the chief's own step to nobody.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone

from accounts.models import Agency, RoleAssignment, User
from accounts.roles import Role
from workflow.deadlines.workdays import add_working_days

STEP_WORKING_DAYS: dict[str, int] = {
    "dossier.edit": 5,          # a returned dossier's supplement (the first round is due on nominations_due)
    "dossier.review": 5,        # the secretariat checks a submitted dossier
    "council.ballot": 3,        # a ballot when the session has no meeting date ahead
    "council.finalise": 2,      # the minutes, after the meeting
    "council.approve": 3,       # the chief approves the results
    "home_affairs.review": 20,  # Sở Nội vụ appraises a Tờ trình
    "home_affairs.resubmit": 5,  # the secretariat supplements returned lines
    "pledge.submit": 10,        # a unit's registration when the agency set no deadline, or a returned one
    "pledge.review": 5,         # the secretariat reviews a unit's registration
    "agency_pledge.compile": 5,  # from the units' deadline, or from Sở Nội vụ's return
    "agency_pledge.sign": 3,    # the chief signs the công văn
    "agency_pledge.home_affairs": 10,  # Sở Nội vụ acknowledges
}

# Which level of the hierarchy does each step: decides who hears when it is late.
UNIT_HEAD_STEPS = {"dossier.edit", "pledge.submit"}
# The secretariat's steps and a council member's ballot: the chief hears. The chief's own steps
# (council.approve, agency_pledge.sign) have nobody above them in the agency.
TO_CHIEF_STEPS = {"dossier.review", "council.finalise", "home_affairs.resubmit", "pledge.review",
                  "agency_pledge.compile", "council.ballot"}


def step_working_days(step: str) -> int:
    return {**STEP_WORKING_DAYS, **getattr(settings, "NOMINATIONS_STEP_WORKING_DAYS", {})}[step]


def _created(task) -> dt.date:
    return timezone.localdate(task.created) if task.created else timezone.localdate()


def _after(task, step: str) -> dt.date:
    return add_working_days(_created(task), step_working_days(step))


def _process(task):
    return task.process.coerced


def due(step: str, from_data: Callable | None = None) -> Callable:
    """The ``due`` callable of a node: the data's date when there is one, else the step's default."""

    def due_date(task) -> dt.date:
        if from_data is not None:
            day = from_data(task, _process(task))
            if day is not None:
                return day
        return _after(task, step)

    due_date.step = step
    return due_date


# --- dates from the data --------------------------------------------------------------------


def dossier_edit_due(task, process) -> dt.date | None:
    """The first round is due on the cycle's deadline; a supplement gets the default, never earlier."""
    dossier = process.dossier
    if dossier is None:
        return None
    if not dossier.rounds.exists():
        return dossier.cycle.nominations_due
    return max(dossier.cycle.nominations_due, _after(task, "dossier.edit"))


def dossier_review_due(task, process) -> dt.date | None:
    """Checked before the posting window opens (domain §4), or within the default if that is sooner."""
    posting_from = process.dossier.cycle.posting_from if process.dossier else None
    default = _after(task, "dossier.review")
    if posting_from is not None and _created(task) < posting_from < default:
        return posting_from
    return default


def ballot_due(task, process) -> dt.date | None:
    """A ballot is cast at the meeting (a written vote reaches the secretariat by then)."""
    session = process.session
    meeting = session.meeting_date if session is not None else None
    return meeting if meeting is not None and meeting >= _created(task) else None


def pledge_submit_due(task, process) -> dt.date | None:
    """The agency's deadline for the units' registrations of the year; a returned registration or an
    amendment gets the default from its own start, never before that deadline."""
    from .models import AgencyPledgeRegistration

    registration = process.registration
    deadline = (AgencyPledgeRegistration.objects.filter(agency_id=registration.unit.agency_id,
                                                        year=registration.year)
                .order_by("-pk").values_list("deadline", flat=True).first())
    if deadline is None:
        return None
    if registration.amends_id or registration.reviews.exists():  # an amendment or a returned one
        return max(deadline, _after(task, "pledge.submit"))
    return deadline


def agency_compile_due(task, process) -> dt.date | None:
    """Compiled within the default from the units' deadline (from the return, after Sở Nội vụ's)."""
    registration = process.registration
    start = max(registration.deadline, _created(task))
    return add_working_days(start, step_working_days("agency_pledge.compile"))


# --- escalation --------------------------------------------------------------------------------


def _step_of(task) -> str | None:
    node = task.flow_task
    return getattr(getattr(node, "_deadline_due", None), "step", None)


def _agency_of(task, step: str) -> Agency | None:
    process = _process(task)
    if step.startswith("dossier.") and process.dossier_id:
        return Agency.objects.filter(cycles__dossiers=process.dossier_id).first()
    if step.startswith("council.") and process.session_id:
        return Agency.objects.filter(cycles__sessions=process.session_id).first()
    if step.startswith("home_affairs.") and process.submission_id:
        return Agency.objects.filter(documents__nomination_outcome=process.submission_id).first()
    if step.startswith("pledge.") and process.registration_id:
        return Agency.objects.filter(units__pledges=process.registration_id).first()
    if step.startswith("agency_pledge.") and process.registration_id:
        return Agency.objects.filter(pledges=process.registration_id).first()
    return None


def _holder(role: str, agency: Agency, exclude: int | None) -> User | None:
    assignment = (
        RoleAssignment.objects.filter(role=role, agency=agency, revoked_at__isnull=True, user__is_active=True)
        .exclude(user_id=exclude).select_related("user").order_by("granted_at", "pk").first()
    )
    return assignment.user if assignment is not None else None


def escalation_target(task) -> User | None:
    """The person above the step's owner (see the module docstring); None leaves it to the engine."""
    step = _step_of(task)
    if step is None or step.startswith("home_affairs.review") or step == "agency_pledge.home_affairs":
        return None  # Sở Nội vụ is not under the agency: the engine's default applies
    agency = _agency_of(task, step)
    if agency is None:
        return None
    owner = task.owner_id
    if step in UNIT_HEAD_STEPS:
        return _holder(Role.DEPUTY_CHIEF, agency, owner) or _holder(Role.CHIEF, agency, owner)
    if step in TO_CHIEF_STEPS:
        return _holder(Role.CHIEF, agency, owner)
    return None
