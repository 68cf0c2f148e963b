"""A Tờ trình's state read from its document and Sở Nội vụ's answers, and the Tờ trình a caller may read with
their answers counted (the API's list and detail; the rule of who reads is ``council.submissions_for_user``)."""

from __future__ import annotations

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from workflow.documents.models import DocumentStatus

from ..models import AnswerStatus, OutcomeDocument, SubmissionAnswer
from .council import submissions_for_user

SUBMISSION_STATES = {
    "draft": _("Chưa ban hành"),
    "at_home_affairs": _("Chờ Sở Nội vụ cho ý kiến"),
    "returned": _("Sở Nội vụ trả lại, chờ bổ sung và trình lại"),
    "answered": _("Sở Nội vụ đã cho ý kiến tất cả các dòng"),
}


def submission_state(document_status: str, counts: dict[str, int]) -> str:
    """Where the Tờ trình stands: not issued yet; lines waiting for Sở Nội vụ; lines back with the agency; done."""
    if document_status != DocumentStatus.READY:
        return "draft"
    if counts.get(AnswerStatus.PENDING):
        return "at_home_affairs"
    if counts.get(AnswerStatus.RETURNED):
        return "returned"
    return "answered"


def submissions_with_answers(user: User, *, lines: bool = False) -> QuerySet[OutcomeDocument]:
    """The Tờ trình ``user`` reads, newest first, each with ``<status>_count`` of its answers; ``lines``: with
    its answers and their lines prefetched (in the Tờ trình's order)."""
    counts = {f"{status}_count": Count("answers", filter=Q(answers__status=status), distinct=True)
              for status in AnswerStatus.values}
    found = (OutcomeDocument.objects.filter(pk__in=submissions_for_user(user).values("pk"))
             .select_related("document__agency", "session").annotate(**counts)
             .order_by(F("document__signed_at").desc(nulls_last=True), "-pk"))
    if lines:
        found = found.prefetch_related(Prefetch("answers", queryset=SubmissionAnswer.objects.select_related(
            "line__person", "line__unit", "line__award", "line__home_affairs_answer").order_by("line__position",
                                                                                              "pk")))
    return found
