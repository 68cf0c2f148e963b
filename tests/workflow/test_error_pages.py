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
