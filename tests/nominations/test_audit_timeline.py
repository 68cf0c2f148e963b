"""The auditor's timeline of a process and of a person of another agency. The timeline of a dossier returned and
resubmitted in a simulated year, and the auditor's pages of that year: ``test_simulated_year_pages.py``."""

import re

import pytest
from django.urls import reverse

from workflow.audit import Action
from workflow.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


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
