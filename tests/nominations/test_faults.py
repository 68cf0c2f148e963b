"""A worker killed (SIGKILL) in the middle of a step leaves the whole change or nothing
(PostgreSQL; the worker is a real process running the real service, ``tests/workflow/fault_worker.py``).

PostgreSQL rolls back the transaction of a backend whose client vanished and releases its row
locks; these tests show that every write of a step is inside that one transaction — nothing is
committed half-way, the next attempt is not blocked and the audit chain stays valid.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import Agency, User
from nominations import demo_facts, services
from nominations.flows.dossier import DossierFlow
from nominations.models import Award, CommendationKind, Dossier, DossierStatus
from workflow.audit import verify_chain
from workflow.audit.models import AuditEvent
from workflow.documents import services as documents
from workflow.documents import tasks as document_tasks
from workflow.documents.models import DocumentCounter, DocumentStatus, IssuedDocument

from .helpers import open_cycle, open_dossier, run

pytestmark = pytest.mark.postgres
ROOT = Path(settings.BASE_DIR)


def kill_mid_transaction(scenario: str, pk: int) -> None:
    """Start the worker on this test's database, wait until it pauses inside its transaction, SIGKILL it."""
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.workflow.fault_worker", connection.settings_dict["NAME"], scenario, str(pk)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    try:
        line = worker.stdout.readline()
        assert line.startswith("PAUSED"), (line, worker.stderr.read() if worker.poll() is not None else "")
        os.kill(worker.pid, signal.SIGKILL)
        assert worker.wait(timeout=30) == -signal.SIGKILL
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()


def test_a_worker_killed_in_the_middle_of_a_submit_leaves_nothing_half_written(catalogue_transactional_db):
    dossier = open_dossier(open_cycle(2025))
    head = dossier.created_by
    staff = User.objects.filter(unit=dossier.unit).exclude(pk=head.pk).order_by("pk").first()
    services.line_add(actor=head, dossier=dossier, award=Award.objects.get(code="LDTT"),
                      commendation_kind=CommendationKind.objects.get(code="THUONG_XUYEN"),
                      achievements="Hoàn thành xuất sắc nhiệm vụ.", person=staff)
    demo_facts.papers_record(dossier=dossier)
    tasks_before = list(Task.objects.filter(process_id=dossier.process.pk).values_list("pk", "status"))
    events_before = AuditEvent.objects.count()
    history_before = Dossier.history.filter(id=dossier.pk).count()

    kill_mid_transaction("dossier_submit", dossier.pk)

    dossier = Dossier.objects.get(pk=dossier.pk)
    assert dossier.status == DossierStatus.DRAFT and not dossier.rounds.exists()
    assert list(Task.objects.filter(process_id=dossier.process.pk).values_list("pk", "status")) == tasks_before
    assert AuditEvent.objects.count() == events_before
    assert Dossier.history.filter(id=dossier.pk).count() == history_before
    assert verify_chain().ok

    # The dead worker's locks are gone: the same submit goes through at once, exactly once.
    edit = dossier.process.task_set.get(flow_task=DossierFlow.edit, status=STATUS.ASSIGNED)
    run(edit, head, lambda: services.dossier_submit(actor=head, dossier=dossier))
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED and dossier.rounds.count() == 1
    assert dossier.process.task_set.filter(flow_task=DossierFlow.review).count() == 1
    assert verify_chain().ok


def test_an_issuing_worker_killed_after_taking_the_number_leaves_no_gap(seeded_transactional_db, monkeypatch):
    """The number, the PDF row and the ISSUED event are one transaction: killed before commit,
    the number is free again, the document waits with no number and is issued by the next run
    (the broker redelivers the job: ``reject_on_worker_lost``)."""
    vp = Agency.objects.get(code="VP")
    hcqt, chief = User.objects.get(username="hcqt"), User.objects.get(username="chanhvp")
    monkeypatch.setattr(document_tasks, "enqueue_issue", lambda document_id: None)  # the job runs in the worker
    draft = documents.document_create(
        actor=hcqt, agency=vp, template_key="quyet_dinh_khen_thuong", summary="Về việc tặng Giấy khen",
        data={"authority": "Chánh Văn phòng UBND tỉnh Quảng Ngãi", "grounds": ["Căn cứ Luật Thi đua, khen thưởng;"],
              "articles": ["Tặng Giấy khen."], "annex_title": "DANH SÁCH", "annex": [], "noi_nhan": ["Lưu: VT."]},
    )
    documents.document_sign(actor=chief, document=draft)
    events_before = AuditEvent.objects.count()

    kill_mid_transaction("document_issue", draft.pk)

    document = IssuedDocument.objects.get(pk=draft.pk)
    assert document.status == DocumentStatus.RENDERING
    assert (document.number, document.number_text, document.pdf.name or "", document.snapshot) == (None, "", "", None)
    assert not DocumentCounter.objects.filter(last_number__gt=0).exists()
    assert AuditEvent.objects.count() == events_before and verify_chain().ok
    assert document_tasks.document_issue_task.reject_on_worker_lost is True

    issued = documents.document_issue(document_id=draft.pk)
    assert issued.status == DocumentStatus.READY and issued.number == 1 and issued.number_text.startswith("01/")
    assert verify_chain().ok
