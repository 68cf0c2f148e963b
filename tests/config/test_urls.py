"""The site's URLs: every page a person reaches renders in the site's shell, in Vietnamese."""

import pytest

from accounts.models import User
from nominations import demo_facts
from tests.nominations.helpers import edit_task, line_post, open_cycle, open_dossier, review_task, task_url

pytestmark = pytest.mark.django_db


def test_a_nomination_task_page_is_in_the_site_shell(login):
    """Regression: the dossier, council and Home Affairs flows sit beside the site, and their task
    pages came out as viewflow's bare "Django Material" page, without menu or colours."""
    dossier = open_dossier(open_cycle())

    page = login("truongphong.kt").get(task_url("dossier", edit_task(dossier))).content.decode()

    assert "--mdc-theme-primary: #9c1c1c" in page and "Django Material" not in page
    assert 'href="/nominations/"' in page


def test_taking_a_task_from_the_queue_is_in_the_site_shell(login):
    dossier = open_dossier(open_cycle())
    head = login("truongphong.kt")
    staff = User.objects.filter(unit=dossier.unit).exclude(username__startswith="truongphong").order_by("pk")
    head.post(task_url("dossier", edit_task(dossier)), line_post(staff[0]))
    demo_facts.papers_record(dossier=dossier)
    head.post(task_url("dossier", edit_task(dossier)), {"action": "submit"})

    page = login("hcqt").get(task_url("dossier", review_task(dossier), "assign")).content.decode()

    assert "Nhận việc" in page and "Django Material" not in page


@pytest.mark.parametrize("path", ["/home/", "/nominations/", "/nominations/cycles/", "/nominations/sessions/",
                                  "/documents/", "/eligibility/", "/pledges/", "/audit/"])
def test_no_page_shows_viewflows_note_to_developers(login, path):
    """Regression: applications without a menu of their own showed viewflow's red note
    "No viewsets found. Please point `.menu_template_name`…" in the drawer."""
    response = login("kiemtra" if path == "/audit/" else "hcqt").get(path)

    assert response.status_code == 200
    assert "No viewsets found" not in response.content.decode()
