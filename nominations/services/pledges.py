"""Every write of pledge registration (domain §6; design §3 flow 1).

A unit head drafts the unit's registration; each member confirms their own line; the
secretariat accepts or returns it (every round kept); the secretariat compiles the accepted
registrations into the agency's; the chief signs it as a numbered công văn; Sở Nội vụ
acknowledges or returns it. What was accepted or signed never changes: a change is a new
registration that ``amends`` the old one (Nghị định 30/2020/NĐ-CP, Điều 15: an issued document
stays as issued).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from accounts.models import Agency, Unit, User
from accounts.roles import Role
from accounts.selectors import role_holders, roles_here
from workflow.audit import Action, audit_record, register_action
from workflow.documents.models import DocumentStatus, DocumentType
from workflow.documents.selectors import signing_role
from workflow.documents.services import document_create, document_discard, document_sign
from workflow.history import history_save as _save
from workflow.notifications.services import notify

from ..audit import (
    PLEDGE_LINE_REMOVED,
    PLEDGE_LINE_SAVED,
    PLEDGE_REGISTRATION_UPDATED,
    PLEDGE_TARGET_ADDED,
    PLEDGE_TARGET_REMOVED,
)
from ..documents import issuer_unit_code, registration_document_data
from ..models import (
    AgencyPledgeRegistration,
    AgencyPledgeStatus,
    Award,
    AwardKind,
    BlocMembership,
    Movement,
    NomineeKind,
    PledgeLine,
    PledgeRegistration,
    PledgeReview,
    PledgeStatus,
    PledgeTarget,
)
from .signing import return_reason_clean

REGISTRATION_TEMPLATE = "dang_ky_thi_dua"


LINE_CONFIRMED = register_action("pledge.line_confirmed", _l("Cá nhân xác nhận đăng ký thi đua"))
COMPILED = register_action("pledge.compiled", _l("Tổng hợp bản đăng ký thi đua của cơ quan"))
COVENANT_RECORDED = register_action("bloc.covenant_recorded", _l("Ghi nhận giao ước thi đua của khối"))


def _holders(role: str, **scope) -> list[User]:
    """Who holds ``role`` over the unit or agency now (the people to tell)."""
    (over,) = scope.values()
    return list(role_holders(role, over=over))


# --- who may do what ---------------------------------------------------------------------


def _require_unit_head(actor: User, unit: Unit) -> None:
    if Role.UNIT_HEAD not in roles_here(actor, unit):
        raise PermissionDenied(_("Chỉ trưởng đơn vị mới được lập và gửi bản đăng ký thi đua của đơn vị."))


def _require_secretariat(actor: User, agency: Agency) -> None:
    if Role.SECRETARIAT not in roles_here(actor, agency):
        raise PermissionDenied(_("Chỉ thường trực thi đua – khen thưởng của cơ quan mới được làm việc này."))


def _require_home_affairs(actor: User, agency: Agency) -> None:
    if Role.HOME_AFFAIRS not in roles_here(actor, agency.province):
        raise PermissionDenied(_("Chỉ cán bộ Sở Nội vụ mới được tiếp nhận bản đăng ký của cơ quan."))


def _require_signer(actor: User, agency: Agency) -> None:
    """The agency's công văn is signed by its head, or a deputy "KT." (Nghị định 30/2020/NĐ-CP, Điều 13)."""
    if signing_role(actor, agency) is None:
        raise PermissionDenied(_("Chỉ %(head)s hoặc %(deputy)s mới được ký bản đăng ký thi đua của cơ quan.")
                               % {"head": agency.head_title, "deputy": agency.deputy_title})


def _require_editable(registration: PledgeRegistration) -> None:
    if not registration.is_editable:
        raise ValidationError(_("Bản đăng ký đang chờ xem xét hoặc đã được chấp nhận, không sửa được."))


# --- rules of the registration -----------------------------------------------------------


def check_title_for(award: Award, *, collective: bool) -> None:
    """A registered title must be a danh hiệu thi đua the registrant can hold (Luật Thi đua,
    khen thưởng 2022, Điều 23 lists the titles of individuals, Điều 26–28 those of collectives)."""
    if award.kind != AwardKind.TITLE or not award.is_active:
        raise ValidationError(_("“%(title)s” không phải danh hiệu thi đua để đăng ký.") % {"title": award.name})
    if collective and award.nominee_kind == NomineeKind.PERSON:
        raise ValidationError(_("Danh hiệu “%(title)s” dành cho cá nhân, không đăng ký cho tập thể.")
                              % {"title": award.name})
    if not collective and award.nominee_kind == NomineeKind.COLLECTIVE:
        raise ValidationError(_("Danh hiệu “%(title)s” dành cho tập thể, không đăng ký cho cá nhân.")
                              % {"title": award.name})


def _current(qs):
    """Registrations not replaced by an amendment."""
    return qs.filter(amended_by__isnull=True)


# --- the unit's registration -------------------------------------------------------------


@transaction.atomic
def pledge_registration_create(
    *, actor: User, unit: Unit, year: int, amends: PledgeRegistration | None = None
) -> PledgeRegistration:
    """The unit head opens the unit's registration of ``year``, or an amendment of an accepted one."""
    _require_unit_head(actor, unit)
    Unit.objects.select_for_update().get(pk=unit.pk)  # one registration at a time per unit
    existing = _current(PledgeRegistration.objects.filter(unit=unit, year=year)).first()
    if amends is None and existing is not None:
        if existing.status == PledgeStatus.ACCEPTED:
            raise ValidationError(_(
                "Đơn vị đã có bản đăng ký thi đua năm %(year)s được chấp nhận; muốn thay đổi, hãy lập bản đăng ký "
                "bổ sung từ bản đó.") % {"year": year})
        raise ValidationError(_("Đơn vị đã có bản đăng ký thi đua năm %(year)s đang xử lý.") % {"year": year})
    if amends is not None:
        if amends.unit_id != unit.pk or amends.year != year or existing is None or existing.pk != amends.pk:
            raise ValidationError(_("Chỉ bổ sung được bản đăng ký mới nhất của chính đơn vị, cùng năm."))
        if amends.status != PledgeStatus.ACCEPTED:
            raise ValidationError(_("Bản đăng ký chưa được chấp nhận thì sửa trực tiếp, không cần lập bản bổ sung."))
    registration = PledgeRegistration(unit=unit, year=year, amends=amends, created_by=actor,
                                      collective_title=amends.collective_title if amends else None)
    _save(registration, actor)
    if amends is not None:
        for target in amends.targets.all():
            _save(PledgeTarget(registration=registration, content=target.content, measure=target.measure,
                               planned_value=target.planned_value, movement=target.movement), actor)
        for line in amends.lines.all():
            _save(PledgeLine(registration=registration, person=line.person, title=line.title,
                             planned_initiative=line.planned_initiative), actor)
    audit_record(actor=actor, action=Action.CREATED, obj=registration,
                 changes={"year": year, "amends": amends.pk if amends else None})
    return registration


@transaction.atomic
def pledge_registration_update(*, actor: User, registration: PledgeRegistration,
                               collective_title: Award | None) -> PledgeRegistration:
    """The unit head chooses the collective title the unit aims for."""
    _require_unit_head(actor, registration.unit)
    registration = PledgeRegistration.objects.select_for_update().get(pk=registration.pk)
    _require_editable(registration)
    if collective_title is not None:
        check_title_for(collective_title, collective=True)
    before = registration.collective_title
    registration.collective_title = collective_title
    _save(registration, actor)
    audit_record(actor=actor, action=PLEDGE_REGISTRATION_UPDATED, obj=registration,
                 agency=registration.unit.agency,
                 changes={"collective_title": [before.code if before else "",
                                               collective_title.code if collective_title else ""]})
    return registration


@transaction.atomic
def pledge_target_add(
    *, actor: User, registration: PledgeRegistration, content: str, measure: str, planned_value: str,
    movement: Movement | None = None,
) -> PledgeTarget:
    _require_unit_head(actor, registration.unit)
    _require_editable(registration)
    if movement is not None and not Movement.objects.running_in(registration.year).filter(pk=movement.pk).exists():
        raise ValidationError(_("Phong trào “%(name)s” không diễn ra trong năm %(year)s.")
                              % {"name": movement, "year": registration.year})
    target = PledgeTarget(registration=registration, content=content.strip(), measure=measure.strip(),
                          planned_value=planned_value.strip(), movement=movement)
    _save(target, actor)
    audit_record(actor=actor, action=PLEDGE_TARGET_ADDED, obj=registration, agency=registration.unit.agency,
                 changes={"target": target.pk, "content": target.content, "planned_value": target.planned_value})
    return target


@transaction.atomic
def pledge_target_remove(*, actor: User, target: PledgeTarget) -> None:
    _require_unit_head(actor, target.registration.unit)
    _require_editable(target.registration)
    registration = target.registration
    audit_record(actor=actor, action=PLEDGE_TARGET_REMOVED, obj=registration, agency=registration.unit.agency,
                 changes={"target": target.pk, "content": target.content})
    target._history_user = actor
    target.delete()


@transaction.atomic
def pledge_line_save(
    *, actor: User, registration: PledgeRegistration, person: User, title: Award, planned_initiative: str = "",
) -> PledgeLine:
    """Add or change a member's line; a changed line must be confirmed again by its member."""
    _require_unit_head(actor, registration.unit)
    _require_editable(registration)
    if person.unit_id != registration.unit_id or not person.is_active:
        raise ValidationError(_("%(name)s không thuộc %(unit)s, không đăng ký trong bản này được.")
                              % {"name": person, "unit": registration.unit})
    check_title_for(title, collective=False)
    line = PledgeLine.objects.filter(registration=registration, person=person).first() or PledgeLine(
        registration=registration, person=person)
    before = {"title": line.title.code if line.title_id else "", "planned_initiative": line.planned_initiative}
    line.title = title
    line.planned_initiative = planned_initiative.strip()
    line.confirmed_at = None
    _save(line, actor)
    audit_record(actor=actor, action=PLEDGE_LINE_SAVED, obj=line, agency=registration.unit.agency,
                 changes={"person": person.pk, "title": [before["title"], title.code],
                          "planned_initiative": [before["planned_initiative"], line.planned_initiative]})
    return line


@transaction.atomic
def pledge_line_remove(*, actor: User, line: PledgeLine) -> None:
    _require_unit_head(actor, line.registration.unit)
    _require_editable(line.registration)
    registration = line.registration
    audit_record(actor=actor, action=PLEDGE_LINE_REMOVED, obj=registration, agency=registration.unit.agency,
                 changes={"person": line.person_id, "title": line.title.code if line.title_id else ""})
    line._history_user = actor
    line.delete()


@transaction.atomic
def pledge_line_confirm(*, actor: User, line: PledgeLine) -> PledgeLine:
    """The member signs for their own line (domain §6: each person signs their line)."""
    if line.person_id != actor.pk:
        raise PermissionDenied(_("Mỗi người chỉ xác nhận dòng đăng ký của chính mình."))
    line = PledgeLine.objects.select_for_update().get(pk=line.pk)
    if line.confirmed_at is None:
        line.confirmed_at = timezone.now()
        _save(line, actor)
        audit_record(actor=actor, action=LINE_CONFIRMED, obj=line, agency=line.registration.unit.agency)
    return line


def _call_of(unit: Unit, year: int) -> AgencyPledgeRegistration | None:
    return (AgencyPledgeRegistration.objects.filter(agency_id=unit.agency_id, year=year)
            .order_by("-pk").first())


def is_late(*, unit: Unit, year: int, on: dt.date) -> bool:
    """Late: after the deadline the secretariat set, or after the agency's registration was compiled."""
    call = _call_of(unit, year)
    if call is None:
        return False
    return on > call.deadline or call.status != AgencyPledgeStatus.OPEN


def _sent_copy(registration: PledgeRegistration) -> dict:
    """What is being sent, as it reads: kept on the registration until the next submit."""
    title = registration.collective_title
    return {
        "collective_title": title.name if title else "",
        "targets": [{"content": t.content, "measure": t.measure, "planned_value": t.planned_value,
                     "movement": t.movement.name if t.movement else ""}
                    for t in registration.targets.select_related("movement").order_by("pk")],
        "lines": [{"person_id": ln.person_id, "person": ln.person.full_name, "position": ln.person.position_title,
                   "title": ln.title.name, "planned_initiative": ln.planned_initiative}
                  for ln in registration.lines.select_related("person", "title")
                  .order_by("person__name_sort_key", "pk")],
    }


@transaction.atomic
def pledge_registration_submit(*, actor: User, registration: PledgeRegistration) -> PledgeRegistration:
    """The unit head sends the registration to the secretariat; a late one is flagged, not refused."""
    _require_unit_head(actor, registration.unit)
    registration = (PledgeRegistration.objects.select_for_update(of=("self",)).select_related("unit")
                    .get(pk=registration.pk))
    _require_editable(registration)
    problems = []
    if registration.collective_title_id is None:
        problems.append(_("chưa chọn danh hiệu tập thể đăng ký"))
    if not registration.lines.exists():
        problems.append(_("chưa có đăng ký của cá nhân nào"))
    if problems:
        raise ValidationError(_("Chưa gửi được: %(problems)s.") % {"problems": "; ".join(problems)})
    registration.status = PledgeStatus.SUBMITTED
    registration.submitted_at = timezone.now()
    registration.sent_copy = _sent_copy(registration)
    registration.is_late = is_late(unit=registration.unit, year=registration.year,
                                   on=timezone.localdate(registration.submitted_at))
    _save(registration, actor)
    audit_record(actor=actor, action=Action.SUBMITTED, obj=registration, changes={"is_late": registration.is_late})
    return registration


@transaction.atomic
def pledge_registration_review(
    *, actor: User, registration: PledgeRegistration, accept: bool, reason: str = "",
) -> PledgeReview:
    """The secretariat accepts the registration or returns it with the reason; every round is kept."""
    _require_secretariat(actor, registration.unit.agency)
    registration = PledgeRegistration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != PledgeStatus.SUBMITTED:
        raise ValidationError(_("Bản đăng ký không ở trạng thái chờ xem xét."))
    reason = reason.strip()
    if not accept and not reason:
        raise ValidationError({"reason": _("Trả lại thì phải ghi rõ lý do.")})
    review = PledgeReview(
        registration=registration, round=registration.reviews.count() + 1, reviewer=actor, reason=reason,
        decision=PledgeReview.Decision.ACCEPT if accept else PledgeReview.Decision.RETURN,
    )
    _save(review, actor)
    registration.status = PledgeStatus.ACCEPTED if accept else PledgeStatus.RETURNED
    if accept:
        registration.accepted_at = timezone.now()
    _save(registration, actor)
    if accept:
        notify(event="pledge_accepted", recipients=_holders(Role.UNIT_HEAD, unit=registration.unit),
               scope=registration.unit, context={
                   "title": _("Bản đăng ký thi đua năm %(year)s đã được chấp nhận") % {"year": registration.year},
                   "message": _("Thường trực thi đua – khen thưởng đã chấp nhận bản đăng ký thi đua năm %(year)s "
                                "của %(unit)s.") % {"year": registration.year, "unit": registration.unit.name},
                   "path": reverse("pledges:detail", args=[registration.pk])})
    # A return: the unit heads' step comes back and announces itself, "pledge returned" with the reason.
    audit_record(actor=actor, action=Action.ACCEPTED if accept else Action.RETURNED, obj=registration,
                 reason=reason, changes={"status": [PledgeStatus.SUBMITTED, registration.status],
                                         "round": review.round})
    return review


# --- the agency's registration -----------------------------------------------------------


@transaction.atomic
def agency_pledge_open(
    *, actor: User, agency: Agency, year: int, deadline: dt.date, amends: AgencyPledgeRegistration | None = None,
) -> AgencyPledgeRegistration:
    """The secretariat opens the agency's registration of ``year`` and sets the units' deadline."""
    _require_secretariat(actor, agency)
    Agency.objects.select_for_update().get(pk=agency.pk)  # one registration at a time per agency
    existing = _current(AgencyPledgeRegistration.objects.filter(agency=agency, year=year)).first()
    if amends is None and existing is not None:
        if existing.is_signed:
            raise ValidationError(_(
                "Cơ quan đã có bản đăng ký thi đua năm %(year)s đã ký; muốn thay đổi, hãy lập bản đăng ký bổ sung "
                "từ bản đó.") % {"year": year})
        raise ValidationError(_("Cơ quan đã có bản đăng ký thi đua năm %(year)s đang xử lý.") % {"year": year})
    if amends is not None and (existing is None or existing.pk != amends.pk or not existing.is_signed):
        raise ValidationError(_("Chỉ bổ sung được bản đăng ký mới nhất đã ký của cơ quan, cùng năm."))
    registration = AgencyPledgeRegistration(agency=agency, year=year, deadline=deadline, amends=amends,
                                            created_by=actor,
                                            collective_title=amends.collective_title if amends else None)
    _save(registration, actor)
    audit_record(actor=actor, action=Action.CREATED, obj=registration,
                 changes={"year": year, "deadline": deadline, "amends": amends.pk if amends else None})
    return registration


def accepted_unit_pledges(registration: AgencyPledgeRegistration):
    """The units' accepted registrations of the agency's year; an accepted amendment replaces the original."""
    return (
        PledgeRegistration.objects.filter(unit__agency_id=registration.agency_id, year=registration.year,
                                          status=PledgeStatus.ACCEPTED)
        .exclude(amended_by__status=PledgeStatus.ACCEPTED)
        .select_related("unit", "collective_title")
        .order_by("unit__position", "unit__name")
    )


def units_expected(agency: Agency):
    """Units that register: those with members, the leadership groups aside. A leadership group
    (Lãnh đạo Văn phòng, Lãnh đạo UBND tỉnh) has no unit head to register it, as it writes no
    section of the annual report (selectors.report.units_reporting); counted, it stayed "missing"
    every year and kept the secretariat from compiling before the deadline."""
    return (Unit.objects.filter(agency=agency, members__is_active=True).exclude(kind=Unit.Kind.LEADERSHIP)
            .distinct().order_by("position", "name"))


def missing_units(registration: AgencyPledgeRegistration) -> list[Unit]:
    accepted = set(accepted_unit_pledges(registration).values_list("unit_id", flat=True))
    return [unit for unit in units_expected(registration.agency) if unit.pk not in accepted]


@transaction.atomic
def agency_pledge_compile(
    *, actor: User, registration: AgencyPledgeRegistration, collective_title: Award | None = None,
    on: dt.date | None = None,
) -> AgencyPledgeRegistration:
    """The secretariat compiles the units' accepted registrations into the agency's công văn draft.

    Allowed when every unit is in, or from the deadline on: then the units still missing are listed.
    """
    _require_secretariat(actor, registration.agency)
    registration = AgencyPledgeRegistration.objects.select_for_update(of=("self",)).select_related("agency").get(
        pk=registration.pk)
    if registration.status not in (AgencyPledgeStatus.OPEN, AgencyPledgeStatus.RETURNED,
                                   AgencyPledgeStatus.CHIEF_RETURNED):
        raise ValidationError(_("Bản đăng ký của cơ quan đã được tổng hợp."))
    if collective_title is not None:
        check_title_for(collective_title, collective=True)
        registration.collective_title = collective_title
    today = on or timezone.localdate()
    missing = missing_units(registration)
    if missing and today < registration.deadline:
        raise ValidationError(_(
            "Còn %(count)s đơn vị chưa có bản đăng ký được chấp nhận (%(units)s); trước hạn ngày %(deadline)s "
            "chỉ tổng hợp khi đủ các đơn vị.") % {"count": len(missing), "units": ", ".join(u.name for u in missing),
                                                   "deadline": registration.deadline.strftime("%d/%m/%Y")})
    if not accepted_unit_pledges(registration).exists():
        raise ValidationError(_("Chưa có bản đăng ký nào của đơn vị được chấp nhận để tổng hợp."))
    document = document_create(
        actor=actor, agency=registration.agency, template_key=REGISTRATION_TEMPLATE,
        summary=_("đăng ký thi đua năm %(year)s") % {"year": registration.year},
        data=registration_document_data(registration, accepted_unit_pledges(registration)),
        doc_type=DocumentType.CONG_VAN, issuer_unit_code=issuer_unit_code(registration.agency, actor),
    )
    for unit_pledge in accepted_unit_pledges(registration).filter(included_in__isnull=True):
        unit_pledge.included_in = registration
        _save(unit_pledge, actor)
    registration.document = document
    registration.missing_units = "\n".join(u.name for u in missing)
    registration.compiled_at = timezone.now()
    registration.status = AgencyPledgeStatus.COMPILED
    registration.return_reason = ""
    _save(registration, actor)
    audit_record(actor=actor, action=COMPILED, obj=registration,
                 changes={"document": document.pk, "missing_units": [u.name for u in missing]})
    return registration


@transaction.atomic
def agency_pledge_sign(*, actor: User, registration: AgencyPledgeRegistration) -> AgencyPledgeRegistration:
    """The chief (or a deputy, "KT.") approves and signs; the công văn takes its number and goes to Sở Nội vụ."""
    registration = AgencyPledgeRegistration.objects.select_for_update(of=("self",)).select_related("agency").get(
        pk=registration.pk)
    _require_signer(actor, registration.agency)
    if registration.status != AgencyPledgeStatus.COMPILED or registration.document_id is None:
        raise ValidationError(_("Bản đăng ký chưa được tổng hợp để ký."))
    document_sign(actor=actor, document=registration.document)
    registration.status = AgencyPledgeStatus.SENT
    _save(registration, actor)
    audit_record(actor=actor, action=Action.SENT, obj=registration, changes={"document": registration.document_id})
    return registration


@transaction.atomic
def agency_pledge_return(*, actor: User, registration: AgencyPledgeRegistration,
                         reason: str) -> AgencyPledgeRegistration:
    """The signer does not sign: the registration goes back to the secretariat with the reason
    (``AgencyPledgeFlow.signed`` leads back to ``compile``). The công văn's draft is discarded (its history
    and the audit log keep it) and took no number; compiling again makes a new one."""
    registration = AgencyPledgeRegistration.objects.select_for_update(of=("self",)).select_related("agency").get(
        pk=registration.pk)
    _require_signer(actor, registration.agency)
    if registration.status != AgencyPledgeStatus.COMPILED:
        raise ValidationError(_("Bản đăng ký không ở bước chờ ký, không trả lại được."))
    reason = return_reason_clean(reason)
    draft = registration.document
    registration.document = None
    registration.status = AgencyPledgeStatus.CHIEF_RETURNED
    registration.return_reason = reason
    _save(registration, actor)
    if draft is not None:
        document_discard(actor=actor, document=draft)
    audit_record(actor=actor, action=Action.RETURNED, obj=registration, agency=registration.agency, reason=reason,
                 changes={"status": [AgencyPledgeStatus.COMPILED, AgencyPledgeStatus.CHIEF_RETURNED],
                          "draft_discarded": draft.pk if draft else None})
    return registration


@transaction.atomic
def agency_pledge_home_affairs_decide(
    *, actor: User, registration: AgencyPledgeRegistration, acknowledge: bool, reason: str = "",
) -> AgencyPledgeRegistration:
    """Sở Nội vụ acknowledges the registration, or returns it with the reason for the agency to redo."""
    _require_home_affairs(actor, registration.agency)
    registration = AgencyPledgeRegistration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != AgencyPledgeStatus.SENT:
        raise ValidationError(_("Bản đăng ký không ở trạng thái chờ Sở Nội vụ tiếp nhận."))
    if registration.document.status != DocumentStatus.READY:
        raise ValidationError(_("Công văn đăng ký chưa được cấp số và phát hành xong; vui lòng thử lại sau."))
    reason = reason.strip()
    if not acknowledge and not reason:
        raise ValidationError({"reason": _("Trả lại thì phải ghi rõ lý do.")})
    registration.status = AgencyPledgeStatus.ACKNOWLEDGED if acknowledge else AgencyPledgeStatus.RETURNED
    registration.home_affairs_reason = reason
    _save(registration, actor)
    # A return: the secretariat's compile step comes back and announces itself, "pledge returned".
    audit_record(actor=actor, action=Action.ACKNOWLEDGED if acknowledge else Action.HOME_AFFAIRS_RETURNED,
                 obj=registration, reason=reason, changes={"status": [AgencyPledgeStatus.SENT, registration.status]})
    return registration


# --- blocs -------------------------------------------------------------------------------


@transaction.atomic
def bloc_covenant_record(
    *, actor: User, membership: BlocMembership, signed_on: dt.date, commitments: str,
) -> BlocMembership:
    """The leader's secretariat records a member agency's giao ước thi đua (domain §6)."""
    leader = BlocMembership.objects.filter(bloc_id=membership.bloc_id, year=membership.year, is_leader=True).first()
    if leader is None or Role.SECRETARIAT not in roles_here(actor, leader.agency):
        raise PermissionDenied(_("Chỉ thường trực thi đua của cơ quan khối trưởng mới ghi nhận giao ước."))
    membership = BlocMembership.objects.select_for_update().get(pk=membership.pk)
    if not commitments.strip():
        raise ValidationError({"commitments": _("Nhập nội dung giao ước.")})
    if signed_on.year != membership.year:
        raise ValidationError({"signed_on": _("Ngày ký giao ước phải thuộc năm %(year)s.") % {"year": membership.year}})
    membership.covenant_signed_on = signed_on
    membership.commitments = commitments.strip()
    membership.covenant_recorded_by = actor
    _save(membership, actor)
    audit_record(actor=actor, action=COVENANT_RECORDED, obj=membership, agency=leader.agency,
                 changes={"agency": membership.agency.code, "signed_on": signed_on})
    return membership
