"""The annual report (Báo cáo tổng kết công tác thi đua, khen thưởng; domain §7): its data, from
the report's prose and the year's facts."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..models import AnnualReport
from ..selectors.report import ITEM_HEADING, MOVEMENT_HEADINGS, award_statistics, headcount, paragraphs
from .base import home_affairs_name


def _movement_block(number: str, heading: str, text: str) -> dict | None:
    intro: list[str] = []
    items: list[dict] = []
    for paragraph in paragraphs(text):
        if ITEM_HEADING.match(paragraph):
            items.append({"heading": paragraph, "paragraphs": []})
        elif items:
            items[-1]["paragraphs"].append(paragraph)
        else:
            intro.append(paragraph)
    if not intro and not items:
        return None
    return {"number": number, "heading": heading, "intro": intro, "items": items}


def report_document_data(report: AnnualReport) -> dict:
    """The data of ``documents/bao_cao_tong_ket.html`` (its header comment is the contract)."""
    agency, year = report.agency, report.year
    receiver = home_affairs_name(agency, short=True)
    movements = []
    for field, heading in MOVEMENT_HEADINGS:
        block = _movement_block(f"2.{len(movements) + 1}", heading, getattr(report, field))
        if block is not None:
            movements.append(block)
    return {
        "year": year,
        "next_year": year + 1,
        "request": paragraphs(report.request),
        "situation": paragraphs(report.situation),
        "headcount": headcount(agency),
        "favourable": paragraphs(report.favourable),
        "direction_a": paragraphs(report.direction_a),
        "direction_b": paragraphs(report.direction_b),
        "direction_c": paragraphs(report.direction_c),
        "movements": movements,
        "propaganda": paragraphs(report.propaganda),
        "assessment": paragraphs(report.assessment),
        "tasks": paragraphs(report.tasks),
        "measures": paragraphs(report.measures),
        "closing": _("Đề nghị %(receiver)s tổng hợp, báo cáo UBND tỉnh theo quy định./.") % {"receiver": receiver},
        "statistics": award_statistics(agency=agency, year=year),
        "kinh_gui": [receiver],
        "noi_nhan": _recipients(report),
    }


def _recipients(report: AnnualReport) -> list[str]:
    """Nơi nhận as the secretariat wrote it (one a line; a leading "- " is the template's, and "Lưu: …" is added
    by the layout), or the agency's usual list when empty."""
    entries = [line.removeprefix("-").strip() for line in paragraphs(report.recipients)]
    entries = [entry for entry in entries if entry and not entry.startswith("Lưu:")]
    if entries:
        return entries
    return [_("Như trên;"), _("Lãnh đạo %(agency)s;") % {"agency": report.agency.short_name},
            _("Các phòng, ban, đơn vị trực thuộc;")]


def report_summary(year: int) -> str:
    return _("Tổng kết công tác thi đua, khen thưởng năm %(year)s\nvà phương hướng, nhiệm vụ năm %(next)s") % {
        "year": year, "next": year + 1}
