"""What every builder reads of the issuing agency: its drafting unit, its decider, its addressees."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from accounts.models import Agency, User

from ..models import AwardKind


@dataclass(frozen=True)
class Draft:
    """One document as ``workflow.documents.services.document_create`` takes it."""

    template_key: str
    summary: str
    data: dict = field(default_factory=dict)
    issuer_unit_code: str = ""
    doc_type: str | None = None

    def create_kwargs(self) -> dict:
        return {"template_key": self.template_key, "summary": self.summary, "data": self.data,
                "issuer_unit_code": self.issuer_unit_code, "doc_type": self.doc_type}


def issuer_unit_code(agency: Agency, drafter: User | None = None) -> str:
    """The code of the unit that drafts the agency's emulation and commendation documents, printed after
    a công văn's number (Số: 01/SKHDT-VPS) and on the archive line (Lưu: VT, VPS): the department the
    agency names for it; an agency that names none falls back to the drafter's own unit in the
    agency, else none."""
    if agency.emulation_unit_id:
        return agency.emulation_unit.code
    if drafter is not None and drafter.unit_id and drafter.unit.agency_id == agency.pk:
        return drafter.unit.code
    return ""


def emulation_executor(agency: Agency) -> str:
    """Who carries out a decision, first in its last article: the head of the drafting unit
    ("Trưởng phòng Hành chính – Quản trị", "Chánh Văn phòng Sở"), then the units concerned."""
    head = agency.emulation_unit_head.strip()
    return f"{head}, thủ trưởng các đơn vị liên quan" if head else "Thủ trưởng các đơn vị liên quan"


def decider(agency: Agency) -> str:
    """The chief as the decider, printed under "QUYẾT ĐỊNH" and written into the awards registry:
    the agency's full title of its head ("Giám đốc Sở Kế hoạch và Đầu tư"), else the head's title
    over the parent authority ("Chánh Văn phòng UBND tỉnh …")."""
    if agency.head_full_title:
        return agency.head_full_title
    return f"{agency.head_title} {agency.parent_name}" if agency.parent_name else agency.head_title


def home_affairs_name(agency: Agency, *, short: bool = False) -> str:
    """The province's Sở Nội vụ, which receives the agency's submissions and reports."""
    home_affairs = Agency.objects.filter(province_id=agency.province_id, kind=Agency.Kind.HOME_AFFAIRS).first()
    if home_affairs is None:
        return _("Sở Nội vụ")
    return home_affairs.short_name if short else home_affairs.name


def award_phrase(award) -> str:
    """What is given, as the law names it: a danh hiệu thi đua in quotes after "danh hiệu" (Luật Thi đua, khen
    thưởng 2022, Điều 93 khoản 2: "Quyết định tặng danh hiệu thi đua, hình thức khen thưởng"); a hình thức khen
    thưởng (Giấy khen, Bằng khen) by its own name. Every document words it so: decisions, Tờ trình, minutes,
    báo cáo thành tích."""
    return f"danh hiệu “{award.name}”" if award.kind == AwardKind.TITLE else award.name


def nominee_count(lines, *, joiner: str = ", ") -> str:
    """"03 tập thể, 07 cá nhân" — a zero part left out ("07 cá nhân", "03 tập thể")."""
    people = sum(1 for line in lines if line.person_id)
    collectives = len(lines) - people
    return joiner.join(f"{count:02d} {word}" for count, word in ((collectives, "tập thể"), (people, "cá nhân"))
                       if count)
