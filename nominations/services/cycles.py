"""Opening, editing and closing cycles (đợt xét): the secretariat of the agency, or an administrator."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Agency, Unit, User
from accounts.roles import Role
from accounts.selectors import roles_here
from workflow.audit import audit_record

from ..audit import CYCLE_CLOSED, CYCLE_OPENED, CYCLE_REOPENED, CYCLE_UPDATED
from ..deadlines import urgent_nominations_due
from ..models import CommendationKind, Cycle, Movement
from ..models.cycles import DEFAULT_KIND_CODE, URGENT_KIND_CODE


def require_secretariat(actor: User, agency: Agency) -> None:
    if Role.SECRETARIAT not in roles_here(actor, agency):
        raise PermissionDenied(_("Chỉ thường trực thi đua – khen thưởng của cơ quan mới được làm việc này."))


@transaction.atomic
def cycle_open(
    *, actor: User, agency: Agency, year: int, name: str, nominations_due: dt.date,
    posting_from: dt.date | None = None, posting_to: dt.date | None = None, council_date: dt.date | None = None,
    posting_public: bool = False, kind: CommendationKind | None = None, movement: Movement | None = None,
    period_from: dt.date | None = None, period_to: dt.date | None = None,
) -> Cycle:
    """Open a cycle of the agency; units can then submit their dossiers until ``nominations_due``. ``kind`` is
    the loại hình khen thưởng (thường xuyên when not named); it stays as opened, like agency and year."""
    if not actor.has_perm("nominations.add_cycle"):
        require_secretariat(actor, agency)
    if kind is None:
        kind = CommendationKind.objects.get(code=DEFAULT_KIND_CODE)
    cycle = Cycle(agency=agency, year=year, name=name.strip(), kind=kind, nominations_due=nominations_due,
                  posting_from=posting_from, posting_to=posting_to, council_date=council_date,
                  posting_public=posting_public, movement=movement, period_from=period_from, period_to=period_to,
                  created_by=actor)
    cycle.full_clean()
    cycle._history_user = actor
    cycle.save()
    changes = {"year": year, "kind": kind.code, "nominations_due": nominations_due.isoformat()}
    if movement is not None:
        changes.update(movement=movement.pk, period=[_logged(period_from), _logged(period_to)])
    audit_record(actor=actor, action=CYCLE_OPENED, obj=cycle, agency=agency, changes=changes)
    return cycle


@transaction.atomic
def urgent_cycle_open(*, actor: User, unit: Unit, deed: str) -> Cycle:
    """A unit head reports an unexpected deed (thành tích đột xuất, NĐ 152/2025 Điều 3 khoản 3) any day of the
    year: a đột xuất cycle of the agency holding that one case opens at once, its dossier due in working days
    (``deadlines.urgent_nominations_due``), the council's meeting left to the secretariat
    (``processes.dossier.urgent_dossier_open`` then opens the unit's dossier in it). One cycle per deed, since
    a cycle takes one dossier per unit and one line per nominee and title: the next deed of the same unit or
    person is a case of its own (legal-basis §19)."""
    if Role.UNIT_HEAD not in roles_here(actor, unit):
        raise PermissionDenied(_("Chỉ trưởng đơn vị mới được đề nghị khen thưởng đột xuất cho đơn vị mình."))
    deed = " ".join(deed.split())
    if len(deed) < 10:
        raise ValidationError({"deed": _("Nêu ngắn gọn thành tích đột xuất (ít nhất 10 ký tự).")})
    today = timezone.localdate()
    kind = CommendationKind.objects.get(code=URGENT_KIND_CODE)
    name = f"Khen thưởng đột xuất – {unit.name}: {deed}"  # data, in the documents' language
    cycle = Cycle(agency=unit.agency, year=today.year, name=name[:200], kind=kind,
                  nominations_due=urgent_nominations_due(today), created_by=actor)
    cycle.full_clean()
    cycle._history_user = actor
    cycle.save()
    audit_record(actor=actor, action=CYCLE_OPENED, obj=cycle, agency=unit.agency,
                 changes={"year": cycle.year, "kind": kind.code, "unit": unit.pk, "deed": deed,
                          "nominations_due": cycle.nominations_due.isoformat()})
    return cycle


# What the secretariat may change on an open or closed cycle; agency and year stay as opened.
EDITABLE_FIELDS = ("name", "nominations_due", "posting_from", "posting_to", "council_date", "posting_public")


def _logged(value):
    return value.isoformat() if isinstance(value, dt.date) else value


@transaction.atomic
def cycle_update(
    *, actor: User, cycle: Cycle, name: str, nominations_due: dt.date, posting_from: dt.date | None = None,
    posting_to: dt.date | None = None, council_date: dt.date | None = None, posting_public: bool = False,
) -> Cycle:
    """Correct a cycle's name or dates (a deadline moved by the chief, a typing slip). Agency and year
    stay; every change is kept in the cycle's history and, field by field, in the audit log."""
    if not actor.has_perm("nominations.change_cycle"):
        require_secretariat(actor, cycle.agency)
    cycle = Cycle.objects.select_for_update().select_related("agency").get(pk=cycle.pk)
    new = {"name": name.strip(), "nominations_due": nominations_due, "posting_from": posting_from,
           "posting_to": posting_to, "council_date": council_date, "posting_public": posting_public}
    changes = {field: [_logged(getattr(cycle, field)), _logged(value)]
               for field, value in new.items() if getattr(cycle, field) != value}
    if not changes:
        return cycle
    for field, value in new.items():
        setattr(cycle, field, value)
    cycle.full_clean()
    cycle._history_user = actor
    cycle.save()
    audit_record(actor=actor, action=CYCLE_UPDATED, obj=cycle, agency=cycle.agency, changes=changes)
    return cycle


def _cycle_set_open(*, actor: User, cycle: Cycle, is_open: bool, reason: str, action, already: str) -> Cycle:
    """Open or close a cycle for new dossiers: the secretariat (or the system administrators), with
    history and the audit event; asking for the state it is already in changes nothing."""
    if not actor.has_perm("nominations.change_cycle"):
        require_secretariat(actor, cycle.agency)
    cycle = Cycle.objects.select_for_update().select_related("agency").get(pk=cycle.pk)
    if cycle.is_open == is_open:
        raise ValidationError(already)
    cycle.is_open = is_open
    cycle._history_user = actor
    cycle.save()
    audit_record(actor=actor, action=action, obj=cycle, agency=cycle.agency, reason=reason.strip(),
                 changes={"is_open": [not is_open, is_open]})
    return cycle


@transaction.atomic
def cycle_close(*, actor: User, cycle: Cycle, reason: str = "") -> Cycle:
    """Stop taking new dossiers; those already open go on."""
    return _cycle_set_open(actor=actor, cycle=cycle, is_open=False, reason=reason, action=CYCLE_CLOSED,
                           already=_("Đợt xét này đã đóng."))


@transaction.atomic
def cycle_reopen(*, actor: User, cycle: Cycle, reason: str = "") -> Cycle:
    """Take dossiers again (a cycle closed by mistake, or a deadline extended)."""
    return _cycle_set_open(actor=actor, cycle=cycle, is_open=True, reason=reason, action=CYCLE_REOPENED,
                           already=_("Đợt xét này đang nhận hồ sơ."))
