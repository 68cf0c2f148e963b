"""Every write to documents: draft, sign, issue (number + PDF), retry.

Signing and issuing are two steps because the PDF may take seconds: ``document_sign`` records
who signed and when, and queues the issuing; ``document_issue`` (run by a Celery worker, or
inline when no broker is configured) takes the number, renders and stores the PDF in one
transaction. If rendering fails that transaction rolls back, so the number was never taken
(Nghị định 30/2020/NĐ-CP, Điều 15: no gap in a register) and the document says it failed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Agency, Unit, User
from accounts.roles import Role
from workflow.audit import Action, audit_record
from workflow.audit.actions import register_action
from workflow.history import full_clean
from workflow.signing.backends import SigningError
from workflow.signing.pdf import Box
from workflow.signing.services import document_pdf_sign, expected_signatures
from workflow.signing.verify import SignatureCheck
from workflow.signing.verify import check_pdf as signatures_check
from workflow.signing.verify import check_pdf_cached as signatures_check_cached
from workflow.templatetags.vietnamese_dates import place_and_date, vietnamese_date

from . import numbering, rendering
from .audit_link import audit_chain_head
from .kinds import get_kind
from .models import DocumentRecipient, DocumentStatus, DocumentType, IssuedDocument, SignatureForm
from .selectors import can_draft_documents, signing_role

logger = logging.getLogger(__name__)

DOCUMENT_RETRIED = register_action("document.retried", gettext_lazy("Tạo lại văn bản bị lỗi khi tạo PDF"))
DOCUMENT_REQUEUED = register_action("document.requeued", gettext_lazy("Xếp lại việc tạo PDF của văn bản đã ký"))
DOCUMENT_DISCARDED = register_action("document.discarded", gettext_lazy("Hủy dự thảo văn bản"))
DOCUMENT_UPDATED = register_action("document.updated", gettext_lazy("Sửa dự thảo văn bản"))

BLANK = "\u00a0" * 6


def signature_lines(
    *, form: str, deputy: bool, head_title: str, deputy_title: str,
    collective_name: str = "", collective_head_title: str = "",
) -> list[str]:
    """The authority lines above the signature (Nghị định 30/2020, Điều 13; Phụ lục I, mục 8).

    The head signs under the agency's head title (upper case); a deputy signs for the head,
    "KT. <HEAD TITLE>" over the deputy's title; for a collective body the lines start "TM. <BODY>".
    """
    if form == SignatureForm.COLLECTIVE:
        lines = [f"TM. {collective_name}".upper()]
        if deputy:
            return [*lines, f"KT. {collective_head_title}".upper(), f"PHÓ {collective_head_title}".upper()]
        return [*lines, collective_head_title.upper()]
    if deputy:
        return [f"KT. {head_title}".upper(), deputy_title.upper()]
    return [head_title.upper()]


def _json_safe(data: dict) -> dict:
    """Data as it will be stored: JSON only, strings in NFC (names compare equal however typed)."""
    try:
        text = json.dumps(data, ensure_ascii=False, default=_reject)
    except (TypeError, ValueError) as exc:
        raise ValidationError(_("Dữ liệu văn bản không hợp lệ: %(error)s") % {"error": exc}) from exc
    return json.loads(unicodedata.normalize("NFC", text))


def _reject(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON data")


def _draft_date(year: int) -> str:
    return f"ngày {BLANK} tháng {BLANK} năm {year}"


def document_context(document: IssuedDocument, *, draft: bool) -> dict:
    """What the templates receive: ``doc`` (header, number, signature) and ``data``.

    For an issued document this is exactly the snapshot stored with it.
    """
    agency = document.agency
    kind = get_kind(document.template_key)
    data = document.data or {}
    when = timezone.localtime(document.signed_at) if (document.signed_at and not draft) else None
    year = when.year if when else timezone.localdate().year
    number = None if draft else document.number
    number_text = (
        numbering.format_number(
            number=number, doc_type=document.doc_type, agency_code=agency.code, unit_code=document.issuer_unit_code
        )
        if document.doc_type else ""
    )
    deputy = document.signer_is_deputy if not draft else False
    archive = ", ".join(part for part in ("VT", document.issuer_unit_code) if part)
    return {
        "doc": {
            "parent_name": agency.parent_name,
            "issuer_name": agency.short_name,
            "numbered": bool(document.doc_type),
            "number_text": number_text,
            "number_ref": number_text.removeprefix("Số: "),
            "vv": document.summary if document.doc_type == DocumentType.CONG_VAN else "",
            "place_date": (
                place_and_date(when, agency.place_name) if when else f"{agency.place_name}, {_draft_date(year)}"
            ),
            "signed_date": vietnamese_date(when) if when else _draft_date(year),
            "type_name": kind.type_name if kind else "",
            "summary": [line for line in document.summary.splitlines() if line.strip()],
            "kinh_gui": list(data.get("kinh_gui") or []),
            "noi_nhan": list(data.get("noi_nhan") or []),
            "archive": archive,
            "signature_lines": signature_lines(
                form=document.signature_form, deputy=deputy, head_title=agency.head_title,
                deputy_title=agency.deputy_title, collective_name=document.collective_name,
                collective_head_title=document.collective_head_title,
            ),
            "signer_name": "" if draft or document.signer is None else document.signer.full_name,
            "draft": draft,
            "audit_head": "" if draft else audit_chain_head(),
        },
        "data": data,
    }


def _template_of(document: IssuedDocument) -> str:
    kind = get_kind(document.template_key)
    if kind is None:
        raise ValidationError(_("Không có mẫu văn bản “%(key)s”.") % {"key": document.template_key})
    return kind.template


@dataclass(frozen=True)
class Recipient:
    """One entry of a document's Nơi nhận (``models.RecipientKind``; ``agency`` for ``AGENCY`` only; ``unit``
    or ``person`` for ``INTERNAL`` only: a unit or a person of the agency the document names, who reads it once
    issued)."""

    kind: str
    agency: Agency | None = None
    unit: Unit | None = None
    person: User | None = None


def _recipients_save(document: IssuedDocument, recipients: list[Recipient], actor: User) -> list[str]:
    for position, recipient in enumerate(recipients, start=1):
        if (recipient.unit is not None and recipient.unit.agency_id != document.agency_id) or (
                recipient.person is not None
                and (recipient.person.unit.agency_id if recipient.person.unit_id else None) != document.agency_id):
            raise ValidationError(_("Đơn vị, cá nhân nhận văn bản phải thuộc cơ quan ban hành."))
        row = DocumentRecipient(document=document, kind=recipient.kind, agency=recipient.agency, unit=recipient.unit,
                                person=recipient.person, position=position)
        full_clean(row)
        row._history_user = actor
        row.save()
    return [recipient.kind for recipient in recipients]


@transaction.atomic
def document_create(
    *,
    actor: User,
    agency: Agency,
    template_key: str,
    summary: str,
    data: dict,
    doc_type: str | None = None,
    issuer_unit_code: str = "",
    signature_form: str = SignatureForm.HEAD,
    collective_name: str = "",
    collective_head_title: str = "",
    recipients: list[Recipient] | None = None,
) -> IssuedDocument:
    """A new draft of ``agency``; the secretariat, the chief or a deputy may draft. ``recipients``: its Nơi nhận
    as data (who outside the agency will read it once issued); by default those of its kind
    (``kinds.DocumentKind.recipients``)."""
    if not can_draft_documents(actor, agency):
        raise PermissionDenied(_("Chỉ thường trực thi đua – khen thưởng hoặc lãnh đạo cơ quan mới được soạn văn bản."))
    kind = get_kind(template_key)
    if kind is None:
        raise ValidationError(_("Không có mẫu văn bản “%(key)s”.") % {"key": template_key})
    document = IssuedDocument(
        agency=agency,
        template_key=template_key,
        doc_type=kind.default_doc_type if doc_type is None else doc_type,
        issuer_unit_code=issuer_unit_code,
        summary=unicodedata.normalize("NFC", summary),
        data=_json_safe(data),
        signature_form=signature_form,
        collective_name=collective_name,
        collective_head_title=collective_head_title,
        created_by=actor,
    )
    if document.doc_type == DocumentType.CONG_VAN and not issuer_unit_code:
        raise ValidationError({"issuer_unit_code": _("Công văn cần mã đơn vị soạn thảo, ví dụ HCQT.")})
    if signature_form == SignatureForm.COLLECTIVE and not (collective_name and collective_head_title):
        raise ValidationError(_("Ký thay mặt tập thể (TM.) cần tên tập thể và chức danh người đứng đầu."))
    document.full_clean()
    document._history_user = actor
    document.save()
    if recipients is None:
        recipients = [Recipient(kind) for kind in kind.recipients]
    if any(r.agency is not None and r.agency.pk == agency.pk for r in recipients):
        raise ValidationError(_("Nơi nhận là một cơ quan khác, không phải cơ quan ban hành."))
    sent_to = _recipients_save(document, recipients, actor)
    audit_record(actor=actor, action=Action.CREATED, obj=document, agency=agency,
                 changes={"template_key": template_key, "summary": document.summary, "recipients": sent_to})
    return document


def _lock(document: IssuedDocument) -> IssuedDocument:
    return IssuedDocument.objects.select_for_update(of=("self",)).select_related("agency", "signer").get(pk=document.pk)


@transaction.atomic
def document_update(*, actor: User, document: IssuedDocument, summary: str | None = None,
                    data: dict | None = None) -> IssuedDocument:
    """Change a draft; a signed document never changes."""
    locked = _lock(document)
    if not can_draft_documents(actor, locked.agency):
        raise PermissionDenied(_("Bạn không có quyền sửa văn bản này."))
    if locked.status != DocumentStatus.DRAFT:
        raise ValidationError(_("Văn bản đã ký, không thể sửa."))
    before = {"summary": locked.summary, "data": locked.data}
    if summary is not None:
        locked.summary = unicodedata.normalize("NFC", summary)
    if data is not None:
        locked.data = _json_safe(data)
    locked.full_clean()
    locked._history_user = actor
    locked.save()
    audit_record(actor=actor, action=DOCUMENT_UPDATED, obj=locked, agency=locked.agency,
                 changes={"changed": [name for name, value in before.items() if getattr(locked, name) != value]})
    return locked


def document_draft_render(*, actor: User, document: IssuedDocument) -> bytes:
    """The PDF of a draft: "DỰ THẢO" across every page and no number; nothing is stored."""
    if not can_draft_documents(actor, document.agency):
        raise PermissionDenied(_("Bạn không có quyền xem dự thảo văn bản này."))
    return rendering.render_pdf(_template_of(document), document_context(document, draft=True)).pdf


def draft_preview_render(*, actor: User, agency: Agency, template_key: str, summary: str, data: dict,
                         doc_type: str | None = None, issuer_unit_code: str = "",
                         signature_form: str = SignatureForm.HEAD) -> bytes:
    """The PDF a draft would give, before it exists: what a signer reads before an action that creates and
    signs it at once (the chief's approval). Watermarked "DỰ THẢO", unnumbered; nothing is stored."""
    if not can_draft_documents(actor, agency):
        raise PermissionDenied(_("Bạn không có quyền xem dự thảo văn bản này."))
    kind = get_kind(template_key)
    if kind is None:
        raise ValidationError(_("Không có mẫu văn bản “%(key)s”.") % {"key": template_key})
    document = IssuedDocument(agency=agency, template_key=template_key, summary=unicodedata.normalize("NFC", summary),
                              doc_type=kind.default_doc_type if doc_type is None else doc_type,
                              issuer_unit_code=issuer_unit_code, data=_json_safe(data), signature_form=signature_form)
    return rendering.render_pdf(kind.template, document_context(document, draft=True)).pdf


@transaction.atomic
def document_discard(*, actor: User, document: IssuedDocument) -> None:
    """A draft nobody will sign is deleted (its history and the audit event keep what it was); a signed or
    issued document never is."""
    document = _lock(document)
    if not can_draft_documents(actor, document.agency):
        raise PermissionDenied(_("Bạn không có quyền hủy dự thảo văn bản này."))
    if document.status != DocumentStatus.DRAFT:
        raise ValidationError(_("Chỉ hủy được văn bản còn là dự thảo."))
    audit_record(actor=actor, action=DOCUMENT_DISCARDED, obj=document, agency=document.agency,
                 changes={"template_key": document.template_key, "summary": document.summary})
    document._history_user = actor
    document.delete()


@transaction.atomic
def document_sign(*, actor: User, document: IssuedDocument) -> IssuedDocument:
    """The chief signs, or a deputy signs "KT."; the number and the PDF follow (``document_issue``)."""
    locked = _lock(document)
    role = signing_role(actor, locked.agency)
    if role is None:
        raise PermissionDenied(
            _("Chỉ %(head)s hoặc %(deputy)s mới được ký văn bản của cơ quan.")
            % {"head": locked.agency.head_title, "deputy": locked.agency.deputy_title}
        )
    if locked.status != DocumentStatus.DRAFT:
        raise ValidationError(_("Văn bản này đã được ký."))
    _template_of(locked)
    locked.signer = actor
    locked.signer_is_deputy = role == Role.DEPUTY_CHIEF
    locked.signed_at = locked.queued_at = timezone.now()
    locked.status = DocumentStatus.QUEUED
    locked.error = ""
    locked.full_clean()
    locked._history_user = actor
    locked.save()
    audit_record(actor=actor, action=Action.SIGNED, obj=locked, agency=locked.agency,
                 changes={"signer_is_deputy": locked.signer_is_deputy})
    _queue_issue(locked.pk)
    return locked


@transaction.atomic
def document_retry(*, actor: User, document: IssuedDocument) -> IssuedDocument:
    """Queue a failed document, or one waiting for its digital signature, again; it keeps its signature and still
    has no number."""
    locked = _lock(document)
    if signing_role(actor, locked.agency) is None and not can_draft_documents(actor, locked.agency):
        raise PermissionDenied(_("Bạn không có quyền tạo lại văn bản này."))
    if locked.status not in (DocumentStatus.FAILED, DocumentStatus.SIGN_PENDING):
        raise ValidationError(_("Chỉ tạo lại được văn bản bị lỗi khi tạo PDF hoặc đang chờ ký số."))
    failure = locked.error
    locked.status = DocumentStatus.QUEUED
    locked.queued_at = timezone.now()
    locked.error = ""
    locked._history_user = actor
    locked.save()
    audit_record(actor=actor, action=DOCUMENT_RETRIED, obj=locked, agency=locked.agency,
                 changes={"failure": failure[:500]})
    _queue_issue(locked.pk)
    return locked


# Signed in the system and not yet issued: what ``document_issue`` picks up and ``sweep_stale`` queues again.
WAITING = (DocumentStatus.QUEUED, DocumentStatus.RENDERING, DocumentStatus.SIGN_PENDING)


def documents_requeue_stale(*, older_than: dt.timedelta, now: dt.datetime | None = None) -> list[int]:
    """Queue again the issuing of documents signed but still not issued ``older_than`` after they were
    queued: the broker lost the message, a worker died between marking one "rendering" and
    committing its number, or the digital signature could not be made ("chờ ký số": token missing, PIN
    wrong, certificate expired, signing service down) (the system acts; one audit event each).

    Only the job is queued: the number is taken by ``document_issue`` under the document's and the
    register's row locks, in the transaction that stores the PDF, so a document queued twice still
    takes one number (Nghị định 30/2020/NĐ-CP, Điều 15: no gap, no double). A document a worker is
    rendering right now holds its row lock and is skipped (PostgreSQL; SQLite has no row locks).
    Idempotent: a re-queued document waits ``older_than`` again before the next sweep touches it.
    """
    now = now or timezone.now()
    cutoff = now - older_than
    waiting = (IssuedDocument.objects.filter(status__in=WAITING)
               .annotate(since=Coalesce("queued_at", "signed_at")).filter(since__lt=cutoff))
    requeued = []
    for pk in waiting.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            document = (IssuedDocument.objects.select_for_update(of=("self",), skip_locked=True)
                        .annotate(since=Coalesce("queued_at", "signed_at"))
                        .filter(pk=pk, status__in=WAITING, since__lt=cutoff)
                        .select_related("agency").first())
            if document is None:
                continue
            since = document.since
            document.queued_at = now
            document._history_user = None
            document.save(update_fields=["queued_at"])
            audit_record(actor=None, action=DOCUMENT_REQUEUED, obj=document, agency=document.agency,
                         changes={"status": document.status, "waiting_since": since.isoformat()})
            _queue_issue(document.pk)
            requeued.append(document.pk)
    return requeued


def _queue_issue(document_id: int) -> None:
    """Queue the issuing once the signature is committed: with a broker the request only publishes the
    job and a worker numbers and renders (design §6); inline (no broker) it renders right after commit.

    ``robust``: the signature is already committed when the job is published; a broker that refuses
    the message must not turn a done step into an error page. The document then waits "queued" and
    ``sweep_stale`` queues it again (``workflow.sweep``).
    """
    from .tasks import enqueue_issue  # noqa: PLC0415 - the task module imports this service

    transaction.on_commit(lambda: enqueue_issue(document_id), robust=True)


def document_issue(*, document_id: int) -> IssuedDocument:
    """Number, render and store a signed document, all or nothing (the system acts, for the signer).

    Lock order: the document row, then the register's counter row (``numbering``).
    """
    with transaction.atomic():
        document = IssuedDocument.objects.select_for_update().get(pk=document_id)
        if document.status not in WAITING:
            return document
        document.status = DocumentStatus.RENDERING
        document._history_user = document.signer
        document.save(update_fields=["status"])
    stored_name = ""
    try:
        with transaction.atomic():
            document = _lock(IssuedDocument(pk=document_id))
            if document.status != DocumentStatus.RENDERING:
                return document
            when = timezone.localtime(document.signed_at)
            if document.doc_type:
                document.year = when.year
                document.number = numbering.number_allocate(
                    agency=document.agency, year=when.year, doc_type=document.doc_type, actor=document.signer
                )
            context = document_context(document, draft=False)
            result = rendering.render_pdf(_template_of(document), context)
            text = rendering.pdf_text(result.pdf)
            document.snapshot = context
            document.number_text = context["doc"]["number_text"].removeprefix("Số: ")
            # The number and the date are on the page: both signatures cover them (workflow.signing.pdf).
            signed = document_pdf_sign(document=document, pdf=result.pdf,
                                       anchors={name: Box(*where) for name, where in result.anchors.items()})
            document.pdf_sha256 = hashlib.sha256(signed.pdf).hexdigest()
            document.text_sha256 = rendering.text_sha256(text)
            document.status = DocumentStatus.READY
            document.error = ""
            document.pdf.save(_file_name(document), ContentFile(signed.pdf), save=False)
            stored_name = document.pdf.name
            document._history_user = document.signer
            document.save()
            # After the PDF exists, the issuing's last write: the chain head is locked only briefly
            # (the hooks below add their own short writes), and the event anchors the file's hash in
            # the chain (design §5).
            audit_record(actor=document.signer, action=Action.ISSUED, obj=document, agency=document.agency,
                         changes={"number_text": document.number_text, "pdf_sha256": document.pdf_sha256,
                                  "audit_head": context["doc"]["audit_head"]})
            # What the issuing causes (the domain's hooks, e.g. the awards registry) follows the
            # cause in the log and shares its fate: a failing hook rolls the issuing back.
            for hook in get_kind(document.template_key).on_issued:
                hook(document=document)
    except SigningError as exc:
        logger.warning("Document %s waits for its digital signature: %s", document_id, exc)
        if stored_name:
            document.pdf.storage.delete(stored_name)
        return _document_not_issued(document_id=document_id, status=DocumentStatus.SIGN_PENDING, error=str(exc))
    except Exception as exc:
        logger.exception("Issuing document %s failed", document_id)
        if stored_name:
            document.pdf.storage.delete(stored_name)
        return _document_not_issued(document_id=document_id, status=DocumentStatus.FAILED,
                                    error=f"{type(exc).__name__}: {exc}")
    return document


def _document_not_issued(*, document_id: int, status: str, error: str) -> IssuedDocument:
    """The issuing rolled back (no number taken): the document says why. ``SIGN_PENDING`` (the digital signature
    could not be made) waits for ``sweep_stale``, which tries again ``STALE_DOCUMENT_MINUTES`` after ``queued_at``;
    ``FAILED`` waits for someone to press "Tạo lại"."""
    with transaction.atomic():
        document = IssuedDocument.objects.select_for_update().get(pk=document_id)
        document.status = status
        document.error = error[:2000]
        fields = ["status", "error"]
        if status == DocumentStatus.SIGN_PENDING:
            document.queued_at = timezone.now()
            fields.append("queued_at")
        document._history_user = document.signer
        document.save(update_fields=fields)
    return document


def _file_name(document: IssuedDocument) -> str:
    kind = (document.doc_type or "VB").replace("Đ", "D")
    number = f"{document.number:04d}" if document.number is not None else "0000"
    return f"{document.agency.code}-{document.year or 0}-{kind}-{number}-{document.pk}.pdf"


def document_rerender_text(document: IssuedDocument) -> str:
    """The text the stored snapshot renders to now; equal to the issued text, by construction."""
    if not document.snapshot:
        raise ValidationError(_("Văn bản chưa được ban hành."))
    pdf = rendering.render_pdf(_template_of(document), document.snapshot).pdf
    return rendering.pdf_text(pdf)


@dataclass
class DocumentCheck:
    """What ``verify_documents`` and the document page report of an issued document."""

    file_ok: bool
    audit_head_ok: bool
    text_ok: bool | None  # None: not re-rendered (the page checks the file and signatures only)
    signatures: list[SignatureCheck]

    @property
    def signatures_ok(self) -> bool:
        return bool(self.signatures) and all(check.valid for check in self.signatures)

    @property
    def valid(self) -> bool:
        return self.file_ok and self.audit_head_ok and self.text_ok is not False and self.signatures_ok


def document_check(document: IssuedDocument, *, rerender: bool = True, cached: bool = False) -> DocumentCheck:
    """Does the stored PDF still hash as issued, carry in its metadata the audit chain head it was issued under,
    and (``rerender``) does the snapshot still give the same text? Are its signatures valid, against the
    configured trust roots, and made with certificates of the person and the agency the register names?"""
    with document.pdf.open("rb") as handle:
        stored = handle.read()
    expected = expected_signatures(document)
    check = signatures_check_cached if cached else signatures_check
    return DocumentCheck(
        file_ok=hashlib.sha256(stored).hexdigest() == document.pdf_sha256,
        audit_head_ok=rendering.pdf_audit_head(stored) == (document.snapshot or {}).get("doc", {}).get(
            "audit_head", ""),
        text_ok=(rendering.text_sha256(document_rerender_text(document)) == document.text_sha256) if rerender
        else None,
        signatures=check(stored, expected=expected),
    )


def document_verify(document: IssuedDocument) -> bool:
    """``document_check`` in one word: everything as issued and every signature valid."""
    return document_check(document).valid
