"""Every write of a unit's nomination dossier (design §3 flow 2; Luật Thi đua, khen thưởng 2022,
Điều 84): lines, files, submission, the secretariat's answer.

The flow (``flows/dossier.py``) moves the tasks; these functions change the data and refuse what
is not allowed, with a Vietnamese message, before anything is written.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Unit, User
from workflow.audit import Action, audit_record
from workflow.history import history_save as _save

from ..audit import LINE_ADDED, LINE_REMOVED, LINE_UPDATED
from ..eligibility import NoRuleSet, Outcome
from ..models import (
    Attachment,
    AttachmentKind,
    Award,
    CommendationKind,
    Cycle,
    Dossier,
    DossierRound,
    DossierStatus,
    Line,
    LineStatus,
    PastAward,
    RequiredPaper,
)
from ..models.catalogue import NOT_FOR_MERIT
from ..models.cycles import DEFAULT_KIND_CODE
from .attachments import attachment_store, require_unit_head
from .cycles import require_secretariat
from .gates import Gate, lines_gate, verdicts_refresh, warnings_record
from .papers import report_pdfs_complete


def _locked(dossier: Dossier) -> Dossier:
    return Dossier.objects.select_for_update(of=("self",)).select_related("cycle__agency", "unit").get(pk=dossier.pk)


def _require_editable(dossier: Dossier) -> None:
    if not dossier.editable:
        raise ValidationError(_("Hồ sơ đã nộp, không thể sửa (chỉ sửa khi đang soạn hoặc bị trả lại)."))


@transaction.atomic
def dossier_create(*, actor: User, cycle: Cycle, unit: Unit) -> Dossier:
    """The unit head opens the unit's dossier for the cycle (``processes.dossier.dossier_open`` then
    starts its flow)."""
    require_unit_head(actor, unit)
    if unit.agency_id != cycle.agency_id:
        raise ValidationError(_("Đơn vị không thuộc cơ quan của đợt xét."))
    if not cycle.is_open:
        raise ValidationError(_("Đợt xét đã ngừng nhận hồ sơ."))
    if Dossier.objects.filter(cycle=cycle, unit=unit).exists():
        raise ValidationError(_("Đơn vị đã có hồ sơ trong đợt xét này."))
    if cycle.is_urgent and Dossier.objects.filter(cycle=cycle).exists():
        raise ValidationError(_("Đợt khen thưởng đột xuất này là của một thành tích đã có hồ sơ: thành tích đột xuất "
                                "khác được đề nghị bằng một đợt riêng."))
    dossier = Dossier(cycle=cycle, unit=unit, created_by=actor)
    _save(dossier, actor)
    return dossier


def _nominee_kind(person: User | None) -> str:
    return "person" if person is not None else "collective"


def _line_check(dossier: Dossier, *, award: Award, person: User | None, unit: Unit | None,
                same_line: int | None = None) -> None:
    """What a line of ``dossier`` may name, whether added or changed: one nominee of the unit, a title given
    to that kind of nominee, not already proposed this cycle nor already received this year."""
    if (person is None) == (unit is None):
        raise ValidationError(_("Chọn đúng một: cá nhân hoặc tập thể."))
    if person is not None and person.unit_id != dossier.unit_id:
        raise ValidationError(_("%(name)s không thuộc %(unit)s: chỉ đề nghị cho người của đơn vị mình.")
                              % {"name": person.full_name, "unit": dossier.unit.name})
    if unit is not None and unit.pk != dossier.unit_id:
        raise ValidationError(_("Chỉ đề nghị cho tập thể của đơn vị mình."))
    if not award.accepts(_nominee_kind(person)):
        raise ValidationError(_("“%(award)s” không xét tặng cho %(kind)s.")
                              % {"award": award.name, "kind": _("cá nhân") if person else _("tập thể")})
    same = Line.objects.filter(cycle=dossier.cycle, award=award).exclude(pk=same_line)
    duplicate = same.filter(person=person) if person is not None else same.filter(unit=unit)
    if duplicate.exists():
        raise ValidationError(_("%(name)s đã được đề nghị “%(award)s” trong đợt xét này.")
                              % {"name": (person or unit).__str__(), "award": award.name})
    # Once a year for the annual review; a đột xuất or chuyên đề award is for its deed or movement, and neither
    # bars the other (NĐ 152/2025 Điều 4 khoản 3; legal-basis §19).
    if dossier.cycle.kind_code == DEFAULT_KIND_CODE and PastAward.objects.standing().filter(
            award=award, year=dossier.cycle.year, person=person, unit=unit).exclude(
            commendation_kind__code__in=NOT_FOR_MERIT).exists():
        raise ValidationError(_("%(name)s đã được tặng “%(award)s” năm %(year)s.")
                              % {"name": str(person or unit), "award": award.name, "year": dossier.cycle.year})


def _line_kind(dossier: Dossier, kind: CommendationKind | None) -> CommendationKind:
    """The loại hình of a line: a cycle of the annual review takes what the unit names (the thường xuyên one
    when it names none); a cycle of another kind (đột xuất, chuyên đề, …) gives its own to every line, and a
    line naming another is refused — its criteria, deadlines and decision are the cycle's."""
    cycle = dossier.cycle
    if cycle.kind_code == DEFAULT_KIND_CODE:
        return kind or cycle.kind
    if kind is not None and kind.pk != cycle.kind_id:
        raise ValidationError(_("Đợt xét “%(cycle)s” là %(kind)s: mọi dòng đề nghị thuộc loại hình này.")
                              % {"cycle": cycle.name, "kind": cycle.kind.name.lower()})
    return cycle.kind


@transaction.atomic
def line_add(
    *, actor: User, dossier: Dossier, award: Award, achievements: str,
    commendation_kind: CommendationKind | None = None, person: User | None = None, unit: Unit | None = None,
    report_text: str = "",
) -> Line:
    """Add a proposal: a person of the dossier's unit, or the unit itself."""
    dossier = _locked(dossier)
    require_unit_head(actor, dossier.unit)
    _require_editable(dossier)
    _line_check(dossier, award=award, person=person, unit=unit)
    commendation_kind = _line_kind(dossier, commendation_kind)
    if dossier.cycle.is_urgent and dossier.lines.exists():
        raise ValidationError(_("Hồ sơ khen thưởng đột xuất chỉ có một dòng đề nghị: mỗi thành tích đột xuất một "
                                "hồ sơ."))
    line = Line(dossier=dossier, cycle=dossier.cycle, person=person, unit=unit, award=award,
                commendation_kind=commendation_kind,
                achievements=unicodedata.normalize("NFC", achievements.strip()),
                report_text=unicodedata.normalize("NFC", report_text.strip()),
                position=dossier.lines.count() + 1)
    _save(line, actor)
    lines_check(actor=actor, dossier=dossier, lines=[line])
    audit_record(actor=actor, action=LINE_ADDED, obj=line, agency=dossier.cycle.agency,
                 changes={"nominee": line.nominee_name, "award": award.code, "position": line.position})
    return line


_LINE_FIELDS = ("person", "unit", "award", "commendation_kind", "achievements", "report_text")


@transaction.atomic
def line_update(
    *, actor: User, line: Line, award: Award, achievements: str,
    commendation_kind: CommendationKind | None = None, person: User | None = None, unit: Unit | None = None,
    report_text: str = "",
) -> Line:
    """Change a line while its dossier is with the unit (draft or returned), under the same rules as adding
    one. Its nominee stays once papers were made for it (its báo cáo thành tích, files attached to the line):
    those name the old nominee, so the unit deletes the line and adds another."""
    dossier = _locked(line.dossier)
    require_unit_head(actor, dossier.unit)
    _require_editable(dossier)
    line = Line.objects.select_for_update(of=("self",)).select_related("award", "commendation_kind").get(
        pk=line.pk, dossier=dossier)
    _line_check(dossier, award=award, person=person, unit=unit, same_line=line.pk)
    commendation_kind = _line_kind(dossier, commendation_kind)
    new_nominee = (person.pk if person else None, unit.pk if unit else None) != (line.person_id, line.unit_id)
    if new_nominee and (line.attachments.exists() or hasattr(line, "achievement_report")):
        raise ValidationError(
            _("Dòng đề nghị đã có báo cáo thành tích hoặc tệp kèm theo của %(name)s: không đổi người được đề nghị "
              "được; xóa dòng này và thêm dòng mới.") % {"name": line.nominee_name})
    before = {name: getattr(line, name) for name in _LINE_FIELDS}
    line.person, line.unit, line.award, line.commendation_kind = person, unit, award, commendation_kind
    line.achievements = unicodedata.normalize("NFC", achievements.strip())
    line.report_text = unicodedata.normalize("NFC", report_text.strip())
    changes = {name: [str(before[name] or ""), str(getattr(line, name) or "")] for name in _LINE_FIELDS
               if before[name] != getattr(line, name)}
    if not changes:
        return line
    _save(line, actor)
    lines_check(actor=actor, dossier=dossier, lines=[line])
    audit_record(actor=actor, action=LINE_UPDATED, obj=line, agency=dossier.cycle.agency, changes=changes)
    return line


@transaction.atomic
def line_remove(*, actor: User, line: Line) -> None:
    """Delete a line while the dossier is with the unit; the event names the dossier (the line is gone)."""
    dossier = _locked(line.dossier)
    require_unit_head(actor, dossier.unit)
    _require_editable(dossier)
    removed = {"line": line.pk, "nominee": line.nominee_name, "award": line.award.code}
    line._history_user = actor
    line.delete()
    lines_check(actor=actor, dossier=dossier)
    audit_record(actor=actor, action=LINE_REMOVED, obj=dossier, agency=dossier.cycle.agency, changes=removed)


@transaction.atomic
def lines_check(*, actor: User | None, dossier: Dossier, lines: list[Line] | None = None) -> list[Line]:
    """Run the eligibility engine on the dossier's lines (or the given ones) and store the verdicts
    (``gates.verdicts_refresh``): what the unit sees while it prepares the dossier."""
    if lines is None:
        lines = list(dossier.lines.select_related("person", "unit", "award"))
    try:
        return verdicts_refresh(actor=actor, cycle=dossier.cycle, lines=lines)
    except NoRuleSet as error:
        # A year no rule set governs (before NĐ 91/2017, or after a text ceased with no successor recorded):
        # no line can be judged, so none is added or changed; the administrator is named as who can fix it.
        raise ValidationError(error.message) from error


@transaction.atomic
def attachment_add(
    *, actor: User, dossier: Dossier, kind: str, filename: str, content: bytes, line: Line | None = None,
    paper: RequiredPaper | None = None,
) -> Attachment:
    """Attach a file checked by its content (PDF, Word, JPEG, PNG) and its size; a supporting file of a
    line may name the paper of the rule set it is (``paper``), which the gates then count as attached. A PDF's
    digital signatures are verified and the findings kept with it."""
    dossier = _locked(dossier)
    require_unit_head(actor, dossier.unit)
    _require_editable(dossier)
    if line is not None and line.dossier_id != dossier.pk:
        raise ValidationError(_("Dòng đề nghị không thuộc hồ sơ này."))
    if paper is not None and (line is None or kind != AttachmentKind.SUPPORTING
                              or paper.title_rule.award_id != line.award_id):
        raise ValidationError(_("Giấy tờ “%(paper)s” không phải giấy tờ của dòng đề nghị đã chọn.")
                              % {"paper": paper.name})
    return attachment_store(actor=actor, dossier=dossier, kind=kind, filename=filename, content=content, line=line,
                            paper=paper)


@transaction.atomic
def dossier_submit(*, actor: User, dossier: Dossier) -> DossierRound:
    """The unit head sends the dossier to the secretariat; a new round records what was sent. A báo cáo
    thành tích confirmed whose PDF no worker has made yet is rendered now, so nothing is sent without it."""
    dossier = _locked(dossier)
    require_unit_head(actor, dossier.unit)
    _require_editable(dossier)
    lines = list(dossier.lines.select_related("person", "unit", "award"))
    if not lines:
        raise ValidationError(_("Hồ sơ chưa có dòng đề nghị nào."))
    report_pdfs_complete(dossier=dossier)
    lines_gate(actor=actor, cycle=dossier.cycle, lines=lines, gate=Gate.SUBMIT)
    number = dossier.rounds.count() + 1
    attachments = list(dossier.attachments.order_by("pk"))
    round_ = DossierRound(
        dossier=dossier, number=number, submitted_by=actor, submitted_at=timezone.now(),
        lines=[_line_as_sent(line) for line in lines],
        attachments=[{"id": a.pk, "name": a.original_name, "kind": a.kind, "line": a.line_id, "size": a.size}
                     for a in attachments],
    )
    _save(round_, actor)
    _mark_sent([*lines, *attachments], number, actor)
    old = dossier.status
    dossier.status = DossierStatus.SUBMITTED
    _save(dossier, actor)
    audit_record(actor=actor, action=Action.SUBMITTED, obj=dossier, agency=dossier.cycle.agency,
                 changes={"status": [old, dossier.status], "round": number, "lines": len(lines)})
    return round_


def _line_as_sent(line: Line) -> dict:
    """What the round keeps of a line: everything its page shows, as it was sent."""
    return {"id": line.pk, "nominee": line.nominee_name, "award": line.award.name,
            "kind": line.commendation_kind.name, "achievements": line.achievements, "report_text": line.report_text,
            "outcome": line.outcome, "verdicts": line.verdicts}


def _mark_sent(rows: list, number: int, actor: User) -> None:
    """Lines and files sent for the first time become what the rest of the agency reads of the dossier."""
    for row in rows:
        if row.sent_round is None:
            row.sent_round = number
            row._history_user = actor
            row.save(update_fields=["sent_round"])


@transaction.atomic
def dossier_review(
    *, actor: User, dossier: Dossier, accept: bool, reason: str = "", rejected_lines: dict[int, str] | None = None,
    acknowledge: str = "",
) -> DossierRound:
    """The secretariat's answer: accept the dossier (every line, except those refused with a
    note), or return it for supplement with a reason; each answer closes the current round.

    Accepting passes the lines through the acceptance gate (``gates``): a failing line must be
    refused or the dossier returned; ``acknowledge`` — the secretariat's reason, e.g. "đã đối chiếu
    bản đăng ký thi đua giấy" — acknowledges the "Lưu ý" of every accepted line first."""
    dossier = _locked(dossier)
    require_secretariat(actor, dossier.cycle.agency)
    if dossier.status != DossierStatus.SUBMITTED:
        raise ValidationError(_("Hồ sơ không ở bước chờ thường trực kiểm tra."))
    reason = reason.strip()
    round_ = dossier.rounds.order_by("-number").first()
    rejected_lines = rejected_lines or {}
    if not accept and not reason:
        raise ValidationError({"reason": _("Ghi rõ lý do trả lại hồ sơ để đơn vị bổ sung.")})
    lines = list(dossier.lines.select_related("person", "unit", "award"))
    unknown = set(rejected_lines) - {line.pk for line in lines}
    if unknown:
        raise ValidationError(_("Dòng đề nghị không thuộc hồ sơ này."))
    if any(not (note or "").strip() for note in rejected_lines.values()):
        raise ValidationError(_("Ghi rõ lý do không tiếp nhận dòng đề nghị."))
    if accept:
        kept = [line for line in lines if line.pk not in rejected_lines]
        reason_given = " ".join(acknowledge.split())
        if reason_given:
            # One check of the whole dossier, then each line's "Lưu ý" acknowledged (the dossier is locked).
            verdicts_refresh(actor=actor, cycle=dossier.cycle, lines=kept)
            for line in kept:
                if any(v.get("outcome") == Outcome.WARNING for v in line.verdicts):
                    warnings_record(actor=actor, line=line, reason=reason_given)
        lines_gate(actor=actor, cycle=dossier.cycle, lines=kept, gate=Gate.ACCEPT)
    round_.answered_by, round_.answered_at, round_.accepted, round_.reason = actor, timezone.now(), accept, reason
    _save(round_, actor)
    agency = dossier.cycle.agency
    if not accept:
        dossier.status = DossierStatus.RETURNED
        _save(dossier, actor)
        audit_record(actor=actor, action=Action.RETURNED, obj=dossier, agency=agency, reason=reason,
                     changes={"status": [DossierStatus.SUBMITTED, dossier.status], "round": round_.number})
        # The unit head's step comes back and announces itself: "dossier returned", with the reason.
        return round_
    for line in lines:
        if line.pk in rejected_lines:
            line.status, line.note = LineStatus.NOT_ACCEPTED, rejected_lines[line.pk].strip()
        else:
            line.status = LineStatus.ACCEPTED
        _save(line, actor)
    dossier.status = DossierStatus.ACCEPTED if len(rejected_lines) < len(lines) else DossierStatus.RELEASED
    _save(dossier, actor)
    audit_record(actor=actor, action=Action.ACCEPTED, obj=dossier, agency=agency,
                 changes={"status": [DossierStatus.SUBMITTED, dossier.status], "round": round_.number,
                          "accepted_lines": len(lines) - len(rejected_lines),
                          "refused_lines": {str(pk): note for pk, note in rejected_lines.items()}})
    return round_


PENDING_LINE_STATUSES = (LineStatus.PROPOSED, LineStatus.ACCEPTED, LineStatus.ON_AGENDA)


@transaction.atomic
def line_withdraw(*, actor: User, line: Line, reason: str) -> Line:
    """The secretariat takes an accepted line out of the cycle before it goes on an agenda — typically
    one the agenda gate refuses because it no longer meets a criterion (a discipline recorded since):
    it becomes "not accepted" with the reason, so its dossier can still receive its outcome."""
    line = Line.objects.select_for_update(of=("self",)).select_related("cycle__agency", "person", "unit",
                                                                        "award").get(pk=line.pk)
    require_secretariat(actor, line.cycle.agency)
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": _("Ghi rõ lý do rút dòng đề nghị khỏi đợt xét.")})
    if line.status != LineStatus.ACCEPTED:
        raise ValidationError(_("Chỉ rút được dòng đề nghị đã tiếp nhận và chưa đưa ra Hội đồng."))
    old = line.status
    line.status, line.note = LineStatus.NOT_ACCEPTED, reason
    _save(line, actor)
    audit_record(actor=actor, action=Action.REJECTED, obj=line, agency=line.cycle.agency, reason=reason,
                 changes={"status": [old, line.status]})
    return line


@transaction.atomic
def dossier_release(*, actor: User | None, dossier: Dossier) -> bool:
    """Mark the dossier as having its outcomes once no line waits for the council; the flow ends."""
    dossier = _locked(dossier)
    if dossier.status != DossierStatus.ACCEPTED or dossier.lines.filter(status__in=PENDING_LINE_STATUSES).exists():
        return False
    dossier.status = DossierStatus.RELEASED
    _save(dossier, actor)
    return True
