"""The list of nominees ("Danh sách đề nghị") costs the same queries for one line as for several: the page's ids
are sorted first, then its lines are read with their columns (issue 23)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from tests.nominations.helpers import accepted_dossier, open_cycle

pytestmark = pytest.mark.django_db

URL = "/nominations/danh-sach-de-nghi/"


def staff(code: str, count: int) -> list[User]:
    return list(User.objects.filter(unit__code=code, username__startswith="canbo").order_by("pk")[:count])


def read(client) -> tuple[int, int]:
    client.get(URL)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    return len(captured), response.content.decode().count('id="nominee-')


@pytest.mark.parametrize("username", ["hcqt", "chanhvp"])
def test_the_nominee_list_costs_the_same_for_one_line_and_four(login, username):
    # Given one accepted dossier of Phòng Kinh tế with one line
    cycle = open_cycle(2025)
    accepted_dossier(cycle, "KT", [(person, "LDTT") for person in staff("KT", 1)])
    one, shown = read(login(username))
    assert shown == 1

    # When Phòng Nội chính's dossier of three lines is accepted too
    accepted_dossier(cycle, "NC", [(person, "LDTT") for person in staff("NC", 3)])

    # Then the list shows the four lines for the same queries
    assert read(login(username)) == (one, 4)
