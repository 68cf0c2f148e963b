"""Sessions and login: lockout, inactivity, password change, deactivation, CSRF."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-dung-2024"


@pytest.fixture
def chief(person):
    user = person("chanhvp")
    user.set_password(PASSWORD)
    user.save()
    return user


def attempt(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_five_failed_logins_lock_the_account_from_that_address(client, chief, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "chanhvp", "sai").status_code == 200
    assert attempt(client, "chanhvp", "sai").status_code == 429

    response = attempt(client, "chanhvp", PASSWORD)

    assert response.status_code == 429
    assert "tạm thời bị khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_lockout_does_not_touch_other_people(client, chief, person, settings):
    other = person("hcqt")
    other.set_password(PASSWORD)
    other.save()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "chanhvp", "sai")

    response = attempt(client, "hcqt", PASSWORD)

    assert response.status_code == 302


def test_fewer_failures_than_the_limit_still_let_the_right_password_in(client, chief, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "chanhvp", "sai")

    assert attempt(client, "chanhvp", PASSWORD).status_code == 302


def test_an_idle_session_expires(login):
    client = login("chanhvp")
    session = Session.objects.get(session_key=client.session.session_key)
    session.expire_date = timezone.now() - dt.timedelta(seconds=1)
    session.save()

    response = client.get("/home/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_every_request_renews_the_idle_timeout(login, settings):
    client = login("chanhvp")

    client.get("/home/")

    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 30 * 60


def test_changing_the_password_ends_the_other_sessions(chief):
    here, elsewhere = Client(), Client()
    here.force_login(chief)
    elsewhere.force_login(chief)

    response = here.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Mat-khau-moi-2025!", "new_password2": "Mat-khau-moi-2025!"},
    )

    assert response.status_code == 302
    assert here.get("/home/").status_code == 200
    assert elsewhere.get("/home/").status_code == 302


def test_deactivating_a_person_ends_their_sessions_in_every_browser(person, django_capture_on_commit_callbacks):
    user = person("truongphong.kt")
    here, elsewhere = Client(), Client()
    here.force_login(user)
    elsewhere.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        user.is_active = False
        user.save()
    user.is_active = True
    user.save()

    assert here.get("/home/").status_code == 302
    assert elsewhere.get("/home/").status_code == 302
    assert not Session.objects.filter(session_key__in=[here.session.session_key, elsewhere.session.session_key])


def test_deactivating_someone_else_leaves_my_session(login, person, django_capture_on_commit_callbacks):
    client = login("chanhvp")
    other = person("truongphong.kt")

    with django_capture_on_commit_callbacks(execute=True):
        other.is_active = False
        other.save()

    assert client.get("/home/").status_code == 200


def test_thirty_idle_minutes_end_the_session_and_activity_keeps_it(login, settings):
    with freeze_time("2026-03-02 08:00:00") as clock:
        client = login("chanhvp")
        clock.tick(dt.timedelta(minutes=29))
        assert client.get("/home/").status_code == 200
        clock.tick(dt.timedelta(minutes=29))
        assert client.get("/home/").status_code == 200  # renewed by the previous request
        clock.tick(dt.timedelta(minutes=settings.SESSION_COOKIE_AGE // 60, seconds=1))

        response = client.get("/home/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url_name", ["logout", "set_language", "password_change"])
def test_posts_without_the_csrf_token_are_refused(person, url_name):
    client = Client(enforce_csrf_checks=True)
    client.force_login(person("chanhvp"))

    response = client.post(reverse(url_name), {"language": "en"})

    assert response.status_code == 403
    assert client.get("/home/").status_code == 200
