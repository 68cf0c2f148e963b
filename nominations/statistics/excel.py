"""A filled statistics form as an Excel sheet in the form's own layout: the form number, "Ban hành theo …",
the reporting and receiving units and the receiving date in the top corners; the title, year and period;
the merged column headers with their numbering line (A, B, C, 1=(2+…), 2, …); the rows with their codes and
units; the notes; the signature block "Người lập biểu" / "Thủ trưởng đơn vị" under the place and date.

The sheet is a form, not a list: openpyxl's normal workbook (merged cells), not the write-only exporter."""

from __future__ import annotations

import io
import unicodedata

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from ..selectors.statistics import FilledForm
from .definitions import HEADING

FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
NOT_COUNTED = "(*)"


def shown(value: int | None) -> int | str:
    return NOT_COUNTED if value is None else value


def _font(**kwargs) -> Font:
    return Font(name=FONT, size=kwargs.pop("size", 12), **kwargs)


def _text(value: str) -> str:
    """NFC text, written as text: a leading "=" would make openpyxl write a formula (the form's own "- Tập thể"
    labels stay as they are; only "=" starts a formula in a workbook)."""
    text = unicodedata.normalize("NFC", value)
    return "'" + text if text.startswith("=") else text


def form_sheet_bytes(filled: FilledForm, *, corner: dict) -> bytes:
    """The workbook of one form. ``corner``: the texts of the top corners and the foot (``form_corner``)."""
    book = Workbook()
    sheet = book.active
    sheet.title = filled.form.short
    fixed = ["", "Mã số", *(["Đơn vị tính"] if filled.form.has_unit_column else []), "Tổng số"]
    letters = ["A", "B", *(["C"] if filled.form.has_unit_column else [])]
    first_count = len(fixed) + 1
    width = len(fixed) + len(filled.columns)
    last = get_column_letter(width)
    sheet.column_dimensions["A"].width = 48
    for index in range(2, width + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 8 if index == 2 else 12
    half = max(2, width // 2)

    def put(row: int, col: int, value, *, font=None, align=LEFT, border=False, to_col: int | None = None,
            to_row: int | None = None):
        cell = sheet.cell(row=row, column=col, value=_text(value) if isinstance(value, str) else value)
        cell.font = font or _font()
        cell.alignment = align
        if to_col and to_col > col or to_row and to_row > row:
            sheet.merge_cells(start_row=row, start_column=col, end_row=to_row or row, end_column=to_col or col)
        if border:
            for r in range(row, (to_row or row) + 1):
                for c in range(col, (to_col or col) + 1):
                    sheet.cell(row=r, column=c).border = BOX
        return cell

    put(1, 1, filled.form.number_text, font=_font(bold=True), to_col=half)
    put(1, half + 1, corner["reporting"], font=_font(), align=CENTER, to_col=width)
    put(2, 1, filled.circular.issued_text, font=_font(italic=True), to_col=half)
    put(2, half + 1, corner["receiving"], font=_font(), align=CENTER, to_col=width)
    if filled.form.receive_date:
        put(3, 1, f"Ngày nhận báo cáo: {filled.form.receive_date}", to_col=half)
    put(5, 1, filled.form.title, font=_font(bold=True, size=13), align=CENTER, to_col=width)
    put(6, 1, f"Năm {filled.year}", font=_font(italic=True), align=CENTER, to_col=width)
    put(7, 1, corner["period"], font=_font(italic=True), align=CENTER, to_col=width)

    top = 9
    lines = filled.header_lines
    for index, text in enumerate(fixed, start=1):
        put(top, index, text, font=_font(bold=True), align=CENTER, border=True, to_row=top + lines - 1)
    for cell in filled.header:
        put(top + cell.line, first_count + cell.start, cell.text, font=_font(bold=True), align=CENTER, border=True,
            to_row=top + cell.line + cell.rowspan - 1, to_col=first_count + cell.start + cell.colspan - 1)
    numbering = top + lines
    for index, letter in enumerate(letters, start=1):
        put(numbering, index, letter, font=_font(bold=True), align=CENTER, border=True)
    put(numbering, len(fixed), filled.total_number, font=_font(bold=True), align=CENTER, border=True)
    col = first_count
    for number, span in filled.numbers:
        put(numbering, col, number, font=_font(bold=True), align=CENTER, border=True, to_col=col + span - 1)
        col += span
    row_index = numbering + 1
    for filled_row in filled.rows:
        row = filled_row.row
        heading = row.measure == HEADING
        font = _font(bold=row.bold, italic=row.italic)
        put(row_index, 1, row.label, font=font, border=True)
        put(row_index, 2, row.code, font=font, align=CENTER, border=True)
        if filled.form.has_unit_column:
            put(row_index, 3, row.unit, font=font, align=CENTER, border=True)
        values = [None if heading else shown(filled_row.total)] + [
            None if heading else shown(v) for v in filled_row.cells]
        for offset, value in enumerate(values):
            put(row_index, len(fixed) + offset, value, font=font, align=CENTER, border=True)
        row_index += 1

    row_index += 1
    for note in corner["notes"]:
        put(row_index, 1, note, font=_font(italic=True, size=11), to_col=width)
        row_index += 1
    row_index += 1
    put(row_index, half + 1, corner["place_date"], font=_font(italic=True), align=CENTER, to_col=width)
    put(row_index + 1, 1, "Người lập biểu", font=_font(bold=True), align=CENTER, to_col=half)
    put(row_index + 1, half + 1, "Thủ trưởng đơn vị", font=_font(bold=True), align=CENTER, to_col=width)
    put(row_index + 2, 1, "(Ký, họ tên)", font=_font(italic=True), align=CENTER, to_col=half)
    put(row_index + 2, half + 1, "(Ký, họ tên, đóng dấu)", font=_font(italic=True), align=CENTER, to_col=width)

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_area = f"A1:{last}{row_index + 6}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
