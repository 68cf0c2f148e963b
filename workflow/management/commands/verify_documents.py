"""Check that every issued document is still what was signed: the stored PDF hashes as issued, its
metadata carries the audit chain head it was issued under, its snapshot renders to the same text, and every
digital signature is valid — intact, chained to the configured trust roots, made with a certificate of the person
and the agency the register names, inside the certificate's validity. Exits non-zero when one is not.

``--json`` prints one object per document with each signature's finding (for the auditor's tools)."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from workflow.documents.models import DocumentStatus, IssuedDocument
from workflow.documents.services import document_check


class Command(BaseCommand):
    help = _("Kiểm tra các văn bản đã ban hành: tệp PDF, chuỗi kiểm toán trong siêu dữ liệu, nội dung chữ và chữ ký "
             "số không bị thay đổi.")

    def add_arguments(self, parser):
        parser.add_argument("--agency", help=_("Mã cơ quan, ví dụ VP."))
        parser.add_argument("--year", type=int, help=_("Năm ban hành."))
        parser.add_argument("--json", action="store_true", dest="as_json",
                            help=_("In kết quả từng văn bản dưới dạng JSON."))

    def handle(self, *args, agency=None, year=None, as_json=False, **options):
        documents = IssuedDocument.objects.filter(status=DocumentStatus.READY).select_related("agency", "signer")
        if agency:
            documents = documents.filter(agency__code=agency)
        if year:
            documents = documents.filter(year=year)
        bad = []
        report = []
        for document in documents.order_by("agency__code", "year", "doc_type", "number", "pk").iterator():
            name = f"{document.agency.code} {document.number_text or document.pk}"
            entry = {"id": document.pk, "agency": document.agency.code, "number": document.number_text,
                     "summary": document.summary}
            try:
                check = document_check(document)
            except OSError as exc:
                self.stderr.write(f"{name}: {exc}")
                entry.update(valid=False, error=str(exc))
                bad.append(name)
                report.append(entry)
                continue
            entry.update(valid=check.valid, file_ok=check.file_ok, audit_head_ok=check.audit_head_ok,
                         text_ok=check.text_ok, signatures=[s.as_dict() for s in check.signatures])
            report.append(entry)
            if not check.valid:
                bad.append(name)
                if not as_json:
                    for signature in check.signatures:
                        if not signature.valid:
                            self.stderr.write(f"{name} {signature.field_name}: {'; '.join(signature.reasons)}")
        if as_json:
            self.stdout.write(_json_dump({"checked": len(report), "invalid": len(bad), "documents": report}))
        if bad:
            raise CommandError(
                _("%(bad)d/%(checked)d văn bản không khớp bản đã ban hành hoặc chữ ký số không hợp lệ: %(list)s")
                % {"bad": len(bad), "checked": len(report), "list": ", ".join(bad)}
            )
        if not as_json:
            self.stdout.write(_("%(checked)d văn bản đã ban hành: khớp, chữ ký số hợp lệ.") % {"checked": len(report)})


def _json_dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
