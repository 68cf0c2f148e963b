"""The drawer: each person sees the pages their roles use, nothing else (issue 18).

viewflow draws the drawer from ``site.menu_items`` — the applications — filtered by
``Application.has_view_permission``, and that permission also guards every page of the
application (``viewflow.middleware.SiteMiddleware``). Most of our applications hold pages for
several roles (a unit head's "Hồ sơ đề nghị", everybody's "Khen thưởng của tôi"), so an
application stays open and lists ``menu_entries``: each entry says which roles it is for. The
menu is a convenience, never the access check: every page keeps its own (tests/security).

An entry's ``roles`` are ``accounts.roles.Role`` values, and ``MEMBER`` for every person of an
agency (anyone who is not only the system administrator: the staff without a role among them).
``ProductSite`` draws them (templates/workflow/site_menu.html) and leaves out applications with
``in_menu = False`` (viewflow's kanban boards of the registration and report flows, whose task
pages are opened from the desk).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Site

from accounts.roles import Role
from accounts.selectors import role_set

MEMBER = "member"


def menu_roles(user) -> frozenset[str]:
    """The person's roles, plus ``MEMBER`` unless administering the system is all they do."""
    roles = role_set(user)
    if roles - {Role.ADMINISTRATOR} or not roles:
        roles = roles | {MEMBER}
    return roles


@dataclass(frozen=True)
class MenuEntry:
    url_name: str
    title: str
    icon: str
    roles: tuple[str, ...]

    def url(self) -> str | None:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None


def entries_for(app, user) -> list[dict]:
    """The entries of ``app`` the person's roles use, with their addresses."""
    roles = menu_roles(user)
    shown = []
    for entry in getattr(app, "menu_entries", ()):
        if roles.intersection(entry.roles):
            url = entry.url()
            if url:
                shown.append({"url": url, "title": entry.title, "icon": entry.icon, "name": entry.url_name})
    return shown


class ProductSite(Site):
    menu_template_name = "workflow/site_menu.html"

    def menu_items(self):
        for app in super().menu_items():
            if getattr(app, "in_menu", True):
                yield app


def administration_section(user) -> dict | None:
    """The administrator's card on the desk: the admin and the people import (workflow.registry home section)."""
    if Role.ADMINISTRATOR not in role_set(user):
        return None
    return {"id": "administration", "title": _("Quản trị hệ thống"), "items": [
        {"url": reverse("admin:index"), "text": _("Trang quản trị: người dùng, đơn vị, vai trò, danh mục")},
        {"url": reverse("home:people_import"), "text": _("Nhập người dùng từ tệp Excel")},
        {"url": reverse("home:jobs"), "text": _("Nhập, xuất dữ liệu")},
    ], "empty": ""}
