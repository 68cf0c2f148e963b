"""Every write of a council session (design §3 flow 3; domain §4): agenda and attendance,
publication, secret ballots (in person or in writing), the tally, the minutes and the chief's
approval, which issues the Quyết định and the Tờ trình through the document engine."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import CouncilPosition, Role
from accounts.selectors import roles_here
from workflow.audit import Action, audit_record
from workflow.documents.services import document_create, document_discard, document_sign
from workflow.notifications.services import notify

from ..audit import AGENDA_PUBLISHED, MINUTES_FINALISED, SESSION_CANCELLED, SESSION_CREATED
from ..documents import minutes_draft
from ..documents.outcomes import outcome_drafts, outcome_groups
from ..documents.recipients import decision_recipients
from ..models import (
    AgendaItem,
    Ballot,
    BallotChoice,
    BallotPaper,
    CountingRole,
    Cycle,
    Line,
    LineStatus,
    OutcomeDocument,
    OutcomeDocumentKind,
    Route,
    Session,
    SessionMember,
    SessionStatus,
    SubmissionAnswer,
    VoteBase,
)
from ..models.reports import PROSE_MAX
from ..selectors.council import absent_papers, council_vote_rules
from ..selectors.legal import grounds_on
from ..voting import has_quorum, vote_passes
from .cycles import require_secretariat
from .dossiers import _save
from .gates import (
    Gate,
    cap_gate,
    consultations_missing,
    files_per_line,
    line_blockers,
    lines_gate,
    verdicts_refresh,
)
from .postings import council_may_open
from .signing import return_reason_clean

MINUTES_TIME_MAX = 30  # "08 giờ 00", "14 giờ 30 phút"


def council_voters(cycle: Cycle) -> list[User]:
    """The council's voting members now (every position but the secretary; domain §4)."""
    return list(
        User.objects.filter(
            role_assignments__role=Role.COUNCIL_MEMBER, role_assignments__agency=cycle.agency,
            role_assignments__revoked_at__isnull=True,
            role_assignments__council_position__in=CouncilPosition.voting(), is_active=True,
        ).distinct().order_by("name_sort_key", "pk")
    )


def _locked(session: Session) -> Session:
    return Session.objects.select_for_update(of=("self",)).select_related("cycle__agency").get(pk=session.pk)


@transaction.atomic
def session_create(
    *, actor: User, cycle: Cycle, meeting_date: dt.date, venue: str = "", lines: list[Line] | None = None,
    absent: dict[int, str] | None = None, written_consultation: bool = False,
) -> Session:
    """The secretariat builds the agenda from accepted lines (of any units) and the attendance.

    ``written_consultation``: the council does not meet; the members are asked in writing (lấy ý kiến
    bằng văn bản) — ``absent`` then names the members not asked, and the votes may be counted before
    ``meeting_date`` (the day the minutes are dated)."""
    require_secretariat(actor, cycle.agency)
    council_may_open(cycle)  # not while the list is posted to the staff (công khai, domain §4)
    if lines is None:
        lines = list(Line.objects.filter(cycle=cycle, status=LineStatus.ACCEPTED).order_by("dossier__unit__position",
                                                                                             "position", "pk"))
    if not lines:
        raise ValidationError(_("Chưa có dòng đề nghị nào được tiếp nhận để đưa ra Hội đồng."))
    for line in lines:
        if line.cycle_id != cycle.pk or line.status != LineStatus.ACCEPTED:
            raise ValidationError(_("“%(line)s” chưa được tiếp nhận hoặc đã đưa ra Hội đồng.") % {"line": line})
    voters = council_voters(cycle)
    if not voters:
        raise ValidationError(_("Hội đồng chưa có thành viên có quyền biểu quyết."))
    lines_gate(actor=actor, cycle=cycle, lines=lines, gate=Gate.AGENDA)
    absent = absent or {}
    session = Session(cycle=cycle, meeting_date=meeting_date, venue=venue, created_by=actor,
                      written_consultation=written_consultation,
                      members_total=len(voters), members_present=len([v for v in voters if v.pk not in absent]))
    _save(session, actor)
    for person in voters:
        _save(SessionMember(session=session, person=person, present=person.pk not in absent,
                            absence_reason=absent.get(person.pk, "")), actor)
    for position, line in enumerate(lines, start=1):
        _save(AgendaItem(session=session, line=line, position=position), actor)
        line.status = LineStatus.ON_AGENDA
        _save(line, actor)
    # The agenda and the attendance are the secretariat's act: one event, as every business action.
    audit_record(actor=actor, action=SESSION_CREATED, obj=session, agency=cycle.agency,
                 changes={"meeting_date": meeting_date.isoformat(), "venue": venue,
                          "written_consultation": written_consultation, "lines": [line.pk for line in lines],
                          "members_total": session.members_total, "members_present": session.members_present,
                          "absent": sorted(absent)})
    return session


@transaction.atomic
def agenda_publish(*, actor: User, session: Session) -> Session:
    """Publish the agenda (internal posting, domain §4); ``processes.council.session_publish`` then
    opens one ballot per voting member."""
    session = _locked(session)
    require_secretariat(actor, session.cycle.agency)
    if session.status != SessionStatus.DRAFT:
        raise ValidationError(_("Phiên họp đã được công bố hoặc đã hủy."))
    council_may_open(session.cycle)
    _require_quorum_to_publish(session)
    lines_gate(actor=actor, cycle=session.cycle, gate=Gate.AGENDA,
               lines=[item.line for item in session.items.select_related("line__person", "line__unit", "line__award")])
    rules = _copy_rules(session, actor)
    session.status, session.published_at = SessionStatus.VOTING, timezone.now()
    _save(session, actor)
    audit_record(actor=actor, action=AGENDA_PUBLISHED, obj=session, agency=session.cycle.agency,
                 changes={"items": session.items.count(), "members_total": session.members_total,
                          "members_present": session.members_present, "rules": rules})
    return session


def _rule_summary(item: AgendaItem) -> dict:
    return {"method": item.vote_method, "threshold": item.threshold_text, "recusal": item.vote_recusal,
            "quorum_pct": str(item.vote_quorum_pct), "source": item.vote_rule_source}


def _copy_rules(session: Session, actor: User | None) -> dict[str, dict]:
    """Copy on each item the agency council's rule for its title as the ballots open (its Quy chế,
    NĐ 152/2025 Điều 6 khoản 2 điểm e: the agency's own ``CouncilVoteRule``, else the default): the
    members vote under the rule announced, which a later change of the rule does not alter."""
    rules = council_vote_rules(session.cycle.agency)
    applied: dict[str, dict] = {}
    for item in session.items.select_related("line__award"):
        rule = rules.get(item.line.award_id)
        if rule is None:
            raise ValidationError(_("Không có quy tắc biểu quyết của Hội đồng cho “%(award)s”.")
                                  % {"award": item.line.award})
        item.copy_rule(rule)
        _save(item, actor)
        applied[item.line.award.code] = _rule_summary(item)
    return applied


def _require_quorum_to_publish(session: Session) -> None:
    """A session that cannot reach its quorum cannot decide anything (the council's Quy chế,
    domain §4): refuse to open the ballots rather than let the members vote for nothing."""
    rules = council_vote_rules(session.cycle.agency)
    needed = max((rules[item.line.award_id].quorum_pct for item in session.items.select_related("line")
                  if item.line.award_id in rules), default=None)
    if needed is not None and not has_quorum(present=session.members_present, members_total=session.members_total,
                                             quorum_pct=needed):
        raise ValidationError(_(
            "Phiên họp chỉ có %(present)s/%(total)s thành viên có mặt, chưa đủ %(pct)s%% theo quy chế: không mở "
            "phiếu bầu được. Hãy hủy phiên họp này và lập phiên họp mới khi đủ thành viên."
        ) % {"present": session.members_present, "total": session.members_total,
             "pct": f"{needed:g}".replace(".", ",")})


@transaction.atomic
def session_cancel(*, actor: User, session: Session, reason: str) -> Session:
    """The secretariat cancels a session that has not opened its ballots (too few members, the
    meeting postponed): its lines go back to "accepted", ready for the agenda of a new session.
    The agenda items are removed (their history and the audit event keep what was on it)."""
    session = _locked(session)
    agency = session.cycle.agency
    require_secretariat(actor, agency)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Vui lòng nêu lý do hủy phiên họp."))
    if session.status != SessionStatus.DRAFT:
        raise ValidationError(_("Chỉ hủy được phiên họp chưa công bố danh sách và mở phiếu bầu."))
    lines = []
    for item in session.items.select_related("line").order_by("position"):
        line = item.line
        item._history_user = actor
        item.delete()
        line.status = LineStatus.ACCEPTED
        _save(line, actor)
        lines.append(line.nominee_name)
    session.status, session.cancel_reason = SessionStatus.CANCELLED, reason
    _save(session, actor)
    audit_record(actor=actor, action=SESSION_CANCELLED, obj=session, agency=agency, reason=reason,
                 changes={"lines": lines})
    return session


def _unit_heads(unit_ids: set[int]) -> list[User]:
    """Who heads these units now (the people a unit's outcome concerns)."""
    return list(User.objects.filter(role_assignments__role=Role.UNIT_HEAD, role_assignments__revoked_at__isnull=True,
                                    role_assignments__unit__in=unit_ids).select_related("unit").distinct())


def _recused(member: SessionMember, items: list[AgendaItem]) -> set[int]:
    """A member does not vote on a line about themselves (domain §4)."""
    return {item.pk for item in items if item.line.person_id == member.person_id}


@transaction.atomic
def ballot_cast(
    *, actor: User, member: SessionMember, choices: dict[int, bool] | None, note: str = "",
) -> Ballot:
    """Record one member's ballot: every line of the agenda but their own.

    In person the member casts it; the secretariat enters an absent member's written vote (with
    a note), or records that the absent member sent none (``choices=None``), which counts against.
    """
    session = _locked(member.session)
    agency = session.cycle.agency
    written = actor.pk != member.person_id
    if written:
        require_secretariat(actor, agency)
        if not note.strip():
            raise ValidationError(_("Ghi chú phiếu bằng văn bản (ai gửi, ngày nào) hoặc lý do không có phiếu."))
        if member.present and not session.written_consultation:
            raise ValidationError(_("Thành viên có mặt tự bỏ phiếu."))
    elif Role.COUNCIL_MEMBER not in roles_here(actor, agency):
        raise PermissionDenied(_("Chỉ thành viên Hội đồng được bỏ phiếu."))
    if session.status != SessionStatus.VOTING:
        raise ValidationError(_("Đã hết thời gian bỏ phiếu của phiên họp này."))
    if Ballot.objects.filter(member=member).exists():
        raise ValidationError(_("Thành viên này đã bỏ phiếu."))
    items = list(session.items.select_related("line__person", "line__unit", "line__award"))
    ballot = Ballot(session=session, member=member, written=written, paper=choices is not None, note=note.strip(),
                    entered_by=actor)
    if choices is None:
        if not written:
            raise ValidationError(_("Vui lòng biểu quyết từng nội dung."))
        _save(ballot, actor)
        _audit_ballot(actor, session, member, ballot, cast=False)
        return ballot
    expected = {item.pk for item in items} - _recused(member, items)
    if set(choices) - expected:
        raise ValidationError(_("Không biểu quyết nội dung liên quan đến chính mình hoặc không có trong chương trình."))
    if expected - set(choices):
        raise ValidationError(_("Vui lòng biểu quyết đủ %(count)s nội dung.") % {"count": len(expected)})
    approved = [item.line for item in items if choices.get(item.pk)]
    lines_gate(actor=actor, cycle=session.cycle, lines=approved, gate=Gate.BALLOT)
    _save(ballot, actor)
    paper = BallotPaper.objects.create(session=session)
    BallotChoice.objects.bulk_create([BallotChoice(paper=paper, item_id=pk, approve=bool(ok))
                                      for pk, ok in choices.items()])
    _audit_ballot(actor, session, member, ballot, cast=True)
    return ballot


def _audit_ballot(actor: User, session: Session, member: SessionMember, ballot: Ballot, *, cast: bool) -> None:
    """That the member voted (and how: in person or in writing), never what the paper says."""
    audit_record(actor=actor, action=Action.VOTED, obj=session, agency=session.cycle.agency,
                 reason=ballot.note, on_behalf_of=member.person if ballot.written else None,
                 changes={"member": member.person.full_name, "written": ballot.written, "paper": cast})


def _recused_in_base(item: AgendaItem, attendees: dict[int, SessionMember], voted: set[int]) -> int:
    """How many members of the item's base are the line's nominee (and so did not vote on it):
    a member of the council for ``all_members``, a member present for ``present``, a member who
    took part in the vote (a ballot in person or in writing) for ``valid_ballots``."""
    member = attendees.get(item.line.person_id) if item.line.person_id else None
    if member is None:
        return 0
    if item.vote_base == VoteBase.PRESENT:
        return int(member.present)
    if item.vote_base == VoteBase.VALID_BALLOTS:
        return int(member.pk in voted)
    return 1


@transaction.atomic
def session_tally(*, session: Session) -> Session:
    """Count the papers of every line against the vote rule copied on it when the ballots opened
    (``_copy_rules``: the agency council's Quy chế, not the rule set's provincial-council rule) and
    the quorum (the system acts when the last ballot is in). Recomputable from the papers at any
    time. A session published before rules were copied takes the agency's rule now, and keeps it.
    The audit event records the rule applied per title; the minutes print it.
    """
    session = _locked(session)
    if session.status != SessionStatus.VOTING:
        return session
    _require_meeting_day(session)
    yes = defaultdict(int)
    no = defaultdict(int)
    for item_id, approve in BallotChoice.objects.filter(item__session=session).values_list("item_id", "approve"):
        (yes if approve else no)[item_id] += 1
    attendees = {member.person_id: member for member in session.attendees.all()}
    voted = set(Ballot.objects.filter(session=session).values_list("member_id", flat=True))
    written = absent_papers(session)
    items = list(session.items.select_related("line__award"))
    if any(not item.vote_method for item in items):
        _copy_rules(session, None)
        items = list(session.items.select_related("line__award"))
    quorum_met = True
    applied = {}
    for item in items:
        recused = _recused_in_base(item, attendees, voted)
        tally = vote_passes(yes=yes[item.pk], members_total=session.members_total, present=session.members_present,
                            valid_ballots=yes[item.pk] + no[item.pk], recused=recused, base=item.vote_base,
                            comparison=item.vote_comparison, recusal=item.vote_recusal,
                            threshold_pct=item.vote_threshold_pct, quorum_pct=item.vote_quorum_pct, written=written)
        quorum_met = quorum_met and tally.quorum_met
        item.yes, item.no, item.recused, item.base = yes[item.pk], no[item.pk], recused, tally.base
        item.percent, item.passed = tally.percent, tally.passed
        _save(item, None)
        applied[item.line.award.code] = _rule_summary(item)
    session.quorum_met = quorum_met
    session.status = SessionStatus.TALLIED
    _save(session, None)
    audit_record(actor=None, action=Action.TALLIED, obj=session, agency=session.cycle.agency,
                 changes={"quorum_met": quorum_met, "ballots": session.ballots.count(),
                          "passed": sum(1 for i in items if i.passed), "failed": sum(1 for i in items if not i.passed),
                          "rules": applied})
    return session


def _require_meeting_day(session: Session) -> None:
    """The ballots of a meeting are counted at the meeting (its Ban kiểm phiếu, its minutes dated that
    day): not before the meeting's date, unless the council is consulted in writing."""
    if session.written_consultation or timezone.localdate() >= session.meeting_date:
        return
    raise ValidationError(_(
        "Chưa đến ngày họp Hội đồng (%(date)s): chưa kết thúc bỏ phiếu và kiểm phiếu được. Phiếu được kiểm tại "
        "cuộc họp; chỉ phiên lấy ý kiến thành viên bằng văn bản mới kiểm phiếu trước ngày họp."
    ) % {"date": session.meeting_date.strftime("%d/%m/%Y")})


def _require_quorum(session: Session) -> None:
    if not session.quorum_met:
        raise ValidationError(_(
            "Phiên họp không đủ số thành viên dự họp theo quy chế (%(present)s/%(total)s): không thể kết thúc "
            "phiên họp và ra quyết định; cần tổ chức họp lại."
        ) % {"present": session.members_present, "total": session.members_total})


def _require_minutes_text(*, start_time: str, end_time: str, conclusion: str) -> None:
    """What the secretary types goes into the minutes' PDF: bounded, like the report's prose, so a
    pasted megabyte cannot make a thousand-page biên bản."""
    errors = [
        _("%(field)s dài quá %(limit)s ký tự.") % {"field": field, "limit": limit}
        for field, value, limit in ((_("Giờ bắt đầu"), start_time, MINUTES_TIME_MAX),
                                    (_("Giờ kết thúc"), end_time, MINUTES_TIME_MAX),
                                    (_("Kết luận"), conclusion, PROSE_MAX))
        if len(value) > limit
    ]
    if errors:
        raise ValidationError(errors)


def _counting_committee_set(*, actor: User, session: Session, head: SessionMember | None,
                            members: list[SessionMember]) -> None:
    """The ban kiểm phiếu the secretariat names in the minutes: a trưởng ban and members, all present
    at the meeting (a written consultation has none: the secretariat counts the papers it received)."""
    chosen = ([head] if head is not None else []) + [m for m in members if head is None or m.pk != head.pk]
    if not chosen:
        return
    if session.written_consultation:
        raise ValidationError(_("Phiên lấy ý kiến bằng văn bản không có ban kiểm phiếu."))
    if head is None:
        raise ValidationError(_("Chọn Trưởng ban kiểm phiếu."))
    if any(m.session_id != session.pk or not m.present for m in chosen):
        raise ValidationError(_("Ban kiểm phiếu gồm các thành viên Hội đồng có mặt tại cuộc họp."))
    for member in session.attendees.all():
        role = (CountingRole.HEAD if member.pk == head.pk
                else CountingRole.MEMBER if member.pk in {m.pk for m in chosen} else "")
        if member.counting_role != role:
            member.counting_role = role
            _save(member, actor)


@transaction.atomic
def session_finalise(*, actor: User, session: Session, start_time: str = "08 giờ 00", end_time: str = "10 giờ 00",
                     conclusion: str = "", counting_head: SessionMember | None = None,
                     counting_members: list[SessionMember] = ()) -> Session:
    """The secretariat finalises the minutes (biên bản, domain §4) as a document draft, naming the
    meeting's hours, the ban kiểm phiếu of a secret ballot (``counting_head`` and ``counting_members``,
    members present) and its own conclusion, which the minutes add to the one built from the tally."""
    session = _locked(session)
    agency = session.cycle.agency
    require_secretariat(actor, agency)
    if session.status != SessionStatus.TALLIED:
        raise ValidationError(_("Chưa kiểm phiếu xong hoặc biên bản đã hoàn thành."))
    _require_quorum(session)
    _require_minutes_text(start_time=start_time, end_time=end_time, conclusion=conclusion)
    _counting_committee_set(actor=actor, session=session, head=counting_head, members=list(counting_members))
    draft = minutes_draft(session, secretary=actor, start_time=start_time, end_time=end_time, conclusion=conclusion)
    minutes = document_create(actor=actor, agency=agency, **draft.create_kwargs())
    session.minutes = minutes
    session.status = SessionStatus.FINALISED
    session.return_reason = ""
    _save(session, actor)
    audit_record(actor=actor, action=MINUTES_FINALISED, obj=session, agency=agency,
                 changes={"minutes": minutes.pk})
    return session


def _require_approver(actor: User, session: Session) -> None:
    agency = session.cycle.agency
    if not roles_here(actor, agency) & {Role.CHIEF, Role.DEPUTY_CHIEF}:
        raise PermissionDenied(_("Chỉ %(head)s phê duyệt kết quả.") % {"head": agency.head_title})
    _require_quorum(session)
    if session.status != SessionStatus.FINALISED:
        raise ValidationError(_("Biên bản phiên họp chưa hoàn thành."))


def _approval_gates(*, actor: User, session: Session, items: list[AgendaItem],
                    exclude_ineligible: bool = False) -> dict[int, str]:
    """Nothing enters a Quyết định or a Tờ trình that fails its criteria now (a discipline recorded
    after the vote counts), and the year's result stays within the agency's caps.

    The council only proposes; the head of the agency decides (Luật Thi đua, khen thưởng 2022, Điều
    80). With ``exclude_ineligible`` the chief decides not to award the lines that fail now (or still lack
    the answer of a body whose opinion their title needs, ``gates.consultations_missing``): they are
    returned (line id → why) and left out of the documents instead of refusing the whole approval."""
    cycle = session.cycle
    passed = [item.line for item in items if item.passed]
    excluded: dict[int, str] = {}
    if exclude_ineligible:
        verdicts_refresh(actor=actor, cycle=cycle, lines=passed)
        files = files_per_line(passed)
        opinions = consultations_missing(cycle=cycle, lines=passed)
        for line in passed:
            blockers = line_blockers(line, gate=Gate.APPROVAL, files=files[line.pk])
            blockers += [_("Thiếu ý kiến hiệp y, %(body)s.") % {"body": body} for body in opinions.get(line.pk, [])]
            if blockers:
                excluded[line.pk] = " ".join(blockers)
        passed = [line for line in passed if line.pk not in excluded]
    lines_gate(actor=actor, cycle=cycle, lines=passed, gate=Gate.APPROVAL)
    dropped = {item.line_id for item in items if not item.passed} | set(excluded)
    in_play = [line for line in Line.objects.filter(cycle=cycle).exclude(
        status__in=[LineStatus.NOT_ACCEPTED, LineStatus.VOTE_FAILED]).select_related("award") if line.pk not in dropped]
    cap_gate(cycle=cycle, lines=in_play)
    return excluded


def line_outcomes(*, actor: User, items: list[AgendaItem]) -> tuple[list[list[Line]], list[list[Line]]]:
    """Each line takes the council's verdict: failed; passed for an in-house title (grouped by title,
    one Quyết định each); or passed and submitted higher (grouped per Tờ trình)."""
    for item in items:
        line = item.line
        if not item.passed:
            line.status = LineStatus.VOTE_FAILED
        elif line.award.route == Route.IN_HOUSE:
            line.status = LineStatus.VOTE_PASSED
        else:
            line.status = LineStatus.SUBMITTED
        _save(line, actor)
    return outcome_groups(items)


def outcome_documents_create(*, actor: User, session: Session, in_house: list[list[Line]],
                             higher: list[list[Line]]) -> list[OutcomeDocument]:
    """The drafts of the session's outcome (``documents.outcomes``: one Quyết định per in-house award, one Tờ
    trình per deciding authority and loại hình of the higher awards — the Chủ tịch UBND tỉnh's own awards apart
    from those the province proposes to the Thủ tướng), each tied to its lines. The căn cứ are the texts in
    force today, the day the chief signs them (refused, nothing written, when none)."""
    agency = session.cycle.agency
    outcomes = []
    for each in outcome_drafts(session, in_house, higher, drafter=actor, on=timezone.localdate()):
        decision = each.kind == OutcomeDocumentKind.DECISION
        # A Quyết định is sent to whom it names ("Như Điều 3"); a Tờ trình to its kind's recipients.
        recipients = decision_recipients(each.lines) if decision else None
        document = document_create(actor=actor, agency=agency, recipients=recipients, **each.draft.create_kwargs())
        outcome = OutcomeDocument(session=session, kind=each.kind, document=document,
                                  award=each.lines[0].award if decision else None)
        _save(outcome, actor)
        outcome.lines.set(each.lines)
        if each.kind == OutcomeDocumentKind.SUBMISSION:
            for line in each.lines:
                _save(SubmissionAnswer(submission=outcome, line=line), actor)
        outcomes.append(outcome)
    return outcomes


@transaction.atomic
def session_return(*, actor: User, session: Session, reason: str) -> Session:
    """The chief does not sign: the session goes back to the secretariat with his reason, the minutes' draft
    is discarded (its history and the audit log keep it) and the minutes are written again
    (``CouncilFlow.approved`` leads back to ``finalise``). The votes stand; nothing is issued."""
    session = _locked(session)
    agency = session.cycle.agency
    _require_approver(actor, session)
    reason = return_reason_clean(reason)
    minutes = session.minutes
    session.minutes = None
    session.status = SessionStatus.TALLIED
    session.return_reason = reason
    _save(session, actor)
    if minutes is not None:
        document_discard(actor=actor, document=minutes)
    audit_record(actor=actor, action=Action.RETURNED, obj=session, agency=agency,
                 changes={"reason": reason, "minutes_discarded": minutes.pk if minutes else None})
    return session


@transaction.atomic
def session_approve(*, actor: User, session: Session, exclude_ineligible: bool = False) -> list[OutcomeDocument]:
    """The chief approves the results in one action: the minutes are signed; per in-house award one
    Quyết định with its annex (Luật TĐKT 2022, Điều 80(1)) and one Tờ trình per deciding authority of the
    higher awards are created and signed — numbers are taken when each is issued.
    ``processes.council.session_approve`` then releases the dossiers and sends each Tờ trình on. A day with no
    legal text in force to cite refuses the approval before anything is written."""
    session = _locked(session)
    agency = session.cycle.agency
    _require_approver(actor, session)
    grounds_on(timezone.localdate(), agency)
    items = list(session.items.select_related("line__person__unit", "line__unit", "line__award", "line__dossier",
                                               "line__commendation_kind"))
    excluded = _approval_gates(actor=actor, session=session, items=items, exclude_ineligible=exclude_ineligible)
    document_sign(actor=actor, document=session.minutes)
    for item in items:
        if item.line_id in excluded:
            line = item.line
            line.status = LineStatus.NOT_ACCEPTED
            line.note = _("%(head)s không khen thưởng: không đủ điều kiện khi phê duyệt — %(why)s") % {
                "head": agency.head_title, "why": excluded[line.pk]}
            _save(line, actor)
    items = [item for item in items if item.line_id not in excluded]
    in_house, higher = line_outcomes(actor=actor, items=items)
    outcomes = outcome_documents_create(actor=actor, session=session, in_house=in_house, higher=higher)
    for outcome in outcomes:
        document_sign(actor=actor, document=outcome.document)
    session.status = SessionStatus.APPROVED
    _save(session, actor)
    audit_record(actor=actor, action=Action.APPROVED, obj=session, agency=agency,
                 changes={"decisions": [o.document_id for o in outcomes if o.kind == OutcomeDocumentKind.DECISION],
                          "submissions": [o.document_id for o in outcomes
                                          if o.kind == OutcomeDocumentKind.SUBMISSION],
                          "failed_lines": sum(1 for item in items if not item.passed),
                          "not_awarded_as_ineligible": {str(pk): why for pk, why in excluded.items()}})
    in_documents = {item.line.dossier for item in items if item.passed}
    notify(event="decision_signed", recipients=_unit_heads({d.unit_id for d in in_documents}), scope=agency, context={
        "title": _("Kết quả xét khen thưởng %(cycle)s") % {"cycle": session.cycle.name},
        "message": _("%(head)s đã phê duyệt kết quả họp Hội đồng và ký %(count)s văn bản; kết quả từng dòng đề "
                     "nghị có trong hồ sơ của đơn vị.") % {"head": agency.head_title, "count": len(outcomes) + 1},
        "path": "/nominations/"})
    return outcomes

