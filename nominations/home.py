"""What the award domain adds to a person's desk (registered with the engine's home page).

The three sections share one read of the person's active role assignments; a person without
the role then costs no further query, and a person with it one.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task

from accounts.models import RoleAssignment, Unit, User
from accounts.roles import Role
from workflow.deadlines.models import TaskNotice
from workflow.deadlines.selectors import OPEN
from workflow.naming import name_tasks
from workflow.notifications.events import task_url

from .models import (
    AnswerStatus,
    Cycle,
    Dossier,
    DossierStatus,
    HomeAffairsProcess,
    PastAward,
    SessionMember,
    SessionStatus,
)
from .selectors import submissions_for_user
from .selectors.deadlines import with_task_due
from .selectors.dossiers import dossiers_of_scopes
from .selectors.postings import POSTING_READERS


def _roles(user: User) -> list[RoleAssignment]:
    if not hasattr(user, "_nomination_desk_roles"):
        user._nomination_desk_roles = list(
            RoleAssignment.objects.filter(user=user, revoked_at__isnull=True)
            .only("role", "unit_id", "agency_id", "province_id")
        ) if user.is_authenticated else []
    return user._nomination_desk_roles


def _scopes(user: User, role: str, field: str) -> list[int]:
    return [getattr(a, field) for a in _roles(user) if a.role == role and getattr(a, field)]


def _due(obj) -> dict:
    """The due date of the step the item waits on, for the desk's badge (annotated, no query)."""
    return {"due": obj.task_due, "overdue": obj.task_overdue, "escalated": obj.task_escalated}


def my_units_dossiers(user: User) -> dict | None:
    """A unit head's dossiers of their unit(s), newest first."""
    units = _scopes(user, Role.UNIT_HEAD, "unit_id")
    if not units:
        return None
    dossiers = with_task_due(dossiers_of_scopes(units=units)).order_by("-cycle__year", "-pk")[:20]
    return {"id": "my-unit-dossiers", "title": _("Hồ sơ đề nghị của đơn vị tôi"), "items": [
        {"text": f"{d} — {d.get_status_display()}", "url": reverse("nominations:dossier", args=[d.pk]), **_due(d)}
        for d in dossiers], "empty": _("Chưa có hồ sơ."),
        "link": {"text": _("Các đợt xét"), "url": reverse("nominations:cycles")}}


def waiting_at_secretariat(user: User) -> dict | None:
    """What waits for the secretariat: dossiers submitted and not yet checked, earliest deadline first."""
    agencies = _scopes(user, Role.SECRETARIAT, "agency_id")
    if not agencies:
        return None
    dossiers = (with_task_due(dossiers_of_scopes(agencies=agencies).filter(status=DossierStatus.SUBMITTED))
                .order_by("cycle__nominations_due", "pk")[:50])
    return {"id": "waiting-dossiers", "title": _("Hồ sơ chờ kiểm tra"), "items": [
        {"text": str(d), "url": reverse("nominations:dossier", args=[d.pk]), **_due(d)} for d in dossiers],
        "empty": _("Không có hồ sơ."),
        "link": {"text": _("Phiên họp Hội đồng"), "url": reverse("nominations:sessions")}}


def submissions_waiting(user: User) -> dict | None:
    """Home Affairs: the Tờ trình sent to them that still have lines to answer."""
    if not _scopes(user, Role.HOME_AFFAIRS, "province_id"):
        return None
    submissions = list(with_task_due(
        submissions_for_user(user).filter(answers__status=AnswerStatus.PENDING).distinct())[:50])
    urls = _open_task_urls([s.pk for s in submissions])
    return {"id": "waiting-submissions", "title": _("Tờ trình chờ thẩm định"), "items": [
        {"text": f"{s.document.number_text} — {s.document.agency.short_name}: {s.document.summary}",
         "url": urls.get(s.pk, ""), **_due(s)}
        for s in submissions], "empty": _("Không có hồ sơ.")}


def _open_task_urls(submission_ids: list[int]) -> dict[int, str]:
    """Each Tờ trình's open step (Home Affairs' review), by the submission: two queries in all."""
    by_process = dict(HomeAffairsProcess.objects.filter(submission__in=submission_ids)
                      .values_list("pk", "submission_id"))
    tasks = Task.objects.filter(process_id__in=by_process, status__in=OPEN, flow_task_type="HUMAN").order_by("pk")
    return {by_process[task.process_id]: task_url(task) for task in tasks}


def escalated_to_me(user: User) -> dict | None:
    """Overdue steps reported to this person (unit heads' to the deputy chief, the secretariat's to
    the chief): still open, most overdue first. One query for a chief or deputy, none for others
    (the roles are read once for all the desk's sections)."""
    if not _scopes(user, Role.CHIEF, "agency_id") and not _scopes(user, Role.DEPUTY_CHIEF, "agency_id"):
        return None  # only the chief and deputies are escalation targets (nominations.deadlines)

    tasks = list(
        Task.objects.filter(notices__kind=TaskNotice.Kind.ESCALATION, notices__recipient=user, status__in=OPEN)
        .select_related("deadline", "owner", "process").order_by("deadline__due_date", "pk")[:50]
    )
    if not tasks:
        return None
    name_tasks(tasks)  # by what they carry, one query per kind of process
    nobody = _("chưa có người nhận")
    return {"id": "escalated-to-me", "title": _("Việc quá hạn được báo cáo để chỉ đạo"), "items": [
        {"text": f"{task.name} — "
                 f"{task.owner.full_name if task.owner else nobody}",
         "url": task_url(task), "due": task.deadline.due_date, "overdue": True, "escalated": True}
        for task in tasks], "empty": ""}


def my_awards(user: User) -> dict | None:
    """The person's latest awards with their decisions, linking to "Khen thưởng của tôi": one query; no
    card for a person without any."""
    if not user.is_authenticated:
        return None
    awards = list(PastAward.objects.filter(person=user).select_related("award").order_by("-year", "-pk")[:5])
    if not awards:
        return None
    annulled = _("quyết định đã bị hủy bỏ")
    return {"id": "my-awards", "title": _("Khen thưởng của tôi"), "items": [
        {"text": f"{a.year} — {a.printed_title or a.award.name} — {a.decision_number}"
                 + (f" ({annulled})" if a.annulled_by_id else ""),
         "url": reverse("nominations:results")} for a in awards], "empty": "",
        "link": {"text": _("Xem tất cả"), "url": reverse("nominations:results")}}


def open_cycles(user: User) -> dict | None:
    """What to do next in the year's review: a unit head is told each open cycle of their agency and by
    when the unit's dossier is due, with the link to open it (or to the dossier once opened); the
    secretariat sees each open cycle's deadline and how many dossiers came in. Two queries for a unit
    head, one for the secretariat, none for anyone else."""
    units = _scopes(user, Role.UNIT_HEAD, "unit_id")
    agencies = _scopes(user, Role.SECRETARIAT, "agency_id")
    if not units and not agencies:
        return None
    today = timezone.localdate()
    # The agencies of the headed units by a subquery: joining every unit of the agency (and then every dossier
    # of each cycle) multiplied the rows the count had to make distinct again.
    headed_agencies = Unit.objects.filter(pk__in=units).values("agency_id")
    cycles = list(Cycle.objects.filter(Q(agency_id__in=agencies) | Q(agency_id__in=headed_agencies), is_open=True)
                  .annotate(submitted=Count("dossiers", filter=~Q(dossiers__status=DossierStatus.DRAFT)))
                  .order_by("nominations_due", "pk")[:20])
    if not cycles:
        return None
    late = _("đã quá hạn")
    items = []
    for cycle in cycles:
        if cycle.agency_id in agencies:
            items.append({"text": _("%(cycle)s: hạn nộp hồ sơ đề nghị %(due)s%(late)s — %(count)s hồ sơ đã nộp") % {
                "cycle": cycle.name, "due": f"{cycle.nominations_due:%d/%m/%Y}", "count": cycle.submitted,
                "late": f" ({late})" if cycle.nominations_due < today else ""},
                "url": reverse("nominations:cycle", args=[cycle.pk])})
    if units:
        heads = list(Unit.objects.filter(pk__in=units).only("pk", "name", "agency_id"))
        dossiers = {(d.cycle_id, d.unit_id): d for d in Dossier.objects.filter(cycle__in=cycles, unit_id__in=units)}
        for cycle in cycles:
            for unit in (u for u in heads if u.agency_id == cycle.agency_id):
                dossier = dossiers.get((cycle.pk, unit.pk))
                values = {"cycle": cycle.name, "unit": unit.name, "due": f"{cycle.nominations_due:%d/%m/%Y}"}
                unsent = dossier is None or dossier.status in (DossierStatus.DRAFT, DossierStatus.RETURNED)
                overdue = cycle.nominations_due < today and unsent
                values["late"] = f" ({late})" if overdue else ""
                if dossier is None:
                    text = _("%(cycle)s đang nhận hồ sơ: hồ sơ đề nghị của %(unit)s nộp trước %(due)s%(late)s — "
                             "chưa lập; lập hồ sơ tại trang Các đợt xét") % values
                    url = reverse("nominations:cycles")
                else:
                    values["status"] = dossier.get_status_display()
                    text = _("%(cycle)s: hồ sơ đề nghị của %(unit)s nộp trước %(due)s%(late)s — %(status)s") % values
                    url = reverse("nominations:dossier", args=[dossier.pk])
                items.append({"text": text, "url": url})
    if not items:
        return None
    return {"id": "open-cycles", "title": _("Đợt xét khen thưởng đang mở"), "items": items, "empty": "",
            "link": {"text": _("Các đợt xét"), "url": reverse("nominations:cycles")}}


def written_votes_to_enter(user: User) -> dict | None:
    """The secretariat: council members whose ballot is still open and whose vote comes in writing (absent
    from the meeting, or every member of a written consultation), so it can be entered (or "no ballot") on
    the session's page. One query; no card when there is none."""
    agencies = _scopes(user, Role.SECRETARIAT, "agency_id")
    if not agencies:
        return None
    members = list(SessionMember.objects.filter(
        Q(present=False) | Q(session__written_consultation=True),
        session__cycle__agency_id__in=agencies, session__status=SessionStatus.VOTING, ballot__isnull=True,
    ).select_related("session__cycle", "person").order_by("session__meeting_date", "session_id", "pk")[:50])
    if not members:
        return None
    return {"id": "written-votes", "title": _("Phiếu bằng văn bản chờ nhập"), "items": [
        {"text": _("Nhập phiếu bằng văn bản của %(name)s — phiên họp %(session)s") % {
            "name": m.person.full_name, "session": m.session},
         "url": reverse("nominations:session", args=[m.session_id]) + "#members"} for m in members],
        "empty": ""}


def posting_notice(user: User) -> dict | None:
    """Công khai (domain §4): while a cycle's list of proposed lines is posted, everyone of its agency (its
    staff, and its leads and auditor) is told until when and where to read it and leave an opinion. One
    query; no card outside a window."""
    if not user.is_authenticated:
        return None
    readers = [a.agency_id for a in _roles(user) if a.agency_id and a.role in POSTING_READERS]
    if not user.unit_id and not readers:
        return None
    today = timezone.localdate()
    where = Q(agency_id__in=readers) | (Q(agency__units=user.unit_id) if user.unit_id else Q(pk__in=[]))
    cycles = list(Cycle.objects.filter(where,
                                       posting_from__lte=today, posting_to__gte=today)
                  .distinct().order_by("posting_to", "pk")[:20])
    if not cycles:
        return None
    return {"id": "posting-notice", "title": _("Công khai danh sách đề nghị khen thưởng"), "items": [
        {"text": _("%(cycle)s: danh sách đề nghị khen thưởng được công khai từ ngày %(start)s đến ngày %(end)s; "
                   "xem và góp ý") % {"cycle": cycle.name, "start": f"{cycle.posting_from:%d/%m/%Y}",
                                       "end": f"{cycle.posting_to:%d/%m/%Y}"},
         "url": reverse("nominations:posting", args=[cycle.pk])}
        for cycle in cycles], "empty": ""}
