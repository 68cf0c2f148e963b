"""The awards registry written from issued decisions, and Home Affairs' answers to a Tờ trình
(design §3 flow 4; domain §5: accept with the provincial decision, return for supplement, reject)."""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import roles_here
from workflow.audit import Action, audit_record
from workflow.documents.models import DocumentStatus, IssuedDocument
from workflow.notifications.services import notify

from ..announcements import home_affairs_answer_context
from ..audit import AWARDS_REGISTERED
from ..documents import decider
from ..models import AnswerStatus, Line, LineStatus, OutcomeDocument, OutcomeDocumentKind, PastAward, SubmissionAnswer
from .cycles import require_secretariat
from .dossiers import _save
from .funds import fund_payouts_post

DECISION_NUMBER_MAX = SubmissionAnswer._meta.get_field("decision_number").max_length


def _text(value: object) -> str:
    """Typed text as stored: NFC (the same words typed in NFD compare equal), without outer blanks."""
    return unicodedata.normalize("NFC", value).strip() if isinstance(value, str) else ""


HOME_AFFAIRS_ACTIONS = {
    AnswerStatus.ACCEPTED: Action.HOME_AFFAIRS_ACCEPTED,
    AnswerStatus.RETURNED: Action.HOME_AFFAIRS_RETURNED,
    AnswerStatus.REJECTED: Action.HOME_AFFAIRS_REJECTED,
}


def _award_record(*, line: Line, number: str, date: dt.date | None, issuer: str, actor: User | None) -> PastAward:
    """The registry row that next year's eligibility reads (streaks, prerequisites)."""
    award = PastAward(person=line.person, unit=line.unit, award=line.award, year=line.cycle.year,
                      commendation_kind_id=line.commendation_kind_id, decision_number=number, decision_date=date,
                      issuer=issuer)
    _save(award, actor)
    line.status, line.decision_number, line.decision_date = LineStatus.AWARDED, number, date
    _save(line, actor)
    return award


@transaction.atomic
def decision_register(*, document: IssuedDocument) -> int:
    """When a Quyết định of the chief is issued (signed, numbered, stored), its recipients enter the
    registry (Luật TĐKT 2022, Điều 80(1)). The engine calls it right after it records
    ``document.issued`` (``register_on_issued`` in ``apps.py``). Idempotent: the system acts, for the signer."""
    outcome = (OutcomeDocument.objects.select_for_update().filter(document=document, registered=False,
                                                                  kind=OutcomeDocumentKind.DECISION).first())
    if outcome is None or document.status != DocumentStatus.READY:
        return 0
    date = timezone.localtime(document.signed_at).date()
    issuer = decider(document.agency)
    lines = list(outcome.lines.select_related("person", "unit", "award", "cycle"))
    awards = [_award_record(line=line, number=document.number_text, date=date, issuer=issuer,
                            actor=document.signer) for line in lines]
    outcome.registered = True
    _save(outcome, document.signer)
    audit_record(actor=document.signer, action=AWARDS_REGISTERED, obj=outcome, agency=document.agency,
                 changes={"decision": document.number_text, "awards": len(lines)})
    # The money follows the registry, in the same transaction (NĐ 152/2025, Điều 47 khoản 2, Điều 49).
    fund_payouts_post(actor=document.signer, outcome=outcome, awards=awards, day=date)
    return len(lines)


def home_affairs_may_answer(actor: User, outcome: OutcomeDocument) -> bool:
    """Whether ``actor`` serves Sở Nội vụ of the province the Tờ trình was sent to (the one rule of who answers)."""
    return Role.HOME_AFFAIRS in roles_here(actor, outcome.document.agency.province)


def _require_home_affairs(actor: User, outcome: OutcomeDocument) -> None:
    if not home_affairs_may_answer(actor, outcome):
        raise PermissionDenied(_("Chỉ cán bộ Sở Nội vụ được trả lời tờ trình."))
    if outcome.document.status != DocumentStatus.READY:
        raise ValidationError(_("Tờ trình chưa được ban hành."))


@transaction.atomic
def submission_answer(*, actor: User, submission: OutcomeDocument, answers: dict[int, dict]) -> list[SubmissionAnswer]:
    """Home Affairs answers every pending line: ``{"status": accepted|returned|rejected,
    "decision_number", "decision_date", "reason"}``; an accepted line enters the registry."""
    submission = OutcomeDocument.objects.select_for_update().select_related("document__agency__province").get(
        pk=submission.pk)
    _require_home_affairs(actor, submission)
    pending = list(submission.answers.select_related("line__person", "line__unit", "line__award", "line__cycle")
                   .filter(status=AnswerStatus.PENDING))
    if not pending:
        raise ValidationError(_("Không còn dòng nào chờ Sở Nội vụ trả lời."))
    by_line = {answer.line_id: answer for answer in pending}
    if set(answers) != set(by_line):
        raise ValidationError(_("Vui lòng trả lời từng dòng của tờ trình."))
    answers = {line_id: {**given, "decision_number": _text(given.get("decision_number")),
                         "reason": _text(given.get("reason"))} for line_id, given in answers.items()}
    errors = []
    for line_id, given in answers.items():
        status = given.get("status")
        name = by_line[line_id].line.nominee_name
        if status == AnswerStatus.ACCEPTED and not (given["decision_number"] and given.get("decision_date")):
            errors.append(_("%(name)s: ghi số và ngày quyết định khen thưởng của tỉnh.") % {"name": name})
        elif status == AnswerStatus.ACCEPTED and len(given["decision_number"]) > DECISION_NUMBER_MAX:
            errors.append(_("%(name)s: số quyết định dài quá %(limit)s ký tự.")
                          % {"name": name, "limit": DECISION_NUMBER_MAX})
        elif status in (AnswerStatus.RETURNED, AnswerStatus.REJECTED) and not given["reason"]:
            errors.append(_("%(name)s: ghi rõ lý do.") % {"name": name})
        elif status not in (AnswerStatus.ACCEPTED, AnswerStatus.RETURNED, AnswerStatus.REJECTED):
            errors.append(_("%(name)s: chọn tiếp nhận, trả lại hoặc không khen thưởng.") % {"name": name})
    if errors:
        raise ValidationError(errors)
    issuer = f"Chủ tịch {submission.document.agency.parent_name}"
    for line_id, given in answers.items():
        answer = by_line[line_id]
        answer.status, answer.answered_by, answer.reason = given["status"], actor, given["reason"]
        line = answer.line
        if answer.status == AnswerStatus.ACCEPTED:
            answer.decision_number, answer.decision_date = given["decision_number"], given["decision_date"]
            _award_record(line=line, number=answer.decision_number, date=answer.decision_date, issuer=issuer,
                          actor=actor)
        else:
            line.status = LineStatus.HA_RETURNED if answer.status == AnswerStatus.RETURNED else LineStatus.HA_REJECTED
            line.note = answer.reason
            _save(line, actor)
        _save(answer, actor)
        audit_record(actor=actor, action=HOME_AFFAIRS_ACTIONS[answer.status], obj=line,
                     agency=submission.document.agency, reason=answer.reason,
                     changes={"submission": submission.document.number_text, "status": answer.status,
                              "decision_number": answer.decision_number,
                              "decision_date": answer.decision_date.isoformat() if answer.decision_date else ""})
    agency = submission.document.agency
    # Lines returned open the secretariat's resubmit step, which announces this answer to them
    # (nominations.announcements): the secretariat then hears of it once, from that step.
    roles = [Role.CHIEF] if any(a.status == AnswerStatus.RETURNED for a in pending) else [Role.SECRETARIAT, Role.CHIEF]
    told = (User.objects.filter(role_assignments__role__in=roles,
                                role_assignments__revoked_at__isnull=True, role_assignments__agency=agency)
            .select_related("unit").distinct())
    notify(event="home_affairs_answered", recipients=told, scope=agency,
           context={**home_affairs_answer_context(pending, submission), "path": "/"})
    return pending


@transaction.atomic
def submission_resubmit(*, actor: User, submission: OutcomeDocument, note: str = "") -> int:
    """The secretariat sends the returned lines back to Home Affairs, supplemented."""
    submission = OutcomeDocument.objects.select_for_update().select_related("document__agency").get(pk=submission.pk)
    require_secretariat(actor, submission.document.agency)
    returned = list(submission.answers.select_related("line").filter(status=AnswerStatus.RETURNED))
    if not returned:
        raise ValidationError(_("Không có dòng nào bị trả lại."))
    for answer in returned:
        answer.status, answer.rounds = AnswerStatus.PENDING, answer.rounds + 1
        answer.reason = ""
        _save(answer, actor)
        answer.line.status, answer.line.note = LineStatus.SUBMITTED, _text(note)
        _save(answer.line, actor)
    audit_record(actor=actor, action=Action.SUBMITTED, obj=submission, agency=submission.document.agency,
                 reason=_text(note), changes={"resubmitted_lines": [a.line_id for a in returned]})
    return len(returned)
