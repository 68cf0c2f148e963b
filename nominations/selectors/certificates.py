"""Reads for printing the certificates of an issued in-house Quyết định khen thưởng: who may print them, and
what each certificate says."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import roles_here
from workflow.documents.models import DocumentStatus
from workflow.documents.selectors import documents_for_user
from workflow.documents.services import signature_lines

from ..models import AwardKind, CertificateLayout, LineStatus, OutcomeDocument, OutcomeDocumentKind, PastAward

# Who prints, or reads what is printed: the agency's secretariat (its TĐKT officer prints them), its chief and
# deputies (who sign them) and its auditor. A person named in the decision reads the decision, not the others'
# certificates.
PRINTERS = frozenset({Role.SECRETARIAT, Role.CHIEF, Role.DEPUTY_CHIEF, Role.AUDITOR})


@dataclass(frozen=True)
class Certificate:
    """What one certificate prints, in the blank's order."""

    heading: str          # "GIẤY KHEN", "LAO ĐỘNG TIÊN TIẾN"
    name: str             # the person or the collective
    unit: str             # the person's unit; a collective's agency
    achievement: str      # "Đã có thành tích trong thực hiện nhiệm vụ năm 2025"
    year: int
    decision: str         # "Quyết định số 05/QĐ-VP"
    decision_date: str    # "ngày 05/02/2026"
    place_date: str       # "Quảng Ngãi, ngày 05 tháng 02 năm 2026"
    signature_lines: tuple[str, ...]
    signer_name: str


def may_print(user: User, outcome: OutcomeDocument) -> bool:
    return bool(roles_here(user, outcome.document.agency) & PRINTERS)


def get_decision_for_certificates(user: User, document_pk: int) -> OutcomeDocument:
    """The in-house Quyết định issued as document ``document_pk``; 404 alike when it does not exist, is not such
    a decision, is not yet issued (signed, numbered, stored) or the person may not print its certificates."""
    document = documents_for_user(user).filter(pk=document_pk, status=DocumentStatus.READY).first()
    outcome = (OutcomeDocument.objects.select_related("document__agency", "document__signer", "award",
                                                      "session__cycle")
               .filter(document=document, kind=OutcomeDocumentKind.DECISION).first()
               if document is not None else None)
    if outcome is None or not outcome.document.number_text or not may_print(user, outcome):
        raise Http404
    return outcome


def certificate_layout_for(outcome: OutcomeDocument) -> CertificateLayout:
    """The layout of the decision's award's own blank, else the agency's default, else an unsaved default
    (A4 landscape, no shift)."""
    agency = outcome.document.agency
    layouts = {layout.award_id: layout for layout in CertificateLayout.objects.filter(
        Q(award_id=outcome.award_id) | Q(award__isnull=True), agency=agency)}
    return layouts.get(outcome.award_id) or layouts.get(None) or CertificateLayout(agency=agency)


def _signature(outcome: OutcomeDocument) -> tuple[tuple[str, ...], str]:
    """The signer's block as the decision printed it (its stored snapshot), else as it would print it."""
    document = outcome.document
    printed = (document.snapshot or {}).get("doc") or {}
    if printed.get("signature_lines"):
        return tuple(printed["signature_lines"]), printed.get("signer_name", "")
    agency = document.agency
    lines = signature_lines(form=document.signature_form, deputy=document.signer_is_deputy,
                            head_title=agency.head_title, deputy_title=agency.deputy_title,
                            collective_name=document.collective_name,
                            collective_head_title=document.collective_head_title)
    return tuple(lines), document.signer.full_name if document.signer_id else ""


def _long_date(day: dt.date) -> str:
    return f"ngày {day:%d} tháng {day:%m} năm {day.year}"


def certificates(outcome: OutcomeDocument) -> list[Certificate]:
    """One certificate per awardee of the decision, in the annex's order, as the awards registry holds it now: an
    award since annulled (Luật Thi đua, khen thưởng 2022, Điều 93(2)) is not printed; a name, unit or title
    since corrected (đính chính) prints corrected."""
    document = outcome.document
    agency = document.agency
    year = outcome.session.cycle.year
    signed = timezone.localtime(document.signed_at).date()
    lines_, signer = _signature(outcome)
    registry = {(row.person_id, row.unit_id): row for row in PastAward.objects.filter(
        award_id=outcome.award_id, year=year, decision_number=document.number_text)}
    result = []
    lines = (outcome.lines.exclude(status=LineStatus.ANNULLED).select_related("person__unit", "unit", "award")
             .order_by("agenda_item__position", "pk"))
    for line in lines:
        row = registry.get((line.person_id, line.unit_id))
        if row is not None and row.annulled_by_id:
            continue
        award = line.award
        title = (row.printed_title if row is not None else "") or award.name
        if award.kind == AwardKind.TITLE:
            achievement = f"Đã đạt danh hiệu “{title}” năm {year}"
        else:
            achievement = f"Đã có thành tích trong thực hiện nhiệm vụ năm {year}"
        if line.person_id:
            name, unit = line.person.full_name, line.person.unit.name if line.person.unit_id else agency.name
        else:
            name, unit = line.unit.name, agency.name
        if row is not None:
            name, unit = row.printed_name or name, row.printed_position or unit
        result.append(Certificate(
            heading=title.upper(), name=name, unit=unit, achievement=achievement, year=year,
            decision=f"Quyết định số {document.number_text}", decision_date=f"ngày {signed:%d/%m/%Y}",
            place_date=f"{agency.place_name}, {_long_date(signed)}", signature_lines=lines_, signer_name=signer))
    return result
