"""What a signer reads before he signs (issue 18, "sign with your eyes open"), one entry per document the
step signs, each with the address of its draft PDF ("DỰ THẢO", unnumbered, rendered on the fly):

- the council approval: the minutes already drafted, and the Quyết định and Tờ trình the approval creates,
  built by the very builders the approval uses (``documents.outcomes``) and stored nowhere;
- the agency's pledge công văn and the annual report: the draft the secretariat compiled, which is the very
  document the signer signs (``documents:draft``).

Only the agency's drafting roles (the chief, deputies, the secretariat) see entries; the PDFs answer 404 to
anyone else."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from workflow.documents.models import DocumentStatus, IssuedDocument
from workflow.documents.selectors import can_draft_documents
from workflow.documents.services import document_draft_render, draft_preview_render

from ..documents.outcomes import OutcomeDraft, outcome_drafts, outcome_groups
from ..models import (
    AgencyPledgeRegistration,
    AgencyPledgeStatus,
    AnnualReport,
    OutcomeDocumentKind,
    ReportStatus,
    Session,
    SessionStatus,
)


@dataclass(frozen=True)
class PreviewEntry:
    """One document to be signed, as the template ``nominations/_sign_previews.html`` lists it."""

    title: str
    url: str  # its draft PDF
    lines: int | None = None  # how many lines of the council's outcome it carries (None: not counted)


def _stored_draft(actor: User, document: IssuedDocument | None, title: str) -> list[PreviewEntry]:
    """A draft already stored, which the step signs as it is."""
    if document is None or document.status != DocumentStatus.DRAFT or not can_draft_documents(actor,
                                                                                              document.agency):
        return []
    return [PreviewEntry(title, reverse("documents:draft", args=[document.pk]))]


def agency_pledge_previews(*, actor: User, registration: AgencyPledgeRegistration) -> list[PreviewEntry]:
    """The công văn the signer signs, with its annex the Bản đăng ký, while it waits for his signature."""
    if registration.status != AgencyPledgeStatus.COMPILED:
        return []
    document = registration.document
    return _stored_draft(actor, document, f"CÔNG VĂN V/v {document.summary}" if document else "")


def report_previews(*, actor: User, report: AnnualReport) -> list[PreviewEntry]:
    """The Báo cáo the signer signs, while it waits for his signature."""
    if report.status != ReportStatus.COMPILED:
        return []
    document = report.document
    return _stored_draft(actor, document, f"BÁO CÁO {document.summary}" if document else "")


def _drafts(session: Session, actor: User) -> list[OutcomeDraft]:
    items = list(session.items.select_related("line__person__unit", "line__unit", "line__award",
                                              "line__commendation_kind", "line__dossier"))
    in_house, higher = outcome_groups(items)
    return outcome_drafts(session, in_house, higher, drafter=actor, on=timezone.localdate())


def session_previews(*, actor: User, session: Session) -> list[PreviewEntry]:
    """The documents the approval will sign, in order: none before the minutes are finalised, and only for
    the agency's drafting roles (the chief, deputies, the secretariat)."""
    if session.status != SessionStatus.FINALISED or not can_draft_documents(actor, session.cycle.agency):
        return []
    def url(index: int) -> str:
        return reverse("nominations:session_preview", args=[session.pk, index])

    entries = [PreviewEntry(f"BIÊN BẢN {session.minutes.summary}", url(0))] if session.minutes else []
    words = {OutcomeDocumentKind.DECISION: "QUYẾT ĐỊNH", OutcomeDocumentKind.SUBMISSION: "TỜ TRÌNH"}
    entries += [PreviewEntry(f"{words[each.kind]} {each.draft.summary}", url(index), len(each.lines))
                for index, each in enumerate(_drafts(session, actor), start=1)]
    return entries


def session_preview_pdf(*, actor: User, session: Session, index: int) -> bytes:
    """The draft PDF of entry ``index``; 404 for an index that is not there, or for a reader who may not see
    drafts (the same answer as for a missing one)."""
    if session.status != SessionStatus.FINALISED or not can_draft_documents(actor, session.cycle.agency):
        raise Http404
    try:
        if index == 0:
            if session.minutes is None:
                raise Http404
            return document_draft_render(actor=actor, document=session.minutes)
        drafts = _drafts(session, actor)
        if not 1 <= index <= len(drafts):
            raise Http404
        draft = drafts[index - 1].draft
        return draft_preview_render(actor=actor, agency=session.cycle.agency, **draft.create_kwargs())
    except PermissionDenied as exc:
        raise Http404 from exc
