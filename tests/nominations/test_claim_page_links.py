"""Issue 18 (3): on viewflow's claim page ("Nhận việc") every link answers 200 to the person the task is
queued for: no breadcrumb to a list or process page that refuses them, no raw "downloadBPMN" link."""

from __future__ import annotations

import re

import pytest

from accounts.models import User
from nominations import demo_facts, services
from nominations.models import Award, CommendationKind

from .helpers import edit_task, open_cycle, open_dossier, review_task, run, task_url

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="(/[^"#]*)"')


def _links(html: str) -> list[str]:
    skip = ("/static/", "/accounts/logout", "/i18n/")
    return sorted({h.replace("&amp;", "&") for h in HREF.findall(html) if not h.startswith(skip)})


def test_every_link_of_the_secretariats_claim_page_opens(login):
    cycle = open_cycle(2025)
    dossier = open_dossier(cycle, "KT")
    head = dossier.created_by
    services.line_add(actor=head, dossier=dossier, award=Award.objects.get(code="LDTT"),
                      commendation_kind=CommendationKind.objects.get(code="THUONG_XUYEN"),
                      achievements="Hoàn thành tốt nhiệm vụ.", person=User.objects.get(username="canbo.kt.02"))
    demo_facts.papers_record(dossier=dossier)
    run(edit_task(dossier), head, lambda: services.dossier_submit(actor=head, dossier=dossier))
    task = review_task(dossier)
    client = login("hcqt")

    page = client.get(task_url("dossier", task, "assign"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "downloadBPMN" not in html and "download_bpmn" not in html.lower()
    refused = {url: client.get(url).status_code for url in _links(html)}
    refused = {url: code for url, code in refused.items() if code not in (200, 302)}
    assert refused == {}
    assert "/home/quy-trinh/" in html  # the process is reached through its diagram page instead

    # Taken, the task's own page: the same.
    client.post(task_url("dossier", task, "assign"), {"_continue": "1"})
    html = client.get(task_url("dossier", task, "execute")).content.decode()
    opened = {url: client.get(url).status_code for url in _links(html)}
    assert {url: code for url, code in opened.items() if code not in (200, 302)} == {}
