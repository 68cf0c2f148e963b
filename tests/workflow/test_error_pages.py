"""Issue 18 (3): pages that refuse say so in the site's shell, in Vietnamese, with a way back."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_in_the_shell_in_vietnamese_with_a_way_back(login):
    client = login("canbo.kt.02")

    response = client.get("/khong-co-trang-nay/", HTTP_REFERER="http://testserver/nominations/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang này" in html and "Django Material" not in html and "Not Found" not in html
    assert 'href="/home/"' in html and "Về Bàn làm việc" in html
    assert 'href="http://testserver/nominations/"' in html and "Quay lại trang trước" in html
    assert "vf-page__menu" in html  # the site's menu is there


def test_another_sites_referer_is_not_offered_as_the_way_back(login):
    html = login("canbo.kt.02").get("/khong-co/", HTTP_REFERER="https://evil.example/").content.decode()

    assert "evil.example" not in html


def test_with_debug_on_our_pages_404_is_ours_not_djangos_technical_page(login, settings):
    settings.DEBUG = True
    client = login("canbo.kt.02")

    response = client.get("/nominations/dossiers/999999/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang này" in html and "Using the URLconf" not in html and "Page not found" not in html


def test_a_refused_page_is_in_the_shell_with_a_way_back(login):
    response = login("canbo.kt.02").get("/audit/")

    html = response.content.decode()
    assert response.status_code in (403, 404)
    assert "Django Material" not in html and "Access Forbidden" not in html
    assert "Về Bàn làm việc" in html


def test_a_403_page_says_why_in_vietnamese(rf, person):
    from django.core.exceptions import PermissionDenied

    from workflow.errors import permission_denied

    request = rf.get("/flows/dossier/1/")
    request.user = person("canbo.kt.02")
    response = permission_denied(request, PermissionDenied())

    html = response.content.decode()
    assert response.status_code == 403
    assert "Bạn không có quyền mở trang này" in html and "Về Bàn làm việc" in html
    assert "Log in as another user" not in html


def test_the_server_error_page_needs_no_database_and_says_nothing_was_saved():
    from workflow.errors import server_error

    response = server_error(None)

    assert response.status_code == 500
    assert "chưa có gì được ghi" in response.content.decode()


def test_the_reports_menu_has_no_developer_text(login):
    html = login("truongphong.kt").get("/reports/").content.decode()

    assert "No viewsets found" not in html


def test_an_anonymous_visitor_of_a_missing_page_is_offered_the_login():
    html = Client().get("/khong-co/").content.decode()

    assert "Đăng nhập" in html


# The fixed cost of a refused or missing page in the shell (issue 23): the session and the person; the menu's count
# (the person's object permissions, their model permissions: theirs and their groups', the COUNT); their roles for
# the menu; the session renewed (SESSION_SAVE_EVERY_REQUEST: a savepoint, the UPDATE, its release).
MISSING_PAGE_QUERIES = 10


def test_a_missing_page_costs_a_fixed_number_of_queries(login, django_assert_num_queries):
    client = login("hcqt")
    client.get("/khong-co-trang-nay/")

    with django_assert_num_queries(MISSING_PAGE_QUERIES):
        response = client.get("/khong-co-trang-nay/")

    assert response.status_code == 404


def test_another_units_process_is_a_404_at_the_cost_of_one_check(login, django_assert_num_queries):
    """The process, whether the person took part in it, whether its dossier is in their scope (one query: their
    scope is a list of keys read once), its open tasks they might take (none: the edit step is the unit's head's):
    four queries more than a missing page, and the same 404."""
    from django.urls import reverse

    from tests.nominations.helpers import open_cycle, open_dossier

    dossier = open_dossier(open_cycle(2025), "NC")
    client = login("truongphong.kt")
    url = reverse("dossier:process_detail", args=[dossier.process.pk])
    client.get(url)

    with django_assert_num_queries(MISSING_PAGE_QUERIES + 4):
        response = client.get(url)

    assert response.status_code == 404
    assert "Không tìm thấy trang này" in response.content.decode()
