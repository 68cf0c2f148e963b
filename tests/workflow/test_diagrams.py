"""The diagram page of a process: viewflow's chart with the current step highlighted."""

import re

import pytest
from django.urls import reverse

from .flow_helpers import open_ballot, vote_task, vote_url

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.flowapp.urls")]


def diagram(process) -> str:
    return reverse("home:process_diagram", args=[process.pk])


def test_the_diagram_marks_the_vote_as_the_current_step(client, person):
    process = open_ballot(["hoidong1", "truongphong.kt"])
    client.force_login(person("hoidong1"))

    response = client.get(diagram(process))

    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page
    assert '<g id="vote"' in page and 'class="assigned"' in page
    assert '<g id="close"' in page
    assert 'data-current="vote"' in page
    assert page.count('class="current-step"') == 2


def test_after_the_last_vote_no_step_is_current(client, person):
    process = open_ballot(["hoidong1"])
    task = vote_task(process, "hoidong1")
    client.force_login(person("hoidong1"))
    client.post(vote_url(process, task))

    page = client.get(diagram(process)).content.decode()

    assert 'data-current=""' in page and "Quy trình đã kết thúc." in page
    assert 'class="done"' in page


def test_the_diagram_is_404_for_someone_outside_the_process(client, person):
    process = open_ballot(["hoidong1"])
    client.force_login(person("canbo.kt.01"))

    assert client.get(diagram(process)).status_code == 404
    assert client.get(reverse("home:process_diagram", args=[process.pk + 1000])).status_code == 404


def test_the_home_page_links_each_task_to_its_diagram(client, person):
    process = open_ballot(["hoidong1"])
    client.force_login(person("hoidong1"))

    assert f'href="{diagram(process)}"' in client.get("/home/").content.decode()


def test_a_step_stays_current_while_any_of_its_parallel_tasks_is_open(client, person):
    """viewflow's colouring took the status of the last task created: once that voter had voted, the
    vote showed "done" while the other voter's ballot was still open."""
    process = open_ballot(["hoidong1", "truongphong.kt"])
    last = process.task_set.order_by("-created", "-pk").first()
    client.force_login(last.owner)
    assert client.post(vote_url(process, last)).status_code == 302

    page = client.get(diagram(process)).content.decode()

    assert re.search(r'<g id="vote"[^>]* class="assigned"', page)
    assert page.count('data-node="vote" class="current-step"') == 1


def test_a_gate_reads_yes_and_no_in_vietnamese_on_the_page_and_the_image(login, person):
    """viewflow labels an If gate's ways "yes" and "no" in English, and Title-Cases a step's first
    line; the pledge flow's "accepted?" gate is drawn with "có" and "không", its steps as written."""
    from nominations.models import PledgeProcess

    head = person("truongphong.kt")
    client = login(head.username)
    client.post("/pledges/?year=2023", {"action": "create", "unit": head.unit_id, "year": 2023})
    process = PledgeProcess.objects.get(registration__unit=head.unit_id)

    page = client.get(diagram(process)).content.decode()
    image = client.get(f"/pledge/{process.pk}/chart/").content.decode()
    bare = client.get("/pledge/chart/").content.decode()

    for svg in (page, image, bare):
        labels = re.findall(r"<text[^>]*>\s*(có|không|yes|no)\s*</text>", svg)
        assert sorted(labels) == ["có", "không"], labels
        assert "Gửi bản" in svg and "Gửi Bản" not in svg  # as written, not Title-Cased
