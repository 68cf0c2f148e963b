"""A filled form's texts around the table (top corners, period, notes, place and date), and its PDF through the
project's WeasyPrint rendering (A4 landscape, ``templates/documents/bieu_thong_ke_bnv.html``)."""

from __future__ import annotations

from workflow.documents.rendering import render_pdf

from ..documents.base import home_affairs_name
from ..selectors.statistics import FilledForm
from .definitions import HEADING

TEMPLATE = "documents/bieu_thong_ke_bnv.html"


def form_corner(filled: FilledForm) -> dict:
    """What the form prints besides its table. The agency reports its own part to its province's Sở Nội vụ,
    which compiles the province's form (docs/legal-basis.md); the place and date stay for the hand."""
    start, end = filled.period
    uncounted = [r.row.code for r in filled.rows
                 if r.total is None and r.row.measure != HEADING and r.row.unit == "Người"]
    notes = []
    if filled.has_uncounted:
        notes.append("(*) Không tính được từ dữ liệu của hệ thống (sổ khen thưởng không ghi chức vụ theo cấp, "
                     "phương thức khen thưởng); người lập biểu điền.")
    if uncounted:
        notes.append(f"Cá nhân là lãnh đạo, quản lý được khen thưởng (dòng {uncounted[0]} đến {uncounted[-1]} "
                     f"cộng lại): {filled.leaders} người.")
    for award in filled.outside:
        parts = [f"{n} {word}" for n, word in ((award["collectives"], "tập thể"), (award["persons"], "cá nhân")) if n]
        notes.append(f"Biểu không có cột cho “{award['name']}” ({', '.join(parts)}): không tính vào biểu.")
    if filled.undated:
        notes.append(f"{filled.undated} khen thưởng năm {filled.year} trong sổ chưa có ngày quyết định: không "
                     f"tính vào kỳ báo cáo nào (bổ sung ngày quyết định để tính).")
    place = filled.agency.place_name or "…………"
    return {
        "reporting": f"Đơn vị báo cáo: {filled.agency.name}",
        "receiving": f"Đơn vị nhận báo cáo: {home_affairs_name(filled.agency)}",
        "period": f"(Kỳ báo cáo: từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y})",
        "notes": notes,
        "place_date": f"{place}, ngày …… tháng …… năm ……",
    }


def form_pdf(filled: FilledForm) -> bytes:
    return render_pdf(TEMPLATE, {"filled": filled, "corner": form_corner(filled)}).pdf
