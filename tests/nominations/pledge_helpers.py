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


def unit_registration_accepted(person, *, year: int = 2025):
    """The head of Phòng Kinh tế registers the unit (Tập thể lao động tiên tiến, canbo.kt.02 for CSTĐCS) and
    submits; the secretariat accepts, so the agency's registration can be compiled."""
    from nominations.models import Award
    from nominations.services import pledges as pledge_services

    from .helpers import run

    head, secretariat = person("truongphong.kt"), person("hcqt")
    unit = PledgeFlow.start.run(actor=head, unit=head.unit, year=year).registration
    pledge_services.pledge_registration_update(actor=head, registration=unit,
                                               collective_title=Award.objects.get(code="TTLDTT"))
    pledge_services.pledge_line_save(actor=head, registration=unit, person=person("canbo.kt.02"),
                                     title=Award.objects.get(code="CSTDCS"), planned_initiative="")
    run(open_task(unit, "submit"), head, lambda: pledge_services.pledge_registration_submit(actor=head,
                                                                                             registration=unit))
    run(open_task(unit, "review"), secretariat,
        lambda: pledge_services.pledge_registration_review(actor=secretariat, registration=unit, accept=True))
    return unit


def open_round(login, person, year: int, deadline: str = "2023-01-02") -> AgencyPledgeRegistration:
    """The secretariat opens the Office's registration of ``year`` on the pledge page."""
    vp = person("hcqt").unit.agency
    response = login("hcqt").post(INDEX, {"action": "open", "agency": vp.pk, "year": year, "deadline": deadline})
    assert response.status_code == 302, response.status_code
    return AgencyPledgeRegistration.objects.get(agency=vp, year=year)
