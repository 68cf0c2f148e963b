"""The chief's Quyết định hủy bỏ and Quyết định đính chính of an issued in-house Quyết định khen thưởng
(template contract: documents/quyet_dinh_khen_thuong.html, the same Nghị định 30/2020 layout).

What each says, and where the law says it:
- Hủy bỏ: Luật Thi đua, khen thưởng 2022, Điều 93 khoản 2 (the four cases; the decision annulled and the
  award's object and money recovered together); Nghị định 152/2025/NĐ-CP, Điều 56(1) (the same), Điều 58
  khoản 2 điểm a (return to the deciding authority within 15 working days of receiving the annulment).
  The 15 days are printed only while Nghị định 152/2025 is in force (01/7/2025 – 28/02/2027, its Điều 59(1),
  60(1)); under Nghị định 98/2023 the corresponding article was not read (docs/legal-basis.md), so the
  decision then says only that the object and money are returned, as Điều 93(2) of the Law says.
- Đính chính: a correction of what was printed; the original stays as issued, the correction names it.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from accounts.models import User
from workflow.documents.kinds import DocumentKind
from workflow.documents.models import DocumentType, RecipientKind

from ..models import AmendmentKind, AnnulmentGround, AwardKind, CorrectedField, Line, OutcomeDocument
from ..models.amendments import GROUND_POINT
from ..selectors.legal import grounds_on
from .base import Draft, award_phrase, decider, emulation_executor, issuer_unit_code
from .council import nominee_row

AMENDMENT_TEMPLATES = {AmendmentKind.ANNUL: "quyet_dinh_huy_bo_khen_thuong",
                       AmendmentKind.CORRECT: "quyet_dinh_dinh_chinh_khen_thuong"}
# Both are Quyết định of the chief in the agency's register, in the decision's layout, sent where the original
# went (the people it names, "Như Điều 3", and the archive).
AMENDMENT_KINDS = (
    DocumentKind(AMENDMENT_TEMPLATES[AmendmentKind.ANNUL], "Quyết định hủy bỏ khen thưởng",
                 "documents/quyet_dinh_khen_thuong.html", "QUYẾT ĐỊNH", DocumentType.QUYET_DINH,
                 (RecipientKind.INTERNAL, RecipientKind.ARCHIVE)),
    DocumentKind(AMENDMENT_TEMPLATES[AmendmentKind.CORRECT], "Quyết định đính chính quyết định khen thưởng",
                 "documents/quyet_dinh_khen_thuong.html", "QUYẾT ĐỊNH", DocumentType.QUYET_DINH,
                 (RecipientKind.INTERNAL, RecipientKind.ARCHIVE)),
)
INLINE_NAMES_MAX = 3  # more people than this go to an annex list, as the original decision did

# Nghị định 152/2025/NĐ-CP in force (its Điều 59(1), 60(1); docs/legal-basis.md §2): the 15 working days
# of its Điều 58(2)(a) are printed only for an annulment signed then.
ND152_FROM, ND152_TO = dt.date(2025, 7, 1), dt.date(2027, 2, 28)
FIELD_WORDS = {CorrectedField.NAME: "họ và tên", CorrectedField.POSITION: "chức vụ, đơn vị",
               CorrectedField.TITLE: "danh hiệu"}


def _vn_date(day: dt.date) -> str:
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def original_reference(original: OutcomeDocument) -> str:
    """"Quyết định số 05/QĐ-VP ngày 20 tháng 12 năm 2025 của Chánh Văn phòng … về việc tặng danh hiệu …"."""
    document = original.document
    agency = document.agency
    summary = document.summary.strip()
    summary = summary[:1].lower() + summary[1:]
    signed = timezone.localtime(document.signed_at).date()
    return f"Quyết định số {document.number_text} {_vn_date(signed)} của {decider(agency)} {summary}"


def printed_rows(original: OutcomeDocument) -> dict[int, tuple[int, dict]]:
    """Each line of the original decision → (its STT, its row as the annex printed it).

    The annex was built from the session's agenda order (``services.council.line_outcomes``); its printed
    text is the issued snapshot's, never today's data (a name changed since must not rewrite the past)."""
    lines = list(original.lines.select_related("agenda_item", "person__unit", "unit", "award")
                 .order_by("agenda_item__position", "pk"))
    data = (original.document.snapshot or {}).get("data") or original.document.data or {}
    annex = list(data.get("annex") or [])
    if len(annex) != len(lines):
        annex = [nominee_row(line) for line in lines]
    return {line.pk: (index, row) for index, (line, row) in enumerate(zip(lines, annex, strict=True), start=1)}


def printed_position(row: dict) -> str:
    """The annex's "Chức vụ, đơn vị" cell as printed: "Chuyên viên, Phòng Kinh tế"."""
    return ", ".join(part for part in (row.get("position"), row.get("unit")) if part)


def _who(row: dict) -> str:
    detail = printed_position(row)
    return f"{row['name']} ({detail})" if detail else row["name"]


def _subject(lines: list[Line]) -> str:
    """Who Điều 2 and Điều 3 address: "Cá nhân", "Tập thể" or "Tập thể, cá nhân" có tên tại Điều 1."""
    people = sum(1 for line in lines if line.person_id)
    who = "Cá nhân" if people == len(lines) else "Tập thể" if people == 0 else "Tập thể, cá nhân"
    return f"{who} có tên tại Điều 1"


def _grounds(original: OutcomeDocument, on: dt.date) -> list[str]:
    """The texts in force on the signing day ``on`` (``selectors.legal.grounds_on``), then the decision amended."""
    return [*grounds_on(on, original.document.agency), f"Căn cứ {original_reference(original)};"]


def _proposal(original: OutcomeDocument) -> str:
    agency = original.document.agency
    head = agency.emulation_unit_head.strip()
    return f"Theo đề nghị của {head}." if head else (
        f"Theo đề nghị của Hội đồng Thi đua – Khen thưởng {agency.name}.")


def annulment_draft(original: OutcomeDocument, lines: list[Line], *, ground: str, reason: str, rule_broken: str,
                    drafter: User, on: dt.date) -> Draft:
    """Hủy bỏ the award of ``lines`` in ``original`` and recover its object and money (Luật 2022, Điều 93(2))."""
    agency = original.document.agency
    award = original.award or lines[0].award
    year = lines[0].cycle.year
    rows = printed_rows(original)
    chosen = [rows[line.pk][1] for line in lines]
    count = f"{len(chosen):02d} tập thể, cá nhân"
    point = GROUND_POINT[AnnulmentGround(ground)]
    why = f"Lý do: {reason.strip().rstrip('.')}"
    if rule_broken.strip():
        why += f" (không đúng quy định tại {rule_broken.strip().rstrip('.')})"
    why += f", thuộc trường hợp quy định tại điểm {point} khoản 2 Điều 93 Luật Thi đua, khen thưởng"
    inline = len(chosen) <= INLINE_NAMES_MAX
    whom = "; ".join(_who(row) for row in chosen) if inline else f"{count} có tên tại danh sách kèm theo"
    subject = _subject(lines)
    number = original.document.number_text
    signed = timezone.localtime(original.document.signed_at).date()
    recover = f"nộp lại đầy đủ hiện vật khen thưởng và tiền thưởng đã nhận cho {agency.name}"
    if ND152_FROM <= on <= ND152_TO:
        recover += (" trong thời hạn 15 ngày làm việc kể từ ngày nhận được Quyết định này (điểm a khoản 2 Điều 58 "
                    "Nghị định số 152/2025/NĐ-CP)")
    articles = [
        f"Hủy bỏ khen thưởng {award_phrase(award)} năm {year} tặng tại Quyết định số {number} {_vn_date(signed)} "
        f"đối với {whom}. {why}.",
        f"{subject} có trách nhiệm {recover}. Sổ khen thưởng ghi chú việc hủy bỏ tại Điều 1."
        + (f" Các nội dung khác của Quyết định số {number} giữ nguyên hiệu lực." if len(rows) > len(lines) else ""),
        f"Quyết định này có hiệu lực kể từ ngày ký. {emulation_executor(agency)} và {subject[:1].lower()}"
        f"{subject[1:]} chịu trách nhiệm thi hành Quyết định này./.",
    ]
    return Draft(
        template_key=AMENDMENT_TEMPLATES[AmendmentKind.ANNUL], issuer_unit_code=issuer_unit_code(agency, drafter),
        summary="Về việc hủy bỏ khen thưởng, thu hồi hiện vật và tiền thưởng",
        data={
            "authority": decider(agency),
            "grounds": _grounds(original, on),
            "proposal": _proposal(original),
            "articles": articles,
            "annex_title": "" if inline else (f"DANH SÁCH TẬP THỂ, CÁ NHÂN BỊ HỦY BỎ KHEN THƯỞNG "
                                              f"{award_phrase(award).upper()} NĂM {year}"),
            "annex": [] if inline else chosen,
            "noi_nhan": ["Như Điều 3;"],
        },
    )


def correction_draft(original: OutcomeDocument, lines: list[Line], corrections: list[dict], *, reason: str,
                     drafter: User, on: dt.date) -> Draft:
    """Đính chính what ``original`` printed about ``lines``: ``corrections`` are {"line" (pk), "field", "old",
    "new"}."""
    agency = original.document.agency
    rows = printed_rows(original)
    number = original.document.number_text
    signed = timezone.localtime(original.document.signed_at).date()
    items = []
    for change in corrections:
        position, _row = rows[change["line"]]
        field = FIELD_WORDS[change["field"]]
        if change["field"] == CorrectedField.TITLE and original.award and original.award.kind != AwardKind.TITLE:
            field = "hình thức khen thưởng"  # a Giấy khen is not a danh hiệu (Luật 2022, Điều 93 khoản 2)
        items.append(f"- Tại số thứ tự {position} của danh sách kèm theo, {field} đã ghi: "
                     f"“{change['old']}”, nay đính chính là: “{change['new']}”.")
    subject = _subject(lines)
    articles = [
        f"Đính chính Quyết định số {number} {_vn_date(signed)} như sau:\n" + "\n".join(items)
        + f"\nLý do: {reason.strip().rstrip('.')}.",
        f"Các nội dung khác của Quyết định số {number} giữ nguyên. Sổ khen thưởng ghi theo nội dung đã đính "
        "chính tại Điều 1.",
        f"Quyết định này có hiệu lực kể từ ngày ký. {emulation_executor(agency)} và {subject[:1].lower()}"
        f"{subject[1:]} chịu trách nhiệm thi hành Quyết định này./.",
    ]
    return Draft(
        template_key=AMENDMENT_TEMPLATES[AmendmentKind.CORRECT], issuer_unit_code=issuer_unit_code(agency, drafter),
        summary=f"Về việc đính chính Quyết định số {number}",
        data={
            "authority": decider(agency),
            "grounds": _grounds(original, on),
            "proposal": _proposal(original),
            "articles": articles,
            "annex_title": "",
            "annex": [],
            "noi_nhan": ["Như Điều 3;"],
        },
    )
