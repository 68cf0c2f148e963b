"""The payout list of an issued Quyết định khen thưởng: "DANH SÁCH CÁ NHÂN, TẬP THỂ NHẬN TIỀN THƯỞNG kèm theo
Quyết định số …" — STT, name, unit, title, coefficient, amount, a column to sign on receipt (Ký nhận), the total
and the total in words; in the Nghị định 30/2020/NĐ-CP layout (``templates/documents/danh_sach_tien_thuong.html``),
as PDF through the project's WeasyPrint rendering and as an Excel sheet.

Each amount is the ledger's payout (``services.funds.fund_payouts_post``), reckoned by ``nominations.rewards``
(Nghị định 152/2025/NĐ-CP, Điều 49). The rows, names and units are the decision's annex as issued
(``printed_rows``), never today's data.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from workflow.documents.rendering import render_pdf

from ..models import FundEntry, FundEntryKind, OutcomeDocument, PastAward
from ..rewards import base_salary_on, nominee_kind_of, reward_for, same_period_titles
from .amendments import printed_position, printed_rows
from .base import decider

TEMPLATE = "documents/danh_sach_tien_thuong.html"
DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
GROUPS = ["", "nghìn", "triệu", "tỷ"]


def _three(number: int, *, leading: bool) -> list[str]:
    """One group of three digits read in Vietnamese ("không trăm linh năm" inside a number, "năm" leading)."""
    hundreds, tens, units = number // 100, number // 10 % 10, number % 10
    words: list[str] = []
    if hundreds or not leading:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        else:
            words.append(DIGITS[units])
    return words


def number_in_words(number: int) -> str:
    """1.420.000 → "một triệu bốn trăm hai mươi nghìn"; groups of thousands, "tỷ" repeats above a billion."""
    if number == 0:
        return "không"
    if number >= 1000**4:
        return f"{number_in_words(number // 1000**3)} tỷ {number_in_words(number % 1000**3)}".replace(" không", "")
    groups = []
    while number:
        groups.append(number % 1000)
        number //= 1000
    words: list[str] = []
    top = len(groups) - 1
    for index in range(top, -1, -1):
        group = groups[index]
        if not group:
            continue
        words += _three(group, leading=index == top)
        if GROUPS[index]:
            words.append(GROUPS[index])
    return " ".join(words)


def amount_in_words(amount: Decimal | int) -> str:
    """"Một triệu bốn trăm hai mươi nghìn đồng" (what the list prints after "Bằng chữ:")."""
    text = number_in_words(int(amount))
    return f"{text[0].upper()}{text[1:]} đồng"


def money(amount: Decimal | int | None) -> str:
    """1420000 → "1.420.000" (Vietnamese thousands separator)."""
    return "" if amount is None else f"{int(amount):,}".replace(",", ".")


def coefficient_text(value: Decimal | None) -> str:
    """0.30 → "0,3"; 1.00 → "1,0" (as the decree prints it)."""
    if value is None:
        return ""
    text = f"{Decimal(value).normalize():f}"
    if "." not in text:
        text += ".0"
    return text.replace(".", ",")


@dataclass
class PayoutRow:
    number: int
    name: str
    unit: str
    title: str
    coefficient: Decimal | None
    amount: Decimal | None
    note: str = ""

    @property
    def amount_text(self) -> str:
        return money(self.amount)

    @property
    def coefficient_text(self) -> str:
        return coefficient_text(self.coefficient)


@dataclass
class PayoutList:
    outcome: OutcomeDocument
    signed_on: dt.date
    base_salary: int | None
    base_basis: str
    rows: list[PayoutRow] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((row.amount for row in self.rows if row.amount is not None), Decimal(0))

    @property
    def total_text(self) -> str:
        return money(self.total)

    @property
    def total_words(self) -> str:
        return amount_in_words(self.total)

    @property
    def base_salary_text(self) -> str:
        return money(self.base_salary)

    @property
    def number_ref(self) -> str:
        return self.outcome.document.number_text.removeprefix("Số:").strip()

    @property
    def reference(self) -> str:
        """"(Kèm theo Quyết định số 05/QĐ-VP ngày 15/8/2024 của Chánh Văn phòng …)"."""
        agency = self.outcome.document.agency
        return (f"(Kèm theo Quyết định số {self.number_ref} ngày {self.signed_on:%d/%m/%Y} "
                f"của {decider(agency)})")

    @property
    def title(self) -> str:
        return "DANH SÁCH CÁ NHÂN, TẬP THỂ NHẬN TIỀN THƯỞNG"


def _registry(outcome: OutcomeDocument, number: str) -> dict[tuple, PastAward]:
    rows = PastAward.objects.filter(decision_number=number, award__in=outcome.lines.values("award")).select_related(
        "award")
    return {(row.person_id, row.unit_id, row.award_id, row.year): row for row in rows}


def payout_list(outcome: OutcomeDocument) -> PayoutList:
    """The list of one issued, registered decision: its annex's rows with each award's money (a fixed number of
    queries whatever the number of rows, plus one per award that no payout was posted for)."""
    document = outcome.document
    signed_on = timezone.localtime(document.signed_at).date() if document.signed_at else timezone.localdate()
    base = base_salary_on(signed_on)
    rows_by_line = printed_rows(outcome)
    registry = _registry(outcome, document.number_text)
    entries: dict[tuple[int, str], FundEntry] = {
        (e.past_award_id, e.kind): e
        for e in FundEntry.objects.filter(past_award__in=[r.pk for r in registry.values()])}
    result = PayoutList(outcome=outcome, signed_on=signed_on, base_salary=base.amount if base else None,
                        base_basis=base.legal_basis if base else "")
    lines = sorted(outcome.lines.select_related("award", "cycle"), key=lambda line: rows_by_line[line.pk][0])
    for line in lines:
        number, printed = rows_by_line[line.pk]
        award = registry.get((line.person_id, line.unit_id, line.award_id, line.cycle.year))
        row = PayoutRow(number=number, name=printed.get("name", line.nominee_name), unit=printed_position(printed),
                        title=printed.get("title") or line.award.name, coefficient=None, amount=None)
        paid = entries.get((award.pk, FundEntryKind.PAYOUT)) if award else None
        if paid is not None:
            row.coefficient, row.amount = paid.coefficient, paid.amount
            recovered = entries.get((award.pk, FundEntryKind.REVERSAL))
            if recovered is not None:
                row.note = recovered.note
        elif award is not None:
            reward = reward_for(award.award, nominee_kind_of(award), signed_on, base=base)
            row.coefficient = reward.coefficient
            higher = next((o for o in same_period_titles(award)
                           if (r := reward_for(o.award, nominee_kind_of(o), signed_on, base=base)).amount is not None
                           and reward.amount is not None and r.amount >= reward.amount), None)
            if higher is not None:
                row.amount = Decimal(0)
                row.note = ("Nhận tiền thưởng danh hiệu cao nhất (khoản 5 Điều 49 Nghị định 152/2025/NĐ-CP): "
                            f"{higher.award.name}.")
            else:
                row.note = reward.problem or "Chưa ghi sổ quỹ."
                row.amount = reward.amount
        result.rows.append(row)
    return result


def payout_context(payouts: PayoutList) -> dict:
    agency = payouts.outcome.document.agency
    place = agency.place_name or "…………"
    doc = {"parent_name": agency.parent_name, "issuer_name": agency.short_name, "numbered": False, "vv": "",
           "place_date": f"{place}, ngày …… tháng …… năm ……", "draft": False}
    return {"doc": doc, "payouts": payouts}


def payout_pdf(payouts: PayoutList) -> bytes:
    return render_pdf(TEMPLATE, payout_context(payouts)).pdf


def _text(value: str) -> str:
    text = unicodedata.normalize("NFC", value)
    return "'" + text if text.startswith("=") else text


def payout_sheet_bytes(payouts: PayoutList) -> bytes:
    """The list as one Excel sheet, the same columns as the PDF; amounts are numbers (the total a SUM formula)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sach tien thuong"
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold, plain = Font(name="Times New Roman", size=12, bold=True), Font(name="Times New Roman", size=12)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    agency = payouts.outcome.document.agency
    for col, width in zip("ABCDEFGH", (6, 28, 32, 26, 8, 14, 16, 24), strict=True):
        sheet.column_dimensions[col].width = width
    heads = [(1, agency.parent_name.upper(), plain), (2, agency.short_name.upper(), bold)]
    for row, text, font in heads:
        sheet.cell(row=row, column=1, value=_text(text)).font = font
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
    sheet.cell(row=1, column=4, value="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").font = bold
    sheet.cell(row=2, column=4, value="Độc lập - Tự do - Hạnh phúc").font = bold
    for row in (1, 2):
        sheet.merge_cells(start_row=row, start_column=4, end_row=row, end_column=8)
        sheet.cell(row=row, column=4).alignment = center
    sheet.cell(row=4, column=1, value=payouts.title).font = bold
    sheet.cell(row=5, column=1, value=_text(payouts.reference)).font = Font(name="Times New Roman", size=12,
                                                                             italic=True)
    for row in (4, 5):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=8)
        sheet.cell(row=row, column=1).alignment = center
    header = ["STT", "Họ và tên", "Chức vụ, đơn vị", "Danh hiệu, hình thức khen thưởng", "Hệ số",
              "Số tiền (đồng)", "Ký nhận", "Ghi chú"]
    for col, text in enumerate(header, start=1):
        cell = sheet.cell(row=7, column=col, value=text)
        cell.font, cell.alignment, cell.border = bold, center, box
    current = 8
    for item in payouts.rows:
        values = [item.number, _text(item.name), _text(item.unit), _text(item.title),
                  float(item.coefficient) if item.coefficient is not None else None,
                  int(item.amount) if item.amount is not None else None, "", _text(item.note)]
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=current, column=col, value=value)
            cell.font, cell.border = plain, box
            cell.alignment = center if col in (1, 5) else Alignment(vertical="center", wrap_text=True)
        sheet.cell(row=current, column=6).number_format = "#,##0"
        current += 1
    sheet.cell(row=current, column=1, value="Tổng cộng").font = bold
    sheet.merge_cells(start_row=current, start_column=1, end_row=current, end_column=5)
    total = sheet.cell(row=current, column=6, value=f"=SUM(F8:F{current - 1})" if payouts.rows else 0)
    total.font, total.number_format = bold, "#,##0"
    for col in range(1, 9):
        sheet.cell(row=current, column=col).border = box
    sheet.cell(row=current + 1, column=1, value=_text(f"Bằng chữ: {payouts.total_words}.")).font = Font(
        name="Times New Roman", size=12, italic=True)
    sheet.merge_cells(start_row=current + 1, start_column=1, end_row=current + 1, end_column=8)
    signers = current + 3
    for col, text in ((2, "NGƯỜI LẬP BIỂU"), (4, "KẾ TOÁN"), (7, "THỦ TRƯỞNG ĐƠN VỊ")):
        sheet.cell(row=signers, column=col, value=text).font = bold
        sheet.cell(row=signers + 1, column=col, value="(Ký, ghi rõ họ tên)").font = Font(
            name="Times New Roman", size=12, italic=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
