"""Reads of cycles, dossiers, lines and files that depend on who asks (design §5).

A unit head sees their unit's dossiers; the agency's secretariat, chief, deputies and auditor see
every dossier of the agency; a council member sees the agency's dossiers once submitted (a unit's
draft is its own business until it is sent, domain §4: the council reviews what reaches it); a
provincial auditor sees the province.
What is sent is what others read: outside the unit (everyone but its head) a dossier's lines and files are
those of its last submitted round (``Line.sent_round``, ``Attachment.sent_round``); while it is a draft or
returned, what the unit adds stays with the unit until it sends it again (issue 15). The unit's head reads both.
Home Affairs reads a dossier only once one of its lines is on a Tờ trình sent to them
(``council.submissions_sent_to``; Luật Thi đua, khen thưởng 2022, Điều 84: the deciding level examines the
dossier), and of it only those lines and the files of the dossier as a whole or of those lines; nothing else
of the agency.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from accounts.models import Agency, Province, Unit, User
from accounts.roles import PERM_AUDIT_PROVINCE, PERM_HEAD_UNIT, PERM_SECRETARIAT, PERM_SIT_ON_COUNCIL
from accounts.selectors import AGENCY_WIDE_PERMS

from ..models import Attachment, Cycle, Dossier, DossierRound, DossierStatus, Line
from ..models.dossiers import EDITABLE_STATUSES
from .council import submissions_sent_to
from .scope import agency_filter as _agency_filter
from .scope import scoped_ids as _ids


def cycles_for_user(user: User) -> QuerySet[Cycle]:
    if not user.is_authenticated or not user.is_active:
        return Cycle.objects.none()
    headed_agencies = Unit.objects.filter(pk__in=_ids(user, [PERM_HEAD_UNIT], Unit)).values("agency")
    return (Cycle.objects.filter(_agency_filter(user, "agency") | Q(agency__in=headed_agencies))
            .select_related("agency", "kind").distinct())


def get_cycle_for_user(user: User, pk: int) -> Cycle:
    cycle = cycles_for_user(user).filter(pk=pk).first()
    if cycle is None:
        raise Http404
    return cycle


def cycles_managed_by(user: User) -> QuerySet[Cycle]:
    """Cycles the person may edit, close and reopen: those of an agency whose secretariat they are."""
    if not user.is_authenticated or not user.is_active:
        return Cycle.objects.none()
    return Cycle.objects.filter(agency__in=_ids(user, [PERM_SECRETARIAT], Agency)).select_related("agency")


def get_managed_cycle(user: User, pk: int) -> Cycle:
    """The cycle, for its secretariat; 404 alike for a missing cycle and one the person may not manage."""
    cycle = cycles_managed_by(user).filter(pk=pk).first()
    if cycle is None:
        raise Http404
    return cycle


def _in_agency(user: User) -> Q:
    """Dossiers the person reads, as one of the agency's people: its leads and auditor (or the province's), its
    council once a dossier is submitted, the unit's head."""
    return _outside_unit(user) | _own_unit(user)


def _own_unit(user: User) -> Q:
    return Q(unit__in=_ids(user, [PERM_HEAD_UNIT], Unit))


def _outside_unit(user: User) -> Q:
    wide = (Q(cycle__agency__in=_ids(user, AGENCY_WIDE_PERMS, Agency))
            | Q(cycle__agency__province__in=_ids(user, [PERM_AUDIT_PROVINCE], Province)))
    council = Q(cycle__agency__in=_ids(user, [PERM_SIT_ON_COUNCIL], Agency)) & ~Q(status=DossierStatus.DRAFT)
    return wide | council


def _as_sent(user: User) -> Q:
    """Lines or files (of a dossier the person reads) they see: all of their own unit's; of another unit's, what it
    sent (every row while the dossier is with the secretariat or the council: nothing can be added then)."""
    own = Dossier.objects.filter(_own_unit(user)).values("pk")
    outside = Dossier.objects.filter(_outside_unit(user)).values("pk")
    return Q(dossier__in=own) | (Q(dossier__in=outside) & (
        ~Q(dossier__status__in=EDITABLE_STATUSES) | Q(sent_round__isnull=False)))


def _sent_lines(user: User) -> QuerySet[Line]:
    """Lines on a Tờ trình sent to the person as Home Affairs: what Sở Nội vụ reads of an agency's dossiers."""
    return Line.objects.filter(outcome_documents__in=submissions_sent_to(user).values("pk"))


def dossiers_visible_to(user: User) -> QuerySet[Dossier]:
    """Dossiers in the person's scope, bare: what an access check asks (is this one of them?) without the
    counts a list prints, which cost more to build and to run than the check itself."""
    if not user.is_authenticated or not user.is_active:
        return Dossier.objects.none()
    return Dossier.objects.filter(_in_agency(user) | Q(pk__in=_sent_lines(user).values("dossier")))


def dossiers_for_user(user: User) -> QuerySet[Dossier]:
    """Dossiers in the person's scope, with what a list prints (no query per row). ``line_count`` counts
    the lines the person may read (as sent; Home Affairs: those sent to them)."""
    if not user.is_authenticated or not user.is_active:
        return Dossier.objects.none()
    return (
        dossiers_visible_to(user)
        .select_related("cycle__agency", "unit", "created_by")
        .annotate(line_count=Count("lines", distinct=True, filter=Q(lines__in=lines_for_user(user).values("pk"))),
                  round_count=Count("rounds", distinct=True))
        .distinct()
    )


def dossier_list_for_user(user: User) -> QuerySet[Dossier]:
    """The dossiers a list pages through: ``dossiers_visible_to`` with what a row prints of its cycle and unit,
    without the counts. Counting every visible dossier's lines before a page is cut grouped all of them
    (with ten years of a province, seconds for a unit head); ``count_lines_and_rounds`` counts those of the
    page."""
    return dossiers_visible_to(user).select_related("cycle__agency", "unit", "created_by")


def count_lines_and_rounds(user: User, dossiers) -> None:
    """Sets ``line_count`` (the lines the person may read, as ``dossiers_for_user`` counts them) and
    ``round_count`` on each of ``dossiers`` (a page): two queries whatever their number."""
    ids = [dossier.pk for dossier in dossiers]
    lines = dict(lines_for_user(user).filter(dossier_id__in=ids).order_by().values("dossier_id")
                 .annotate(n=Count("pk")).values_list("dossier_id", "n"))
    rounds = dict(DossierRound.objects.filter(dossier_id__in=ids).order_by().values("dossier_id")
                  .annotate(n=Count("pk")).values_list("dossier_id", "n"))
    for dossier in dossiers:
        dossier.line_count = lines.get(dossier.pk, 0)
        dossier.round_count = rounds.get(dossier.pk, 0)


def line_list_for_user(user: User) -> QuerySet[Line]:
    """``lines_for_user`` for a list of many: the dossiers the person reads are read first (one query), so that
    PostgreSQL reaches the lines by their dossier (an index) and tests the rest on those rows only. With the
    alternatives of ``lines_for_user`` alone it could not estimate them and read every line of the province
    (seconds at ten years). The same lines."""
    dossiers = list(dossiers_visible_to(user).values_list("pk", flat=True))
    return lines_for_user(user).filter(dossier_id__in=dossiers)


def get_dossier_for_user(user: User, pk: int) -> Dossier:
    dossier = dossiers_for_user(user).filter(pk=pk).first()
    if dossier is None:
        raise Http404
    return dossier


def lines_for_user(user: User) -> QuerySet[Line]:
    """Lines the person may read: of a dossier they read, its unit's head every line, anyone else the lines it sent;
    for Home Affairs, the lines sent to them and no other line of the same dossier (those were decided in the
    agency)."""
    if not user.is_authenticated or not user.is_active:
        return Line.objects.none()
    return Line.objects.filter(_as_sent(user) | Q(pk__in=_sent_lines(user).values("pk")))


def attachments_for_user(user: User) -> QuerySet[Attachment]:
    """Files the person may download: of a dossier they read, its unit's head every file, anyone else the files it
    sent; for Home Affairs, the files of a dossier sent to them that belong to the dossier as a whole (the unit's
    minutes) or to a line sent."""
    if not user.is_authenticated or not user.is_active:
        return Attachment.objects.none()
    sent = _sent_lines(user)
    return Attachment.objects.filter(
        _as_sent(user)
        | (Q(dossier__in=sent.values("dossier")) & (Q(line__isnull=True) | Q(line__in=sent.values("pk")))))


def reads_as_sent(user: User, dossier: Dossier) -> bool:
    """Whether the person reads ``dossier`` as last sent (anyone but its unit's head, while the unit may change
    it) rather than as the unit is writing it."""
    return dossier.editable and not Dossier.objects.filter(_own_unit(user), pk=dossier.pk).exists()


def get_attachment_for_user(user: User, pk: int) -> Attachment:
    attachment = attachments_for_user(user).filter(pk=pk).select_related("dossier").first()
    if attachment is None:
        raise Http404
    return attachment


def unit_heads_cycles(user: User) -> QuerySet[Unit]:
    """Units the person heads (where they may open a dossier)."""
    if not user.is_authenticated or not user.is_active:
        return Unit.objects.none()
    return Unit.objects.filter(pk__in=_ids(user, [PERM_HEAD_UNIT], Unit)).select_related("agency")


def dossiers_of_scopes(*, units: list[int] = (), agencies: list[int] = ()) -> QuerySet[Dossier]:
    """Dossiers of the given units or agencies, for a desk that already holds the person's role
    assignments (the source the guardian permissions are kept in step with): one query, no
    permission lookups."""
    return (Dossier.objects.filter(Q(unit__in=list(units)) | Q(cycle__agency__in=list(agencies)))
            .select_related("cycle__agency", "unit"))
