"""The council's documents (domain §4–§5): one Quyết định per in-house title with its annex (Luật
TĐKT 2022, Điều 80(1)), and the Tờ trình for the higher awards. The minutes are ``minutes.py``'s."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from accounts.models import User

from ..models import Attachment, Authority, AwardKind, Line, Session
from ..selectors.legal import grounds_on
from .base import (
    Draft,
    award_phrase,
    decider,
    emulation_executor,
    home_affairs_name,
    issuer_unit_code,
    nominee_count,
)

DECISION_TEMPLATE = "quyet_dinh_khen_thuong"
SUBMISSION_TEMPLATE = "to_trinh_khen_thuong"


def council_name(session: Session) -> str:
    return f"Hội đồng Thi đua – Khen thưởng {session.cycle.agency.name}"


def grounds(session: Session, on: dt.date | None = None) -> list[str]:
    """"Căn cứ …;" — one line per legal text in force on the signing day ``on`` (today, the day the chief
    signs: ``services.council.session_approve`` signs at once), never the texts of the cycle's year."""
    return grounds_on(on or timezone.localdate(), session.cycle.agency)


def movement_words(cycle) -> str:
    """"phong trào thi đua “Dân vận khéo”" — the movement a chuyên đề cycle rewards."""
    return f"phong trào thi đua “{cycle.movement.name}”"


def period_words(cycle) -> str:
    return f"từ ngày {cycle.period_from:%d/%m/%Y} đến ngày {cycle.period_to:%d/%m/%Y}"


def movement_grounds(cycle) -> list[str]:
    """The text that launched the movement, cited after the legal texts when the catalogue records its number
    (its kind — Quyết định, Kế hoạch … — is not recorded apart from the number: "văn bản số …")."""
    movement = cycle.movement
    if movement is None or not movement.document_number:
        return []
    date = f" ngày {movement.document_date:%d/%m/%Y}" if movement.document_date else ""
    issuer = f" của {movement.document_issuer}" if movement.document_issuer else ""
    return [f"Căn cứ văn bản số {movement.document_number}{date}{issuer} phát động {movement_words(cycle)};"]


def urgent_deed(lines: list[Line]) -> str:
    """What a đột xuất line was done for: the unit's own summary of the deed, as a phrase ("cứu người …")."""
    if len(lines) != 1:
        return ""
    text = " ".join(lines[0].achievements.split()).rstrip(" .;")
    text = text[:1].lower() + text[1:]
    return text[3:] if text.startswith("đã ") else text  # "đã có thành tích … trong đã cứu …" never reads right


def _kind_wording(cycle, lines: list[Line], whom: str, given: str, year: int) -> tuple[str, str, str] | None:
    """(trích yếu, Điều 1, annex title) of a Quyết định of a đột xuất or chuyên đề cycle (legal-basis §19);
    None for the annual review's own wording. ``given``: "danh hiệu “…”" or "Giấy khen"."""
    if cycle.is_urgent:
        deed = urgent_deed(lines)
        reason = f"đã có thành tích xuất sắc đột xuất trong {deed}." if deed else "đã có thành tích xuất sắc đột xuất."
        return ("Về việc khen thưởng đột xuất",
                f"Tặng {given} cho {nominee_count(lines)} có tên tại danh sách kèm theo, {reason}",
                f"DANH SÁCH {whom.upper()} ĐƯỢC KHEN THƯỞNG ĐỘT XUẤT NĂM {year}")
    if cycle.is_thematic:
        movement = movement_words(cycle)
        return (f"Về việc khen thưởng {whom} có thành tích xuất sắc trong {movement}",
                f"Tặng {given} cho {nominee_count(lines)} có tên tại danh sách kèm theo, đã có thành tích xuất sắc "
                f"trong {movement} ({period_words(cycle)}).",
                f"DANH SÁCH {whom.upper()} ĐƯỢC KHEN THƯỞNG TRONG {movement.upper()}")
    return None


def nominee_row(line: Line) -> dict:
    """One row of a decision's annex or of a Tờ trình's list."""
    if line.person_id:
        return {"name": line.person.full_name, "position": line.person.position_title,
                "unit": line.person.unit.name if line.person.unit_id else "", "title": line.award.name,
                "award": line.award.name}
    return {"name": line.unit.name, "position": "", "unit": "", "title": line.award.name, "award": line.award.name}


def nominee_words(lines: list[Line]) -> str:
    """Who the lines name: "tập thể", "cá nhân" or "tập thể, cá nhân"."""
    people = sum(1 for line in lines if line.person_id)
    return "cá nhân" if people == len(lines) else "tập thể" if people == 0 else "tập thể, cá nhân"


def award_column(lines: list[Line]) -> str:
    """The header of the column naming what each line receives."""
    kinds = {line.award.kind for line in lines}
    if kinds == {AwardKind.TITLE}:
        return "Danh hiệu thi đua"
    if kinds == {AwardKind.FORM}:
        return "Hình thức khen thưởng"
    return "Danh hiệu thi đua, hình thức khen thưởng"


def decision_draft(session: Session, lines: list[Line], *, drafter: User | None = None,
                   on: dt.date | None = None) -> Draft:
    """The chief's Quyết định for one in-house award: every line of ``lines`` carries it. A danh hiệu is
    "tặng danh hiệu “Lao động tiên tiến”"; a hình thức (Giấy khen) is "tặng Giấy khen" — never "danh hiệu
    “Giấy khen”". ``on``: the signing day, whose texts are the căn cứ (today by default)."""
    agency, year = session.cycle.agency, session.cycle.year
    award = lines[0].award
    title = award.kind == AwardKind.TITLE
    whom = nominee_words(lines)
    if title:
        summary = f"Về việc tặng {award_phrase(award)} năm {year}"
        article = f"Tặng {award_phrase(award)} năm {year} cho {nominee_count(lines)} có tên tại danh sách kèm theo."
        annex_title = f"DANH SÁCH {whom.upper()} ĐƯỢC TẶNG DANH HIỆU “{award.name.upper()}” NĂM {year}"
    else:
        summary = f"Về việc tặng {award.name}"
        reason = kind_reason(lines) or f"đã có thành tích trong thực hiện nhiệm vụ năm {year}"
        article = f"Tặng {award.name} cho {nominee_count(lines)} có tên tại danh sách kèm theo, {reason}."
        annex_title = f"DANH SÁCH {whom.upper()} ĐƯỢC TẶNG {award.name.upper()} NĂM {year}"
    own = _kind_wording(session.cycle, lines, whom, award_phrase(award) if title else award.name, year)
    if own is not None:
        summary, article, annex_title = own
    return Draft(
        template_key=DECISION_TEMPLATE, issuer_unit_code=issuer_unit_code(agency, drafter),
        summary=summary,
        data={
            "authority": decider(agency),
            "grounds": [*grounds(session, on), *movement_grounds(session.cycle)],
            "proposal": f"Xét đề nghị của {council_name(session)}.",
            "articles": [
                article,
                "Tiền thưởng thực hiện theo quy định hiện hành.",
                f"{emulation_executor(agency)} và các {whom} có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định "
                "này./.",
            ],
            "annex_title": annex_title,
            "annex_column": award_column(lines),
            "annex": [nominee_row(line) for line in lines],
            "noi_nhan": ["Như Điều 3;"],
        },
    )


# Who decides the higher awards, and how the agency asks (Luật Thi đua, khen thưởng 2022, Điều 80; catalogue
# ``Award.authority``): the Chủ tịch UBND tỉnh decides his own; the Thủ tướng's (and the Chủ tịch nước's) go
# through the province, which proposes them onward. authority → (request, closing, summary, order).
ROUTES = {
    Authority.PROVINCE_CHAIR: ("kính đề nghị Chủ tịch UBND tỉnh xem xét, tặng:",
                               "Kính trình Chủ tịch UBND tỉnh xem xét, quyết định./.",
                               "Đề nghị Chủ tịch UBND tỉnh", 1),
    Authority.PRIME_MINISTER: ("kính đề nghị Chủ tịch UBND tỉnh xem xét, trình Thủ tướng Chính phủ tặng:",
                               "Kính trình Chủ tịch UBND tỉnh xem xét, trình Thủ tướng Chính phủ quyết định./.",
                               "Đề nghị Chủ tịch UBND tỉnh trình Thủ tướng Chính phủ", 2),
    Authority.PRESIDENT: ("kính đề nghị Chủ tịch UBND tỉnh xem xét, trình Thủ tướng Chính phủ trình Chủ tịch nước "
                          "tặng:",
                          "Kính trình Chủ tịch UBND tỉnh xem xét, trình Thủ tướng Chính phủ trình Chủ tịch nước quyết "
                          "định./.",
                          "Đề nghị Chủ tịch UBND tỉnh trình Thủ tướng Chính phủ, Chủ tịch nước", 3),
}


def submission_groups(lines: list[Line]) -> list[list[Line]]:
    """The higher-award lines split into one Tờ trình each: per deciding authority (the Chủ tịch UBND tỉnh's
    own awards; those the province proposes to the Thủ tướng) and per loại hình khen thưởng (thường xuyên,
    chuyên đề, …: a procedure of its own). Lines keep their agenda order inside each group."""
    groups: dict[tuple, list[Line]] = defaultdict(list)
    for line in lines:
        groups[(ROUTES[Authority(line.award.authority)][3], line.commendation_kind.position,
                line.commendation_kind_id)].append(line)
    return [groups[key] for key in sorted(groups)]


# What the Quyết định and the Tờ trình say of the nominees of a loại hình whose reason is not the year's
# achievements (docs/legal-basis.md §20): cống hiến in the words of Nghị định 152/2025/NĐ-CP, Điều 19–21 khoản 1
# ("có quá trình cống hiến lâu dài trong các cơ quan, tổ chức, đơn vị"); niên hạn: no text read gives its words
# (doubtful), the years of service the rule counts.
KIND_REASONS = {
    "CONG_HIEN": "đã có quá trình cống hiến lâu dài trong các cơ quan, tổ chức, đơn vị",
    "NIEN_HAN": "đã có thời gian công tác đủ niên hạn theo quy định",
}


def kind_reason(lines: list[Line]) -> str:
    """The reason of ``lines``' loại hình, when it has words of its own (empty otherwise)."""
    codes = {line.commendation_kind.code for line in lines}
    return KIND_REASONS.get(codes.pop(), "") if len(codes) == 1 else ""


def _kind_words(kind) -> str:
    """"khen thưởng thường xuyên", "khen thưởng theo chuyên đề (theo đợt)": the catalogue's loại hình."""
    name = kind.name.strip()
    return name[:1].lower() + name[1:]


def attachment_list(session: Session, lines: list[Line]) -> list[str]:
    """"Hồ sơ kèm theo": exactly the files of the lines' dossiers (``Attachment`` rows: a line's own files,
    then each dossier's files for all its lines), then the council's minutes."""
    dossiers = {line.dossier_id for line in lines}
    ids = {line.pk for line in lines}
    names = {line.pk: line.nominee_name for line in lines}
    files = (Attachment.objects.filter(dossier_id__in=dossiers).select_related("dossier__unit")
             .order_by("dossier__unit__position", "dossier_id", "line__position", "pk"))
    rows = []
    for attachment in files:
        if attachment.line_id is not None and attachment.line_id not in ids:
            continue
        whose = names[attachment.line_id] if attachment.line_id else attachment.dossier.unit.name
        rows.append(f"{attachment.get_kind_display()} — {whose}: {attachment.original_name}")
    rows.append(f"Biên bản họp {council_name(session)} ngày {session.meeting_date:%d/%m/%Y}")
    return rows


def submission_draft(session: Session, lines: list[Line], *, drafter: User | None = None,
                     on: dt.date | None = None) -> Draft:
    """The Tờ trình asking the province for the higher awards of ``lines``: one deciding authority, one loại
    hình (``submission_groups``). Each award's line names its nominees' count by kind, the table's column
    says whether it lists danh hiệu or hình thức, and the attachments are the dossiers' own files."""
    agency, year = session.cycle.agency, session.cycle.year
    authorities = {line.award.authority for line in lines}
    kinds = {line.commendation_kind_id for line in lines}
    if len(authorities) != 1 or len(kinds) != 1:
        raise ValueError("One Tờ trình per deciding authority and loại hình khen thưởng (submission_groups).")
    request, closing, summary, _order = ROUTES[Authority(lines[0].award.authority)]
    kind = _kind_words(lines[0].commendation_kind)
    per_award: dict[int, list[Line]] = defaultdict(list)
    for line in lines:
        per_award[line.award_id].append(line)
    reason = kind_reason(lines)
    reason = f", {reason}" if reason else ""
    awards = [f"- {award_phrase(group[0].award)[:1].upper()}{award_phrase(group[0].award)[1:]} cho "
              f"{nominee_count(group)}{reason};" for group in per_award.values()]
    awards[-1] = awards[-1][:-1] + "."
    intro = [f"Căn cứ kết quả họp {council_name(session)} ngày {session.meeting_date:%d/%m/%Y}."]
    cycle = session.cycle
    if cycle.is_urgent:
        deed = urgent_deed(lines)
        intro.insert(0, f"Các {nominee_words(lines)} có tên dưới đây đã có thành tích xuất sắc đột xuất"
                        f"{' trong ' + deed if deed else ''}.")
    elif cycle.is_thematic:
        intro.insert(0, f"Thực hiện {movement_words(cycle)} ({period_words(cycle)}), các {nominee_words(lines)} có "
                        "tên dưới đây đã có thành tích xuất sắc trong phong trào.")
    return Draft(
        template_key=SUBMISSION_TEMPLATE, issuer_unit_code=issuer_unit_code(agency, drafter),
        summary=(f"{summary} {kind}: {movement_words(cycle)}" if cycle.is_thematic
                 else f"{summary} {kind} năm {year}"),
        data={
            "kinh_gui": ["Chủ tịch UBND tỉnh", home_affairs_name(agency, short=True)],
            "commendation_kind": kind,
            "grounds": [*grounds(session, on), *movement_grounds(cycle)],
            "intro": intro,
            "proposal": f"{agency.name} {request}",
            "awards": awards,
            "column": award_column(lines),
            "lines": [nominee_row(line) for line in lines],
            "totals": [f"Tổng cộng: {nominee_count(lines)}."],
            "attachments": attachment_list(session, lines),
            "closing": closing,
            "noi_nhan": ["Như trên;"],
        },
    )
