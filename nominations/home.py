"""What the award domain adds to a person's desk (registered with the engine's home page).

The three sections share one read of the person's active role assignments; a person without
the role then costs no further query, and a person with it one.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task

from accounts.models import RoleAssignment, User
from accounts.roles import Role
from workflow.deadlines.models import TaskNotice
from workflow.deadlines.selectors import OPEN
from workflow.notifications.events import task_url

from .models import AnswerStatus, DossierStatus, HomeAffairsProcess, PastAward
from .selectors import submissions_for_user
from .selectors.deadlines import with_task_due
from .selectors.dossiers import dossiers_of_scopes


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
    nobody = _("chưa có người nhận")
    return {"id": "escalated-to-me", "title": _("Việc quá hạn được báo cáo để chỉ đạo"), "items": [
        {"text": f"{task.title} — {task.flow_task.flow_class.process_title} — "
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
