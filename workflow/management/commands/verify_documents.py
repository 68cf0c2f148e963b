"""Check that every issued document is still what was signed: the stored PDF hashes as issued, its
metadata carries the audit chain head it was issued under, and its snapshot renders to the same
text. Exits non-zero when one does not."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from workflow.documents.models import DocumentStatus, IssuedDocument
from workflow.documents.services import document_verify


class Command(BaseCommand):
    help = _("Kiểm tra các văn bản đã ban hành: tệp PDF, chuỗi kiểm toán trong siêu dữ liệu và nội dung chữ không bị "
              "thay đổi.")

    def add_arguments(self, parser):
        parser.add_argument("--agency", help=_("Mã cơ quan, ví dụ VP."))
        parser.add_argument("--year", type=int, help=_("Năm ban hành."))

    def handle(self, *args, agency=None, year=None, **options):
        documents = IssuedDocument.objects.filter(status=DocumentStatus.READY).select_related("agency")
        if agency:
            documents = documents.filter(agency__code=agency)
        if year:
            documents = documents.filter(year=year)
        bad = []
        checked = 0
        for document in documents.order_by("agency__code", "year", "doc_type", "number", "pk").iterator():
            checked += 1
            try:
                ok = document_verify(document)
            except OSError as exc:
                ok = False
                self.stderr.write(f"{document.agency.code} {document.number_text}: {exc}")
            if not ok:
                bad.append(f"{document.agency.code} {document.number_text or document.pk}")
        if bad:
            raise CommandError(
                _("%(bad)d/%(checked)d văn bản không khớp bản đã ban hành: %(list)s")
                % {"bad": len(bad), "checked": checked, "list": ", ".join(bad)}
            )
        self.stdout.write(_("%(checked)d văn bản đã ban hành: khớp.") % {"checked": checked})
