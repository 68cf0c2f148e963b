"""The báo cáo thành tích of a line: written by the unit or the nominee, confirmed by the unit head,
then rendered to a PDF that becomes the line's file of kind "report" (NĐ 152/2025, Điều 33(9): the
report follows the form of the decree's Phụ lục; docs/legal-basis.md §7).

Rendering one report takes about 0.06 s once WeasyPrint is loaded (0.6 s the first time in a
process), so it is done inline when the head confirms: the file exists as soon as the confirmation
does, and the gates read only the confirmation and the file's row.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import roles_here
from workflow.audit import audit_record
from workflow.documents import rendering
from workflow.history import full_clean
from workflow.history import history_save as _save
from workflow.templatetags.vietnamese_dates import place_and_date, vietnamese_date

from ..audit import REPORT_CONFIRMED, REPORT_WRITTEN
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
from .dossiers import attachment_add, require_unit_head

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
    """The unit head confirms the line's báo cáo thành tích: it is rendered to PDF and attached to the line."""
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
    full_clean(report, exclude={"line", "attachment"})
    now = timezone.now()
    pdf = report_pdf(report, confirmer=actor, when=now)
    attachment = attachment_add(actor=actor, dossier=dossier, kind=AttachmentKind.REPORT,
                                filename=report_filename(line), content=pdf, line=line)
    report.confirmed_by, report.confirmed_at, report.attachment = actor, now, attachment
    _save(report, actor)
    audit_record(actor=actor, action=REPORT_CONFIRMED, obj=report, agency=dossier.cycle.agency,
                 changes={"confirmed": [False, True], "attachment": attachment.pk, "size": attachment.size})
    return report
