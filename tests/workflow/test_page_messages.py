"""Messages print once, all of them, in a card at the top of our pages (templatetags/page_messages.py).

viewflow's snackbar printed the last message again under the pledge and report pages' own card,
and on every other page showed only the last message, for a few seconds.
"""

import re

import pytest

pytestmark = pytest.mark.django_db

SETTINGS = "/home/thong-bao/"
SAVED = "Đã lưu cách nhận thông báo."


def snackbar(html: str) -> str:
    return re.search(r"<vf-snackbar[^>]*>(.*?)</vf-snackbar>", html, re.S).group(1).strip()


def card(html: str) -> str:
    return re.search(r'<section[^>]*id="messages"[^>]*>(.*?)</section>', html, re.S).group(1)


def test_a_message_prints_once_in_the_card_and_not_in_the_snackbar(login):
    client = login("canbo.kt.02")

    html = client.post(SETTINGS, {"mode": "digest"}, follow=True).content.decode()

    assert html.count(SAVED) == 1
    assert SAVED in card(html)
    assert snackbar(html) == ""


def test_every_message_waiting_is_listed_not_only_the_last(login):
    client = login("canbo.kt.02")
    client.post(SETTINGS, {"mode": "digest"})
    client.post(SETTINGS, {"mode": "immediate"})

    html = client.get(SETTINGS).content.decode()

    assert card(html).count(SAVED) == 2


def test_a_message_is_read_once_then_gone(login):
    client = login("canbo.kt.02")
    client.post(SETTINGS, {"mode": "digest"})
    client.get(SETTINGS)

    assert SAVED not in client.get(SETTINGS).content.decode()


def test_a_page_of_viewflow_itself_keeps_the_snackbar(login):
    client = login("hcqt")
    client.post(SETTINGS, {"mode": "digest"})

    response = client.get("/pledge/flows/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="messages"' not in html
    assert snackbar(html) == SAVED
