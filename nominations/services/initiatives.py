"""Sáng kiến recognition (issue 21; docs/legal-basis.md §16), the writes.

An author, a staff member of the agency, drafts the đơn yêu cầu công nhận sáng kiến with the co-authors and each
one's share (Thông tư 18/2013/TT-BKHCN, Điều 5 and Phụ lục I) and submits it; each member of the agency's Hội đồng
sáng kiến votes, agreeing or not, with a remark; the chief (the head of the agency) recognises it once at least 2/3
of the council's members agree (Thông tư 18/2013/TT-BKHCN, Điều 8 khoản 1), signing a Quyết định công nhận sáng
kiến issued through the document engine (numbered in the agency's register of Quyết định, Nghị định 30/2020/NĐ-CP,
Điều 15), or refuses it with the reason. The issued Quyết định writes the registry's ``Initiative``
(``registries.initiative_write``): the CSTĐCS criterion reads it unchanged.
The chief's Hội đồng sáng kiến is set up here too (``initiative_council_member_add``/``_remove``).
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Agency, User
from accounts.roles import Role
from accounts.selectors import roles_here
from workflow.audit import audit_record
from workflow.documents.models import DocumentStatus, IssuedDocument
from workflow.documents.services import document_create, document_sign
from workflow.history import history_save as _save

from ..audit import (
    INITIATIVE_APPLICATION_SAVED,
    INITIATIVE_APPLICATION_SUBMITTED,
    INITIATIVE_COUNCIL_CHANGED,
    INITIATIVE_DECISION_REGISTERED,
    INITIATIVE_RECOGNISED,
    INITIATIVE_REJECTED,
    INITIATIVE_VOTED,
)
from ..documents.base import decider
from ..documents.initiatives import recognition_draft, recognition_recipients
from ..models import (
    InitiativeApplication,
    InitiativeAuthor,
    InitiativeCouncilMember,
    InitiativeStatus,
    InitiativeVote,
)
from ..selectors.initiatives import OPEN, council_tally, is_author, is_council_member
from .registries import initiative_write


def _text(value: object) -> str:
    return unicodedata.normalize("NFC", value).strip() if isinstance(value, str) else ""


def _require_chief(actor: User, agency: Agency) -> None:
    if Role.CHIEF not in roles_here(actor, agency):
        raise PermissionDenied(_("Chỉ thủ trưởng cơ quan mới được quyết định việc này."))


def _set_authors(*, actor: User, application: InitiativeApplication, authors: list[tuple[User, int]]) -> None:
    """Replace the authors; each a staff member of the agency, once, with a share; the shares total 100%."""
    if not authors:
        raise ValidationError(_("Đơn phải có ít nhất một tác giả."))
    people = [person for person, _share in authors]
    if len(set(people)) != len(people):
        raise ValidationError(_("Mỗi tác giả chỉ được ghi một lần."))
    if any(not person.is_active or person.agency != application.agency for person in people):
        raise ValidationError(_("Tác giả phải là cán bộ, công chức của cơ quan."))
    if any(not isinstance(share, int) or not 1 <= share <= 100 for _person, share in authors):
        raise ValidationError(_("Tỷ lệ đóng góp của mỗi tác giả phải từ 1% đến 100%."))
    total = sum(share for _person, share in authors)
    if total != 100:
        raise ValidationError(_("Tổng tỷ lệ đóng góp của các tác giả phải bằng 100%% (hiện là %(total)s%%).")
                              % {"total": total})
    if actor not in people:
        raise ValidationError(_("Người lập đơn phải là một trong các tác giả."))
    for row in application.authors.all():
        row._history_user = actor
        row.delete()
    for person, share in authors:
        _save(InitiativeAuthor(application=application, person=person, share=share), actor)


def _fill(application: InitiativeApplication, *, title: str, field: str, description: str, benefits: str,
          scope: str, first_applied_on: dt.date) -> None:
    application.title, application.field = _text(title), _text(field)
    application.description, application.benefits = _text(description), _text(benefits)
    application.scope, application.first_applied_on = scope, first_applied_on
    if application.first_applied_on and application.first_applied_on > timezone.localdate():
        raise ValidationError({"first_applied_on": _("Ngày áp dụng lần đầu không được sau ngày hôm nay.")})


def _changes(application: InitiativeApplication) -> dict:
    return {"title": application.title, "year": application.year, "scope": application.scope,
            "authors": {row.person_id: row.share for row in application.authors.all()}}


@transaction.atomic
def initiative_application_create(
    *, actor: User, title: str, field: str, description: str, benefits: str, scope: str,
    first_applied_on: dt.date, authors: list[tuple[User, int]],
) -> InitiativeApplication:
    """A staff member drafts a đơn yêu cầu công nhận sáng kiến for their own agency, as one of its authors."""
    if not actor.is_active or not actor.unit_id:
        raise PermissionDenied(_("Chỉ cán bộ, công chức của một cơ quan mới lập được đơn yêu cầu công nhận sáng kiến."))
    application = InitiativeApplication(agency=actor.unit.agency, year=timezone.localdate().year, created_by=actor)
    _fill(application, title=title, field=field, description=description, benefits=benefits, scope=scope,
          first_applied_on=first_applied_on)
    _save(application, actor)
    _set_authors(actor=actor, application=application, authors=authors)
    audit_record(actor=actor, action=INITIATIVE_APPLICATION_SAVED, obj=application, agency=application.agency,
                 changes=_changes(application))
    return application


def _locked(application: InitiativeApplication) -> InitiativeApplication:
    return InitiativeApplication.objects.select_for_update(of=("self",)).select_related("agency").get(
        pk=application.pk)


def _require_own_draft(actor: User, application: InitiativeApplication) -> None:
    if application.created_by_id != actor.pk:
        raise PermissionDenied(_("Chỉ người lập đơn mới được sửa hoặc gửi đơn."))
    if application.status != InitiativeStatus.DRAFT:
        raise ValidationError(_("Đơn đã được gửi: không sửa được nữa."))


@transaction.atomic
def initiative_application_update(
    *, actor: User, application: InitiativeApplication, title: str, field: str, description: str, benefits: str,
    scope: str, first_applied_on: dt.date, authors: list[tuple[User, int]],
) -> InitiativeApplication:
    """The author corrects the draft (its authors and shares too); once submitted it no longer changes."""
    application = _locked(application)
    _require_own_draft(actor, application)
    _fill(application, title=title, field=field, description=description, benefits=benefits, scope=scope,
          first_applied_on=first_applied_on)
    _save(application, actor)
    _set_authors(actor=actor, application=application, authors=authors)
    audit_record(actor=actor, action=INITIATIVE_APPLICATION_SAVED, obj=application, agency=application.agency,
                 changes=_changes(application))
    return application


@transaction.atomic
def initiative_application_submit(*, actor: User, application: InitiativeApplication) -> InitiativeApplication:
    """The author sends the đơn to the agency: its Hội đồng sáng kiến reads it from now on."""
    application = _locked(application)
    _require_own_draft(actor, application)
    if sum(application.authors.values_list("share", flat=True)) != 100:
        raise ValidationError(_("Tổng tỷ lệ đóng góp của các tác giả phải bằng 100%."))
    application.status, application.submitted_at = InitiativeStatus.SUBMITTED, timezone.now()
    _save(application, actor)
    audit_record(actor=actor, action=INITIATIVE_APPLICATION_SUBMITTED, obj=application, agency=application.agency,
                 changes={"status": application.status})
    return application


@transaction.atomic
def initiative_application_evaluate(
    *, actor: User, application: InitiativeApplication, agrees: bool, remark: str = "",
) -> InitiativeVote:
    """A member of the agency's Hội đồng sáng kiến votes (or changes their vote) while the application is open."""
    application = _locked(application)
    if not is_council_member(actor, application.agency):
        raise PermissionDenied(_("Chỉ thành viên Hội đồng sáng kiến của cơ quan mới được biểu quyết."))
    if application.status not in OPEN:
        raise ValidationError(_("Đơn này không còn chờ Hội đồng sáng kiến xét."))
    vote = (InitiativeVote.objects.select_for_update().filter(application=application, member=actor).first()
            or InitiativeVote(application=application, member=actor, agrees=agrees))
    vote.agrees, vote.remark = bool(agrees), _text(remark)
    _save(vote, actor)
    if application.status == InitiativeStatus.SUBMITTED:
        application.status = InitiativeStatus.EVALUATING
        _save(application, actor)
    audit_record(actor=actor, action=INITIATIVE_VOTED, obj=vote, agency=application.agency,
                 changes={"application": application.pk, "agrees": vote.agrees})
    return vote


@transaction.atomic
def initiative_application_recognise(*, actor: User, application: InitiativeApplication) -> InitiativeApplication:
    """The chief recognises the sáng kiến the council carried: he signs the Quyết định công nhận sáng kiến
    (``documents.initiatives``), which the engine numbers in the agency's register of Quyết định and issues as a
    PDF after the commit (``document_issue``); once issued, ``initiative_decision_register`` writes the registry's
    ``Initiative`` with the authors, which the CSTĐCS criterion reads."""
    application = _locked(application)
    agency = application.agency
    _require_chief(actor, agency)
    if application.status not in OPEN:
        raise ValidationError(_("Đơn này không còn chờ quyết định."))
    tally = council_tally(application)
    if not tally["carried"]:
        raise ValidationError(_("Chưa đủ 2/3 thành viên Hội đồng sáng kiến đồng ý (%(agree)s/%(members)s, cần "
                                "%(needed)s): chưa công nhận được.") % tally)
    today = timezone.localdate()
    draft = recognition_draft(application, tally=tally, drafter=actor, on=today)
    document = document_create(actor=actor, agency=agency, recipients=recognition_recipients(application),
                               **draft.create_kwargs())
    document = document_sign(actor=actor, document=document)
    application.status, application.document = InitiativeStatus.RECOGNISED, document
    application.decided_by, application.decided_on = actor, today
    _save(application, actor)
    audit_record(actor=actor, action=INITIATIVE_RECOGNISED, obj=application, agency=agency,
                 changes={"document": document.pk, "agree": tally["agree"], "members": tally["members"]})
    return application


@transaction.atomic
def initiative_decision_register(*, document: IssuedDocument) -> int:
    """When the Quyết định công nhận sáng kiến is issued (numbered, its PDF stored), the registry's ``Initiative``
    follows with its number, date and issuer, in the issuing transaction (the kind's ``on_issued`` hook).
    Idempotent; the system acts, for the signer."""
    application = (InitiativeApplication.objects.select_for_update(of=("self",)).select_related("agency")
                   .filter(document=document, initiative__isnull=True).first())
    if application is None or document.status != DocumentStatus.READY:
        return 0
    signer = document.signer
    day = timezone.localtime(document.signed_at).date()
    authors = [row.person for row in application.authors.select_related("person__unit__agency")]
    initiative = initiative_write(actor=signer, title=application.title, authors=authors, decision_date=day,
                                  scope=application.scope, decision_number=document.number_text,
                                  issuer=decider(application.agency))
    application.initiative, application.decision_number = initiative, document.number_text
    _save(application, signer)
    audit_record(actor=signer, action=INITIATIVE_DECISION_REGISTERED, obj=application, agency=application.agency,
                 changes={"decision_number": document.number_text, "initiative": initiative.pk})
    return 1


@transaction.atomic
def initiative_application_reject(*, actor: User, application: InitiativeApplication,
                                  reason: str) -> InitiativeApplication:
    """The chief refuses the sáng kiến, with the reason the author is told; nothing enters the registry."""
    application = _locked(application)
    _require_chief(actor, application.agency)
    if application.status not in OPEN:
        raise ValidationError(_("Đơn này không còn chờ quyết định."))
    reason = _text(reason)
    if not reason:
        raise ValidationError({"reason": _("Nêu lý do không công nhận sáng kiến.")})
    application.status, application.reject_reason = InitiativeStatus.REJECTED, reason
    application.decided_by, application.decided_on = actor, timezone.localdate()
    _save(application, actor)
    audit_record(actor=actor, action=INITIATIVE_REJECTED, obj=application, agency=application.agency,
                 reason=reason, changes={"status": application.status})
    return application


@transaction.atomic
def initiative_council_member_add(*, actor: User, agency: Agency, person: User,
                                  position: str) -> InitiativeCouncilMember:
    """The chief sets up the agency's Hội đồng sáng kiến (Thông tư 18/2013/TT-BKHCN, Điều 8)."""
    _require_chief(actor, agency)
    if not person.is_active or person.agency != agency:
        raise ValidationError({"person": _("Thành viên phải là cán bộ, công chức của cơ quan.")})
    if InitiativeCouncilMember.objects.filter(agency=agency, person=person).exists():
        raise ValidationError({"person": _("Người này đã là thành viên Hội đồng sáng kiến.")})
    member = _save(InitiativeCouncilMember(agency=agency, person=person, position=position), actor)
    audit_record(actor=actor, action=INITIATIVE_COUNCIL_CHANGED, obj=member, agency=agency,
                 changes={"added": person.pk, "position": position})
    return member


@transaction.atomic
def initiative_council_member_remove(*, actor: User, member: InitiativeCouncilMember) -> None:
    _require_chief(actor, member.agency)
    audit_record(actor=actor, action=INITIATIVE_COUNCIL_CHANGED, obj=member, agency=member.agency,
                 changes={"removed": member.person_id, "position": member.position})
    member._history_user = actor
    member.delete()


__all__ = ["initiative_application_create", "initiative_application_evaluate", "initiative_application_recognise",
           "initiative_application_reject", "initiative_application_submit", "initiative_application_update",
           "initiative_council_member_add", "initiative_council_member_remove", "initiative_decision_register",
           "is_author"]
