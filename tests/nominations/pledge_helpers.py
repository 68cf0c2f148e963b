"""Driving the pledge flows over HTTP as people would: take the task, then do it."""

from __future__ import annotations

from django.urls import reverse
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from nominations.flows import AgencyPledgeFlow, PledgeFlow
from nominations.models import AgencyPledgeProcess, AgencyPledgeRegistration, PledgeProcess

INDEX = reverse("pledges:index")


def open_task(registration, node: str, *, agency: bool = False) -> Task:
    model, flow = (AgencyPledgeProcess, AgencyPledgeFlow) if agency else (PledgeProcess, PledgeFlow)
    return Task.objects.get(
        process__in=model.objects.filter(registration=registration).values("pk"),
        status__in=[STATUS.NEW, STATUS.ASSIGNED], flow_task=getattr(flow, node),
    )


def do_task(client, registration, node: str, data: dict | None = None, *, agency: bool = False):
    """Assign the open ``node`` task to the signed-in person, then post ``data`` to it."""
    task = open_task(registration, node, agency=agency)
    ns = "agencypledge" if agency else "pledge"
    if task.owner_id is None:
        response = client.post(reverse(f"{ns}:{node}:assign", args=[task.process_id, task.pk]))
        assert response.status_code == 302, response.status_code
    return client.post(reverse(f"{ns}:{node}:execute", args=[task.process_id, task.pk]), data or {})


def open_round(login, person, year: int, deadline: str = "2023-01-02") -> AgencyPledgeRegistration:
    """The secretariat opens the Office's registration of ``year`` on the pledge page."""
    vp = person("hcqt").unit.agency
    response = login("hcqt").post(INDEX, {"action": "open", "agency": vp.pk, "year": year, "deadline": deadline})
    assert response.status_code == 302, response.status_code
    return AgencyPledgeRegistration.objects.get(agency=vp, year=year)
