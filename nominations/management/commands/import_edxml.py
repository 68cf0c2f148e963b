"""python manage.py import_edxml PACKAGE.edxml --agency VP --year 2026 --user <secretariat's username>

Records a received edXML package (e.g. Sở Nội vụ's request for the year's report, as the e-office system saved
it) as the received request of the agency's annual report (nominations/edxml_import.py): the same service and
audit as the report page's form. A package that is malformed, hostile or addressed elsewhere is refused with the
reason, and nothing is written."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.models import Agency, User
from nominations.edxml_import import request_import
from workflow.documents.edxml import MAX_BYTES


class Command(BaseCommand):
    help = "Record a received edXML package (QCVN 102:2016/BTTTT) as the received request of an annual report."

    def add_arguments(self, parser):
        parser.add_argument("package", help="the .edxml file")
        parser.add_argument("--agency", required=True, help="the receiving agency's code, e.g. VP")
        parser.add_argument("--year", type=int, required=True, help="the year of the report")
        parser.add_argument("--user", required=True, help="username of the secretariat who records it")

    def handle(self, *args, **options):
        path = Path(options["package"])
        if not path.is_file():
            raise CommandError(_("Không có tệp %(path)s.") % {"path": path})
        if path.stat().st_size > MAX_BYTES:
            raise CommandError(_("Gói tin văn bản điện tử không hợp lệ: %(reason)s")
                               % {"reason": _("tệp lớn hơn %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)}})
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(_("Không có cơ quan mã %(agency)s.") % {"agency": options["agency"]})
        actor = User.objects.filter(username=options["user"], is_active=True).first()
        if actor is None:
            raise CommandError(_("Không có người dùng %(user)s.") % {"user": options["user"]})
        try:
            reference = request_import(actor=actor, agency=agency, year=options["year"], data=path.read_bytes())
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(_("Đã ghi văn bản đến: %(citation)s.") % {"citation": reference.citation})
