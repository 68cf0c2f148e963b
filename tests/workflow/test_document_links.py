"""A page links a document only for someone the register lets read it ({% can_read_document %}):
a unit head on the annual report, a council member on the session, the unit on the agency's pledge
registration followed links that answered 404."""

import io
import re

import pytest
from django.core.management import call_command

from nominations.models import AgencyPledgeRegistration, AnnualReport, Session

pytestmark = pytest.mark.django_db

READERS = ["hcqt", "chanhvp", "kiemtra"]
OTHERS = ["truongphong.kt", "hoidong1", "canbo.kt.02"]


@pytest.fixture
def year(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("simulate_cycle", "--year", "2025", "--staff-per-unit", "4", "--json", stdout=io.StringIO())
    return [f"/nominations/sessions/{Session.objects.get().pk}/", f"/reports/{AnnualReport.objects.get().pk}/",
            f"/pledges/co-quan/{AgencyPledgeRegistration.objects.get().pk}/"]


def test_every_document_link_on_the_years_pages_opens_for_whoever_sees_it(login, year):
    found = {}
    for username in READERS + OTHERS:
        client = login(username)
        links = set()
        for url in year:
            response = client.get(url)
            if response.status_code == 200:
                links |= set(re.findall(r'href="(/documents/\d+/[^"]*)"', response.content.decode()))
        assert {link: client.get(link).status_code for link in links} == dict.fromkeys(links, 200), username
        found[username] = len(links)

    assert all(found[username] >= 3 for username in READERS), found
    assert all(found[username] == 0 for username in OTHERS), found
