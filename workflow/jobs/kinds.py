"""The engine's own kinds of job: the people/units workbook in and out, and the audit log out.

Registered from ``WorkflowConfig.ready``. Every runner reads with the owner's scope, as the
page they started it from would: a unit head's export holds only their unit's people.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import spreadsheets
from accounts.models import Unit, User
from accounts.selectors import people_in_scope, units_in_scope
from workflow.audit.export import _row, headers
from workflow.audit.forms import EventSearchForm
from workflow.audit.selectors import audited_agencies, events_for_user, is_auditor

from ..exports import Column, dated_filename, xlsx_bytes
from .registry import JobFailed, JobOutcome, register_job_kind

PEOPLE_IMPORT = "people_import"
PEOPLE_EXPORT = "people_export"
AUDIT_EXPORT = "audit_export"
IMPORT_PERMS = ("accounts.add_user", "accounts.change_user", "accounts.add_unit", "accounts.change_unit")


def may_import_people(user: User) -> bool:
    return user.is_authenticated and user.is_active and all(user.has_perm(p) for p in IMPORT_PERMS)


def people_scope(user: User):
    """The administrator sees everybody; anyone else the units and people of their scope."""
    if user.has_perm("accounts.view_user") and user.has_perm("accounts.view_unit"):
        return Unit.objects.all(), User.objects.all()
    return Unit.objects.filter(pk__in=units_in_scope(user).values("pk")), people_in_scope(user)


def may_export_people(user: User) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.has_perm("accounts.view_user") or units_in_scope(user).exists()


def run_people_import(job, progress) -> JobOutcome:
    progress(10, _("Đang kiểm tra từng dòng"))
    with job.source.open("rb") as handle:
        content = handle.read()
    try:
        result = spreadsheets.import_workbook(actor=job.owner, content=content)
    except spreadsheets.ImportRejected as rejected:
        raise JobFailed(_("Không nhập dòng nào: tệp có %(n)d lỗi.") % {"n": len(rejected.errors)},
                        rejected.errors) from None
    return JobOutcome(message=_(
        "Đã nhập: %(uc)d đơn vị mới, %(uu)d đơn vị cập nhật, %(pc)d người mới, %(pu)d người cập nhật, "
        "%(same)d dòng không đổi."
    ) % {"uc": result.units_created, "uu": result.units_updated, "pc": result.people_created,
         "pu": result.people_updated, "same": result.unchanged})


def run_people_export(job, progress) -> JobOutcome:
    units, people = people_scope(job.owner)
    progress(20, _("Đang lập bảng tính"))
    content = spreadsheets.export_workbook(units=units, people=people)
    return JobOutcome(content=content, filename=dated_filename("nguoi-dung-don-vi"),
                      message=_("Đã xuất %(n)d người.") % {"n": people.count()})


def run_audit_export(job, progress) -> JobOutcome:

    form = EventSearchForm(job.params or None, agencies=audited_agencies(job.owner))
    if job.params and not form.is_valid():
        raise JobFailed(_("Điều kiện tìm kiếm không hợp lệ."), [str(e) for e in form.errors.values()])
    events = events_for_user(job.owner, form.to_filter())
    total = events.count() or 1
    columns = [Column(header=title, value=lambda row, i=index: row[i]) for index, title in enumerate(headers())]
    rows = (_row(event) for event in events.iterator(chunk_size=2000))
    content = xlsx_bytes(columns=columns, rows=rows, sheet_title=_("Nhật ký kiểm tra"),
                         progress=lambda done: progress(done * 95 // total, _("Đã ghi %(n)d dòng") % {"n": done}))
    return JobOutcome(content=content, filename=dated_filename("nhat-ky-kiem-tra"),
                      message=_("Đã xuất %(n)d sự kiện.") % {"n": events.count()})


def _may_export_audit(user: User) -> bool:

    return is_auditor(user)


def register() -> None:
    register_job_kind(PEOPLE_IMPORT, label=gettext_lazy("Nhập người dùng, đơn vị từ Excel"), run=run_people_import,
                      may_start=may_import_people)
    register_job_kind(PEOPLE_EXPORT, label=gettext_lazy("Xuất người dùng, đơn vị ra Excel"), run=run_people_export,
                      may_start=may_export_people)
    register_job_kind(AUDIT_EXPORT, label=gettext_lazy("Xuất nhật ký kiểm tra ra Excel"), run=run_audit_export,
                      may_start=_may_export_audit)
