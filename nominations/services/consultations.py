"""Hiệp y / lấy ý kiến (issue 21; docs/legal-basis.md §15), the writes: the secretariat records the request for
opinions it sent about a line (to the body its title's rule set names) and the written answer when it comes back.
The gate that holds a line without its answers is ``gates.consultations_missing``.

A "không đồng ý" answer does not stop the line by itself: it is shown to the chief on the approval page, who
decides, and goes into the Tờ trình with the others (NĐ 152/2025 Điều 33 khoản 11 điểm c); no text read says what
a disagreeing answer obliges (docs/legal-basis.md §15: doubtful).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from workflow.audit import audit_record
from workflow.history import history_save

from ..audit import CONSULTATION_ANSWERED, CONSULTATION_REQUESTED
from ..models import Consultation, ConsultationStatus, Line, RequiredConsultation
from ..selectors.consultations import OPEN_STATUSES, requirements_for
from .cycles import require_secretariat


def _text(value: str) -> str:
    return " ".join((value or "").split())


@transaction.atomic
def consultation_request(*, actor: User, line: Line, requirement: RequiredConsultation, request_number: str,
                         sent_on: dt.date, due_on: dt.date) -> Consultation:
    """The secretariat of the line's agency records the request for opinions it sent to ``requirement``'s body."""
    line = Line.objects.select_for_update(of=("self",)).select_related("cycle__agency", "person", "unit",
                                                                        "award").get(pk=line.pk)
    require_secretariat(actor, line.cycle.agency)
    if line.status not in OPEN_STATUSES:
        raise ValidationError(_("Dòng đề nghị %(line)s không ở bước được gửi xin ý kiến.") % {"line": line})
    if requirement.pk not in {r.pk for r in requirements_for(cycle=line.cycle, lines=[line]).get(line.pk, [])}:
        raise ValidationError({"requirement": _("Quy định của năm không yêu cầu lấy ý kiến cơ quan này cho dòng "
                                                "đề nghị %(line)s.") % {"line": line}})
    if Consultation.objects.filter(line=line, requirement=requirement).exclude(
            status=ConsultationStatus.CANCELLED).exists():
        raise ValidationError(_("Đã gửi xin ý kiến %(body)s về dòng đề nghị này; hủy văn bản cũ trước khi gửi "
                                "lại.") % {"body": requirement.body})
    consultation = Consultation(line=line, requirement=requirement, body=requirement.body,
                                request_number=_text(request_number), sent_on=sent_on, due_on=due_on,
                                requested_by=actor)
    consultation.full_clean()
    try:
        with transaction.atomic():
            history_save(consultation, actor)
    except IntegrityError as error:  # two clicks at once: the constraint keeps one open request
        raise ValidationError(_("Đã gửi xin ý kiến %(body)s về dòng đề nghị này.") % {"body": requirement.body}) \
            from error
    audit_record(actor=actor, action=CONSULTATION_REQUESTED, obj=consultation, agency=line.cycle.agency,
                 changes={"line": line.pk, "body": consultation.body, "request_number": consultation.request_number,
                          "sent_on": f"{sent_on:%d/%m/%Y}", "due_on": f"{due_on:%d/%m/%Y}"})
    return consultation


@transaction.atomic
def consultation_answer_record(*, actor: User, consultation: Consultation, answer_number: str, answered_on: dt.date,
                               verdict: str, answer_text: str = "") -> Consultation:
    """The secretariat records the body's written answer: its number, date, opinion and what it says."""
    consultation = Consultation.objects.select_for_update(of=("self",)).select_related(
        "line__cycle__agency").get(pk=consultation.pk)
    require_secretariat(actor, consultation.line.cycle.agency)
    if consultation.status != ConsultationStatus.SENT:
        raise ValidationError(_("Văn bản xin ý kiến này đã có trả lời hoặc đã bị hủy."))
    consultation.status = ConsultationStatus.ANSWERED
    consultation.answer_number = _text(answer_number)
    consultation.answered_on = answered_on
    consultation.verdict = verdict
    consultation.answer_text = (answer_text or "").strip()
    consultation.answer_recorded_by = actor
    consultation.full_clean()
    history_save(consultation, actor)
    audit_record(actor=actor, action=CONSULTATION_ANSWERED, obj=consultation, agency=consultation.line.cycle.agency,
                 changes={"line": consultation.line_id, "body": consultation.body,
                          "answer_number": consultation.answer_number, "answered_on": f"{answered_on:%d/%m/%Y}",
                          "verdict": verdict})
    return consultation
