"""The council's documents (domain §4–§5): one Quyết định per in-house title with its annex (Luật
TĐKT 2022, Điều 80(1)), and the Tờ trình for the higher awards. The minutes are ``minutes.py``'s."""

from __future__ import annotations

from accounts.models import User

from ..eligibility.rulesets import rule_set_for
from ..models import Line, Session
from .base import Draft, decider, emulation_executor, home_affairs_name, issuer_unit_code

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
