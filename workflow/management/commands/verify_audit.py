"""``manage.py verify_audit [--json]``: walk the audit chain; exit 0 when intact (design §5).

Exit status 1 and the first broken event (its number, id and what is wrong) otherwise, so a
cron job or CI step can alarm on it.
"""

from __future__ import annotations

import json
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from workflow.audit import verify_chain


class Command(BaseCommand):
    help = "Kiểm tra toàn vẹn chuỗi băm của nhật ký kiểm tra."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON.")

    def handle(self, *args, **options):
        started = time.perf_counter()
        result = verify_chain()
        elapsed = time.perf_counter() - started
        if options["json"]:
            self.stdout.write(json.dumps({**result.as_dict(), "seconds": round(elapsed, 3)}, ensure_ascii=False))
        elif result.ok:
            self.stdout.write(self.style.SUCCESS(
                _("Nhật ký toàn vẹn: %(count)s sự kiện, đầu chuỗi #%(seq)s %(hash)s (%(seconds).2f giây).")
                % {"count": result.checked, "seq": result.head_seq, "hash": result.head_hash,
                   "seconds": elapsed}
            ))
        if not result.ok:
            raise CommandError(result.message, returncode=1)
