"""The council's documents (domain §4–§5): the minutes (Biên bản), one Quyết định per in-house
title with its annex (Luật TĐKT 2022, Điều 80(1)), and the Tờ trình for the higher awards."""

from __future__ import annotations

from accounts.models import User
from accounts.roles import CouncilPosition, Role

from ..eligibility.rulesets import rule_set_for
from ..models import AgendaItem, Line, Session, VoteMethod
from .base import Draft, decider, emulation_executor, home_affairs_name, issuer_unit_code

MINUTES_TEMPLATE = "bien_ban_hop_hoi_dong"
DECISION_TEMPLATE = "quyet_dinh_khen_thuong"
SUBMISSION_TEMPLATE = "to_trinh_khen_thuong"


def council_name(session: Session) -> str:
    return f"Hội đồng Thi đua – Khen thưởng {session.cycle.agency.name}"


def grounds(session: Session) -> list[str]:
    """"Căn cứ …;" — one per line of the year's rule set's legal basis."""
    rule_set = rule_set_for(session.cycle.year)
    return [f"Căn cứ {line.strip().rstrip(';')};" for line in rule_set.legal_basis.splitlines() if line.strip()]


def nominee_row(line: Line) -> dict:
    """One row of a decision's annex or of a Tờ trình's list."""
    if line.person_id:
        return {"name": line.person.full_name, "position": line.person.position_title,
                "unit": line.person.unit.name if line.person.unit_id else "", "title": line.award.name,
                "award": line.award.name}
    return {"name": line.unit.name, "position": "", "unit": "", "title": line.award.name, "award": line.award.name}


def council_chair(session: Session) -> User | None:
    agency = session.cycle.agency
    return User.objects.filter(role_assignments__role=Role.COUNCIL_MEMBER, role_assignments__agency=agency,
                               role_assignments__council_position=CouncilPosition.CHAIR,
                               role_assignments__revoked_at__isnull=True).first()


# The document is Vietnamese whatever the language of the page that issues it.
METHOD_WORDS = {VoteMethod.SECRET: "Bỏ phiếu kín", VoteMethod.SHOW_OF_HANDS: "Biểu quyết giơ tay"}


def voting_methods(items: list[AgendaItem]) -> list[dict]:
    """One entry per title, in agenda order: the method and threshold the tally applied (the rule
    copied on each item, the agency's Quy chế at that moment). Two rules for one title in one session
    (the rule changed between items' tallies) print as two entries rather than one wrong one."""
    seen: dict[tuple, dict] = {}
    for item in items:
        key = (item.line.award_id, item.vote_method, item.threshold_text)
        if key not in seen:
            seen[key] = {"award": item.line.award.name, "method": METHOD_WORDS.get(item.vote_method, ""),
                         "threshold": item.threshold_text}
    return list(seen.values())


def minutes_draft(session: Session, *, secretary: User, start_time: str, end_time: str, conclusion: str) -> Draft:
    """The Biên bản of a tallied session (template contract: documents/bien_ban_hop_hoi_dong.html)."""
    agency = session.cycle.agency
    chair = council_chair(session)
    items = list(session.items.select_related("line__person", "line__unit", "line__award"))
    methods = voting_methods(items)
    data = {
        "council_name": council_name(session),
        "start_time": start_time, "end_time": end_time, "meeting_date": session.meeting_date.isoformat(),
        "venue": session.venue or agency.name,
        "chair": {"name": chair.full_name if chair else "", "position": chair.position_title if chair else ""},
        "secretary": {"name": secretary.full_name, "position": secretary.position_title},
        "members_total": session.members_total, "members_present": session.members_present,
        "absentees": [{"name": m.person.full_name, "reason": m.absence_reason}
                      for m in session.attendees.select_related("person").filter(present=False)],
        "agenda": ["Hội đồng nghe đọc tiêu chuẩn, điều kiện và thảo luận thành tích của từng tập thể, cá nhân "
                   "được đề nghị."],
        "voting_method": "; ".join(dict.fromkeys(m["method"] for m in methods)),
        "voting_methods": methods,
        "tallies": [{"nominee": i.line.nominee_name, "award": i.line.award.name, "votes": i.yes, "base": i.base,
                     "percent": f"{i.percent:.2f}".replace(".", ","), "result": "Đạt" if i.passed else "Không đạt"}
                    for i in items],
        "conclusion": [conclusion.strip() or "Hội đồng thống nhất đề nghị khen thưởng các tập thể, cá nhân đạt "
                                             "tỷ lệ phiếu theo quy định."],
    }
    return Draft(template_key=MINUTES_TEMPLATE,
                 summary=f"Họp Hội đồng Thi đua – Khen thưởng xét khen thưởng {session.cycle.name}",
                 data=data, issuer_unit_code=issuer_unit_code(agency, secretary))


def decision_draft(session: Session, lines: list[Line], *, drafter: User | None = None) -> Draft:
    """The chief's Quyết định for one in-house title: every line of ``lines`` carries that title."""
    agency, year = session.cycle.agency, session.cycle.year
    award = lines[0].award
    return Draft(
        template_key=DECISION_TEMPLATE, issuer_unit_code=issuer_unit_code(agency, drafter),
        summary=f"Về việc tặng danh hiệu “{award.name}” năm {year}",
        data={
            "authority": decider(agency),
            "grounds": grounds(session),
            "proposal": f"Xét đề nghị của {council_name(session)}.",
            "articles": [
                f"Tặng danh hiệu “{award.name}” năm {year} cho {len(lines):02d} tập thể, cá nhân có tên tại "
                "danh sách kèm theo.",
                "Tiền thưởng thực hiện theo quy định hiện hành.",
                f"{emulation_executor(agency)} và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi "
                "hành Quyết định này./.",
            ],
            "annex_title": f"DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG DANH HIỆU “{award.name.upper()}” NĂM {year}",
            "annex": [nominee_row(line) for line in lines],
            "noi_nhan": ["Như Điều 3;"],
        },
    )


def submission_draft(session: Session, lines: list[Line], *, drafter: User | None = None) -> Draft:
    """The Tờ trình asking the province for the higher awards of ``lines``."""
    agency, year = session.cycle.agency, session.cycle.year
    kind = lines[0].commendation_kind
    return Draft(
        template_key=SUBMISSION_TEMPLATE, issuer_unit_code=issuer_unit_code(agency, drafter),
        summary=f"Đề nghị khen thưởng năm {year}",
        data={
            "kinh_gui": ["Chủ tịch UBND tỉnh", home_affairs_name(agency, short=True)],
            "commendation_kind": kind.name.lower().removeprefix("khen thưởng ").strip(),
            "grounds": grounds(session),
            "intro": [f"Căn cứ kết quả họp {council_name(session)}."],
            "proposal": f"{agency.name} kính đề nghị Chủ tịch UBND tỉnh xem xét, khen thưởng cho:",
            "lines": [nominee_row(line) for line in lines],
            "totals": [f"Tổng cộng: {len(lines):02d} tập thể, cá nhân."],
            "closing": "Kính trình Chủ tịch UBND tỉnh xem xét, quyết định./.",
            "noi_nhan": ["Như trên;"],
        },
    )
