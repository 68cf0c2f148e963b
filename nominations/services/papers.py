"""The báo cáo thành tích of a line: written by the unit or the nominee, confirmed by the unit head,
then rendered to a PDF that becomes the line's file of kind "report" (NĐ 152/2025, Điều 33(9): the
report follows the form of the decree's Phụ lục; docs/legal-basis.md §7).

The PDF is not made on the flow's path (issue 23, branch f/pdf). The head's confirmation freezes what
the paper prints — the template's whole context, the commendations on record and the confirmer's name
included — into ``AchievementReport.content`` and queues the rendering after commit (Celery; right after
commit, in the same process, without a broker). The worker renders that frozen content outside any
lock, then locks the dossier and the report and attaches the PDF only if this confirmation still stands
and has no file yet, so a job delivered twice attaches once. A rendering that fails is recorded
(``pdf_error``) and the head may queue it again (``achievement_report_pdf_retry``). The gates still
require the file; ``dossier_submit`` renders, inside its own transaction, any PDF no worker has made yet
(``report_pdfs_complete``), and refuses the submission if one cannot be rendered. A job whose message
was lost (a broker restart, a publish refused after commit) is queued again by the engine's periodic sweep
(``achievement_reports_requeue_stale``, registered with ``workflow.sweep``).
"""
from __future__ import annotations

import datetime as dt
import logging
import unicodedata

from celery import shared_task
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import roles_here
from workflow.audit import audit_record
from workflow.audit.models import AuditEvent
from workflow.documents import rendering
from workflow.history import full_clean
from workflow.history import history_save as _save
from workflow.templatetags.vietnamese_dates import place_and_date, vietnamese_date

from ..audit import REPORT_CONFIRMED, REPORT_PDF_REQUEUED, REPORT_PDF_RETRIED, REPORT_WRITTEN
from ..documents.base import award_phrase
from ..models import (
    AchievementReport,
    AttachmentKind,
    AwardKind,
    Discipline,
    Dossier,
    Initiative,
    Line,
    PastAward,
    PersonYearRecord,
    UnitYearRecord,
)
from ..models.dossiers import EDITABLE_STATUSES
from .attachments import attachment_store, require_unit_head

logger = logging.getLogger(__name__)

TEMPLATE = "documents/bao_cao_thanh_tich.html"
TEXT_FIELDS = ("gender", "hometown", "residence", "position", "qualification", "political_theory", "situation",
               "duties", "achievements", "initiatives", "discipline")
FIELDS = ("born_on", *TEXT_FIELDS)


def may_write_report(user: User, line: Line) -> bool:
    """The unit head of the line's dossier, or the nominee of a person's line."""
    if not (user.is_authenticated and user.is_active):
        return False
    return (line.person_id is not None and line.person_id == user.pk) or (
        Role.UNIT_HEAD in roles_here(user, line.dossier.unit))


def _locked(line: Line) -> tuple[Line, Dossier]:
    dossier = Dossier.objects.select_for_update(of=("self",)).select_related("cycle__agency", "unit").get(
        pk=line.dossier_id)
    line = Line.objects.select_related("person__unit", "unit", "award", "cycle").get(pk=line.pk)
    return line, dossier


def _require_editable(dossier: Dossier) -> None:
    if not dossier.editable:
        raise ValidationError(_("Hồ sơ đã nộp: không sửa, xác nhận được báo cáo thành tích (chỉ khi đang soạn hoặc "
                                "bị trả lại)."))


def report_prefill(line: Line) -> dict:
    """What the system already knows, as the form's first values (the unit reads and completes it)."""
    year = line.cycle.year
    if line.person_id:
        person = line.person
        initiatives = (Initiative.objects.filter(authors=person, decision_date__year__lte=year,
                                                 decision_date__year__gte=year - 5).order_by("decision_date", "pk"))
        disciplines = Discipline.objects.filter(person=person, year__gte=year - 5).order_by("year", "pk")
        rating = PersonYearRecord.objects.filter(person=person, year=year).first()
        return {
            "position": ", ".join(p for p in (person.position_title, person.unit.name if person.unit_id else "") if p),
            "duties": "",
            "achievements": "\n".join(p for p in (
                line.report_text or line.achievements,
                _("Kết quả đánh giá, xếp loại năm %(year)s: %(rating)s.") % {
                    "year": year, "rating": rating.get_rating_display().lower()} if rating else "") if p),
            "initiatives": "\n".join(_initiative_text(i) for i in initiatives),
            "discipline": "\n".join(
                f"{d.get_level_display()} ({d.year}{', ' + d.decision_number if d.decision_number else ''})"
                for d in disciplines) or _("Không"),
        }
    unit = line.unit
    rating = UnitYearRecord.objects.filter(unit=unit, year=year).first()
    members = unit.members.filter(is_active=True).count()
    return {
        "situation": _("%(unit)s là đơn vị thuộc %(agency)s, có %(members)s người.") % {
            "unit": unit.name, "agency": line.cycle.agency.name, "members": members},
        "achievements": "\n".join(p for p in (
            line.report_text or line.achievements,
            _("Kết quả đánh giá, xếp loại năm %(year)s: %(rating)s.") % {
                "year": year, "rating": rating.get_rating_display().lower()} if rating else "") if p),
    }


def _initiative_text(initiative: Initiative) -> str:
    recognition = (_("Quyết định số %(number)s ngày %(date)s%(issuer)s") % {
        "number": initiative.decision_number, "date": initiative.decision_date.strftime("%d/%m/%Y"),
        "issuer": f" của {initiative.issuer}" if initiative.issuer else ""}
        if initiative.decision_number else _("chưa có quyết định công nhận"))
    return f"{initiative.title} ({initiative.get_scope_display().lower()}; {recognition})"


@transaction.atomic
def achievement_report_save(*, actor: User, line: Line, **values) -> AchievementReport:
    """Write or change the line's báo cáo thành tích; a confirmed one loses its confirmation and its PDF
    (the head confirms the new text)."""
    line, dossier = _locked(line)
    line.dossier = dossier
    if not may_write_report(actor, line):
        raise PermissionDenied(_("Chỉ trưởng đơn vị hoặc người được đề nghị mới được lập báo cáo thành tích."))
    _require_editable(dossier)
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValidationError(_("Trường không hợp lệ: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    report = AchievementReport.objects.select_for_update().filter(line=line).first() or AchievementReport(line=line)
    before = {name: str(getattr(report, name) or "") for name in FIELDS} if report.pk else {}
    for name, value in values.items():
        setattr(report, name, unicodedata.normalize("NFC", (value or "").strip()) if name in TEXT_FIELDS else value)
    was_confirmed = report.confirmed_at is not None
    old_file = report.attachment
    report.written_by, report.written_at = actor, timezone.now()
    report.confirmed_by = report.confirmed_at = report.attachment = None
    report.content, report.pdf_error = {}, ""  # what a confirmation froze goes with it
    full_clean(report, exclude={"line", "attachment"})
    _save(report, actor)
    if old_file is not None:
        old_file._history_user = actor
        name, storage = old_file.file.name, old_file.file.storage
        old_file.delete()
        transaction.on_commit(lambda: storage.delete(name))
    changes = {name: [before.get(name, ""), str(getattr(report, name) or "")] for name in FIELDS
               if before.get(name, "") != str(getattr(report, name) or "")}
    if was_confirmed:
        changes["confirmed"] = [True, False]
    audit_record(actor=actor, action=REPORT_WRITTEN, obj=report, agency=dossier.cycle.agency, changes=changes)
    return report


def report_data(report: AchievementReport, *, confirmer: User | None) -> dict:
    """The data the template prints: the form's fields, the commendations on record, who confirms."""
    line = report.line
    target = {"person": line.person} if line.person_id else {"unit": line.unit}
    held = (PastAward.objects.standing().filter(**target).filter(year__lt=line.cycle.year + 1)
            .select_related("award").order_by("year", "pk"))
    titles = [a for a in held if a.award.kind == AwardKind.TITLE]
    forms = [a for a in held if a.award.kind != AwardKind.TITLE]

    def row(award: PastAward) -> dict:
        decision = _("Quyết định số %(number)s") % {"number": award.decision_number}
        if award.decision_date:
            decision += _(" ngày %(date)s") % {"date": award.decision_date.strftime("%d/%m/%Y")}
        return {"year": award.year, "title": award.printed_title or award.award.name,
                "decision": f"{decision} của {award.issuer}" if award.issuer else decision}

    paragraphs = lambda text: [p.strip() for p in (text or "").splitlines() if p.strip()]  # noqa: E731
    unit = line.dossier.unit
    data = {
        "subject": "person" if line.person_id else "collective",
        "proposed_award": line.award.name, "award_phrase": award_phrase(line.award), "year": line.cycle.year,
        "unit_name": unit.name,
        "situation": paragraphs(report.situation), "duties": paragraphs(report.duties),
        "achievements": paragraphs(report.achievements),
        "initiatives": paragraphs(report.initiatives), "discipline": paragraphs(report.discipline),
        "titles_held": [row(a) for a in titles], "forms_held": [row(a) for a in forms],
        "confirmation": {"title": _head_title(unit), "name": confirmer.full_name if confirmer else ""},
    }
    if line.person_id:
        data["person"] = {
            "name": line.person.full_name, "born_on": report.born_on.strftime("%d/%m/%Y") if report.born_on else "",
            "gender": report.gender, "hometown": report.hometown, "residence": report.residence,
            "position": report.position, "unit": unit.name, "qualification": report.qualification,
            "political_theory": report.political_theory,
        }
    else:
        data["collective"] = {"name": unit.name, "members": unit.members.filter(is_active=True).count(),
                              "leader": confirmer.full_name if confirmer else ""}
    return data


def _head_title(unit) -> str:
    return _("Trưởng %(unit)s") % {"unit": unit.name[:1].lower() + unit.name[1:]}


def report_context(report: AchievementReport, *, confirmer: User | None, when) -> dict:
    """Template context for ``documents/bao_cao_thanh_tich.html``: a paper of the dossier, not a numbered
    document of the agency (no number, no Nơi nhận); headed by the unit under its agency."""
    line = report.line
    agency, unit = line.cycle.agency, line.dossier.unit
    local = timezone.localtime(when) if when else None
    data = report_data(report, confirmer=confirmer)
    return {
        "doc": {
            "parent_name": f"{agency.short_name} {agency.parent_name}",
            "issuer_name": unit.name, "numbered": False, "number_text": "", "vv": "",
            "place_date": place_and_date(local, agency.place_name) if local else f"{agency.place_name}, ngày … tháng … "
                                                                                  f"năm {line.cycle.year}",
            "signed_date": vietnamese_date(local) if local else "",
            "type_name": "BÁO CÁO THÀNH TÍCH",
            "summary": [f"Đề nghị tặng {data['award_phrase']} năm {line.cycle.year}"],
            "kinh_gui": [], "noi_nhan": [], "archive": "",
            "signature_lines": [data["confirmation"]["title"].upper()],
            "signer_name": confirmer.full_name if confirmer else "",
            "draft": local is None, "audit_head": "",
        },
        "data": data,
    }


def report_pdf(report: AchievementReport, *, confirmer: User | None = None, when=None) -> bytes:
    return rendering.render_pdf(TEMPLATE, report_context(report, confirmer=confirmer, when=when)).pdf


def report_filename(line: Line) -> str:
    return f"bao-cao-thanh-tich-{slugify(line.nominee_name) or line.pk}-{slugify(line.award.code)}.pdf"


@transaction.atomic
def achievement_report_confirm(*, actor: User, line: Line) -> AchievementReport:
    """The unit head confirms the line's báo cáo thành tích: what it prints is frozen now and its PDF is
    rendered and attached to the line by a worker after commit (see the module)."""
    line, dossier = _locked(line)
    line.dossier = dossier
    require_unit_head(actor, dossier.unit)
    _require_editable(dossier)
    report = AchievementReport.objects.select_for_update().filter(line=line).first()
    if report is None:
        raise ValidationError(_("Dòng đề nghị chưa có báo cáo thành tích."))
    if report.confirmed:
        raise ValidationError(_("Báo cáo thành tích đã được xác nhận."))
    report.line = line
    full_clean(report, exclude={"line", "attachment", "content"})
    now = timezone.now()
    report.confirmed_by, report.confirmed_at = actor, now
    report.content = report_context(report, confirmer=actor, when=now)
    report.pdf_error = ""
    _save(report, actor)
    audit_record(actor=actor, action=REPORT_CONFIRMED, obj=report, agency=dossier.cycle.agency,
                 changes={"confirmed": [False, True]})
    _queue_pdf(report.pk)
    return report


def _queue_pdf(report_id: int) -> None:
    """Queue the rendering once the confirmation is committed. ``robust``: a broker refusing the message must
    not turn a done confirmation into an error page; the head then sees the PDF pending, and the submission
    renders it (``report_pdfs_complete``)."""
    transaction.on_commit(lambda: achievement_report_pdf_task.delay(report_id), robust=True)


@shared_task(name="nominations.achievement_report_pdf", acks_late=True, reject_on_worker_lost=True)
def achievement_report_pdf_task(report_id: int) -> str:
    """Render and attach one confirmed report's PDF (a Celery worker; inline without a broker). Re-delivery
    (``acks_late``, ``reject_on_worker_lost``) is safe: ``achievement_report_pdf_make`` attaches once and leaves
    a report with its file as it is. Defined here, beside the service that queues it, so that the task module
    (``nominations.tasks``, which the worker discovers) imports this one and not the other way round."""
    report = achievement_report_pdf_make(report_id=report_id)
    if report is None:
        return "gone"
    return "attached" if report.attachment_id else ("failed" if report.pdf_error else "waiting")


def _render(report: AchievementReport) -> bytes:
    """The PDF of what the head confirmed (a report confirmed before the content was frozen: as it is now)."""
    context = report.content or report_context(report, confirmer=report.confirmed_by, when=report.confirmed_at)
    return rendering.render_pdf(TEMPLATE, context).pdf


def _attach(*, report: AchievementReport, dossier: Dossier, pdf: bytes) -> AchievementReport:
    """Attach the PDF to the locked report's line, for the head who confirmed it (the system finishes their act)."""
    line = report.line
    attachment = attachment_store(actor=report.confirmed_by, dossier=dossier, kind=AttachmentKind.REPORT,
                                  filename=report_filename(line), content=pdf, line=line)
    report.attachment, report.pdf_error = attachment, ""
    _save(report, report.confirmed_by)
    return report


def _locked_report(report_id: int) -> tuple[AchievementReport | None, Dossier | None]:
    """The report and its dossier, locked in the confirmation's order: the dossier's row, then the report's."""
    dossier_id = AchievementReport.objects.filter(pk=report_id).values_list("line__dossier_id", flat=True).first()
    if dossier_id is None:
        return None, None
    dossier = Dossier.objects.select_for_update(of=("self",)).select_related("cycle__agency", "unit").get(
        pk=dossier_id)
    report = (AchievementReport.objects.select_for_update(of=("self",))
              .select_related("line__award", "line__person", "line__unit", "confirmed_by")
              .filter(pk=report_id).first())
    return report, dossier


def achievement_report_pdf_make(*, report_id: int) -> AchievementReport | None:
    """The worker's side: render the confirmed report's frozen content and attach it, once.

    Rendered outside any transaction (no lock held for WeasyPrint's time); attached only if the
    confirmation rendered is still the report's and it has no file yet — another delivery of the job, a
    submission that rendered it, a change to the report (which takes the confirmation away) each leave it
    as it is. A failure is recorded on the report for the head, who may queue it again.
    """
    report = (AchievementReport.objects.select_related("line__award", "line__person", "line__unit", "line__cycle",
                                                       "line__dossier__unit", "line__cycle__agency", "confirmed_by")
              .filter(pk=report_id).first())
    if report is None or report.confirmed_at is None or report.attachment_id is not None:
        return report
    confirmed_at = report.confirmed_at
    try:
        pdf = _render(report)
    except Exception:  # noqa: BLE001 - the head sees a plain failure and a retry button, the log keeps the trace
        logger.exception("Rendering the achievement report %s failed", report_id)
        with transaction.atomic():
            report, _dossier = _locked_report(report_id)
            if report is not None and report.confirmed_at == confirmed_at and report.attachment_id is None:
                report.pdf_error = _("Không tạo được tệp PDF của báo cáo thành tích. Bấm “Tạo lại tệp PDF”; nếu vẫn "
                                     "lỗi, báo quản trị hệ thống.")
                _save(report, report.confirmed_by)
        return report
    with transaction.atomic():
        report, dossier = _locked_report(report_id)
        if report is None or report.confirmed_at != confirmed_at or report.attachment_id is not None:
            return report
        return _attach(report=report, dossier=dossier, pdf=pdf)


@transaction.atomic
def achievement_report_pdf_retry(*, actor: User, line: Line) -> AchievementReport:
    """The unit head queues again the PDF of a confirmed report that has none (its rendering failed)."""
    line, dossier = _locked(line)
    require_unit_head(actor, dossier.unit)
    _require_editable(dossier)
    report = AchievementReport.objects.select_for_update().filter(line=line).first()
    if report is None or not report.confirmed:
        raise ValidationError(_("Báo cáo thành tích chưa được xác nhận."))
    if report.attachment_id is not None:
        raise ValidationError(_("Báo cáo thành tích đã có tệp PDF."))
    error, report.pdf_error = report.pdf_error, ""
    _save(report, actor)
    audit_record(actor=actor, action=REPORT_PDF_RETRIED, obj=report, agency=dossier.cycle.agency,
                 changes={"error": error})
    _queue_pdf(report.pk)
    return report


def achievement_reports_requeue_stale(*, now: dt.datetime, older_than: dt.timedelta) -> list[int]:
    """Queue again the PDF of confirmed reports still without a file ``older_than`` after they were
    confirmed or last queued (by the head's retry or by this sweep): their message was lost — a broker
    restart, a publish refused after commit (``_queue_pdf`` is robust), a worker killed with no redelivery.
    The system acts; one audit event each (``REPORT_PDF_REQUEUED``), which also dates the queueing, so a
    report waits ``older_than`` again before the next sweep touches it (no migration: the log already
    holds the moment).

    Only reports of dossiers still with their unit (draft or returned): the submission renders every
    missing PDF itself (``report_pdfs_complete``), so none is pending past it. A recorded failure
    (``pdf_error``) is left to the head's "Tạo lại tệp PDF": rendering it again unasked would fail again.
    Queueing twice is harmless: the worker attaches only to a report without a file, once.

    One query finds them (the stale ones are few); each is then locked with ``SKIP LOCKED`` — a worker
    attaching it right now holds its row and is left alone (PostgreSQL; SQLite has no row locks).
    """
    cutoff = now - older_than
    report_type = ContentType.objects.get_for_model(AchievementReport)
    queued_since = AuditEvent.objects.filter(
        content_type=report_type, object_id=Cast(OuterRef("pk"), CharField()),
        action__in=(REPORT_PDF_RETRIED, REPORT_PDF_REQUEUED), created_at__gte=cutoff)
    stale = (AchievementReport.objects
             .filter(confirmed_at__lt=cutoff, attachment__isnull=True, pdf_error="",
                     line__dossier__status__in=EDITABLE_STATUSES)
             .exclude(Exists(queued_since)))
    requeued = []
    for pk in stale.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            report = (stale.select_for_update(of=("self",), skip_locked=True).filter(pk=pk)
                      .select_related("line__dossier__cycle__agency").first())
            if report is None:
                continue
            audit_record(actor=None, action=REPORT_PDF_REQUEUED, obj=report, agency=report.line.dossier.cycle.agency,
                         changes={"confirmed_at": report.confirmed_at.isoformat()})
            _queue_pdf(report.pk)
            requeued.append(report.pk)
    return requeued


def achievement_reports_sweep(*, now: dt.datetime) -> list[int]:
    """The award domain's part of ``workflow.sweep.sweep_stale`` (registered in ``NominationsConfig.ready``)."""
    return achievement_reports_requeue_stale(
        now=now, older_than=dt.timedelta(minutes=settings.NOMINATIONS_STALE_REPORT_PDF_MINUTES))


def report_pdfs_complete(*, dossier: Dossier) -> list[AchievementReport]:
    """Render now, in the caller's transaction (the dossier locked), every confirmed report of the dossier
    whose PDF no worker has made: the submission sends nothing without it. A rendering that fails refuses
    the caller's step, naming the line."""
    waiting = list(AchievementReport.objects.select_for_update(of=("self",))
                   .filter(line__dossier=dossier, confirmed_at__isnull=False, attachment__isnull=True)
                   .select_related("line__award", "line__person", "line__unit", "line__cycle", "confirmed_by")
                   .order_by("line__position", "pk"))
    for report in waiting:
        report.line.dossier = dossier
        try:
            pdf = _render(report)
        except Exception as error:
            logger.exception("Rendering the achievement report %s at submission failed", report.pk)
            raise ValidationError(_("Không tạo được tệp PDF của báo cáo thành tích: %(nominee)s — %(award)s. Vui "
                                    "lòng thử lại; nếu vẫn lỗi, báo quản trị hệ thống.") % {
                "nominee": report.line.nominee_name, "award": report.line.award.name}) from error
        _attach(report=report, dossier=dossier, pdf=pdf)
    return waiting
