"""What the award domain adds to a person's desk (registered with the engine's home page)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User

from .models import DossierStatus
from .selectors import dossiers_for_user, submissions_for_user, unit_heads_cycles


def my_units_dossiers(user: User) -> dict | None:
    """A unit head's dossiers of their unit(s), newest first."""
    units = unit_heads_cycles(user)
    if not units.exists():
        return None
    dossiers = dossiers_for_user(user).filter(unit__in=units).order_by("-cycle__year", "-pk")[:20]
    return {"id": "my-unit-dossiers", "title": _("Hồ sơ đề nghị của đơn vị tôi"), "items": [
        {"label": str(d), "url": reverse("nominations:dossier", args=[d.pk]), "note": d.get_status_display()}
        for d in dossiers]}


def waiting_at_secretariat(user: User) -> dict | None:
    """What waits for the secretariat: dossiers submitted and not yet checked."""
    from accounts.roles import Role
    from accounts.selectors import agencies_in_scope, roles_here

    agencies = [a for a in agencies_in_scope(user) if Role.SECRETARIAT in roles_here(user, a)]
    if not agencies:
        return None
    dossiers = (dossiers_for_user(user).filter(cycle__agency__in=agencies, status=DossierStatus.SUBMITTED)
                .order_by("cycle__nominations_due", "pk")[:50])
    return {"id": "waiting-dossiers", "title": _("Hồ sơ chờ kiểm tra"), "items": [
        {"label": str(d), "url": reverse("nominations:dossier", args=[d.pk]),
         "note": _("hạn %(date)s") % {"date": d.cycle.nominations_due.strftime("%d/%m/%Y")}} for d in dossiers]}


def submissions_waiting(user: User) -> dict | None:
    """Home Affairs: the Tờ trình sent to them that still have lines to answer."""
    from accounts.roles import Role
    from accounts.selectors import active_roles

    if not any(a.role == Role.HOME_AFFAIRS for a in active_roles(user)):
        return None
    submissions = submissions_for_user(user).filter(answers__status="pending").distinct()[:50]
    return {"id": "waiting-submissions", "title": _("Tờ trình chờ thẩm định"), "items": [
        {"label": f"{s.document.number_text} — {s.document.agency.short_name}", "url": "",
         "note": s.document.summary} for s in submissions]}
