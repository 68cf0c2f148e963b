"""The pages of one simulated year (``simulate_cycle --year 2025 --staff-per-unit 4``), as its readers see them.

Every test here only reads the year: it is simulated once for the module (``year``), inside a transaction
rolled back at the module's end, and each test still runs in its own savepoint, so what one writes (the
auditor's refused POSTs, sessions) never reaches the next. The tests were in ``test_audit_timeline.py`` and
``tests/workflow/test_document_links.py``, each simulating the same year again (about 20 s each on an idle machine).
``xdist_group`` keeps them on one worker (``make test`` runs ``--dist loadgroup``), so the year is simulated once.

The auditor reads the timeline of a dossier that was returned and resubmitted, every round with its reason, and
every nomination page in scope, posting to none. A page links a document only for someone the register lets
read it ({% can_read_document %}): a unit head on the annual report, a council member on the session, the unit on
the agency's pledge registration followed links that answered 404. Outside the office a reader sees a link only
to a Quyết định that names them or the people of the unit they head (its Nơi nhận, "Như Điều 3").
"""

import io
import re
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q
from django.test import TestCase
from django.urls import reverse

from accounts.models import RoleAssignment, User
from accounts.roles import Role
from nominations.models import AgencyPledgeRegistration, AnnualReport, Dossier, Session
from tests.conftest import blank_renderer
from workflow.audit import Action
from workflow.audit.models import AuditEvent
from workflow.documents import rendering
from workflow.documents.models import DocumentRecipient, DocumentStatus

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("simulated_year_2025")]

READERS = ["hcqt", "chanhvp", "kiemtra"]
OTHERS = ["truongphong.kt", "hoidong1", "canbo.kt.02"]


@pytest.fixture(scope="module")
def year(django_db_setup, django_db_blocker):
    """The year, simulated once for the module as ``fast_pdfs`` would (blank pages; documents still numbered,
    stored, hashed and signed) with its on-commit callbacks run; rolled back when the module ends."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with mock.patch.object(rendering, "html_to_pdf", blank_renderer()), \
                    TestCase.captureOnCommitCallbacks(execute=True):
                call_command("simulate_cycle", "--year", "2025", "--staff-per-unit", "4", "--json",
                             stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def year_pages(year):
    return [f"/nominations/sessions/{Session.objects.get().pk}/", f"/reports/{AnnualReport.objects.get().pk}/",
            f"/pledges/co-quan/{AgencyPledgeRegistration.objects.get().pk}/"]


def page_text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_a_returned_and_resubmitted_dossier_shows_each_round_with_its_reason(year, client, person, fast_pdfs):
    returned = AuditEvent.objects.filter(action=Action.RETURNED).order_by("seq").first()
    events = AuditEvent.objects.filter(content_type=returned.content_type, object_id=returned.object_id)
    submissions = events.filter(action=Action.SUBMITTED).count()
    client.force_login(person("kiemtra"))

    url = reverse("audit:timeline", args=[returned.content_type_id, returned.object_id])
    response = client.get(url)

    text = page_text(response)
    assert response.status_code == 200
    assert submissions >= 2
    assert text.count("Trình, gửi lên") >= submissions
    assert "Trả lại để bổ sung" in text and returned.reason in text
    assert client.post(url).status_code == 403


def test_the_auditor_reads_every_nomination_page_in_scope_and_can_post_to_none(year, client, person, fast_pdfs):
    dossier, session = Dossier.objects.first(), Session.objects.first()
    pages = [reverse("nominations:index"), reverse("nominations:cycles"), reverse("nominations:sessions"),
             reverse("nominations:dossier", args=[dossier.pk]), reverse("nominations:session", args=[session.pk]),
             reverse("pledges:index"), reverse("pledges:movements"), reverse("audit:index"), "/documents/"]
    client.force_login(person("kiemtra"))
    before = AuditEvent.objects.filter(action=Action.AUDITOR_WRITE_REFUSED).count()

    assert {url: client.get(url).status_code for url in pages} == dict.fromkeys(pages, 200)
    assert {url: client.post(url, {"action": "open"}).status_code for url in pages} == dict.fromkeys(pages, 403)
    assert AuditEvent.objects.filter(action=Action.AUDITOR_WRITE_REFUSED).count() == before + len(pages)


def test_every_document_link_on_the_years_pages_opens_for_whoever_sees_it(login, year_pages, fast_pdfs):
    found = {}
    for username in READERS + OTHERS:
        client = login(username)
        links = set()
        for url in year_pages:
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
