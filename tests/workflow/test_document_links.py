"""A page links a document only for someone the register lets read it ({% can_read_document %}):
a unit head on the annual report, a council member on the session, the unit on the agency's pledge
registration followed links that answered 404. Outside the office a reader sees a link only to a
Quyết định that names them or the people of the unit they head (its Nơi nhận, "Như Điều 3")."""

import io
import re

import pytest
from django.core.management import call_command
from django.db.models import Q

from accounts.models import RoleAssignment, User
from accounts.roles import Role
from nominations.models import AgencyPledgeRegistration, AnnualReport, Session
from workflow.documents.models import DocumentRecipient, DocumentStatus

pytestmark = pytest.mark.django_db

READERS = ["hcqt", "chanhvp", "kiemtra"]
OTHERS = ["truongphong.kt", "hoidong1", "canbo.kt.02"]


@pytest.fixture
def year(fast_pdfs, django_capture_on_commit_callbacks):
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
        found[username] = {link for link in links if re.fullmatch(r"/documents/\d+/", link)}

    assert all(len(found[username]) >= 3 for username in READERS), found
    for username in OTHERS:  # outside the office, only a Quyết định that names them or their unit's people
        named = _named_in(User.objects.get(username=username))
        assert found[username] <= named, (username, found[username], named)
    assert any(found[username] for username in OTHERS), "the year's decisions name none of them: test data changed"


def _named_in(user) -> set[str]:
    """The issued documents whose Nơi nhận names the person, a unit they head or one of its people."""
    headed = list(RoleAssignment.objects.filter(user=user, role=Role.UNIT_HEAD, revoked_at__isnull=True)
                  .values_list("unit", flat=True))
    rows = DocumentRecipient.objects.filter(Q(person=user) | Q(unit__in=headed) | Q(person__unit__in=headed),
                                            document__status=DocumentStatus.READY)
    return {f"/documents/{pk}/" for pk in rows.values_list("document", flat=True)}
