"""The flow diagram of the award flows, as their pages show it (issue 9: "each flow's diagram reachable
from its pages, with the current step of a dossier highlighted").

viewflow's task and process pages show the process's chart as an image (``<flow>:process_chart``);
its own view asked for a model-level "view" permission nobody holds here, so the image on the
"Nhận việc" page answered 403 to the very person the task waited for. The chart now follows who
may see the process (``workflow.diagrams.ProcessChartView``): 404 to anyone else, as for a missing
process.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from viewflow.workflow.chart import grid_to_svg
from viewflow.workflow.status import STATUS

from accounts.models import User
from nominations import demo_facts, services
from nominations.flows.council import CouncilFlow
from nominations.flows.dossier import DossierFlow
from nominations.flows.home_affairs import HomeAffairsFlow
from nominations.models import OutcomeDocumentKind, Session
from nominations.processes import council as council_processes
from workflow.diagrams import flow_grid

from .helpers import accepted_dossier, edit_task, line_post, open_cycle, open_dossier, review_task, run, task_url

pytestmark = pytest.mark.django_db


def chart_src(page) -> str:
    """The address of the chart image the page shows."""
    found = re.findall(r'<img[^>]+src="([^"]+/chart/)"', page.content.decode())
    assert len(found) == 1, found
    return found[0]


def node_class(svg: str, node: str) -> str | None:
    match = re.search(rf'<g id="{node}"[^>]*?(?: class="([a-z]+)")?>', svg)
    assert match, f"no node {node} in the chart"
    return match.group(1)


def submitted_dossier(client):
    dossier = open_dossier(open_cycle(2025), "KT")
    client.force_login(dossier.created_by)
    nominee = User.objects.filter(unit__code="KT", unit__agency__code="VP").exclude(
        username__startswith="truongphong").first()
    task = edit_task(dossier)
    assert client.post(task_url("dossier", task), line_post(nominee)).status_code == 302
    demo_facts.papers_record(dossier=dossier)
    assert client.post(task_url("dossier", task), {"action": "submit"}).status_code == 302
    return dossier


def test_the_secretariat_sees_the_dossier_chart_on_the_assign_page_with_the_review_current(client, login):
    dossier = submitted_dossier(client)
    review = review_task(dossier)
    client = login("hcqt")

    page = client.get(task_url("dossier", review, "assign"))
    src = chart_src(page)
    image = client.get(src)

    assert page.status_code == 200
    assert src == reverse("dossier:process_chart", args=[dossier.process.pk])
    assert image.status_code == 200 and image["Content-Type"] == "image/svg+xml"
    svg = image.content.decode()
    assert node_class(svg, "review") == "new"
    assert node_class(svg, "edit") == "done"
    bpmn = client.get(src + "?format=bpmn")
    assert bpmn.status_code == 200 and bpmn["Content-Type"] == "application/xml"


@pytest.mark.parametrize("outsider", ["canbo.nc.01", "sonoivu"])
def test_the_chart_is_404_for_someone_out_of_scope_as_for_a_missing_process(client, login, outsider):
    dossier = submitted_dossier(client)
    src = reverse("dossier:process_chart", args=[dossier.process.pk])
    client = login(outsider)

    assert client.get(task_url("dossier", review_task(dossier), "assign")).status_code == 404
    assert client.get(src).status_code == 404
    assert client.get(src + "?format=bpmn").status_code == 404
    assert client.get(reverse("dossier:process_chart", args=[dossier.process.pk + 1000])).status_code == 404


def test_a_process_of_another_flow_under_this_flows_chart_address_is_404(client, login):
    dossier = submitted_dossier(client)

    response = login("hcqt").get(reverse("council:process_chart", args=[dossier.process.pk]))

    assert response.status_code == 404


def test_a_dossier_back_for_a_second_review_highlights_the_review_again(client, login):
    """viewflow's own colouring kept the first round's "done" over the second round's new review."""
    dossier = submitted_dossier(client)
    secretariat = User.objects.get(username="hcqt")
    run(review_task(dossier), secretariat, lambda: services.dossier_review(
        actor=secretariat, dossier=dossier, accept=False, reason="Thiếu biên bản họp xét của đơn vị."))
    client = login(dossier.created_by.username)
    demo_facts.papers_record(dossier=dossier)
    assert client.post(task_url("dossier", edit_task(dossier)), {"action": "submit"}).status_code == 302

    svg = login("hcqt").get(reverse("dossier:process_chart", args=[dossier.process.pk])).content.decode()

    assert node_class(svg, "review") == "new"


def _session_voted(cycle) -> Session:
    secretariat = User.objects.get(username="hcqt")
    session = services.session_create(actor=secretariat, cycle=cycle, meeting_date=dt.date(2025, 12, 20),
                                      venue="Phòng họp số 1", absent={})
    return council_processes.session_publish(actor=secretariat, session=session)


def _vote(client, session, task):
    client.force_login(task.owner)
    data = {f"item_{item.pk}": "yes" for item in session.items.select_related("line")
            if item.line.person_id != task.owner_id}
    assert client.post(task_url("council", task), data).status_code == 302


def test_the_council_and_home_affairs_charts_load_for_those_the_steps_wait_for(client, login):
    head = User.objects.get(username="truongphong.kt")
    nominee = User.objects.filter(unit__code="KT", unit__agency__code="VP").exclude(pk=head.pk).first()
    cycle = open_cycle(2025)
    accepted_dossier(cycle, "KT", [(nominee, "LDTT"), (head, "CSTD_TINH")])
    session = _session_voted(cycle)
    ballots = list(session.process.task_set.filter(flow_task=CouncilFlow.ballot).order_by("-pk"))
    _vote(client, session, ballots[0])  # the last ballot created is cast, the others still open

    svg = login("hoidong1").get(reverse("council:process_chart", args=[session.process.pk])).content.decode()
    assert node_class(svg, "ballot") == "assigned"

    for task in ballots[1:]:
        _vote(client, session, task)
    finalise = session.process.task_set.get(flow_task=CouncilFlow.finalise)
    client = login("hcqt")
    client.post(task_url("council", finalise, "assign"))
    assert client.post(task_url("council", finalise), {"start_time": "08 giờ 00"}).status_code == 302
    approve = session.process.task_set.get(flow_task=CouncilFlow.approve)

    client = login("chanhvp")
    # the chief's own at once (SoleHolder): no claim page to carry the chart; his task's chart still opens
    svg = client.get(reverse("council:process_chart", args=[session.process.pk])).content.decode()
    assert node_class(svg, "approve") == "assigned" and node_class(svg, "ballot") == "done"
    assert login("canbo.kt.01").get(reverse("council:process_chart", args=[session.process.pk])).status_code == 404

    client = login("chanhvp")
    assert client.post(task_url("council", approve), {"read_drafts": "1"}).status_code == 302
    submission = session.outcome_documents.get(kind=OutcomeDocumentKind.SUBMISSION)
    review = submission.process.task_set.get(flow_task=HomeAffairsFlow.review, status=STATUS.NEW)

    client = login("sonoivu")
    page = client.get(task_url("homeaffairs", review, "assign"))
    image = client.get(chart_src(page))
    assert image.status_code == 200 and node_class(image.content.decode(), "review") == "new"
    assert login("canbo.kt.01").get(reverse("homeaffairs:process_chart",
                                            args=[submission.process.pk])).status_code == 404


def _links_to_its_diagram(client, page_url: str, process_pk: int, current: str) -> None:
    diagram = reverse("home:process_diagram", args=[process_pk])
    page = client.get(page_url)
    assert page.status_code == 200 and f'href="{diagram}"' in page.content.decode()
    shown = client.get(diagram).content.decode()
    assert f'data-current="{current}"' in shown


def test_each_flows_own_page_links_to_its_diagram_with_the_current_step(client, login):
    from nominations import demo_pledges
    from nominations.models import AgencyPledgeProcess, AnnualReportProcess, PledgeProcess, PledgeRegistration

    from .report_helpers import open_report

    dossier = submitted_dossier(client)
    _links_to_its_diagram(login("hcqt"), reverse("nominations:dossier", args=[dossier.pk]), dossier.process.pk,
                          "review")

    head = User.objects.get(username="truongphong.kt")
    cycle = dossier.cycle
    accepted_dossier(cycle, "NC", [(User.objects.filter(unit__code="NC", unit__agency__code="VP")
                                    .exclude(username__startswith="truongphong").first(), "LDTT")])
    session = _session_voted(cycle)
    _links_to_its_diagram(login("hoidong1"), reverse("nominations:session", args=[session.pk]),
                          session.process.pk, "ballot")

    demo_pledges.seed()
    client = login("truongphong.kt")
    assert client.post(reverse("pledges:index") + "?year=2025",
                       {"action": "create", "unit": head.unit_id, "year": 2025}).status_code == 302
    registration = PledgeRegistration.objects.get(unit=head.unit, year=2025)
    _links_to_its_diagram(client, reverse("pledges:detail", args=[registration.pk]),
                          PledgeProcess.objects.get(registration=registration).pk, "submit")

    client = login("hcqt")
    assert client.post(reverse("pledges:index") + "?year=2025", {
        "action": "open", "agency": head.unit.agency_id, "year": 2025,
        "deadline": "2025-03-31"}).status_code == 302
    agency_process = AgencyPledgeProcess.objects.get(registration__agency=head.unit.agency, registration__year=2025)
    _links_to_its_diagram(client, reverse("pledges:agency", args=[agency_process.registration_id]),
                          agency_process.pk, "compile")

    report = open_report(client, 2025)
    _links_to_its_diagram(client, reverse("reports:detail", args=[report.pk]),
                          AnnualReportProcess.objects.get(report=report).pk, "write")


def test_each_decision_of_a_flow_is_a_diamond_with_its_question_written_in_it():
    """Issue 18: the gateways were 50-px diamonds with a bare "X", their question only in a tooltip."""
    svg = grid_to_svg(flow_grid(DossierFlow))
    for node in ("returned", "waiting"):
        group = re.search(rf'<g id="{node}".*?</g>', svg, re.S).group(0)
        assert 'class="gateway" d="M75,0L150,50L75,100L0,50Z"' in group
        assert ">X</text>" not in group
    words = " ".join(re.findall(r'<g id="returned".*?</g>', svg, re.S)[0].split())
    assert "Bị trả lại để bổ" in words and "sung?" in words
