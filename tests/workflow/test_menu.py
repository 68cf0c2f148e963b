"""A menu per role (issue 18): each person's drawer lists the pages their roles use, once each, every one of them
opening; viewflow's kanban boards are not in it; the administrator reaches the admin, which greets by name."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from config.urls import site
from nominations.selectors.dashboard import dashboard_scope
from workflow.menu import entries_for

pytestmark = pytest.mark.django_db

DRAWER = re.compile(r'<vf-page-menu-navigation class="mdc-list site-menu">(.*?)</vf-page-menu-navigation>', re.S)
ENTRY = re.compile(r'href="([^"]+)"[^>]*>\s*<span class="mdc-list-item__start">.*?'
                   r'<span class="mdc-list-item__content">([^<]+)', re.S)

EVERYONE = ["Bàn làm việc", "Khen thưởng của tôi", "Sáng kiến", "Đăng ký thi đua", "Văn bản"]
MENUS = {
    "canbo.kt.02": EVERYONE,
    "truongphong.kt": ["Bàn làm việc", "Tổng quan", "Hồ sơ đề nghị", "Danh sách đề nghị", "Phiên họp Hội đồng",
                       "Đợt xét khen thưởng", "Khen thưởng của tôi", "Sáng kiến", "Đăng ký thi đua", "Văn bản",
                       "Báo cáo tổng kết", "Tra cứu khen thưởng", "Xét điều kiện"],
    "hcqt": ["Bàn làm việc", "Tổng quan", "Hồ sơ đề nghị", "Danh sách đề nghị", "Phiên họp Hội đồng",
             "Đợt xét khen thưởng", "Quỹ thi đua, khen thưởng", "Khen thưởng của tôi", "Sáng kiến",
             "Đăng ký thi đua", "Văn bản", "Báo cáo tổng kết", "Biểu thống kê Bộ Nội vụ", "Tra cứu khen thưởng",
             "Xét điều kiện"],
    "hoidong1": ["Bàn làm việc", "Hồ sơ đề nghị", "Danh sách đề nghị", "Phiên họp Hội đồng", "Khen thưởng của tôi",
                 "Sáng kiến", "Đăng ký thi đua", "Văn bản", "Tra cứu khen thưởng"],
    "chanhvp": ["Bàn làm việc", "Tổng quan", "Hồ sơ đề nghị", "Danh sách đề nghị", "Phiên họp Hội đồng",
                "Đợt xét khen thưởng", "Quỹ thi đua, khen thưởng", "Khen thưởng của tôi", "Sáng kiến",
                "Đăng ký thi đua", "Văn bản", "Báo cáo tổng kết",
                "Biểu thống kê Bộ Nội vụ", "Tra cứu khen thưởng"],
    "phochanhvp1": ["Bàn làm việc", "Tổng quan", "Hồ sơ đề nghị", "Danh sách đề nghị", "Phiên họp Hội đồng",
                    "Đợt xét khen thưởng", "Quỹ thi đua, khen thưởng", "Khen thưởng của tôi", "Sáng kiến",
                    "Đăng ký thi đua", "Văn bản", "Báo cáo tổng kết",
                    "Biểu thống kê Bộ Nội vụ", "Tra cứu khen thưởng"],
    "sonoivu": ["Bàn làm việc", "Tổng quan", "Khen thưởng của tôi", "Sáng kiến", "Đăng ký thi đua", "Văn bản",
                "Báo cáo tổng kết", "Tra cứu khen thưởng"],
    "kiemtra": ["Bàn làm việc", "Tổng quan", "Hồ sơ đề nghị", "Danh sách đề nghị", "Phiên họp Hội đồng",
                "Đợt xét khen thưởng", "Quỹ thi đua, khen thưởng", "Khen thưởng của tôi", "Sáng kiến",
                "Đăng ký thi đua", "Văn bản", "Báo cáo tổng kết",
                "Biểu thống kê Bộ Nội vụ", "Tra cứu khen thưởng",
                "Nhật ký kiểm tra"],
    "admin": ["Bàn làm việc", "Quản trị hệ thống", "Nhập, xuất dữ liệu"],
}


def drawer(client) -> list[tuple[str, str]]:
    page = client.get(reverse("home:index"))
    assert page.status_code == 200
    return [(url, " ".join(title.split())) for url, title in ENTRY.findall(DRAWER.search(page.content.decode())[1])]


@pytest.mark.parametrize("username", sorted(MENUS))
def test_each_person_sees_the_pages_of_their_roles_once_and_each_opens(login, username):
    client = login(username)

    entries = drawer(client)

    assert [title for _url, title in entries] == ["Việc của tôi", *MENUS[username]]
    assert len({url for url, _title in entries}) == len(entries)  # no page twice under two names
    # viewflow's kanban boards of the registration and report flows are not in the menu
    assert not [url for url, _title in entries if url.split("/")[1] in ("pledge", "agencypledge", "annualreport")]
    assert {url: client.get(url).status_code for url, _title in entries} == {url: 200 for url, _title in entries}


@pytest.mark.parametrize("username", sorted(MENUS))
def test_the_dashboard_is_in_the_menu_of_exactly_those_who_have_one(login, person, username):
    titles = [title for _url, title in drawer(login(username))]

    assert ("Tổng quan" in titles) == (dashboard_scope(person(username)) is not None)


def test_the_menu_costs_one_query_a_page(person, django_assert_num_queries):
    """The roles are read once per request, however many applications and entries ask."""
    user = person("hcqt")

    with django_assert_num_queries(1):
        entries = [entry for app in site.menu_items() for entry in entries_for(app, user)]

    assert len(entries) == len(MENUS["hcqt"])


def test_my_tasks_lead_the_menu_with_their_count(person):
    """"Việc của tôi" (home:inbox) is the first entry for everyone, with the number of tasks waiting as a badge
    when there are any."""
    request = RequestFactory().get("/home/")
    request.user = person("hcqt")

    none = render_to_string("workflow/site_menu.html", {"site": site, "request": request, "inbox_count": 0})
    three = render_to_string("workflow/site_menu.html", {"site": site, "request": request, "inbox_count": 3})

    assert ENTRY.findall(none)[0] == (reverse("home:inbox"), "Việc của tôi")
    assert "site-menu__badge" not in none
    assert ENTRY.findall(three)[0] == (reverse("home:inbox"), "Việc của tôi ")
    assert '<span class="site-menu__badge" aria-label="3 việc">3</span>' in three


def test_the_administrator_reaches_the_admin_from_the_desk_and_is_greeted_by_name(login, person):
    client = login("admin")

    desk = client.get(reverse("home:index")).content.decode()
    admin_page = client.get(reverse("admin:index")).content.decode()

    assert f'href="{reverse("admin:index")}"' in desk.split('id="administration"')[1]
    assert f"Xin chào, <strong>{person('admin').get_full_name()}</strong>" in admin_page
    assert "theme-toggle" not in admin_page and "Toggle theme" not in admin_page


def test_a_long_address_wraps_in_the_drawer_and_the_name_is_written_as_stored(login, person):
    page = login("admin").get(reverse("home:index")).content.decode()

    assert f'<div class="vf-page__menu-title">{person("admin").get_full_name()}</div>' in page
    css = (settings.BASE_DIR / "static/css/site.css").read_text()
    assert ".vf-page__menu-subtitle { overflow-wrap: anywhere;" in css
