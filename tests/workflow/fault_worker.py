"""A worker process for the fault tests: runs one real service, pauses inside its transaction
after the partial writes, says so on stdout, and waits to be killed (SIGKILL).

Run as ``python -m tests.workflow.fault_worker <database name> <scenario> <pk>``; the parent
test points it at its own test database. Nothing here runs inside the pytest process.
"""

from __future__ import annotations

import os
import sys
import time


def _pause(where: str) -> None:
    sys.stdout.write(f"PAUSED {where}\n")
    sys.stdout.flush()
    time.sleep(120)
    sys.stdout.write("NOT KILLED\n")


def dossier_submit(dossier_pk: int) -> None:
    """The unit head's submit, exactly as the task page runs it (process lock, service, next task);
    pauses once the review task row exists: the round, the status, the audit events and the
    flow's tasks are all written and none is committed."""
    from django.db.models.signals import post_save
    from viewflow.workflow.models import Task

    from nominations import services
    from nominations.flows.dossier import DossierFlow
    from nominations.models import Dossier
    from nominations.processes.running import task_run

    def on_task_saved(sender, instance, created, **kwargs):
        if created and instance.flow_task == DossierFlow.review:
            _pause("after the review task was created")

    post_save.connect(on_task_saved, sender=Task, weak=False)
    dossier = Dossier.objects.get(pk=dossier_pk)
    task = dossier.process.task_set.get(flow_task=DossierFlow.edit, status="ASSIGNED")
    task_run(task=task, actor=dossier.created_by,
             action=lambda: services.dossier_submit(actor=dossier.created_by, dossier=dossier))


def document_issue(document_pk: int) -> None:
    """The issuing job: pauses after the number was taken and the PDF rendered, before commit."""
    from workflow.documents import rendering, services

    real = rendering.render_pdf

    def render_then_pause(*args, **kwargs):
        result = real(*args, **kwargs)
        _pause("after the number was taken and the PDF rendered")
        return result

    rendering.render_pdf = render_then_pause
    services.document_issue(document_id=document_pk)


def main() -> None:
    database, scenario, pk = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = database
    import django

    django.setup()
    {"dossier_submit": dossier_submit, "document_issue": document_issue}[scenario](pk)


if __name__ == "__main__":
    main()
