"""Driving the annual report flow over HTTP as people would: take the task, then do it."""

from __future__ import annotations

from django.urls import reverse
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import Agency
from nominations.flows import AnnualReportFlow
from nominations.models import AnnualReport, AnnualReportProcess, ReportSection

NS = "annualreport"
SECTION_TEXT = {
    "results": "Hoàn thành 100% nhiệm vụ được giao trong năm.",
    "movements": "Hưởng ứng phong trào “Dân vận khéo” với 02 mô hình.",
    "initiatives": "Giải pháp số hóa hồ sơ một cửa.",
    "propaganda": "Giới thiệu 01 gương người tốt, việc tốt mỗi tháng.",
    "proposals": "Đề nghị tăng cường tập huấn nghiệp vụ thi đua.",
}


def open_tasks(report: AnnualReport, node: str) -> list[Task]:
    return list(Task.objects.filter(
        process__in=AnnualReportProcess.objects.filter(report=report).values("pk"),
        status__in=[STATUS.NEW, STATUS.ASSIGNED], flow_task=getattr(AnnualReportFlow, node),
    ).order_by("pk"))


def section_task(report: AnnualReport, section: ReportSection) -> Task:
    return next(t for t in open_tasks(report, "write") if t.data["section"] == section.pk)


def task_url(task: Task, action: str = "execute") -> str:
    return reverse(f"{NS}:{task.flow_task.name}:{action}", args=[task.process_id, task.pk])


def do_task(client, task: Task, data: dict | None = None):
    """Assign ``task`` to the signed-in person when it waits in a queue, then post ``data`` to it."""
    if task.owner_id is None:
        response = client.post(task_url(task, "assign"))
        assert response.status_code == 302, response.status_code
    return client.post(task_url(task), data or {})


def open_report(client, year: int = 2023) -> AnnualReport:
    """The secretariat (signed in on ``client``) opens the year's report from the reports page."""
    vp = Agency.objects.get(code="VP")
    response = client.post(reverse("reports:index"), {"agency": vp.pk, "year": year})
    assert response.status_code == 302, response.content.decode()[:2000]
    return AnnualReport.objects.get(agency=vp, year=year)


def write_all_sections(login, report: AnnualReport) -> None:
    for section in report.sections.select_related("unit"):
        client = login(f"truongphong.{section.unit.code.lower()}")
        response = do_task(client, section_task(report, section), {"action": "submit", **SECTION_TEXT})
        assert response.status_code == 302, response.content.decode()[:3000]


def prose_post(report: AnnualReport, action: str, **overrides) -> dict:
    from nominations.models import REPORT_PROSE_FIELDS
    from nominations.selectors.report import prose_prefill

    data = prose_prefill(report)
    for name in REPORT_PROSE_FIELDS:
        data.setdefault(name, "")
    data.update(overrides)
    return {"action": action, **data}
