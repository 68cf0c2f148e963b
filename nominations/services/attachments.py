"""A dossier's files as stored, and who may make them: what the dossier services and the báo cáo thành tích's
papers share. Apart from ``dossiers`` so that ``papers`` (whose PDF the submission completes) and ``dossiers``
(which submits) do not import each other."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Unit, User
from accounts.roles import Role
from accounts.selectors import roles_here
from workflow.audit import audit_record
from workflow.history import history_save as _save
from workflow.signing.verify import check_pdf

from ..audit import ATTACHMENT_ADDED
from ..models import Attachment, Dossier, Line, RequiredPaper
from ..uploads import sniff_upload


def require_unit_head(actor: User, unit: Unit) -> None:
    if Role.UNIT_HEAD not in roles_here(actor, unit):
        raise PermissionDenied(_("Chỉ trưởng đơn vị mới được lập và nộp hồ sơ của đơn vị."))


@transaction.atomic
def attachment_store(
    *, actor: User, dossier: Dossier, kind: str, filename: str, content: bytes, line: Line | None = None,
    paper: RequiredPaper | None = None,
) -> Attachment:
    """Store and audit a file of the (locked) dossier, checked by its content; no permission check: the
    caller has made it (``attachment_add``), or the system finishes what a person did (the báo cáo thành
    tích's PDF rendered after the head's confirmation, ``papers.achievement_report_pdf_make``)."""
    name = unicodedata.normalize("NFC", filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]).replace("\x00", "")
    content_type = sniff_upload(content, filename=name)
    name = name[-255:] or "tep"
    # A signed PDF (a unit's scanned-and-signed paper, another agency's document) is checked as it arrives; the
    # secretariat reads the result beside the file.
    signatures = ([check.as_dict() for check in check_pdf(content, unreadable_is_finding=False)]
                  if content_type == "application/pdf" else [])
    attachment = Attachment(dossier=dossier, line=line, kind=kind, original_name=name, content_type=content_type,
                            size=len(content), uploaded_by=actor, paper=paper, signatures=signatures)
    attachment.file.save(name, ContentFile(content), save=False)
    try:
        _save(attachment, actor)
    except ValidationError:
        attachment.file.storage.delete(attachment.file.name)
        raise
    audit_record(actor=actor, action=ATTACHMENT_ADDED, obj=attachment, agency=dossier.cycle.agency,
                 changes={"kind": kind, "name": name, "size": len(content), "line": line.pk if line else None,
                          "paper": paper.pk if paper else None})
    return attachment
