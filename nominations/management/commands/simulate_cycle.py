"""python manage.py simulate_cycle --year 2025 [--kind thuong-xuyen|dot-xuat|chuyen-de|cong-hien|nien-han]
[--agency VP] [--units N --staff-per-unit M] [--seed S] [--json]
[--output-dir DIR] [--mail-dir DIR] [--into-current-database] [--with-bloc]"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings
from django.utils.translation import gettext as _

from nominations.simulation import KIND_OPTIONS, KINDS, existing_work, simulate, simulate_kind, summary_text
from workflow.notifications.backends import CountingBackend


class Command(BaseCommand):
    help = "Drive a complete nomination cycle through the same services and flows as the pages, and summarise it."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--agency", default="VP")
        parser.add_argument("--kind", choices=sorted({*KINDS, *KIND_OPTIONS}), default="thuong-xuyen",
                            help="the loại hình: the annual review (default); a đột xuất case (reported today) or a "
                                 "chuyên đề cycle of the year; cống hiến and niên hạn propose whom the service "
                                 "records suggest")
        parser.add_argument("--units", type=int, default=None)
        parser.add_argument("--staff-per-unit", type=int, default=10)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--json", action="store_true", help="print only the summary, as JSON")
        parser.add_argument("--output-dir", default=None,
                            help="write every document issued during the simulation there as a PDF")
        parser.add_argument("--mail-dir", default=None,
                            help="write the e-mails there, one file per connection (default: counted, not sent)")
        parser.add_argument("--with-bloc", action="store_true",
                            help="also run the year of the agency's emulation bloc: giao ước, self-assessments, "
                                 "ranking, vote and the bloc's Tờ trình")
        parser.add_argument("--into-current-database", action="store_true",
                            help="add the simulated year to a database that already holds work (cycles, documents…)")

    def handle(self, *args, **options):
        work = existing_work()
        if work and not options["into_current_database"]:
            raise CommandError(_(
                "Cơ sở dữ liệu này đã có dữ liệu (%(work)s): mô phỏng sẽ ghi thêm vào đó và lấy số văn bản "
                "của sổ đăng ký. Hãy chạy trên một cơ sở dữ liệu riêng (ví dụ DATABASE_URL=sqlite:///mo-phong.sqlite3, "
                "rồi migrate và seed_demo), hoặc thêm --into-current-database nếu thật sự muốn ghi vào đây."
            ) % {"work": ", ".join(work)})
        if options["mail_dir"]:
            mail = {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                    "EMAIL_FILE_PATH": options["mail_dir"]}
        else:
            mail = {"EMAIL_BACKEND": "workflow.notifications.backends.CountingBackend"}
        counted = CountingBackend.sent
        try:
            with override_settings(**mail):
                if options["kind"] in KINDS:
                    summary = simulate_kind(kind=options["kind"], year=options["year"], agency_code=options["agency"],
                                            output_dir=options["output_dir"])
                    self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=None if options["json"] else 2))
                    return
                summary = simulate(year=options["year"], agency_code=options["agency"], units=options["units"],
                                   staff_per_unit=options["staff_per_unit"], seed=options["seed"],
                                   output_dir=options["output_dir"], with_bloc=options["with_bloc"],
                                   kind=KIND_OPTIONS[options["kind"]])
        except Exception as exc:  # every refusal of a service ends the command with its message
            raise CommandError(str(exc)) from exc
        summary["emails"] = CountingBackend.sent - counted if not options["mail_dir"] else None
        summary["mail_dir"] = options["mail_dir"] or ""
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
            return
        self.stdout.write(summary_text(summary))
