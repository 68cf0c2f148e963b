"""Công khai (domain §4; issue 21), the writes: an opinion left on the posted list, and the rule that the council
does not open while the list is posted (who reads what: ``selectors.postings``).

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
from workflow.audit import audit_record
from workflow.history import history_save

from ..audit import POSTING_OPINION_GIVEN
from ..models import Cycle, Line, PostingOpinion
from ..selectors.postings import NOT_POSTED, has_window, is_agency_staff, window_open


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

