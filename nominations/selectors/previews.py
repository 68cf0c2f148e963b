"""What the chief reads before he signs (issue 18, "sign with your eyes open"): every document his approval
will sign, as its draft — the minutes already drafted, and the Quyết định and Tờ trình his approval creates,
built by the very builders the approval uses (``documents.outcomes``), rendered "DỰ THẢO", stored nowhere."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from workflow.documents.selectors import can_draft_documents
from workflow.documents.services import document_draft_render, draft_preview_render

from ..documents.outcomes import OutcomeDraft, outcome_drafts, outcome_groups
from ..models import OutcomeDocumentKind, Session, SessionStatus


@dataclass(frozen=True)
class PreviewEntry:
    index: int  # 0: the minutes; 1…: the outcome documents in the order the approval creates them
    title: str
    kind: str
    lines: int


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
    entries = ([PreviewEntry(0, f"BIÊN BẢN {session.minutes.summary}", "minutes", session.items.count())]
               if session.minutes else [])
    words = {OutcomeDocumentKind.DECISION: "QUYẾT ĐỊNH", OutcomeDocumentKind.SUBMISSION: "TỜ TRÌNH"}
    entries += [PreviewEntry(index, f"{words[each.kind]} {each.draft.summary}", each.kind, len(each.lines))
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
