"""Annul (hủy bỏ, with thu hồi) or correct (đính chính) awards of an issued in-house Quyết định.

Who: the authority that decided the award annuls it (Nghị định 152/2025/NĐ-CP, Điều 56(2): "cấp có thẩm quyền
khen thưởng ban hành quyết định hủy bỏ"; Điều 58(2)(b): "cơ quan có thẩm quyền ra quyết định tặng"): in the
agency, the chief who signs its Quyết định khen thưởng, or a deputy signing "KT." — the same people who
approve the council's results (``services.council._require_approver``) and sign (``document_sign``).

How: the chief drafts the Quyết định (``annulment_draft`` / ``correction_draft``: a numbered document of the
agency's register, still a draft), previews it, and signs it (``amendment_sign``). The number is taken when it
is issued, and only then does the registry follow (``amendment_apply``, the kind's ``on_issued`` hook, in the
issuing transaction): an annulled award keeps its row, marked with the annulling decision and its date, and no
longer counts for streaks, prerequisites or statistics (``PastAward.objects.standing()``); a correction sets the
row's printed fields. The original decision is never rewritten.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import roles_here
from workflow.audit import audit_record
from workflow.documents.models import DocumentStatus, IssuedDocument
from workflow.documents.services import document_create, document_sign, document_update
from workflow.history import history_save as _save

from ..audit import AMENDMENT_DRAFTED, AWARDS_ANNULLED, AWARDS_CORRECTED
from ..documents.amendments import annulment_draft as annulment_document
from ..documents.amendments import correction_draft as correction_document
from ..documents.amendments import printed_position, printed_rows
from ..models import (
    AmendmentKind,
    AnnulmentGround,
    CorrectedField,
    DecisionAmendment,
    Line,
    LineStatus,
    OutcomeDocument,
    OutcomeDocumentKind,
    PastAward,
)
from .funds import fund_reversals_post

REASON_MAX = 2000
RULE_MAX = DecisionAmendment._meta.get_field("rule_broken").max_length
PRINTED_MAX = {CorrectedField.NAME: 200, CorrectedField.POSITION: 300, CorrectedField.TITLE: 200}
PRINTED_FIELD = {CorrectedField.NAME: "printed_name", CorrectedField.POSITION: "printed_position",
                 CorrectedField.TITLE: "printed_title"}
ROW_KEY = {CorrectedField.NAME: "name", CorrectedField.TITLE: "title"}


def _text(value: object) -> str:
    return unicodedata.normalize("NFC", value).strip() if isinstance(value, str) else ""


def require_decider(actor: User, decision: OutcomeDocument) -> None:
    """Only who decided the award may annul or correct it: the agency's chief, or a deputy signing KT."""
    agency = decision.document.agency
    if not roles_here(actor, agency) & {Role.CHIEF, Role.DEPUTY_CHIEF}:
        raise PermissionDenied(_("Chỉ %(head)s (hoặc cấp phó ký thay) mới được hủy bỏ, đính chính quyết định khen "
                                 "thưởng.") % {"head": agency.head_title})


def _require_amendable(decision: OutcomeDocument) -> None:
    if decision.kind != OutcomeDocumentKind.DECISION or decision.document.template_key != "quyet_dinh_khen_thuong":
        raise ValidationError(_("Chỉ hủy bỏ, đính chính được quyết định khen thưởng của cơ quan."))
    if decision.document.status != DocumentStatus.READY or not decision.registered:
        raise ValidationError(_("Quyết định khen thưởng chưa được ban hành và ghi sổ."))


def registry_row(decision: OutcomeDocument, line: Line) -> PastAward | None:
    """The standing registry row the decision wrote for ``line`` (``services.submissions.decision_register``)."""
    return (PastAward.objects.standing().select_for_update()
            .filter(person=line.person_id, unit=line.unit_id, award=line.award_id, year=line.cycle.year,
                    decision_number=decision.document.number_text).first())


def _lines_of(decision: OutcomeDocument, chosen: list[Line]) -> list[Line]:
    """The chosen lines, each one of this decision's and still standing; in the decision's order."""
    if not chosen:
        raise ValidationError(_("Chọn ít nhất một cá nhân, tập thể trong quyết định."))
    own = {line.pk: line for line in decision.lines.select_related("person__unit", "unit", "award", "cycle")}
    wanted = {line.pk for line in chosen}
    if wanted - set(own):
        raise ValidationError(_("Có cá nhân, tập thể không thuộc Quyết định số %(number)s.")
                              % {"number": decision.document.number_text})
    order = printed_rows(decision)
    lines = sorted((own[pk] for pk in wanted), key=lambda line: order[line.pk][0])
    for line in lines:
        if line.status == LineStatus.ANNULLED or registry_row(decision, line) is None:
            raise ValidationError(_("Khen thưởng của %(name)s tại Quyết định số %(number)s đã bị hủy bỏ.")
                                  % {"name": line.nominee_name, "number": decision.document.number_text})
    return lines


def _amendment_create(*, actor: User, decision: OutcomeDocument, kind: str, draft, lines: list[Line],
                      **fields) -> DecisionAmendment:
    agency = decision.document.agency
    document = document_create(actor=actor, agency=agency, **draft.create_kwargs())
    amendment = _save(DecisionAmendment(kind=kind, original=decision, document=document, created_by=actor, **fields),
                      actor)
    amendment.lines.set(lines)
    audit_record(actor=actor, action=AMENDMENT_DRAFTED, obj=amendment, agency=agency, reason=amendment.reason,
                 changes={"kind": kind, "original": decision.document.number_text, "document": document.pk,
                          "lines": [line.nominee_name for line in lines], "ground": amendment.ground,
                          "rule_broken": amendment.rule_broken, "corrections": amendment.corrections})
    return amendment


def _locked(decision: OutcomeDocument) -> OutcomeDocument:
    return (OutcomeDocument.objects.select_for_update(of=("self",))
            .select_related("document__agency", "award").get(pk=decision.pk))


@transaction.atomic
def annulment_draft(*, actor: User, decision: OutcomeDocument, lines: list[Line], ground: str, reason: str,
                    rule_broken: str = "") -> DecisionAmendment:
    """Draft the chief's Quyết định hủy bỏ of the awards of ``lines`` in ``decision``, with the case of Luật
    Thi đua, khen thưởng 2022, Điều 93(2) it falls in, the reason, and (free text) the rule broken."""
    decision = _locked(decision)
    require_decider(actor, decision)
    _require_amendable(decision)
    reason, rule_broken = _text(reason), _text(rule_broken)
    errors = []
    if not reason:
        errors.append(_("Vui lòng nêu lý do hủy bỏ khen thưởng."))
    elif len(reason) > REASON_MAX:
        errors.append(_("Lý do dài quá %(limit)s ký tự.") % {"limit": REASON_MAX})
    if ground not in AnnulmentGround.values:
        errors.append(_("Chọn trường hợp hủy bỏ theo khoản 2 Điều 93 Luật Thi đua, khen thưởng."))
    if len(rule_broken) > RULE_MAX:
        errors.append(_("Quy định bị vi phạm dài quá %(limit)s ký tự.") % {"limit": RULE_MAX})
    if errors:
        raise ValidationError(errors)
    lines = _lines_of(decision, lines)
    draft = annulment_document(decision, lines, ground=ground, reason=reason, rule_broken=rule_broken,
                               drafter=actor, on=timezone.localdate())
    return _amendment_create(actor=actor, decision=decision, kind=AmendmentKind.ANNUL, draft=draft, lines=lines,
                             ground=ground, reason=reason, rule_broken=rule_broken)


@transaction.atomic
def correction_draft(*, actor: User, decision: OutcomeDocument, corrections: list[dict], reason: str
                     ) -> DecisionAmendment:
    """Draft the chief's Quyết định đính chính of what ``decision`` printed: ``corrections`` are
    ``{"line": Line, "field": CorrectedField, "new": text}``. Who is awarded, and which title, never changes."""
    decision = _locked(decision)
    require_decider(actor, decision)
    _require_amendable(decision)
    reason = _text(reason)
    errors = []
    if not reason:
        errors.append(_("Vui lòng nêu lý do đính chính."))
    elif len(reason) > REASON_MAX:
        errors.append(_("Lý do dài quá %(limit)s ký tự.") % {"limit": REASON_MAX})
    if not corrections:
        errors.append(_("Chọn ít nhất một nội dung cần đính chính."))
    if errors:
        raise ValidationError(errors)
    lines = _lines_of(decision, [change["line"] for change in corrections])
    rows = printed_rows(decision)
    stored, seen = [], set()
    for change in corrections:
        line, field, new = change["line"], change.get("field"), _text(change.get("new"))
        if field not in CorrectedField.values:
            errors.append(_("Nội dung đính chính không hợp lệ."))
            continue
        if (line.pk, field) in seen:
            errors.append(_("%(name)s: mỗi nội dung chỉ đính chính một lần.") % {"name": line.nominee_name})
            continue
        seen.add((line.pk, field))
        printed = rows[line.pk][1]
        old = printed_position(printed) if field == CorrectedField.POSITION else printed.get(ROW_KEY[field], "")
        row = registry_row(decision, line)
        old = getattr(row, PRINTED_FIELD[field]) or old
        if not new:
            errors.append(_("%(name)s: ghi nội dung đúng sau đính chính.") % {"name": line.nominee_name})
        elif len(new) > PRINTED_MAX[field]:
            errors.append(_("%(name)s: nội dung đính chính dài quá %(limit)s ký tự.")
                          % {"name": line.nominee_name, "limit": PRINTED_MAX[field]})
        elif new == old:
            errors.append(_("%(name)s: nội dung đính chính giống nội dung đã ghi.") % {"name": line.nominee_name})
        else:
            stored.append({"line": line.pk, "field": field, "old": old, "new": new})
    if errors:
        raise ValidationError(errors)
    draft = correction_document(decision, lines, stored, reason=reason, drafter=actor, on=timezone.localdate())
    return _amendment_create(actor=actor, decision=decision, kind=AmendmentKind.CORRECT, draft=draft, lines=lines,
                             reason=reason, corrections=stored)


@transaction.atomic
def amendment_sign(*, actor: User, amendment: DecisionAmendment) -> DecisionAmendment:
    """The chief (or a deputy, KT.) signs the drafted annulment or correction; the number and the registry
    follow when it is issued. Refused if the awards it names were annulled meanwhile."""
    amendment = DecisionAmendment.objects.select_for_update(of=("self",)).select_related(
        "original__document__agency", "document").get(pk=amendment.pk)
    decision = amendment.original
    require_decider(actor, decision)
    if amendment.document.status != DocumentStatus.DRAFT:
        raise ValidationError(_("Quyết định này đã được ký."))
    lines = _lines_of(decision, list(amendment.lines.all()))
    # The text as of the day it is signed: the decree in force (its căn cứ, the 15 days) is that day's.
    draft = _draft_of(amendment, decision, lines, actor=actor)
    document_update(actor=actor, document=amendment.document, summary=draft.summary, data=draft.data)
    document_sign(actor=actor, document=amendment.document)
    return amendment


def _draft_of(amendment: DecisionAmendment, decision: OutcomeDocument, lines: list[Line], *, actor: User):
    if amendment.kind == AmendmentKind.ANNUL:
        return annulment_document(decision, lines, ground=amendment.ground, reason=amendment.reason,
                                  rule_broken=amendment.rule_broken, drafter=actor, on=timezone.localdate())
    return correction_document(decision, lines, amendment.corrections, reason=amendment.reason, drafter=actor,
                               on=timezone.localdate())


@transaction.atomic
def amendment_apply(*, document: IssuedDocument) -> int:
    """When the annulment or correction is issued (numbered, stored), the registry follows, in the issuing
    transaction (the kind's ``on_issued`` hook): an annulled award is marked with the annulling decision
    and its date and its line reads "annulled"; a corrected row takes the printed text. Idempotent; the
    system acts, for the signer. Anything no longer true (an award annulled meanwhile) fails the issuing."""
    amendment = (DecisionAmendment.objects.select_for_update(of=("self",))
                 .select_related("original__document__agency").filter(document=document, applied_at__isnull=True)
                 .first())
    if amendment is None or document.status != DocumentStatus.READY:
        return 0
    decision, signer = amendment.original, document.signer
    agency = decision.document.agency
    lines = _lines_of(decision, list(amendment.lines.all()))
    by_pk = {line.pk: line for line in lines}
    annulled, day = [], None
    if amendment.kind == AmendmentKind.ANNUL:
        day = timezone.localtime(document.signed_at).date()
        for line in lines:
            row = registry_row(decision, line)
            row.annulled_by, row.annulled_on = document, day
            _save(row, signer)
            annulled.append(row)
            line.status = LineStatus.ANNULLED
            _save(line, signer)
        action, changes = AWARDS_ANNULLED, {"lines": [line.nominee_name for line in lines],
                                            "ground": amendment.ground}
    else:
        for change in amendment.corrections:
            row = registry_row(decision, by_pk[change["line"]])
            setattr(row, PRINTED_FIELD[change["field"]], change["new"])
            row.corrected_by = document
            _save(row, signer)
        action, changes = AWARDS_CORRECTED, {"corrections": amendment.corrections}
    amendment.applied_at = timezone.now()
    _save(amendment, signer)
    audit_record(actor=signer, action=action, obj=amendment, agency=agency, reason=amendment.reason,
                 changes={"decision": document.number_text, "original": decision.document.number_text, **changes})
    if annulled:  # the money is recovered with the award (Luật 2022, Điều 93 khoản 2), in the same transaction
        fund_reversals_post(actor=signer, awards=annulled, annulment_number=document.number_text, day=day)
    return len(lines)
