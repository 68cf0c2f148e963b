"""The emulation bloc's year (khối thi đua; domain §6, issue 21, docs/legal-basis.md §18).

Start of the year: the leader's secretariat drafts each member's targets (``bloc_target_add``), each member's
secretariat or leadership confirms its part (``bloc_covenant_confirm``), then the leader's head signs the one
Bản giao ước thi đua that carries every member's targets and signature block (``bloc_covenant_sign``). Year end:
each member scores itself against its own targets (``bloc_assessment_save``); the leader's secretariat compiles
the table ranked by score with the proposals it implies (``bloc_results_compile``); at the bloc's meeting each
member agency votes on each proposal (``bloc_vote_cast``), the leader's secretariat closes the vote against the
bloc's threshold (``bloc_vote_close``) and the leader's head signs the bloc's Tờ trình to Sở Nội vụ
(``bloc_submission_sign``). A member acts only for itself: only its own assessment, only its own vote.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import roles_here
from workflow.audit import audit_record, register_action
from workflow.documents.models import DocumentType, RecipientKind, SignatureForm
from workflow.documents.selectors import signing_role
from workflow.documents.services import Recipient, document_create, document_sign
from workflow.history import history_save as _save

from ..documents.blocs import COVENANT_TEMPLATE, SUBMISSION_TEMPLATE, covenant_data, submission_data
from ..models import BlocMembership, BlocTarget, BlocVote, BlocYear, BlocYearStatus, EmulationBloc
from ..selectors.blocs import acts_for

BLOC_TARGET_ADDED = register_action("bloc.target_added", _l("Soạn chỉ tiêu giao ước thi đua của khối"))
BLOC_COVENANT_CONFIRMED = register_action("bloc.covenant_confirmed", _l("Cơ quan xác nhận giao ước thi đua của khối"))
BLOC_COVENANT_SIGNED = register_action("bloc.covenant_signed", _l("Ký bản giao ước thi đua của khối"))
BLOC_ASSESSMENT_SAVED = register_action("bloc.assessment_saved", _l("Lưu, gửi bản tự chấm điểm thi đua của khối"))
BLOC_RESULTS_COMPILED = register_action("bloc.results_compiled", _l("Tổng hợp, xếp hạng kết quả chấm điểm của khối"))
BLOC_VOTE_CAST = register_action("bloc.vote_cast", _l("Bỏ phiếu bình xét, suy tôn của khối"))
BLOC_VOTE_CLOSED = register_action("bloc.vote_closed", _l("Kết thúc họp bình xét, suy tôn của khối"))
BLOC_SUBMISSION_SIGNED = register_action("bloc.submission_signed", _l("Ký tờ trình của khối gửi Sở Nội vụ"))

SCORE_QUANTUM = Decimal("0.01")


def bloc_leader(bloc: EmulationBloc, year: int) -> BlocMembership:
    leader = (BlocMembership.objects.filter(bloc=bloc, year=year, is_leader=True).select_related("agency").first())
    if leader is None:
        raise ValidationError(_("Khối chưa có cơ quan khối trưởng năm %(year)s.") % {"year": year})
    return leader


def _require_leader_secretariat(actor: User, bloc: EmulationBloc, year: int) -> BlocMembership:
    leader = bloc_leader(bloc, year)
    if Role.SECRETARIAT not in roles_here(actor, leader.agency):
        raise PermissionDenied(_("Chỉ thường trực thi đua của cơ quan khối trưởng mới được làm việc này."))
    return leader


def _require_leader_signer(actor: User, bloc: EmulationBloc, year: int) -> BlocMembership:
    leader = bloc_leader(bloc, year)
    if signing_role(actor, leader.agency) is None:
        raise PermissionDenied(_("Chỉ %(head)s hoặc %(deputy)s của cơ quan khối trưởng mới được ký văn bản của khối.")
                               % {"head": leader.agency.head_title, "deputy": leader.agency.deputy_title})
    return leader


def _require_member(actor: User, membership: BlocMembership) -> None:
    if not acts_for(actor, membership.agency):
        raise PermissionDenied(_("Chỉ thường trực thi đua hoặc lãnh đạo của %(agency)s mới được làm việc này.")
                               % {"agency": membership.agency.name})


def _year_locked(bloc: EmulationBloc, year: int, *, create: bool = False) -> BlocYear:
    if create:
        BlocYear.objects.get_or_create(bloc=bloc, year=year)
    found = BlocYear.objects.select_for_update().filter(bloc=bloc, year=year).first()
    if found is None:
        raise ValidationError(_("Khối chưa xây dựng giao ước thi đua năm %(year)s.") % {"year": year})
    return found


def _require_status(bloc_year: BlocYear, *statuses: str) -> None:
    if bloc_year.status not in statuses:
        raise ValidationError(_("Việc này không làm được khi năm thi đua của khối đang ở bước “%(status)s”.")
                              % {"status": bloc_year.get_status_display()})


def _members(bloc: EmulationBloc, year: int) -> list[BlocMembership]:
    return list(BlocMembership.objects.select_for_update(of=("self",)).filter(bloc=bloc, year=year)
                .select_related("agency").order_by("-is_leader", "agency__name"))


def _recipients(members: list[BlocMembership], leader: BlocMembership, *extra: str) -> list[Recipient]:
    """Every other member agency reads the bloc's documents once issued; the leader keeps them in its archive."""
    return [*(Recipient(kind) for kind in extra),
            *(Recipient(RecipientKind.AGENCY, agency=m.agency) for m in members if m.pk != leader.pk),
            Recipient(RecipientKind.ARCHIVE)]


def _decimal(value, field: str) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: _("Điểm phải là một số, ví dụ 9,5.")}) from exc
    if not number.is_finite():
        raise ValidationError({field: _("Điểm phải là một số, ví dụ 9,5.")})
    return number.quantize(SCORE_QUANTUM)


# --- the giao ước ------------------------------------------------------------------------------------


@transaction.atomic
def bloc_target_add(
    *, actor: User, membership: BlocMembership, content: str, measure: str, planned_value: str, max_score,
) -> BlocTarget:
    """The leader's secretariat drafts one target of a member's part of the covenant."""
    leader = _require_leader_secretariat(actor, membership.bloc, membership.year)
    bloc_year = _year_locked(membership.bloc, membership.year, create=True)
    _require_status(bloc_year, BlocYearStatus.DRAFTING)
    membership = BlocMembership.objects.select_for_update().select_related("agency").get(pk=membership.pk)
    if membership.confirmed_at is not None:
        raise ValidationError(_("%(agency)s đã xác nhận giao ước; không thêm chỉ tiêu được nữa.")
                              % {"agency": membership.agency.name})
    target = BlocTarget(membership=membership, content=content.strip(), measure=measure.strip(),
                        planned_value=planned_value.strip(), max_score=_decimal(max_score, "max_score"))
    target.full_clean()
    _save(target, actor)
    audit_record(actor=actor, action=BLOC_TARGET_ADDED, obj=target, agency=leader.agency,
                 changes={"member": membership.agency.code, "content": target.content,
                          "max_score": str(target.max_score)})
    return target


@transaction.atomic
def bloc_covenant_confirm(*, actor: User, membership: BlocMembership) -> BlocMembership:
    """A member's secretariat or leadership confirms its own part of the covenant (its targets)."""
    _require_member(actor, membership)
    bloc_year = _year_locked(membership.bloc, membership.year)
    _require_status(bloc_year, BlocYearStatus.DRAFTING)
    membership = BlocMembership.objects.select_for_update().select_related("agency").get(pk=membership.pk)
    if membership.confirmed_at is not None:
        raise ValidationError(_("%(agency)s đã xác nhận giao ước.") % {"agency": membership.agency.name})
    if not membership.targets.exists():
        raise ValidationError(_("Giao ước của %(agency)s chưa có chỉ tiêu nào để xác nhận.")
                              % {"agency": membership.agency.name})
    membership.confirmed_at = timezone.now()
    membership.confirmed_by = actor
    _save(membership, actor)
    audit_record(actor=actor, action=BLOC_COVENANT_CONFIRMED, obj=membership, agency=membership.agency,
                 changes={"targets": membership.targets.count()})
    return membership


@transaction.atomic
def bloc_covenant_sign(*, actor: User, bloc: EmulationBloc, year: int) -> BlocYear:
    """The leader's head signs the Bản giao ước thi đua once every member has confirmed its part; the document
    (one for the bloc) carries every member's targets and signature block."""
    leader = _require_leader_signer(actor, bloc, year)
    bloc_year = _year_locked(bloc, year)
    _require_status(bloc_year, BlocYearStatus.DRAFTING)
    members = _members(bloc, year)
    waiting = [m.agency.name for m in members if m.confirmed_at is None]
    if waiting:
        raise ValidationError(_("Còn cơ quan chưa xác nhận giao ước: %(list)s.") % {"list": ", ".join(waiting)})
    document = document_create(
        actor=actor, agency=leader.agency, template_key=COVENANT_TEMPLATE,
        summary=_("Giao ước thi đua năm %(year)s") % {"year": year},
        data=covenant_data(bloc, year, members), doc_type="",
        signature_form=SignatureForm.COLLECTIVE, collective_name=bloc.name, collective_head_title=_("Khối trưởng"),
        recipients=_recipients(members, leader),
    )
    document_sign(actor=actor, document=document)
    today = timezone.localdate()
    for membership in members:
        membership.covenant_signed_on = today
        membership.covenant_recorded_by = actor
        _save(membership, actor)
    bloc_year.covenant_document = document
    bloc_year.status = BlocYearStatus.SIGNED
    _save(bloc_year, actor)
    audit_record(actor=actor, action=BLOC_COVENANT_SIGNED, obj=bloc_year, agency=leader.agency,
                 changes={"document": document.pk, "members": [m.agency.code for m in members]})
    return bloc_year


# --- year end ----------------------------------------------------------------------------------------


@transaction.atomic
def bloc_assessment_save(
    *, actor: User, membership: BlocMembership, scores: dict[int, tuple[str, object]], submit: bool = False,
) -> BlocMembership:
    """A member scores itself against its own targets: ``scores`` maps each target's pk to (what was achieved,
    the score). ``submit`` sends it to the leader, after which it no longer changes."""
    _require_member(actor, membership)
    bloc_year = _year_locked(membership.bloc, membership.year)
    _require_status(bloc_year, BlocYearStatus.SIGNED)
    membership = BlocMembership.objects.select_for_update().select_related("agency").get(pk=membership.pk)
    if membership.assessment_submitted_at is not None:
        raise ValidationError(_("Bản tự chấm điểm đã gửi khối trưởng, không sửa được nữa."))
    targets = {t.pk: t for t in membership.targets.select_for_update()}
    unknown = set(scores) - set(targets)
    if unknown:
        raise ValidationError(_("Chỉ tiêu không thuộc giao ước của cơ quan."))
    errors = {}
    for pk, (achieved, score) in scores.items():
        target = targets[pk]
        target.achieved = (achieved or "").strip()
        if score in (None, ""):
            target.self_score = None
        else:
            try:
                target.self_score = _decimal(score, f"score_{pk}")
            except ValidationError as exc:
                errors[f"score_{pk}"] = exc.messages
                continue
            if not Decimal(0) <= target.self_score <= target.max_score:
                errors[f"score_{pk}"] = [_("Điểm của chỉ tiêu “%(target)s” phải từ 0 đến %(max)s.")
                                         % {"target": target.content, "max": target.max_score}]
    if errors:
        raise ValidationError(errors)
    if submit:
        missing = [t.content for t in targets.values() if t.self_score is None]
        if missing:
            raise ValidationError(_("Chưa chấm điểm các chỉ tiêu: %(list)s.") % {"list": "; ".join(missing)})
    for target in targets.values():
        target.full_clean()
        _save(target, actor)
    if submit:
        membership.assessment_submitted_at = timezone.now()
        membership.assessment_submitted_by = actor
        _save(membership, actor)
    total = sum((t.self_score for t in targets.values() if t.self_score is not None), Decimal(0))
    audit_record(actor=actor, action=BLOC_ASSESSMENT_SAVED, obj=membership, agency=membership.agency,
                 changes={"submitted": submit, "total": str(total)})
    return membership


def ranked(members: list[BlocMembership], totals: dict[int, Decimal]) -> list[tuple[BlocMembership, int]]:
    """Members by total score, highest first; equal totals share a rank (1, 1, 3)."""
    ordered = sorted(members, key=lambda m: (-totals[m.pk], m.agency.name))
    result, rank = [], 0
    for index, member in enumerate(ordered, start=1):
        if index == 1 or totals[member.pk] != totals[ordered[index - 2].pk]:
            rank = index
        result.append((member, rank))
    return result


@transaction.atomic
def bloc_results_compile(*, actor: User, bloc: EmulationBloc, year: int) -> BlocYear:
    """The leader's secretariat compiles the members' submitted assessments into a table ranked by total score;
    the first ``bloc.flags_per_year`` ranks are proposed for the bloc's flag award, the next
    ``bloc.commendations_per_year`` for its commendation (data of the bloc, docs/legal-basis.md §18)."""
    leader = _require_leader_secretariat(actor, bloc, year)
    bloc_year = _year_locked(bloc, year)
    _require_status(bloc_year, BlocYearStatus.SIGNED)
    bloc = EmulationBloc.objects.select_related("flag_award", "commendation_award").get(pk=bloc.pk)
    if bloc.flag_award_id is None:
        raise ValidationError(_("Khối chưa chọn danh hiệu suy tôn cho cơ quan dẫn đầu (quản trị: khối thi đua)."))
    members = _members(bloc, year)
    waiting = [m.agency.name for m in members if m.assessment_submitted_at is None]
    if waiting:
        raise ValidationError(_("Còn cơ quan chưa gửi bản tự chấm điểm: %(list)s.") % {"list": ", ".join(waiting)})
    totals = {m.pk: sum((t.self_score for t in m.targets.all()), Decimal(0)) for m in members}
    for member, rank in ranked(members, totals):
        member.total_score = totals[member.pk]
        member.rank = rank
        if rank <= bloc.flags_per_year:
            member.proposed_award = bloc.flag_award
        elif bloc.commendation_award_id and rank <= bloc.flags_per_year + bloc.commendations_per_year:
            member.proposed_award = bloc.commendation_award
        else:
            member.proposed_award = None
        _save(member, actor)
    bloc_year.status = BlocYearStatus.COMPILED
    bloc_year.compiled_at = timezone.now()
    _save(bloc_year, actor)
    audit_record(actor=actor, action=BLOC_RESULTS_COMPILED, obj=bloc_year, agency=leader.agency,
                 changes={m.agency.code: [str(m.total_score), m.rank] for m in members})
    return bloc_year


@transaction.atomic
def bloc_vote_cast(*, actor: User, voter: BlocMembership, votes: dict[int, bool]) -> list[BlocVote]:
    """A member agency's vote on each proposal of the compiled table (``votes``: candidate membership pk →
    agree); cast again before the vote closes, it replaces the agency's earlier vote."""
    _require_member(actor, voter)
    bloc_year = _year_locked(voter.bloc, voter.year)
    _require_status(bloc_year, BlocYearStatus.COMPILED)
    candidates = {m.pk: m for m in BlocMembership.objects.filter(bloc=voter.bloc, year=voter.year,
                                                                  proposed_award__isnull=False)}
    if set(votes) != set(candidates):
        raise ValidationError(_("Phải cho ý kiến về từng cơ quan được đề nghị suy tôn."))
    cast = []
    for pk, agree in votes.items():
        vote = BlocVote.objects.select_for_update().filter(voter=voter, candidate_id=pk).first() \
            or BlocVote(voter=voter, candidate=candidates[pk], agree=bool(agree), cast_by=actor)
        vote.agree, vote.cast_by = bool(agree), actor
        vote.full_clean()
        _save(vote, actor)
        cast.append(vote)
    audit_record(actor=actor, action=BLOC_VOTE_CAST, obj=voter, agency=voter.agency,
                 changes={"candidates": len(cast)})
    return cast


def carries(votes_for: int, members: int, threshold_pct: Decimal) -> bool:
    """A proposal carries when the agreeing members are more than ``threshold_pct`` % of all the bloc's members
    (the base and the threshold are the bloc's own rule: doubtful, docs/legal-basis.md §18)."""
    return Decimal(votes_for) * 100 > threshold_pct * members


@transaction.atomic
def bloc_vote_close(*, actor: User, bloc: EmulationBloc, year: int, meeting_on: dt.date) -> BlocYear:
    """The bloc has met: the leader's secretariat closes the vote once every member has voted; each proposal
    carries or not by the bloc's threshold."""
    leader = _require_leader_secretariat(actor, bloc, year)
    bloc_year = _year_locked(bloc, year)
    _require_status(bloc_year, BlocYearStatus.COMPILED)
    if meeting_on > timezone.localdate():
        raise ValidationError({"meeting_on": _("Ngày họp không được sau hôm nay.")})
    if bloc_year.compiled_at and meeting_on < timezone.localdate(bloc_year.compiled_at):
        raise ValidationError({"meeting_on": _("Ngày họp không được trước ngày tổng hợp kết quả.")})
    members = _members(bloc, year)
    candidates = [m for m in members if m.proposed_award_id]
    voted = {}
    for vote in BlocVote.objects.filter(candidate__in=candidates):
        voted.setdefault(vote.voter_id, set()).add(vote.candidate_id)
    waiting = [m.agency.name for m in members if voted.get(m.pk, set()) != {c.pk for c in candidates}]
    if waiting:
        raise ValidationError(_("Còn cơ quan chưa bỏ phiếu: %(list)s.") % {"list": ", ".join(waiting)})
    for candidate in candidates:
        candidate.votes_for = BlocVote.objects.filter(candidate=candidate, agree=True).count()
        candidate.carried = carries(candidate.votes_for, len(members), bloc.vote_threshold_pct)
        _save(candidate, actor)
    bloc_year.meeting_on = meeting_on
    bloc_year.status = BlocYearStatus.VOTED
    _save(bloc_year, actor)
    audit_record(actor=actor, action=BLOC_VOTE_CLOSED, obj=bloc_year, agency=leader.agency,
                 changes={c.agency.code: [c.votes_for, len(members), c.carried] for c in candidates})
    return bloc_year


@transaction.atomic
def bloc_submission_sign(*, actor: User, bloc: EmulationBloc, year: int) -> BlocYear:
    """The leader's head signs the bloc's Tờ trình to Sở Nội vụ proposing the carried members."""
    leader = _require_leader_signer(actor, bloc, year)
    bloc_year = _year_locked(bloc, year)
    _require_status(bloc_year, BlocYearStatus.VOTED)
    members = _members(bloc, year)
    if not any(m.carried for m in members):
        raise ValidationError(_("Không có cơ quan nào được khối suy tôn: không có gì để trình."))
    document = document_create(
        actor=actor, agency=leader.agency, template_key=SUBMISSION_TEMPLATE,
        summary=_("Về việc đề nghị khen thưởng cho các cơ quan dẫn đầu %(bloc)s năm %(year)s")
        % {"bloc": bloc.name, "year": year},
        data=submission_data(bloc_year, members, timezone.localdate(), leader.agency),
        doc_type=DocumentType.TO_TRINH,
        signature_form=SignatureForm.COLLECTIVE, collective_name=bloc.name, collective_head_title=_("Khối trưởng"),
        recipients=_recipients(members, leader, RecipientKind.HOME_AFFAIRS),
    )
    document_sign(actor=actor, document=document)
    bloc_year.submission_document = document
    bloc_year.status = BlocYearStatus.SUBMITTED
    _save(bloc_year, actor)
    audit_record(actor=actor, action=BLOC_SUBMISSION_SIGNED, obj=bloc_year, agency=leader.agency,
                 changes={"document": document.pk, "proposed": [m.agency.code for m in members if m.carried]})
    return bloc_year
