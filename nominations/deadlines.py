"""When each step of the award flows is due, and who hears when it is late (issue 9).

A step takes its due date from the data when the data has one — the cycle's ``nominations_due``
for the unit's dossier, the session's meeting date for the ballots, the agency registration's
``deadline`` for the units' pledge registrations — and otherwise a default in working days
counted from the day the task is created (``STEP_WORKING_DAYS``; a deployment may change any of
them with ``NOMINATIONS_STEP_WORKING_DAYS = {"dossier.review": 3, ...}``; Bộ luật Lao động 2019,
Điều 111–112 for what a working day is). Each flow node declares both on itself:
``.Deadline(step="dossier.edit", due=dossier_edit_due, escalate_to=TO_DEPUTY)``.

Escalation: a step of a unit head goes to the agency's deputy chief (Phó Chánh Văn phòng; the
longest-serving one, as the data does not say which deputy supervises which unit), or the chief when
there is no deputy (``TO_DEPUTY``); a step of the secretariat or of a council member goes to the chief
(``TO_CHIEF``); the chief's own step to nobody (``NOBODY``); Sở Nội vụ's steps to the head of Sở Nội vụ
(``TO_OWN_CHIEF``: it is not under the agency).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from accounts.roles import Role
from workflow.deadlines.escalation import NOBODY, OWNER, escalate_to
from workflow.deadlines.workdays import add_working_days

from .models import AgencyPledgeRegistration

STEP_WORKING_DAYS: dict[str, int] = {
    "dossier.edit": 5,          # a returned dossier's supplement (the first round is due on nominations_due)
    "dossier.review": 5,        # the secretariat checks a submitted dossier
    # Đột xuất (khen thưởng theo thủ tục đơn giản): proposed "ngay sau khi lập được thành tích"; no text read
    # gives the days, they are this system's defaults (legal-basis §19, doubtful).
    "dossier.urgent_submit": 2,  # the unit head sends the one-line dossier after reporting the deed
    "dossier.urgent_edit": 1,   # a returned đột xuất dossier's supplement
    "dossier.urgent_review": 1,  # the secretariat checks it
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
    "report.write": 10,         # a unit head writes the unit's section of the annual report
    "report.compile": 5,        # the secretariat compiles the report
    "report.rewrite": 5,        # a unit head rewrites a returned section
    "report.sign": 3,           # the chief signs the Báo cáo
    "report.home_affairs": 10,  # Sở Nội vụ acknowledges
}

TO_DEPUTY = escalate_to(Role.DEPUTY_CHIEF, Role.CHIEF)
TO_CHIEF = escalate_to(Role.CHIEF)
TO_OWN_CHIEF = escalate_to(Role.CHIEF, of=OWNER)
__all__ = ["NOBODY", "STEP_WORKING_DAYS", "TO_CHIEF", "TO_DEPUTY", "TO_OWN_CHIEF", "step_working_days"]


def step_working_days(step: str) -> int:
    return {**STEP_WORKING_DAYS, **getattr(settings, "NOMINATIONS_STEP_WORKING_DAYS", {})}[step]


def _created(task) -> dt.date:
    return timezone.localdate(task.created) if task.created else timezone.localdate()


def _after(task, step: str) -> dt.date:
    return add_working_days(_created(task), step_working_days(step))


def _process(task):
    return task.process.coerced


# --- dates from the data --------------------------------------------------------------------


def urgent_nominations_due(reported: dt.date) -> dt.date:
    """A đột xuất cycle's dossier is due a few working days after the deed is reported."""
    return add_working_days(reported, step_working_days("dossier.urgent_submit"))


def dossier_edit_due(task) -> dt.date | None:
    """The first round is due on the cycle's deadline; a supplement gets the default, never earlier (a đột
    xuất one its own days: the cycle's deadline is the first round's)."""
    dossier = _process(task).dossier
    if dossier is None:
        return None
    if not dossier.rounds.exists():
        return dossier.cycle.nominations_due
    if dossier.cycle.is_urgent:
        return _after(task, "dossier.urgent_edit")
    return max(dossier.cycle.nominations_due, _after(task, "dossier.edit"))


def dossier_review_due(task) -> dt.date | None:
    """Checked before the posting window opens (domain §4), or within the default if that is sooner."""
    dossier = _process(task).dossier
    if dossier is not None and dossier.cycle.is_urgent:
        return _after(task, "dossier.urgent_review")
    posting_from = dossier.cycle.posting_from if dossier else None
    default = _after(task, "dossier.review")
    if posting_from is not None and _created(task) < posting_from < default:
        return posting_from
    return default


def ballot_due(task) -> dt.date | None:
    """A ballot is cast at the meeting (a written vote reaches the secretariat by then)."""
    session = _process(task).session
    meeting = session.meeting_date if session is not None else None
    return meeting if meeting is not None and meeting >= _created(task) else None


def pledge_submit_due(task) -> dt.date | None:
    """The agency's deadline for the units' registrations of the year; a returned registration or an
    amendment gets the default from its own start, never before that deadline."""
    registration = _process(task).registration
    deadline = (AgencyPledgeRegistration.objects.filter(agency_id=registration.unit.agency_id,
                                                        year=registration.year)
                .order_by("-pk").values_list("deadline", flat=True).first())
    if deadline is None:
        return None
    if registration.amends_id or registration.reviews.exists():  # an amendment or a returned one
        return max(deadline, _after(task, "pledge.submit"))
    return deadline


def agency_compile_due(task) -> dt.date | None:
    """Compiled within the default from the units' deadline (from the return, after Sở Nội vụ's)."""
    registration = _process(task).registration
    start = max(registration.deadline, _created(task))
    return add_working_days(start, step_working_days("agency_pledge.compile"))
