"""Công khai (domain §4; issue 21): the list of proposed lines posted to the agency's staff before the council
meets, the opinions they leave, and the rule that the council does not open while the list is posted.

The window is the cycle's ``posting_from`` .. ``posting_to``, both days included, in the agency's time
(``TIME_ZONE``, Asia/Ho_Chi_Minh). A cycle without both dates has no window: nothing is posted or blocked.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import roles_here
from workflow.audit import audit_record
from workflow.history import history_save

from ..audit import POSTING_OPINION_GIVEN
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


def posted_lines(cycle: Cycle):
    return (Line.objects.filter(cycle=cycle).exclude(status__in=NOT_POSTED)
            .select_related("person__unit", "unit", "award", "dossier__unit")
            .order_by("dossier__unit__position", "position", "pk"))


def council_may_open(cycle: Cycle, today: dt.date | None = None) -> None:
    """Refuse to open the council (a session, its agenda) before the posting window has closed."""
    today = today or timezone.localdate()
    if has_window(cycle) and today <= cycle.posting_to:
        raise ValidationError(_("Danh sách đề nghị đang được công khai đến hết ngày %(to)s: chỉ lập phiên họp Hội "
                                "đồng sau khi hết thời gian công khai.") % {"to": f"{cycle.posting_to:%d/%m/%Y}"})


@transaction.atomic
def posting_opinion_create(*, actor: User, cycle: Cycle, line: Line | None = None, text: str) -> PostingOpinion:
    """A staff member of the agency gives an opinion on a posted line or on the list as a whole, while the
    window is open. Named; read by the secretariat, the chief, the deputies and the auditor."""
    if not is_agency_staff(actor, cycle):
        raise PermissionDenied(_("Chỉ cán bộ, công chức của cơ quan mới được góp ý về danh sách công khai."))
    if not window_open(cycle):
        raise ValidationError(_("Ngoài thời gian công khai: không nhận ý kiến."))
    if line is not None and (line.cycle_id != cycle.pk or line.status in NOT_POSTED):
        raise ValidationError({"line": _("Dòng đề nghị không có trong danh sách công khai của đợt xét này.")})
    opinion = history_save(PostingOpinion(cycle=cycle, line=line, author=actor, text=text.strip()), actor)
    audit_record(actor=actor, action=POSTING_OPINION_GIVEN, obj=opinion, agency=cycle.agency,
                 changes={"cycle": cycle.pk, "line": line.pk if line is not None else None})
    return opinion


def opinion_count(cycle: Cycle) -> int:
    return PostingOpinion.objects.filter(cycle=cycle).count()
