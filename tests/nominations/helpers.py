"""Shared steps of the nomination tests: open a cycle, drive tasks over HTTP."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from viewflow.workflow.status import STATUS

from accounts.models import Agency, Unit, User
from nominations import demo_facts, services
from nominations.flows.dossier import DossierFlow
from nominations.models import AttachmentKind, Award, CommendationKind, Cycle, Dossier
from nominations.processes import dossier as dossier_processes


def open_cycle(year: int = 2025, name: str = "Xét khen thưởng năm") -> Cycle:
    return services.cycle_open(actor=User.objects.get(username="hcqt"), agency=Agency.objects.get(code="VP"),
                               year=year, name=f"{name} {year}", nominations_due=dt.date(year, 12, 10),
                               council_date=dt.date(year, 12, 20))


def open_dossier(cycle: Cycle, unit_code: str = "KT") -> Dossier:
    unit = Unit.objects.get(code=unit_code, agency=cycle.agency)
    return dossier_processes.dossier_open(actor=User.objects.get(username=f"truongphong.{unit_code.lower()}"),
                                 cycle=cycle, unit=unit)


def task_of(dossier: Dossier, node, status=None):
    tasks = dossier.process.task_set.filter(flow_task=node)
    if status is not None:
        tasks = tasks.filter(status=status)
    return tasks.order_by("-pk").first()


def task_url(flow_ns: str, task, action: str = "execute") -> str:
    return reverse(f"{flow_ns}:{task.flow_task.name}:{action}", args=[task.process_id, task.pk])


def line_post(nominee: User | Unit, award_code: str = "LDTT", **extra) -> dict:
    token = f"unit:{nominee.pk}" if isinstance(nominee, Unit) else f"person:{nominee.pk}"
    return {"action": "add_line", "nominee": token, "award": Award.objects.get(code=award_code).pk,
            "commendation_kind": CommendationKind.objects.get(code="THUONG_XUYEN").pk,
            "achievements": "Hoàn thành xuất sắc nhiệm vụ được giao.", **extra}


def edit_task(dossier: Dossier):
    return task_of(dossier, DossierFlow.edit, STATUS.ASSIGNED)


def review_task(dossier: Dossier):
    return task_of(dossier, DossierFlow.review, STATUS.NEW) or task_of(dossier, DossierFlow.review, STATUS.ASSIGNED)


def run(task, actor: User, action):
    from nominations.processes.running import task_run

    return task_run(task=task, actor=actor, action=action)


def reports_and_minutes(dossier: Dossier) -> None:
    """Each line's báo cáo thành tích written and confirmed by the unit head, and the unit's minutes uploaded:
    every paper but the supporting ones of the rule set."""
    head = dossier.created_by
    for line in dossier.lines.select_related("person__unit", "unit", "award", "cycle"):
        services.achievement_report_save(actor=head, line=line, achievements="Hoàn thành xuất sắc nhiệm vụ.")
        services.achievement_report_confirm(actor=head, line=line)
    services.attachment_add(actor=head, dossier=dossier, kind=AttachmentKind.MINUTES, filename="bien-ban.pdf",
                            content=PDF)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def accepted_dossier(cycle: Cycle, unit_code: str, lines: list[tuple], files: list[tuple] = ()) -> Dossier:
    """A dossier through the same services and tasks as the pages: lines added, files uploaded, the papers
    the lines need made (``demo_facts.papers_record``: confirmed báo cáo thành tích, unit minutes), submitted,
    accepted.

    ``lines``: (nominee, award code) pairs. ``files``: (kind, file name, index in ``lines`` of the line the
    file belongs to, or None for the dossier as a whole), each a small PDF.
    """
    dossier = open_dossier(cycle, unit_code)
    head = dossier.created_by
    kind = CommendationKind.objects.get(code="THUONG_XUYEN")
    papers = demo_facts.facts_record(year=cycle.year, lines=lines)
    files = [*files, *((AttachmentKind.SUPPORTING, f"giay-to-{index}.pdf", index) for index in sorted(papers))]
    added = []
    for nominee, code in lines:
        target = {"unit": nominee} if isinstance(nominee, Unit) else {"person": nominee}
        added.append(services.line_add(actor=head, dossier=dossier, award=Award.objects.get(code=code),
                                       commendation_kind=kind, achievements="Hoàn thành xuất sắc nhiệm vụ.",
                                       **target))
    for file_kind, name, index in files:
        services.attachment_add(actor=head, dossier=dossier, kind=file_kind, filename=name, content=PDF,
                                line=None if index is None else added[index])
    demo_facts.papers_record(dossier=dossier)
    run(edit_task(dossier), head, lambda: services.dossier_submit(actor=head, dossier=dossier))
    secretariat = User.objects.get(username="hcqt")
    run(review_task(dossier), secretariat,
        lambda: services.dossier_review(actor=secretariat, dossier=dossier, accept=True,
                                        acknowledge="Đã đối chiếu bản giấy."))
    dossier.refresh_from_db()
    return dossier
