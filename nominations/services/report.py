"""Every write of the annual report (báo cáo tổng kết công tác thi đua, khen thưởng; domain §7;
design §3 flow 5): the year-end report Sở Nội vụ asks of every agency (in the seed, Công văn
1273/SNV-TĐKT of 04/6/2021 and 122/BTĐKT-THHC of 05/10/2023), a Báo cáo under Nghị định 30/2020/NĐ-CP.

The secretariat opens the year's report (one section per unit); each unit head writes and sends
the unit's section; the secretariat compiles the report from the sections and the data (and may
send a section back with a reason); the chief signs the numbered Báo cáo, or a deputy signs "KT."
when the chief delegated the step, or returns it to the secretariat; Sở Nội vụ acknowledges it or
returns it. A signed report never changes: after a return from Sở Nội vụ the secretariat compiles
a new document, which takes a new number.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from accounts.models import Agency, User
from accounts.roles import Role
from accounts.selectors import roles_here
from workflow.audit import Action, audit_record, register_action
from workflow.documents.models import DocumentStatus, DocumentType
from workflow.documents.services import document_create, document_sign, document_update
from workflow.history import history_save as _save

from ..documents import issuer_unit_code, report_document_data, report_summary
from ..models import (
    REPORT_PROSE_FIELDS,
    SECTION_PROSE_FIELDS,
    AnnualReport,
    Movement,
    ReferenceRole,
    ReportReference,
    ReportSection,
    ReportStatus,
)
from ..selectors.report import REPORT_TEMPLATE, units_reporting
from .signing import return_reason_clean

REPORT_COMPILED = register_action("report.compiled", _l("Tổng hợp báo cáo tổng kết thi đua, khen thưởng"))
SECTION_SUBMITTED = register_action("report.section_submitted", _l("Đơn vị gửi phần báo cáo tổng kết"))
REFERENCE_REMOVED = register_action("report.reference_removed", _l("Bỏ văn bản dẫn trong báo cáo tổng kết"))

COMPILABLE = (ReportStatus.COMPILING, ReportStatus.CHIEF_RETURNED, ReportStatus.HOME_AFFAIRS_RETURNED,
              ReportStatus.COMPILED)


def _require_secretariat(actor: User, agency: Agency) -> None:
    if Role.SECRETARIAT not in roles_here(actor, agency):
        raise PermissionDenied(_("Chỉ thường trực thi đua – khen thưởng của cơ quan mới được làm việc này."))


def _require_unit_head(actor: User, section: ReportSection) -> None:
    if Role.UNIT_HEAD not in roles_here(actor, section.unit):
        raise PermissionDenied(_("Chỉ trưởng đơn vị mới được viết và gửi phần báo cáo của đơn vị."))


def _locked(report: AnnualReport) -> AnnualReport:
    return AnnualReport.objects.select_for_update(of=("self",)).select_related("agency", "document").get(pk=report.pk)


def _clean_text(fields: dict, allowed: tuple[str, ...]) -> dict[str, str]:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValidationError(_("Trường không hợp lệ: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    return {name: "\n".join(line.rstrip() for line in str(value or "").strip().splitlines())
            for name, value in fields.items()}


@transaction.atomic
def annual_report_open(*, actor: User, agency: Agency, year: int) -> AnnualReport:
    """The secretariat opens the agency's report of ``year``: one section per unit with a head."""
    _require_secretariat(actor, agency)
    today = timezone.localdate()
    if not 2000 <= year <= today.year + 1:
        raise ValidationError({"year": _("Năm báo cáo không hợp lệ.")})
    Agency.objects.select_for_update().get(pk=agency.pk)
    if AnnualReport.objects.filter(agency=agency, year=year).exists():
        raise ValidationError(_("Cơ quan đã có báo cáo tổng kết năm %(year)s.") % {"year": year})
    units = units_reporting(agency)
    if not units:
        raise ValidationError(_("Cơ quan chưa có đơn vị nào có trưởng đơn vị để viết báo cáo."))
    report = AnnualReport(agency=agency, year=year, created_by=actor)
    _save(report, actor)
    for unit, _head in units:
        _save(ReportSection(report=report, unit=unit), actor)
    audit_record(actor=actor, action=Action.CREATED, obj=report,
                 changes={"year": year, "sections": [unit.code for unit, _head in units]})
    return report


def _section_editable(section: ReportSection, report: AnnualReport) -> None:
    if report.status == ReportStatus.WRITING and section.submitted_at is None:
        return
    if report.status == ReportStatus.SECTION_RETURNED and report.returned_section_id == section.pk:
        return
    raise ValidationError(_("Phần báo cáo của đơn vị đã gửi hoặc báo cáo đã được tổng hợp, không sửa được."))


@transaction.atomic
def report_section_save(*, actor: User, section: ReportSection, fields: dict) -> ReportSection:
    """The unit head writes the unit's section (a draft until sent)."""
    _require_unit_head(actor, section)
    report = _locked(section.report)
    section = ReportSection.objects.select_for_update().select_related("unit").get(pk=section.pk)
    _section_editable(section, report)
    values = _clean_text(fields, SECTION_PROSE_FIELDS)
    changed = {name: True for name, value in values.items() if getattr(section, name) != value}
    for name, value in values.items():
        setattr(section, name, value)
    _save(section, actor)
    if changed:
        audit_record(actor=actor, action=Action.UPDATED, obj=section, agency=report.agency,
                     changes={"fields": sorted(changed)})
    return section


@transaction.atomic
def report_section_submit(*, actor: User, section: ReportSection, fields: dict | None = None) -> ReportSection:
    """The unit head sends the section; a section the secretariat returned goes back to compilation."""
    if fields is not None:
        section = report_section_save(actor=actor, section=section, fields=fields)
    _require_unit_head(actor, section)
    report = _locked(section.report)
    section = ReportSection.objects.select_for_update().select_related("unit").get(pk=section.pk)
    _section_editable(section, report)
    if not any(getattr(section, name).strip() for name in SECTION_PROSE_FIELDS):
        raise ValidationError(_("Phần báo cáo của đơn vị còn trống; hãy viết ít nhất một mục trước khi gửi."))
    section.submitted_at = timezone.now()
    section.submitted_by = actor
    section.return_reason = ""
    section.sent_copy = {**{name: getattr(section, name) for name in SECTION_PROSE_FIELDS},
                         "submitted_at": section.submitted_at.isoformat(), "submitted_by": actor.full_name}
    _save(section, actor)
    if report.returned_section_id == section.pk:
        report.returned_section = None
        report.status = ReportStatus.COMPILING
        _save(report, actor)
    elif not report.sections.filter(submitted_at__isnull=True).exists():
        report.status = ReportStatus.COMPILING
        _save(report, actor)
    audit_record(actor=actor, action=SECTION_SUBMITTED, obj=section, agency=report.agency,
                 changes={"unit": section.unit.code})
    return section


@transaction.atomic
def annual_report_return_section(*, actor: User, report: AnnualReport, section: ReportSection,
                                 reason: str) -> AnnualReport:
    """The secretariat sends one section back to its unit head, with the reason."""
    _require_secretariat(actor, report.agency)
    report = _locked(report)
    if report.status not in COMPILABLE or report.is_signed:
        raise ValidationError(_("Báo cáo không ở bước tổng hợp, không trả lại phần của đơn vị được."))
    section = ReportSection.objects.select_for_update().filter(report=report, pk=section.pk).first()
    if section is None:
        raise ValidationError(_("Phần báo cáo không thuộc báo cáo này."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Trả lại thì phải ghi rõ lý do.")})
    section.return_reason = reason
    section.submitted_at = None
    _save(section, actor)
    report.status = ReportStatus.SECTION_RETURNED
    report.returned_section = section
    report.reason = reason
    _save(report, actor)
    audit_record(actor=actor, action=Action.RETURNED, obj=section, agency=report.agency, reason=reason,
                 changes={"unit": section.unit.code})
    return report


@transaction.atomic
def annual_report_compile(*, actor: User, report: AnnualReport, prose: dict, finish: bool = True) -> AnnualReport:
    """The secretariat saves the report's prose and makes the draft Báo cáo from it and from the data.

    ``finish``: the report goes to the chief; otherwise only the draft is refreshed (the DỰ THẢO preview).
    """
    _require_secretariat(actor, report.agency)
    report = _locked(report)
    if report.status not in COMPILABLE:
        raise ValidationError(_("Báo cáo không ở bước tổng hợp."))
    values = _clean_text(prose, REPORT_PROSE_FIELDS)
    for name, value in values.items():
        setattr(report, name, value)
    report.full_clean()
    data = report_document_data(report)
    summary = report_summary(report.year)
    document = report.document
    if document is not None and document.status == DocumentStatus.DRAFT:
        document = document_update(actor=actor, document=document, summary=summary, data=data)
    else:
        document = document_create(actor=actor, agency=report.agency, template_key=REPORT_TEMPLATE,
                                   summary=summary, data=data, doc_type=DocumentType.BAO_CAO,
                                   issuer_unit_code=issuer_unit_code(report.agency, actor))
    report.document = document
    if finish:
        report.status = ReportStatus.COMPILED
        report.compiled_at = timezone.now()
    _save(report, actor)
    audit_record(actor=actor, action=REPORT_COMPILED if finish else Action.UPDATED, obj=report,
                 changes={"document": document.pk, "finished": finish})
    return report


def _require_signer(actor: User, report: AnnualReport) -> None:
    if not roles_here(actor, report.agency) & {Role.CHIEF, Role.DEPUTY_CHIEF}:
        raise PermissionDenied(_("Chỉ %(head)s hoặc %(deputy)s mới được ký báo cáo.") % {
            "head": report.agency.head_title, "deputy": report.agency.deputy_title})


def _signable(actor: User, report: AnnualReport) -> AnnualReport:
    report = _locked(report)
    _require_signer(actor, report)
    if report.status != ReportStatus.COMPILED or report.document is None:
        raise ValidationError(_("Báo cáo chưa được tổng hợp để trình ký."))
    return report


@transaction.atomic
def annual_report_sign(*, actor: User, report: AnnualReport) -> AnnualReport:
    """The chief approves and signs the Báo cáo the secretariat compiled (a deputy acting by delegation signs
    "KT.", Nghị định 30/2020/NĐ-CP, Điều 13); the number and the PDF follow, and it goes to Sở Nội vụ."""
    report = _signable(actor, report)
    document_sign(actor=actor, document=report.document)
    report.status = ReportStatus.SENT
    report.reason = ""
    _save(report, actor)
    audit_record(actor=actor, action=Action.SENT, obj=report, changes={"document": report.document_id})
    return report


@transaction.atomic
def annual_report_return(*, actor: User, report: AnnualReport, reason: str) -> AnnualReport:
    """The signer does not sign: the report goes back to the secretariat with the reason
    (``AnnualReportFlow.signed`` leads back to ``compile``). Its draft stays a draft, without a number, and is
    rewritten when the secretariat compiles again."""
    report = _signable(actor, report)
    reason = return_reason_clean(reason)
    report.status = ReportStatus.CHIEF_RETURNED
    report.reason = reason
    _save(report, actor)
    audit_record(actor=actor, action=Action.RETURNED, obj=report, reason=reason,
                 changes={"status": [ReportStatus.COMPILED, ReportStatus.CHIEF_RETURNED]})
    return report


@transaction.atomic
def annual_report_home_affairs_decide(*, actor: User, report: AnnualReport, acknowledge: bool,
                                      reason: str = "") -> AnnualReport:
    """Sở Nội vụ acknowledges the report, or returns it with the reason for the agency to redo."""
    if Role.HOME_AFFAIRS not in roles_here(actor, report.agency.province):
        raise PermissionDenied(_("Chỉ cán bộ Sở Nội vụ mới được tiếp nhận báo cáo của cơ quan."))
    report = _locked(report)
    if report.status != ReportStatus.SENT:
        raise ValidationError(_("Báo cáo không ở trạng thái chờ Sở Nội vụ tiếp nhận."))
    if report.document.status != DocumentStatus.READY:
        raise ValidationError(_("Báo cáo chưa được cấp số và phát hành xong; vui lòng thử lại sau."))
    reason = (reason or "").strip()
    if not acknowledge and not reason:
        raise ValidationError({"reason": _("Trả lại thì phải ghi rõ lý do.")})
    report.status = ReportStatus.ACKNOWLEDGED if acknowledge else ReportStatus.HOME_AFFAIRS_RETURNED
    report.reason = reason
    _save(report, actor)
    audit_record(actor=actor, action=Action.ACKNOWLEDGED if acknowledge else Action.HOME_AFFAIRS_RETURNED,
                 obj=report, reason=reason, changes={"status": [ReportStatus.SENT, report.status]})
    return report



def _references_editable(report: AnnualReport) -> None:
    if report.is_signed:
        raise ValidationError(_("Báo cáo đã ký; không sửa các văn bản dẫn trong báo cáo được."))


@transaction.atomic
def report_reference_add(*, actor: User, report: AnnualReport, role: str, kind: str, summary: str = "",
                         number: str = "", date=None, issuer: str = "", movement: Movement | None = None,
                         position: int = 0) -> ReportReference:
    """The secretariat records a document the report cites: the request it answers (a received document), a text
    implemented, the agency's own guidance, or its document launching the year's emulation (II.1 c)."""
    _require_secretariat(actor, report.agency)
    report = _locked(report)
    _references_editable(report)
    reference = ReportReference(agency=report.agency, year=report.year, role=role, kind=(kind or "").strip(),
                                number=(number or "").strip(), date=date, issuer=(issuer or "").strip(),
                                summary=(summary or "").strip(), movement=movement, position=position)
    _save(reference, actor)
    audit_record(actor=actor, action=Action.CREATED, obj=reference, agency=report.agency,
                 changes={"report": report.pk, "role": role, "citation": reference.citation})
    return reference


@transaction.atomic
def report_request_receive(*, actor: User, agency: Agency, year: int, kind: str, number: str, date, issuer: str,
                           summary: str = "") -> ReportReference:
    """A received request for the year's report (văn bản đến: Sở Nội vụ's Công văn asking the agency for its report
    on emulation and commendation) recorded as the report's reference of role "request", as the secretariat records
    it on the report's page — also before the secretariat has opened the year's report, since the request usually
    comes first (references are the agency's and the year's; the report shows them once opened). A signed report
    takes none. The e-office system registers it over the API (issue 22), as the agency's secretariat."""
    _require_secretariat(actor, agency)
    report = AnnualReport.objects.filter(agency=agency, year=year).first()
    if report is not None:
        report = _locked(report)
        _references_editable(report)
    number, issuer, kind = (number or "").strip(), (issuer or "").strip(), (kind or "").strip()
    if not (number and issuer and date):
        raise ValidationError(_("Văn bản đến cần có số, ký hiệu, ngày ban hành và cơ quan ban hành."))
    if ReportReference.objects.filter(agency=agency, year=year, role=ReferenceRole.REQUEST, kind=kind, number=number,
                                      issuer=issuer).exists():
        raise ValidationError(_("Văn bản đến %(number)s của %(issuer)s đã được ghi vào báo cáo năm %(year)s.")
                              % {"number": number, "issuer": issuer, "year": year})
    reference = ReportReference(agency=agency, year=year, role=ReferenceRole.REQUEST, kind=kind, number=number,
                                date=date, issuer=issuer, summary=(summary or "").strip())
    _save(reference, actor)
    audit_record(actor=actor, action=Action.CREATED, obj=reference, agency=agency,
                 changes={"report": report.pk if report else None, "role": ReferenceRole.REQUEST,
                          "citation": reference.citation})
    return reference


@transaction.atomic
def report_reference_remove(*, actor: User, report: AnnualReport, reference: ReportReference) -> None:
    """The secretariat removes a document from the report's references (its history keeps it)."""
    _require_secretariat(actor, report.agency)
    report = _locked(report)
    _references_editable(report)
    reference = ReportReference.objects.select_for_update().filter(pk=reference.pk, agency=report.agency,
                                                                   year=report.year).first()
    if reference is None:
        raise ValidationError(_("Văn bản không thuộc báo cáo này."))
    audit_record(actor=actor, action=REFERENCE_REMOVED, obj=report, agency=report.agency,
                 changes={"reference": reference.pk, "citation": reference.citation})
    reference._history_user = actor
    reference.delete()
