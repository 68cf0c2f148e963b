"""The auditor reads the timeline of a dossier that was returned and resubmitted: every round, with its reason."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from workflow.audit import Action
from workflow.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_a_returned_and_resubmitted_dossier_shows_each_round_with_its_reason(
    client, person, django_capture_on_commit_callbacks, fast_pdfs
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("simulate_cycle", "--year", "2025", "--staff-per-unit", "4", "--json", stdout=io.StringIO())
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


def test_the_auditor_reads_every_nomination_page_in_scope_and_can_post_to_none(
    client, person, django_capture_on_commit_callbacks, fast_pdfs
):
    from nominations.models import Dossier, Session

    with django_capture_on_commit_callbacks(execute=True):
        call_command("simulate_cycle", "--year", "2025", "--staff-per-unit", "4", "--json", stdout=io.StringIO())
    dossier, session = Dossier.objects.first(), Session.objects.first()
    pages = [reverse("nominations:index"), reverse("nominations:cycles"), reverse("nominations:sessions"),
             reverse("nominations:dossier", args=[dossier.pk]), reverse("nominations:session", args=[session.pk]),
             reverse("pledges:index"), reverse("pledges:movements"), reverse("audit:index"), "/documents/"]
    client.force_login(person("kiemtra"))
    before = AuditEvent.objects.filter(action=Action.AUDITOR_WRITE_REFUSED).count()

    assert {url: client.get(url).status_code for url in pages} == dict.fromkeys(pages, 200)
    assert {url: client.post(url, {"action": "open"}).status_code for url in pages} == dict.fromkeys(pages, 403)
    assert AuditEvent.objects.filter(action=Action.AUDITOR_WRITE_REFUSED).count() == before + len(pages)


def test_a_process_step_lands_in_its_agencys_log_and_its_timeline_opens(client, person, login):
    """A task taken on a dossier's process is the Office's event: it was written with no agency,
    out of every auditor's log, and the timeline of the process answered 404."""
    from nominations.models import DossierProcess

    from .helpers import open_cycle, open_dossier

    dossier = open_dossier(open_cycle(), "KT")
    process = DossierProcess.objects.get(dossier=dossier)
    started = AuditEvent.objects.filter(object_id=str(process.pk), action=Action.FLOW_STARTED).get()

    assert started.agency.code == "VP"
    response = login("kiemtra").get(reverse("audit:timeline", args=[started.content_type_id, process.pk]))
    assert response.status_code == 200 and "log-only" not in response.content.decode()


def test_a_person_of_another_agency_named_in_the_log_shows_only_the_logs_events(login, person):
    """The inspectorate's officer holds the Office's auditor role: the Office's log names them, so
    the timeline opens, with the grant, but not their sign-ins at their own agency."""
    from django.contrib.contenttypes.models import ContentType

    officer = person("kiemtra")
    login("kiemtra")
    content_type = ContentType.objects.get_for_model(officer)
    granted = AuditEvent.objects.filter(content_type=content_type, object_id=str(officer.pk), agency__code="VP")
    assert officer.unit.agency.code != "VP" and granted.exists()
    assert AuditEvent.objects.filter(content_type=content_type, object_id=str(officer.pk),
                                     action=Action.LOGIN).exclude(agency__code="VP").exists()

    response = login("kiemtra").get(reverse("audit:timeline", args=[content_type.pk, officer.pk]))

    text = page_text(response)
    assert response.status_code == 200 and 'id="log-only"' in response.content.decode()
    assert "Đăng nhập" not in text
    assert text.count(str(officer.full_name)) >= 1
