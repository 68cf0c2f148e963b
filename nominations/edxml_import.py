"""A received edXML package (QCVN 102:2016/BTTTT) recorded as the year's received request: the Công văn in which
Sở Nội vụ asks the agency for its report on emulation and commendation becomes the ``ReportReference`` of role
"request" (văn bản đến) of the agency's annual report, through ``report_request_receive`` — the same record,
permission check, history and audit event as the secretariat's form on the report's page, also before the report
is opened.

The package is read by ``workflow.documents.edxml.parse`` (no DOCTYPE, no entity, no network) and must be
addressed to the agency's mã định danh điện tử; anything wrong is refused in Vietnamese before anything is written.
The attached files are read (and must be valid base64) but not kept: a reference records the document's number,
date, issuer and subject, which is what the report cites.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from accounts.models import Agency, User
from accounts.roles import Role
from accounts.selectors import roles_here
from workflow.documents import edxml

from .models import ReferenceRole, ReportReference
from .services import report as report_services


def package_fields(*, agency: Agency, year: int, data: bytes) -> dict:
    """The fields of the received request the package ``data`` makes for ``agency``'s report of ``year`` (whether
    or not that report is open yet); ``ValidationError`` (Vietnamese) when it is not a valid package, is not
    addressed to the agency, or is already recorded."""
    agency = Agency.objects.get(pk=agency.pk)  # its code as recorded now
    if not agency.electronic_id:
        raise ValidationError(_("Cơ quan “%(agency)s” chưa có mã định danh điện tử (Quyết định 20/2020/QĐ-TTg); "
                                "không kiểm tra được gói tin có gửi đến cơ quan hay không.") % {"agency": agency.name})
    try:
        package = edxml.parse(data)
    except edxml.EdxmlError as exc:
        raise ValidationError(str(exc)) from None
    if not edxml.addressed_to(package, agency.electronic_id):
        raise ValidationError(_("Gói tin gửi đến %(recipients)s, không phải đến cơ quan “%(agency)s” (mã định danh "
                                "%(code)s).") % {"recipients": ", ".join(p.organ_id for p in package.recipients),
                                                  "agency": agency.name, "code": agency.electronic_id})
    fields = {
        "role": ReferenceRole.REQUEST, "kind": (package.type_name or _("Công văn"))[:60],
        "number": package.number_text[:60], "date": package.promulgation_date,
        "issuer": (package.sender.organ_name or package.sender.organ_id)[:200], "summary": package.subject[:500],
    }
    if ReportReference.objects.filter(agency=agency, year=year, role=fields["role"], kind=fields["kind"],
                                      number=fields["number"], issuer=fields["issuer"]).exists():
        raise ValidationError(_("Văn bản đến %(number)s của %(issuer)s đã được ghi vào báo cáo năm %(year)s.")
                              % {"number": fields["number"], "issuer": fields["issuer"], "year": year})
    return fields


def request_import(*, actor: User, agency: Agency, year: int, data: bytes) -> ReportReference:
    """Records the package ``data`` as the received request of ``agency``'s report of ``year`` (see the module's
    docstring), through ``report_request_receive``: also before the report is opened, as the request comes first.
    Only the agency's secretariat, who records the report's references by hand, may; it is asked before the file
    is read."""
    if Role.SECRETARIAT not in roles_here(actor, agency):
        raise PermissionDenied(_("Chỉ thường trực thi đua – khen thưởng của cơ quan mới được làm việc này."))
    fields = package_fields(agency=agency, year=year, data=data)
    fields.pop("role")
    return report_services.report_request_receive(actor=actor, agency=agency, year=year, **fields)
