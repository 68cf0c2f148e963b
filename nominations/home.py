"""What the award domain adds to a person's desk (registered with the engine's home page).

Each section reads the role assignments the desk has already loaded, so a person without the
role costs no query, and a person with it one.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import RoleAssignment, User
from accounts.roles import Role

from .models import AnswerStatus, DossierStatus
from .selectors import submissions_for_user
from .selectors.dossiers import dossiers_of_scopes


def _scopes(roles: list[RoleAssignment], role: str, field: str) -> list[int]:
    return [getattr(a, field) for a in roles if a.role == role and getattr(a, field)]


def my_units_dossiers(user: User, roles: list[RoleAssignment]) -> dict | None:
    """A unit head's dossiers of their unit(s), newest first."""
    units = _scopes(roles, Role.UNIT_HEAD, "unit_id")
    if not units:
        return None
    dossiers = dossiers_of_scopes(units=units).order_by("-cycle__year", "-pk")[:20]
    return {"id": "my-unit-dossiers", "title": _("Hồ sơ đề nghị của đơn vị tôi"), "items": [
        {"label": str(d), "url": reverse("nominations:dossier", args=[d.pk]), "note": d.get_status_display()}
        for d in dossiers]}


def waiting_at_secretariat(user: User, roles: list[RoleAssignment]) -> dict | None:
    """What waits for the secretariat: dossiers submitted and not yet checked, earliest deadline first."""
    agencies = _scopes(roles, Role.SECRETARIAT, "agency_id")
    if not agencies:
        return None
    dossiers = (dossiers_of_scopes(agencies=agencies).filter(status=DossierStatus.SUBMITTED)
                .order_by("cycle__nominations_due", "pk")[:50])
    return {"id": "waiting-dossiers", "title": _("Hồ sơ chờ kiểm tra"), "items": [
        {"label": str(d), "url": reverse("nominations:dossier", args=[d.pk]),
         "note": _("hạn %(date)s") % {"date": d.cycle.nominations_due.strftime("%d/%m/%Y")}} for d in dossiers]}


def submissions_waiting(user: User, roles: list[RoleAssignment]) -> dict | None:
    """Home Affairs: the Tờ trình sent to them that still have lines to answer."""
    if not _scopes(roles, Role.HOME_AFFAIRS, "province_id"):
        return None
    submissions = submissions_for_user(user).filter(answers__status=AnswerStatus.PENDING).distinct()[:50]
    return {"id": "waiting-submissions", "title": _("Tờ trình chờ thẩm định"), "items": [
        {"label": f"{s.document.number_text} — {s.document.agency.short_name}", "url": "",
         "note": s.document.summary} for s in submissions]}
