"""The council sessions page ("Phiên họp Hội đồng"): newest first, a page at a time, the sessions in progress above
the list, and the same queries for one session as for many (issue 23: the secretariat's page listed every session
of ten years and took ~2.8 s)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from nominations import services
from nominations.models import Session
from nominations.selectors import sessions_for_user
from nominations.views import council as council_views
from tests.nominations.helpers import accepted_dossier, open_cycle

pytestmark = pytest.mark.django_db

URL = reverse("nominations:sessions")


def session_of(code: str, day: dt.date, nominees: int = 1) -> Session:
    """A draft session of its own 2025 cycle on the unit's accepted lines, built through the services."""
    cycle = open_cycle(2025, name=f"Xét khen thưởng {code} năm")
    people = User.objects.filter(unit__code=code, unit__agency=cycle.agency, username__startswith="canbo")
    accepted_dossier(cycle, code, [(person, "LDTT") for person in people.order_by("pk")[:nominees]])
    return services.session_create(actor=User.objects.get(username="hcqt"), cycle=cycle, meeting_date=day)


def read(client, query: str = "") -> tuple[int, object]:
    client.get(URL + query)  # warm the per-process caches (content types, the menu)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL + query)
    assert response.status_code == 200
    return len(captured), response


def listed(response, table: str = "sessions") -> list[int]:
    """The sessions a table of the page links to, in the page's order."""
    html = response.content.decode().split(f'<table id="{table}">')[1].split("</table>")[0]
    return [int(part.split("/")[0]) for part in html.split('href="/nominations/sessions/')[1:]]


@pytest.mark.parametrize("username", ["hcqt", "phochanhvp1"])
def test_the_sessions_page_costs_the_same_for_one_session_and_many(login, username, monkeypatch):
    # Given pages of two sessions, at most one shown apart as in progress, one session of Phòng Kinh tế, and a
    # cycle of accepted lines waiting for its session (its form reads the agency's council: one query an agency)
    monkeypatch.setattr(council_views.SessionListView, "paginate_by", 2)
    monkeypatch.setattr(council_views, "IN_PROGRESS_SHOWN", 1)
    first = session_of("KT", dt.date(2025, 12, 1))
    waiting = open_cycle(2025, name="Xét khen thưởng HCQT năm")
    accepted_dossier(waiting, "HCQT", [(User.objects.filter(unit__code="HCQT", unit__agency=waiting.agency)
                                        .order_by("pk").first(), "LDTT")])
    one, page = read(login(username))
    assert listed(page) == [first.pk] and listed(page, "sessions-in-progress") == [first.pk]

    # When three more units' sessions are built (four sessions: two pages), one of them cancelled
    second = session_of("NC", dt.date(2025, 12, 5), nominees=2)
    third = session_of("TH", dt.date(2025, 12, 3))
    fourth = session_of("KGVX", dt.date(2025, 12, 9))
    services.session_cancel(actor=User.objects.get(username="hcqt"), session=third, reason="Họp lại sau.")

    # Then the first page holds the two newest for the same queries, the newest session in progress above them
    many, page = read(login(username))
    assert many == one
    assert listed(page) == [fourth.pk, second.pk]
    assert listed(page, "sessions-in-progress") == [fourth.pk]
    html = page.content.decode()
    assert "Trang 1/2" in html and "?page=2" in html and "Chỉ hiện 1 phiên họp gần nhất" in html
    # and the second page the two older ones, the cancelled one among them, the dates as dd/mm/yyyy
    many_2, page_2 = read(login(username), "?page=2")
    assert many_2 == one
    assert listed(page_2) == [third.pk, first.pk]
    assert "03/12/2025" in page_2.content.decode() and "Trang 2/2" in page_2.content.decode()


def test_each_session_is_listed_once_with_its_agenda_counted(login):
    # Given sessions of one, two and three lines
    sessions = [session_of("KT", dt.date(2025, 12, 1)), session_of("NC", dt.date(2025, 12, 2), nominees=2),
                session_of("TH", dt.date(2025, 12, 3), nominees=3)]

    # When the secretariat's sessions are read
    read_back = list(sessions_for_user(User.objects.get(username="hcqt")).order_by("meeting_date"))

    # Then each comes once (no join repeats it per agenda line) with the number of lines on its agenda
    assert [s.pk for s in read_back] == [s.pk for s in sessions]
    assert [s.item_count for s in read_back] == [1, 2, 3] == [s.items.count() for s in sessions]
    # and the page shows the same counts
    html = login("hcqt").get(URL).content.decode()
    for session in sessions:
        assert f'href="/nominations/sessions/{session.pk}/">' in html

