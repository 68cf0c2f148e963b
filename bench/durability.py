"""The invariants both kill tests assert (``kill_test.py``: killed service processes; ``kill_http.py``: killed
gunicorn workers), and the recovery they run. Imported after ``django.setup()``; run alone it only says so."""

from __future__ import annotations

import datetime as dt
import re
import socket
import time
from collections import Counter
from pathlib import Path

MESSAGE_ID = re.compile(r"^Message-ID: (<[^>]+>)", re.MULTILINE)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_serving(base: str, log: Path) -> None:
    """Until gunicorn answers the login page (behind the TLS proxy, as production runs), at most a minute."""
    import requests  # noqa: PLC0415 - only the HTTP benches need it

    for _ in range(120):
        try:
            if requests.get(base + "/accounts/login/", headers={"X-Forwarded-Proto": "https"},
                            timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer; see {log}")


def register_gaps() -> list[str]:
    """Every register (agency, year, kind of document) numbered 1..n without a gap."""
    from django.db.models import Count, Max, Min  # noqa: PLC0415 - after django.setup()

    from workflow.documents.models import IssuedDocument  # noqa: PLC0415

    gaps = []
    registers = (IssuedDocument.objects.filter(number__isnull=False).values("agency__code", "year", "doc_type")
                 .annotate(low=Min("number"), high=Max("number"), count=Count("pk")))
    for register in registers:
        if register["low"] != 1 or register["high"] != register["count"]:
            gaps.append(f"{register['agency__code']} {register['year']} {register['doc_type']}: "
                        f"{register['count']} numbers in 1..{register['high']}")
    return gaps


def recover_and_check(*, first_notification: int, mail_dir: str) -> dict:
    """Run the recovery (``sweep_stale``) as beat would once everything is stale, twice, then count: the immediate
    notifications written after ``first_notification`` left unsent by the kills and after the recovery, each sent
    row's Message-ID in ``mail_dir`` (a repeat is a send whose commit a kill prevented), documents left queued,
    register gaps and the audit chain."""
    from django.conf import settings  # noqa: PLC0415 - after django.setup()
    from django.test.utils import override_settings  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from workflow.audit import verify_chain  # noqa: PLC0415
    from workflow.documents.models import DocumentStatus, IssuedDocument  # noqa: PLC0415
    from workflow.notifications.models import DeliveryMode, Notification  # noqa: PLC0415
    from workflow.sweep import sweep_stale  # noqa: PLC0415

    ours = Notification.objects.filter(pk__gt=first_notification, mode=DeliveryMode.IMMEDIATE)
    unsent_before = ours.filter(sent_at__isnull=True).count()
    queued_before = IssuedDocument.objects.filter(status__in=[DocumentStatus.QUEUED,
                                                              DocumentStatus.RENDERING]).count()
    # The clock moved past both stale times, as when beat's sweep runs after the outage.
    later = timezone.now() + dt.timedelta(minutes=max(settings.WORKFLOW_NOTIFICATION_STALE_MINUTES,
                                                      settings.WORKFLOW_STALE_DOCUMENT_MINUTES,
                                                      settings.NOMINATIONS_STALE_REPORT_PDF_MINUTES) + 1)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
                           EMAIL_FILE_PATH=mail_dir):
        swept = sweep_stale(now=later)
        again = sweep_stale(now=later + dt.timedelta(minutes=1))
    seen: Counter[str] = Counter()
    for path in Path(mail_dir).iterdir():
        seen.update(MESSAGE_ID.findall(path.read_text(errors="replace")))
    sent_ids = list(ours.filter(sent_at__isnull=False).values_list("message_id", flat=True))
    chain = verify_chain()
    return {
        "notifications": ours.count(), "unsent_after_kills": unsent_before,
        "sent_by_recovery": swept["notifications_sent"], "second_recovery_sent": again["notifications_sent"],
        "unsent_after_recovery": ours.filter(sent_at__isnull=True, failed_at__isnull=True).count(),
        "given_up": ours.filter(failed_at__isnull=False).count(),
        "sent_rows_without_their_mail": sum(1 for m in sent_ids if not seen[m]),
        "messages_in_folder": sum(seen.values()),
        "repeated_message_ids": sum(count - 1 for count in seen.values() if count > 1),
        "documents_queued_after_kills": queued_before,
        "documents_requeued": swept["documents_requeued"],
        "documents_still_queued": IssuedDocument.objects.filter(status=DocumentStatus.QUEUED).count(),
        "report_pdfs_requeued": swept.get("report_pdfs_requeued", 0),
        "register_gaps": register_gaps(), "chain_ok": chain.ok, "chain_checked": chain.checked,
        "mail_dir": mail_dir,
    }


def recovered(result: dict) -> bool:
    """Nothing said is lost and nothing is half-written: what ``recover_and_check`` must find."""
    return (result["unsent_after_recovery"] == 0 and result["given_up"] == 0 and result["second_recovery_sent"] == 0
            and result["sent_rows_without_their_mail"] == 0 and not result["register_gaps"] and result["chain_ok"]
            and result["documents_still_queued"] == 0)


if __name__ == "__main__":
    print("Shared checks of bench/kill_test.py and bench/kill_http.py; run one of those.")
