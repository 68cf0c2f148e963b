"""The bloc's two documents (khối thi đua; docs/legal-basis.md §18): the Bản giao ước thi đua at the start of the
year, with every member's targets and a signature block for every member's head, and the bloc's Tờ trình to Sở
Nội vụ proposing its leading members, both in the Nghị định 30/2020 layout, the bloc's name as the issuer."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Agency
from workflow.documents.kinds import DocumentKind
from workflow.documents.models import DocumentType, RecipientKind

from ..models import BlocMembership, BlocYear, EmulationBloc
from ..selectors.legal import grounds_on
from .base import award_phrase, home_affairs_name

COVENANT_TEMPLATE = "giao_uoc_thi_dua_khoi"
SUBMISSION_TEMPLATE = "to_trinh_khoi_thi_dua"
BLOC_KINDS = (
    DocumentKind(COVENANT_TEMPLATE, "Bản giao ước thi đua của khối", "documents/giao_uoc_thi_dua_khoi.html",
                 "BẢN GIAO ƯỚC THI ĐUA", "", (RecipientKind.INTERNAL, RecipientKind.ARCHIVE)),
    DocumentKind(SUBMISSION_TEMPLATE, "Tờ trình của khối thi đua", "documents/to_trinh_khoi_thi_dua.html",
                 "TỜ TRÌNH", DocumentType.TO_TRINH, (RecipientKind.HOME_AFFAIRS, RecipientKind.ARCHIVE)),
)


def _score(value) -> str:
    """9,50 → "9,5"; 10,00 → "10" (Vietnamese decimal comma)."""
    text = f"{value.normalize():f}" if value is not None else ""
    return text.replace(".", ",")


def _issuer(bloc: EmulationBloc, leader: Agency) -> dict:
    return {"parent": leader.parent_name, "name": bloc.name}


def covenant_data(bloc: EmulationBloc, year: int, members: list[BlocMembership]) -> dict:
    """Template contract of documents/giao_uoc_thi_dua_khoi.html."""
    leader = next(m for m in members if m.is_leader)
    return {
        "issuer": _issuer(bloc, leader.agency),
        "year": year,
        "intro": [_("Thực hiện công tác thi đua, khen thưởng năm %(year)s, các cơ quan thành viên %(bloc)s thống "
                    "nhất ký kết giao ước thi đua với các chỉ tiêu dưới đây. Cuối năm, mỗi cơ quan tự chấm điểm "
                    "theo các chỉ tiêu đã giao ước; khối trưởng tổng hợp, khối họp bình xét, suy tôn các cơ quan "
                    "dẫn đầu.") % {"year": year, "bloc": bloc.name}],
        "members": [{
            "agency": m.agency.name, "leader": m.is_leader, "head_title": m.agency.head_title,
            "confirmed_by": m.confirmed_by.full_name if m.confirmed_by_id else "",
            "confirmed_on": timezone.localtime(m.confirmed_at).strftime("%d/%m/%Y") if m.confirmed_at else "",
            "targets": [{"content": t.content, "measure": t.measure, "planned": t.planned_value,
                         "max_score": _score(t.max_score)} for t in m.targets.order_by("pk")],
        } for m in members],
        "noi_nhan": [_("Các cơ quan thành viên khối;"), _("%(receiver)s;") % {
            "receiver": home_affairs_name(leader.agency)}],
    }


def submission_data(bloc_year: BlocYear, members: list[BlocMembership], on: dt.date, leader: Agency) -> dict:
    """Template contract of documents/to_trinh_khoi_thi_dua.html (that of to_trinh_khen_thuong.html, plus the
    bloc as issuer and the ranked table)."""
    bloc, year = bloc_year.bloc, bloc_year.year
    carried = sorted((m for m in members if m.carried), key=lambda m: (m.rank, m.agency.name))
    ranked = sorted(members, key=lambda m: (m.rank or 0, m.agency.name))
    awards = {}
    for member in carried:
        awards.setdefault(member.proposed_award.name, []).append(member)
    meeting = bloc_year.meeting_on.strftime("%d/%m/%Y") if bloc_year.meeting_on else ""
    return {
        "issuer": _issuer(bloc, leader),
        "kinh_gui": [home_affairs_name(leader)],
        "noi_nhan": [_("Như trên;"), _("Các cơ quan thành viên khối;")],
        "grounds": grounds_on(on, leader),
        "intro": [_("Căn cứ Bản giao ước thi đua năm %(year)s của %(bloc)s; căn cứ kết quả tự chấm điểm của các cơ "
                    "quan thành viên do khối trưởng tổng hợp; ngày %(meeting)s, %(bloc)s đã họp bình xét, bỏ phiếu "
                    "suy tôn các cơ quan dẫn đầu phong trào thi đua năm %(year)s với kết quả như sau:")
                  % {"year": year, "bloc": bloc.name, "meeting": meeting}],
        "ranking": [{"agency": m.agency.name, "total": _score(m.total_score), "rank": m.rank,
                     "proposed": m.proposed_award.name if m.proposed_award_id else "",
                     "votes": f"{m.votes_for}/{len(members)}" if m.votes_for is not None else "",
                     "carried": _("Đạt") if m.carried else (_("Không đạt") if m.carried is False else "")}
                    for m in ranked],
        "commendation_kind": _("khen thưởng thường xuyên"),
        "proposal": _("%(bloc)s kính đề nghị %(receiver)s thẩm định, trình Chủ tịch UBND tỉnh xem xét, tặng:")
        % {"bloc": bloc.name, "receiver": home_affairs_name(leader)},
        "awards": [_("- %(award)s cho %(count)02d tập thể;") % {"award": award_phrase(group[0].proposed_award),
                                                                 "count": len(group)}
                   for group in awards.values()],
        "column": _("Danh hiệu thi đua, hình thức khen thưởng"),
        "lines": [{"name": m.agency.name, "position": "", "unit": "", "award": m.proposed_award.name}
                  for m in carried],
        "totals": [_("Tổng cộng: %(count)02d tập thể.") % {"count": len(carried)}],
        "attachments": [_("Bản giao ước thi đua năm %(year)s của khối;") % {"year": year},
                        _("Bảng tổng hợp kết quả chấm điểm, xếp hạng của các cơ quan thành viên;"),
                        _("Biên bản họp bình xét, suy tôn của khối ngày %(meeting)s.") % {"meeting": meeting}],
        "closing": _("Kính trình %(receiver)s xem xét, trình Chủ tịch UBND tỉnh quyết định./.")
        % {"receiver": home_affairs_name(leader)},
    }
