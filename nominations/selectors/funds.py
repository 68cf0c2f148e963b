"""Reads of reward money: who sees an agency's quỹ thi đua, khen thưởng and a decision's payout list, and the
ledger of one agency and year with its balance (docs/legal-basis.md §13).

Who: the people who work over the agency as a whole — its secretariat (who keeps the book), the chief and
deputies (who decide the awards and so pay them, Nghị định 152/2025/NĐ-CP, Điều 47 khoản 2) and the auditor
(reads); missing and forbidden alike give 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.http import Http404

from accounts.models import Agency, User
from accounts.selectors import agencies_in_scope
from workflow.documents.models import DocumentStatus
from workflow.documents.selectors import documents_for_user

from ..models import FundEntry, FundEntryKind, OutcomeDocument, OutcomeDocumentKind
from ..models.funds import SIGN


def fund_agencies_for_user(user: User) -> QuerySet[Agency]:
    return agencies_in_scope(user).order_by("name")


def get_fund_agency_for_user(user: User, pk: int | None) -> Agency:
    """The agency asked for, or the person's first one; 404 for a missing or forbidden one."""
    agencies = fund_agencies_for_user(user)
    agency = agencies.filter(pk=pk).first() if pk is not None else agencies.first()
    if agency is None:
        raise Http404
    return agency


@dataclass
class Ledger:
    agency: Agency
    year: int
    entries: list[FundEntry]
    totals: dict[str, Decimal]

    @property
    def balance(self) -> Decimal:
        return sum((SIGN[kind] * amount for kind, amount in self.totals.items()), Decimal(0))

    @property
    def appropriated(self) -> Decimal:
        return self.totals.get(FundEntryKind.APPROPRIATION, Decimal(0))

    @property
    def paid(self) -> Decimal:
        return self.totals.get(FundEntryKind.PAYOUT, Decimal(0))

    @property
    def recovered(self) -> Decimal:
        return self.totals.get(FundEntryKind.REVERSAL, Decimal(0))


def fund_ledger(agency: Agency, year: int) -> Ledger:
    """Every entry of the agency's fund for ``year`` in the order written, and the totals per kind (2 queries)."""
    entries = list(FundEntry.objects.filter(agency=agency, year=year)
                   .select_related("created_by", "decision__document", "past_award__award", "past_award__person",
                                   "past_award__unit")
                   .order_by("created_at", "pk"))
    totals = {row["kind"]: row["total"] for row in FundEntry.objects.filter(agency=agency, year=year)
              .values("kind").annotate(total=Sum("amount")).order_by()}
    return Ledger(agency=agency, year=year, entries=entries, totals=totals)


def get_payout_decision_for_user(user: User, document_pk: int) -> OutcomeDocument:
    """The issued, registered Quyết định khen thưởng of document ``document_pk``, for who works over its agency as
    a whole; 404 alike when missing, not such a decision, or not theirs to read."""
    document = documents_for_user(user).filter(pk=document_pk, status=DocumentStatus.READY,
                                               agency__in=agencies_in_scope(user)).first()
    outcome = (OutcomeDocument.objects.select_related("document__agency", "award")
               .filter(document=document, kind=OutcomeDocumentKind.DECISION, registered=True).first()
               if document is not None else None)
    if outcome is None:
        raise Http404
    return outcome


def may_see_payouts(user: User, outcome: OutcomeDocument) -> bool:
    return (outcome.kind == OutcomeDocumentKind.DECISION and outcome.registered
            and agencies_in_scope(user).filter(pk=outcome.document.agency_id).exists())
