"""The council's minutes (Biên bản họp Hội đồng Thi đua – Khen thưởng) as its secretary writes them
(domain §4): time and place, attendance and quorum, the chair and the secretary, the ban kiểm phiếu
of a secret ballot, per title the method, threshold and ballots issued / returned / valid, per line
the votes for, the base, the percentage and the result, and a conclusion saying what is proposed to
whom. Dated the meeting day; signed by the chair and the secretary.

Every figure is read from the stored tally and papers (``AgendaItem``, ``Ballot``, ``BallotPaper``,
``BallotChoice``): the minutes say what the count found, nothing the secretary retypes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

from accounts.models import RoleAssignment, User
from accounts.roles import CouncilPosition, Role
from workflow.templatetags.vietnamese_dates import place_and_date

from ..models import (
    AgendaItem,
    Authority,
    AwardKind,
    BallotChoice,
    BallotPaper,
    CountingRole,
    Session,
    SessionMember,
    VoteMethod,
)
from ..selectors.council import absent_papers
from ..selectors.postings import has_window, opinion_count
from .base import Draft, award_phrase, decider, issuer_unit_code, nominee_count

MINUTES_TEMPLATE = "bien_ban_hop_hoi_dong"

# The documents are Vietnamese whatever the language of the page that issues them.
METHOD_WORDS = {VoteMethod.SECRET: "Bỏ phiếu kín", VoteMethod.SHOW_OF_HANDS: "Biểu quyết giơ tay"}
WRITTEN_METHOD = "Lấy ý kiến thành viên bằng văn bản"
POSITION_WORDS = {
    CouncilPosition.CHAIR: "Chủ tịch Hội đồng", CouncilPosition.VICE_CHAIR: "Phó Chủ tịch Hội đồng",
    CouncilPosition.STANDING: "Ủy viên thường trực", CouncilPosition.MEMBER: "Ủy viên",
    CouncilPosition.SECRETARY: "Thư ký Hội đồng",
}
PRESIDING_ORDER = (CouncilPosition.CHAIR, CouncilPosition.VICE_CHAIR, CouncilPosition.STANDING)
COUNTING_WORDS = {CountingRole.HEAD: "Trưởng ban", CountingRole.MEMBER: "Thành viên"}
# Who decides each higher award on the agency's proposal, as the conclusion words it.
ONWARD = {
    Authority.PROVINCE_CHAIR: "Chủ tịch UBND tỉnh xem xét, quyết định",
    Authority.PRIME_MINISTER: "Chủ tịch UBND tỉnh xem xét, trình Thủ tướng Chính phủ quyết định",
    Authority.PRESIDENT: "Chủ tịch UBND tỉnh xem xét, trình Thủ tướng Chính phủ đề nghị Chủ tịch nước quyết định",
}


def council_name(session: Session) -> str:
    return f"Hội đồng Thi đua – Khen thưởng {session.cycle.agency.name}"


def council_chair(session: Session) -> User | None:
    """The council's chair now (the role assignment), whether or not they attend."""
    agency = session.cycle.agency
    return User.objects.filter(role_assignments__role=Role.COUNCIL_MEMBER, role_assignments__agency=agency,
                               role_assignments__council_position=CouncilPosition.CHAIR,
                               role_assignments__revoked_at__isnull=True).first()


def percent_text(value: Decimal | None) -> str:
    return f"{value or 0:.2f}".replace(".", ",")


def voting_methods(items: list[AgendaItem], *, written: bool = False) -> list[dict]:
    """One entry per title, in agenda order: the method and threshold the tally applied (the rule
    copied on each item, the agency's Quy chế at that moment). Two rules for one title in one session
    (the rule changed between items' tallies) print as two entries rather than one wrong one."""
    return [{"award": group[0].line.award.name, "method": _method(group[0], written), "secret": _secret(group[0]),
             "threshold": _threshold(group[0], written)} for group in _title_groups(items)]


def _threshold(item: AgendaItem, written: bool) -> str:
    """The applied threshold in words; consulted in writing, the members "present" are those asked."""
    text = item.threshold_text
    return text.replace("có mặt", "được lấy ý kiến") if written else text


def _method(item: AgendaItem, written: bool) -> str:
    method = METHOD_WORDS.get(item.vote_method, "")
    if written:
        return f"{WRITTEN_METHOD} (phiếu kín)" if item.vote_method == VoteMethod.SECRET else WRITTEN_METHOD
    return method


def _secret(item: AgendaItem) -> bool:
    return item.vote_method == VoteMethod.SECRET


def _title_groups(items: list[AgendaItem]) -> list[list[AgendaItem]]:
    groups: dict[tuple, list[AgendaItem]] = {}
    for item in items:
        groups.setdefault((item.line.award_id, item.vote_method, item.threshold_text), []).append(item)
    return list(groups.values())


def _positions(session: Session) -> dict[int, str]:
    """Each attendee's position on the council (the role held when the minutes are drafted)."""
    rows = RoleAssignment.objects.filter(
        role=Role.COUNCIL_MEMBER, agency=session.cycle.agency, revoked_at__isnull=True,
        user__in=session.attendees.values("person")).values_list("user_id", "council_position")
    return dict(rows)


def _person(member: SessionMember | User, positions: dict[int, str]) -> dict:
    user = member.person if isinstance(member, SessionMember) else member
    position = positions.get(user.pk, "")
    return {"name": user.full_name, "position": user.position_title,
            "council_position": POSITION_WORDS.get(position, ""), "key": position}


def _presiding(members: list[SessionMember], positions: dict[int, str], session: Session) -> tuple[dict, str]:
    """Who chairs and the title they sign under: the chair if present, else the vice-chair (then the
    standing member) presides and signs "CHỦ TRÌ"; a written consultation is signed by the chair."""
    attending = [m for m in members if m.present]
    for wanted in PRESIDING_ORDER:
        for member in attending:
            if positions.get(member.person_id) == wanted:
                return _person(member, positions), ("CHỦ TỊCH HỘI ĐỒNG" if wanted == CouncilPosition.CHAIR
                                                    else "CHỦ TRÌ")
    chair = council_chair(session)
    if chair is None:
        return {"name": "", "position": "", "council_position": "", "key": ""}, "CHỦ TRÌ"
    return _person(chair, positions), "CHỦ TỊCH HỘI ĐỒNG"


def ballot_counts(session: Session) -> dict:
    """The session's papers: issued to the members present (asked, in a written consultation) and to
    the absent members whose written vote the secretariat entered; returned: the papers cast."""
    written = absent_papers(session)
    return {"issued": session.members_present + written,
            "returned": BallotPaper.objects.filter(session=session).count(), "absent_papers": written}


def _title_block(group: list[AgendaItem], *, counts: dict, choices: dict[int, Counter], papers_on: dict[int, set],
                 written: bool) -> dict:
    first = group[0]
    on_title: set = set().union(*(papers_on[item.pk] for item in group))
    valid = len(on_title)
    rows = []
    for item in group:
        line = item.line
        tally = choices[item.pk]
        rows.append({
            "nominee": line.nominee_name,
            "unit": (line.person.unit.name if line.person_id and line.person.unit_id else ""),
            "valid": tally[True] + tally[False], "votes": item.yes, "against": item.no, "recused": item.recused,
            "base": item.base, "percent": percent_text(item.percent), "passed": bool(item.passed),
            "result": "Đạt" if item.passed else "Không đạt",
        })
    return {
        "award": first.line.award.name, "kind": "danh hiệu" if first.line.award.kind == AwardKind.TITLE
        else "hình thức khen thưởng",
        "method": _method(first, written), "secret": _secret(first), "threshold": _threshold(first, written),
        "issued": counts["issued"], "returned": counts["returned"], "valid": valid, "invalid": 0,
        # Papers without a choice on this title: the member is the line's nominee and does not vote on it.
        "not_voting": counts["returned"] - valid,
        "rows": rows,
    }


def _nominee_count(lines: list) -> str:
    return nominee_count(lines, joiner=" và ")


def _names(items: list[AgendaItem]) -> str:
    return "; ".join(f"{item.line.nominee_name} ({item.yes}/{item.base} phiếu, {percent_text(item.percent)}%)"
                     for item in items)


def conclusion_paragraphs(session: Session, items: list[AgendaItem], typed: str = "") -> list[str]:
    """What the council proposes to whom: the in-house titles the head decides, title by title; the
    higher awards to the Chủ tịch UBND tỉnh or onward to the Thủ tướng, by deciding authority; the
    lines that did not reach the threshold; then the secretary's own words, if any."""
    agency = session.cycle.agency
    passed = [item for item in items if item.passed]
    by_award: dict[int, list[AgendaItem]] = defaultdict(list)
    for item in passed:
        by_award[item.line.award_id].append(item)
    in_house, onward = [], defaultdict(list)
    for group in by_award.values():
        authority = group[0].line.award.authority
        (in_house.append(group) if authority == Authority.AGENCY_HEAD else onward[authority].append(group))
    paragraphs = [f"Hội đồng thống nhất kết quả {'lấy ý kiến' if session.written_consultation else 'biểu quyết'} "
                  f"nêu trên: {len(passed):02d}/{len(items):02d} trường hợp đạt tỷ lệ phiếu đồng ý theo quy định."]
    for group in in_house:
        award = group[0].line.award
        paragraphs.append(f"- Đề nghị {decider(agency)} quyết định tặng {award_phrase(award)} cho "
                          f"{_nominee_count([i.line for i in group])}: {_names(group)}.")
    for authority, groups in onward.items():
        for group in groups:
            award = group[0].line.award
            paragraphs.append(f"- Đề nghị {ONWARD.get(authority, 'cấp có thẩm quyền xem xét, quyết định')} tặng "
                              f"{award_phrase(award)} cho {_nominee_count([i.line for i in group])}: {_names(group)}.")
    failed = [item for item in items if not item.passed]
    if failed:
        paragraphs.append(f"- Không đề nghị khen thưởng {_nominee_count([i.line for i in failed])} không đạt tỷ lệ "
                          "phiếu đồng ý theo quy định: " + "; ".join(
                              f"{item.line.nominee_name} — {item.line.award.name} ({item.yes}/{item.base} phiếu, "
                              f"{percent_text(item.percent)}%)" for item in failed) + ".")
    if onward:
        paragraphs.append(f"Giao Thư ký Hội đồng hoàn chỉnh hồ sơ, trình {decider(agency)} ký Tờ trình đề nghị "
                          "cấp trên khen thưởng theo quy định.")
    paragraphs.extend(part.strip() for part in typed.strip().splitlines() if part.strip())
    return paragraphs


def posting_paragraph(session: Session) -> str:
    """Công khai (domain §4): the dates the list was posted to the agency's staff and how many opinions came in;
    empty when the cycle had no posting window."""
    cycle = session.cycle
    if not has_window(cycle):
        return ""
    return (f"Danh sách đề nghị đã được công khai từ ngày {cycle.posting_from:%d/%m/%Y} đến ngày "
            f"{cycle.posting_to:%d/%m/%Y}; nhận được {opinion_count(cycle)} ý kiến.")


def minutes_summary(session: Session) -> str:
    """The trích yếu under "BIÊN BẢN": "Họp Hội đồng Thi đua – Khen thưởng xét khen thưởng năm 2025"
    (the cycle's name, "Xét khen thưởng năm 2025", read on from the council's name)."""
    name = session.cycle.name.strip()
    verb = "Lấy ý kiến thành viên" if session.written_consultation else "Họp"
    return f"{verb} Hội đồng Thi đua – Khen thưởng {name[:1].lower()}{name[1:]}"


def minutes_draft(session: Session, *, secretary: User, start_time: str, end_time: str, conclusion: str = "") -> Draft:
    """The Biên bản of a tallied session (template contract: documents/bien_ban_hop_hoi_dong.html);
    ``conclusion``: the secretary's own words, added after the conclusion built from the tally."""
    agency = session.cycle.agency
    written = session.written_consultation
    items = list(session.items.select_related("line__person__unit", "line__unit", "line__award")
                 .order_by("position", "pk"))
    members = list(session.attendees.select_related("person").order_by("person__name_sort_key", "pk"))
    positions = _positions(session)
    chair, chair_title = _presiding(members, positions, session)
    rank = {key: index for index, key in enumerate(POSITION_WORDS)}
    present = sorted((m for m in members if m.present),
                     key=lambda m: (rank.get(positions.get(m.person_id, ""), 99), m.person.name_sort_key))
    choices: dict[int, Counter] = defaultdict(Counter)
    papers_on: dict[int, set] = defaultdict(set)
    for item_id, paper_id, approve in BallotChoice.objects.filter(item__session=session).values_list(
            "item_id", "paper_id", "approve"):
        choices[item_id][approve] += 1
        papers_on[item_id].add(paper_id)
    counts = ballot_counts(session)
    titles = [_title_block(group, counts=counts, choices=choices, papers_on=papers_on, written=written)
              for group in _title_groups(items)]
    committee = sorted((m for m in members if m.counting_role), key=lambda m: (m.counting_role != CountingRole.HEAD,
                                                                            m.person.name_sort_key))
    data = {
        "council_name": council_name(session),
        "written_consultation": written,
        "start_time": start_time, "end_time": end_time, "meeting_date": session.meeting_date.isoformat(),
        "place_date": place_and_date(session.meeting_date, agency.place_name),
        "venue": session.venue or agency.name,
        "chair": chair, "chair_title": chair_title,
        "secretary": {"name": secretary.full_name, "position": secretary.position_title},
        # The secretary signs the minutes too, with their own certificate, in their place (workflow.signing).
        "co_signers": [{"user_id": secretary.pk, "anchor": "ky-so-thu-ky"}],
        "members_total": session.members_total, "members_present": session.members_present,
        "quorum_met": bool(session.quorum_met),
        "members": [_person(m, positions) for m in present],
        "absentees": [{"name": m.person.full_name, "reason": m.absence_reason} for m in members if not m.present],
        "counting_committee": [{"name": m.person.full_name, "role": COUNTING_WORDS[m.counting_role]}
                               for m in committee],
        "ballots": counts,
        "agenda": [part for part in [
            posting_paragraph(session),
            ("Thư ký Hội đồng gửi các thành viên tiêu chuẩn, điều kiện và báo cáo thành tích của từng tập thể, cá nhân "
             "được đề nghị; các thành viên cho ý kiến bằng phiếu lấy ý kiến.") if written else
            ("Hội đồng nghe Thư ký Hội đồng báo cáo tiêu chuẩn, điều kiện và tóm tắt thành tích của từng tập thể, cá "
             "nhân được đề nghị; Hội đồng thảo luận, phân tích, đánh giá thành tích và biểu quyết."),
        ] if part],
        "voting_methods": voting_methods(items, written=written),
        "titles": titles,
        "tallies": [{**row, "award": title["award"]} for title in titles for row in title["rows"]],
        "conclusion": conclusion_paragraphs(session, items, conclusion),
    }
    return Draft(template_key=MINUTES_TEMPLATE,
                 summary=minutes_summary(session),
                 data=data, issuer_unit_code=issuer_unit_code(agency, secretary))
