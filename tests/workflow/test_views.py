"""The home page over HTTP: login required, then who I am, my unit and roles, in Vietnamese."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.demo import demo_logins

pytestmark = pytest.mark.django_db

DEMO_PASSWORD = "thidua@2024"


@pytest.mark.parametrize("path", ["/", "/home/", "/accounts/password_change/"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


def test_the_login_page_is_in_vietnamese(client):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()
    assert response.headers["Content-Language"] == "vi"


@pytest.mark.parametrize("username", [username for username, _what in demo_logins()])
def test_every_demo_login_works_and_lands_on_the_home_page(settings, username, person):
    settings.DEMO_PASSWORD = DEMO_PASSWORD
    client = Client()

    response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD}, follow=True)

    assert response.status_code == 200
    assert response.context["user"].username == username
    assert person(username).full_name in response.content.decode()


def test_a_wrong_password_is_refused_with_a_vietnamese_message(client):
    response = client.post(reverse("login"), {"username": "chanhvp", "password": "sai-mat-khau"})

    assert response.status_code == 200
    assert "mật khẩu chính xác" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_home_shows_name_unit_and_roles_of_the_chief(login):
    response = login("chanhvp").get("/home/")
    page = response.content.decode()

    assert response.status_code == 200
    assert "Vũ Minh Tâm" in page
    assert "Lãnh đạo Văn phòng" in page
    assert "Chánh Văn phòng — Văn phòng UBND tỉnh Quảng Ngãi" in page
    assert "Chủ tịch Hội đồng Thi đua – Khen thưởng" in page
    assert "Không có việc nào đang chờ." in page


def test_home_of_a_unit_head_names_the_unit_they_head(login):
    page = login("truongphong.kt").get("/home/").content.decode()

    assert "Trưởng đơn vị — Phòng Kinh tế" in page


def test_home_of_ordinary_staff_says_they_hold_no_role(login):
    page = login("hopdong.hcqt.01").get("/home/").content.decode()

    assert "Phòng Hành chính – Quản trị" in page
    assert "Lao động hợp đồng (Nghị định 111/2022/NĐ-CP)" in page
    assert "không có vai trò quản lý quy trình" in page


def test_a_browser_asking_for_english_still_gets_vietnamese(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response.headers["Content-Language"] == "vi"
    assert "Đăng nhập" in response.content.decode()


def test_english_can_be_chosen(login):
    client = login("chanhvp")

    client.post(reverse("set_language"), {"language": "en", "next": "/home/"})
    page = client.get("/home/").content.decode()

    assert "Roles" in page
    assert "Nothing is waiting for you." in page


def test_home_query_count_is_fixed(login, django_assert_max_num_queries):
    """Session, person, five task lists, roles, unit with agency, menus: the same for any data size.

    13 before any flow was registered; registered flows add the queue (the person's model and
    object permissions in 3 queries whatever the number of roles, the task query and the content
    types of the agency's open tasks) and the domain's pledge section 3 more (own lines, units
    headed, their registrations), and the person's awards card 1 ("Khen thưởng của tôi"), and the open
    cycles card 1 (issue 18: the cycles of the units the person heads, none open here)."""
    client = login("chanhvp")

    with django_assert_max_num_queries(23):
        client.get("/home/")


def test_logout_ends_the_session(login):
    client = login("chanhvp")

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert client.get("/home/").status_code == 302
